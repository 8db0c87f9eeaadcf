/**
 * Character sets and small string helpers shared by the generators, and
 * {@link anyString}: any well-formed string, tricky values included.
 */
import * as fc from 'fast-check';

export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DIGITS = '0123456789';
export const HEX = '0123456789abcdef';

const chars = (set: string): fc.Arbitrary<string> => fc.constantFrom(...set.split(''));
export const str = (set: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: chars(set), minLength, maxLength });

/** A string of `first`, then `middle` characters, then `last`, at most `max` long (1 character when max is 1). */
export function shaped(first: string, middle: string, last: string, max: number, typicalMiddle = 12): fc.Arbitrary<string> {
  const single = first.split('').filter((c) => last.includes(c)).join('');
  const arbs: Array<fc.WeightedArbitrary<string>> = [
    { weight: 10, arbitrary: fc.tuple(chars(first), str(middle, 0, Math.min(typicalMiddle, max - 2)), chars(last)).map(([a, m, z]) => a + m + z) },
  ];
  if (single !== '') arbs.push({ weight: 2, arbitrary: chars(single) });
  if (max > 2) {
    arbs.push({ weight: 1, arbitrary: fc.tuple(chars(first), str(middle, max - 2, max - 2), chars(last)).map(([a, m, z]) => a + m + z) });
  }
  return fc.oneof(...arbs);
}

/** Adds a few hand-picked values (the ones YAML or JavaScript could misread) to `arb`, keeping only those `valid` accepts. */
export function withSpecials(arb: fc.Arbitrary<string>, specials: readonly string[], valid: (s: string) => boolean, weight = 1): fc.Arbitrary<string> {
  const kept = specials.filter(valid);
  return kept.length === 0 ? arb : fc.oneof({ weight: 4, arbitrary: arb }, { weight, arbitrary: fc.constantFrom(...kept) });
}

/** Strings that YAML 1.1 or 1.2 (or a JavaScript object) could read as something else. */
export const TRICKY_STRINGS: readonly string[] = [
  '', ' ', 'yes', 'no', 'Yes', 'NO', 'on', 'Off', 'y', 'n', 'Y', 'N', 'true', 'False', 'TRUE', 'null', 'Null', 'NULL', '~',
  '0755', '0o755', '0x1F', '0b101', '1e3', '1E3', 'e5', 'E10', '1.0', '.5', '1.', '-1', '+1', '-0', '+.5', '1_000', '12:30', '12:30:45',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '.inf', '-.Inf', '.nan', '.NaN', 'NaN', 'Infinity', '-Infinity',
  '=', '<<', '*', '*a', '&a', '!tag', '!!str', '%YAML 1.2', '---', '...', 'a: b', 'a:b', 'a:', ':', '#x', 'a #x', 'a#x', '- x', '-', '--input',
  '? x', '[a]', '{a: b}', '|', '>', '"', "'", '\\', '`', '@x', '%', ',', 'a, b', '\t', '\n', 'a\nb', '\r\n', 'a\rb', ' leading', 'trailing ', 'a  b',
  '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\u200b', '\u202e',
  '😀', '👩‍👩‍👧‍👦', 'e\u0301', 'İ', 'ß', '\u{10FFFF}', '${Token[TOKEN.1]}', '$(HOME)', '$$(HOME)', '{{ .Values.x }}', '%s%n',
  'constructor', 'toString', '__proto__', 'hasOwnProperty', 'value', 'resolve',
];

/** Any well-formed string: ASCII, any code point, graphemes, tricky values, long ones. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...TRICKY_STRINGS), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 200, maxLength: 2000 }) },
);

export const nonEmpty = (arb: fc.Arbitrary<string>): fc.Arbitrary<string> => arb.filter((s) => s !== '');

/**
 * Characters the API server cannot read back from a server-side apply
 * (YAML): DEL, C1 controls (U+0085 turns into a space), U+FFFE and U+FFFF.
 */
export const UNAPPLYABLE = /[\u007f-\u009f\ufffe\uffff]/;

/** {@link anyString} without {@link UNAPPLYABLE} characters: what a valid manifest may hold. */
export const applyableString: fc.Arbitrary<string> = anyString.map((s) => s.replace(new RegExp(UNAPPLYABLE, 'g'), ''));
