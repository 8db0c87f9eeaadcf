/**
 * fast-check arbitraries for the fuzz tests (test/fuzz/*.test.ts) and the
 * standalone fuzzer (scripts/fuzz.ts). This file lives under scripts/ so
 * that `tsc -p tsconfig.build.json` compiles it into build/scripts/fuzz/.
 *
 * - {@link validCaseArbitrary}: manifests that the format and the
 *   Kubernetes API both accept, of every shape (job, cron job, deployment,
 *   service, published service), covering every field of
 *   lib/manifest/schema.ts, as JSON text in several layouts.
 * - {@link settingsArbitrary}: project settings (lib/settings.ts).
 * - {@link hostileCaseArbitrary}: mutations of valid manifests and plain
 *   garbage, each with whether the loader must refuse it.
 *
 * The generators are written from the Kubernetes rules (apimachinery
 * validation), not from the code under test. Inputs that trigger a known,
 * reported bug of lib/ are only generated with `knownBugs: 'include'`
 * (see {@link KNOWN_BUGS}); remove a bug from that list once lib/ is fixed.
 */
import * as fc from 'fast-check';

// ---------------------------------------------------------------------------
// Options and known bugs

export interface FuzzOptions {
  /**
   * `'avoid'` (default) never generates the inputs of {@link KNOWN_BUGS};
   * `'include'` does, so that a run shows whether they are fixed.
   */
  readonly knownBugs?: 'avoid' | 'include';
}

/**
 * Inputs with which fuzzing found bugs of lib/ (crashes, or manifests the API
 * server would refuse). All are fixed: lib/ now refuses each with a located
 * diagnostic (test/fuzz/*.test.ts pins that). The valid generator never
 * produces them; with `knownBugs: 'include'` it does, and those runs are
 * expected to end in a refusal.
 */
export const KNOWN_BUGS = {
  constructorKey:
    'a map key "constructor" (label key, node-selector key, csi volumeAttributes key) crashes rendering ' +
    "(cdk8s: can't render non-simple object) or, with a \"value\" key beside it, silently replaces the whole map by {value}",
  protoKey: 'a csi volumeAttributes entry "__proto__" is silently dropped (a map built by assignment)',
  envDotName: 'env names ".", ".." and "..x" pass validation but the API server refuses them (IsEnvVarName: hasChDirPrefix)',
  itemsDotPath: 'configMap/secret items[].path starting with ".." (such as "..data") passes validation but the API server refuses it',
  csiDriverLength: 'a csi driver name of 64-253 characters passes validation but the API server refuses it (at most 63)',
  nfsRelativePath: 'a relative nfs.path passes validation but the API server refuses it ("must be an absolute path")',
  restrictedNfs: 'with podSecurity "restricted", an nfs volume is rendered although the restricted profile forbids that volume type',
  deepNesting: 'JSON nested a few thousand levels deep makes ManifestLoader.load throw RangeError (call stack) instead of reporting a diagnostic',
  annotationSize: 'published.displayed_name (253) and icon (2048) have length limits, so annotations stay far below the 256 KiB the API server allows',
} as const;

export type KnownBug = keyof typeof KNOWN_BUGS;

const including = (options: FuzzOptions): boolean => options.knownBugs === 'include';

// ---------------------------------------------------------------------------
// Character sets and small helpers

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';

const chars = (set: string): fc.Arbitrary<string> => fc.constantFrom(...set.split(''));
const str = (set: string, minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: chars(set), minLength, maxLength });

/** A string of `first`, then `middle` characters, then `last`, at most `max` long (1 character when max is 1). */
function shaped(first: string, middle: string, last: string, max: number, typicalMiddle = 12): fc.Arbitrary<string> {
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
function withSpecials(arb: fc.Arbitrary<string>, specials: readonly string[], valid: (s: string) => boolean, weight = 1): fc.Arbitrary<string> {
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

const nonEmpty = (arb: fc.Arbitrary<string>): fc.Arbitrary<string> => arb.filter((s) => s !== '');

// ---------------------------------------------------------------------------
// Kubernetes names (apimachinery pkg/util/validation), written independently of lib/

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

const NAME_SPECIALS = ['yes', 'no', 'on', 'off', 'y', 'n', 'true', 'false', 'null', 'nan', 'inf', 'e5', 'e10', '0755', '1e3', '123', '0', '0x1f', '0o17', '1-2', '2001-12-14', 'a'];

/** A DNS-1123 label of at most `max` characters. */
export const dnsLabel = (max = 63): fc.Arbitrary<string> =>
  withSpecials(shaped(LOWER + DIGITS, LOWER + DIGITS + '-', LOWER + DIGITS, max), NAME_SPECIALS, (s) => s.length <= max && DNS1123_LABEL.test(s));

/** A DNS-1035 label (a Service name). */
export const dns1035Label = (max = 63): fc.Arbitrary<string> =>
  withSpecials(shaped(LOWER, LOWER + DIGITS + '-', LOWER + DIGITS, max), NAME_SPECIALS, (s) => s.length <= max && DNS1035_LABEL.test(s));

/** A DNS-1123 subdomain of at most `max` (≤ 253) characters. */
export const dnsSubdomain = (max = 253): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.array(dnsLabel(20), { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')) },
    { weight: 1, arbitrary: fc.array(dnsLabel(63), { minLength: 4, maxLength: 4 }).map((labels) => labels.join('.').slice(0, max).replace(/[-.]+$/, '')) },
  ).filter((s) => s.length >= 1 && s.length <= max && s.split('.').every((l) => DNS1123_LABEL.test(l)));

const QUALIFIED_SPECIALS = ['app', 'yes', 'No', 'ON', 'y', 'Y', 'n', 'true', 'Null', '1e3', '0755', 'e5', 'E5', '1_000', 'value', 'toString', 'hasOwnProperty', 'valueOf', 'resolve', 'prototype', 'a.b', 'a_b', 'a-b'];

/** The name part of a label key / label value shape: at most 63 letters, digits, '-', '_', '.', alphanumeric at both ends. */
const qualifiedPart: fc.Arbitrary<string> = withSpecials(
  shaped(LOWER + UPPER + DIGITS, LOWER + UPPER + DIGITS + '-_.', LOWER + UPPER + DIGITS, 63),
  QUALIFIED_SPECIALS,
  (s) => s.length <= 63 && QUALIFIED_NAME_PART.test(s),
);

/** A label key (or node-selector / toleration key): `[prefix/]name`. */
export const qualifiedName = (options: FuzzOptions = {}): fc.Arbitrary<string> => {
  const name = including(options) ? fc.oneof({ weight: 20, arbitrary: qualifiedPart }, { weight: 1, arbitrary: fc.constant('constructor') }) : qualifiedPart;
  return fc.tuple(fc.option(dnsSubdomain(60), { nil: undefined, freq: 4 }), name).map(([prefix, n]) => (prefix === undefined ? n : `${prefix}/${n}`));
};

/** A label value: empty, or a qualified name part. */
export const labelValue: fc.Arbitrary<string> = fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 12, arbitrary: qualifiedPart });

/** An environment variable name, as Kubernetes 1.27 accepts it. */
export const envName = (options: FuzzOptions = {}): fc.Arbitrary<string> => {
  const specials = ['yes', 'NO', 'on', 'y', 'e5', '_', '-', '.a', '-a', 'a.b', 'a-b', '__proto__', 'constructor', 'PATH', 'HOME', 'A'];
  const bugs = including(options) ? ['.', '..', '..x'] : [];
  const base = shaped(LOWER + UPPER + '_-.', LOWER + UPPER + DIGITS + '_-.', LOWER + UPPER + DIGITS + '_-.', 60);
  return withSpecials(base, [...specials, ...bugs], (s) => ENV_VAR_NAME.test(s))
    .filter((s) => s !== 'GOOGLE_APPLICATION_CREDENTIALS')
    .filter((s) => including(options) || !(s === '.' || s.startsWith('..')));
};

/** An IANA service name (a named port). */
export const ianaSvcName: fc.Arbitrary<string> = fc
  .oneof(shaped(LOWER + DIGITS, LOWER + DIGITS + '-', LOWER + DIGITS, 15, 13), fc.constantFrom('http', 'app-port', 'yes', 'y', 'on', 'null', 'e5', '1e3', 'a'))
  .filter((s) => s.length <= 15 && /^[a-z0-9](-?[a-z0-9])*$/.test(s) && /[a-z]/.test(s));

// ---------------------------------------------------------------------------
// Image references (distribution/reference)

const pathComponent = fc
  .array(fc.tuple(fc.constantFrom('', '.', '_', '__', '-', '--'), str(LOWER + DIGITS, 1, 6)), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.map(([sep, s], i) => (i === 0 ? s : sep === '' ? s : sep + s)).join(''))
  .filter((s) => /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/.test(s));

const domainComponent = shaped(LOWER + UPPER + DIGITS, LOWER + UPPER + DIGITS + '-', LOWER + UPPER + DIGITS, 20, 8);

const registry = fc.oneof(
  fc.array(domainComponent, { minLength: 1, maxLength: 3 }).map((c) => c.join('.')),
  fc.constantFrom('localhost', 'gcr.io', 'quay.io', 'registry-1.docker.io', '[::1]', '[fe80::1]', '127.0.0.1'),
);

const digest = fc.oneof(
  str(HEX, 64, 64).map((h) => `sha256:${h}`),
  str(HEX, 96, 96).map((h) => `sha384:${h}`),
  str(HEX, 128, 128).map((h) => `sha512:${h}`),
);

/** A valid image reference: `[registry[:port]/]path[:tag][@digest]`. */
export const imageReference: fc.Arbitrary<string> = fc
  .tuple(
    fc.option(fc.tuple(registry, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined })), { nil: undefined }),
    fc.array(pathComponent, { minLength: 1, maxLength: 3 }),
    fc.option(fc.oneof(shaped(LOWER + UPPER + DIGITS + '_', LOWER + UPPER + DIGITS + '_.-', LOWER + UPPER + DIGITS + '_.-', 128, 10), fc.constantFrom('latest', '1.0', 'yes', '0755', '1e3', 'v1.2.3-rc.1', 'NULL')), { nil: undefined }),
    fc.option(digest, { nil: undefined, freq: 4 }),
  )
  .map(([reg, path, tag, dig]) => {
    const host = reg === undefined ? '' : `${reg[0]}${reg[1] === undefined ? '' : `:${reg[1]}`}/`;
    return `${host}${path.join('/')}${tag === undefined ? '' : `:${tag}`}${dig === undefined ? '' : `@${dig}`}`;
  })
  .filter((ref) => ref.split('@')[0].replace(/:[\w][\w.-]*$/, '').length <= 255);

// ---------------------------------------------------------------------------
// Quantities (apimachinery pkg/api/resource), with an exact evaluator

const DECIMAL_SUFFIX: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** The exact value of a quantity as a fraction `num / den` (both ≥ 0), or undefined when it is not one. */
export function quantityValue(text: string): { num: bigint; den: bigint } | undefined {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/s.exec(text);
  if (m === null) return undefined;
  const [, sign, whole, fraction = '', suffix] = m;
  if (whole === '' && fraction === '') return undefined;
  let exp10 = -fraction.length;
  let exp2 = 0;
  if (Object.hasOwn(DECIMAL_SUFFIX, suffix)) exp10 += DECIMAL_SUFFIX[suffix];
  else if (Object.hasOwn(BINARY_SUFFIX, suffix)) exp2 = BINARY_SUFFIX[suffix];
  else {
    const e = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
    if (e === null) return undefined;
    exp10 += Number(e[1]);
  }
  const digits = BigInt(whole + fraction) * 2n ** BigInt(exp2);
  if (sign === '-' && digits !== 0n) return undefined;
  return exp10 >= 0 ? { num: digits * 10n ** BigInt(exp10), den: 1n } : { num: digits, den: 10n ** BigInt(-exp10) };
}

/** The value in nano units rounded up, as the API server stores it. */
export function quantityNanos(text: string): bigint | undefined {
  const v = quantityValue(text);
  return v === undefined ? undefined : (v.num * 1_000_000_000n + v.den - 1n) / v.den;
}

const compareValues = (a: { num: bigint; den: bigint }, b: { num: bigint; den: bigint }): number => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};

const MAX_QUANTITY = { num: 2n ** 63n - 1n, den: 1n };

/** A non-negative quantity of at most 2^63-1 units, in any notation: "500m", "0.5", ".5Gi", "1e3", "+1.5E-2", "-0". */
export const quantity: fc.Arbitrary<string> = fc
  .oneof(
    {
      weight: 10,
      arbitrary: fc
        .tuple(
          fc.constantFrom('', '', '', '+'),
          str(DIGITS, 0, 5),
          fc.option(str(DIGITS, 0, 4), { nil: undefined }),
          fc.oneof(
            fc.constantFrom(...Object.keys(DECIMAL_SUFFIX)),
            fc.constantFrom(...Object.keys(BINARY_SUFFIX)),
            fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 20 })).map(([e, s, n]) => `${e}${s}${n}`),
          ),
        )
        .map(([sign, whole, fraction, suffix]) => `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}${suffix}`),
    },
    { weight: 2, arbitrary: fc.constantFrom('0', '-0', '0.20', '0.15', '200Mi', '1Gi', '1.5Gi', '0.5Gi', '1000m', '1000', '129e6', '1e3', '100m', '1n', '0.1n', '9223372036854775807', '8Ei') },
  )
  .filter((q) => {
    const v = quantityValue(q);
    return v !== undefined && compareValues(v, MAX_QUANTITY) <= 0;
  });

/** A request and a limit with request ≤ limit; either may be absent. */
const requestAndLimit: fc.Arbitrary<{ request?: string; limit?: string }> = fc
  .tuple(fc.option(quantity, { nil: undefined }), fc.option(quantity, { nil: undefined }))
  .map(([a, b]) => {
    if (a === undefined || b === undefined) return { request: a, limit: b };
    return compareValues(quantityValue(a)!, quantityValue(b)!) <= 0 ? { request: a, limit: b } : { request: b, limit: a };
  });

// ---------------------------------------------------------------------------
// Cron schedules (robfig/cron v3 ParseStandard, as Kubernetes reads them)

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const casing = (s: string): fc.Arbitrary<string> => fc.constantFrom(s, s.toUpperCase(), s[0].toUpperCase() + s.slice(1));

function cronField(min: number, max: number, names?: readonly string[]): fc.Arbitrary<string> {
  const value = (n: number): fc.Arbitrary<string> =>
    names === undefined ? fc.constant(String(n)) : fc.oneof(fc.constant(String(n)), casing(names[n - min]));
  const single = fc.integer({ min, max }).chain(value);
  const range = fc
    .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
    .chain(([a, b]) => fc.tuple(value(Math.min(a, b)), value(Math.max(a, b))).map(([x, y]) => `${x}-${y}`));
  const item = fc
    .tuple(fc.oneof(fc.constantFrom('*', '?'), single, range), fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined, freq: 3 }))
    .map(([r, step]) => (step === undefined ? r : `${r}/${step}`));
  return fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => items.join(','));
}

/** A schedule Kubernetes accepts: 5 fields (with names, ranges, steps, lists) or a macro. */
export const cronSchedule: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly') },
  { weight: 1, arbitrary: fc.constantFrom('0 5 * * *', '*/15 * * * *', '0 0 1 1 *', '30 2 * * mon-fri', '0 0 * * 0', '0 12 * JAN,jul SUN') },
  {
    weight: 4,
    arbitrary: fc
      .tuple(cronField(0, 59), cronField(0, 23), cronField(1, 31), cronField(1, 12, MONTHS), cronField(0, 6, DAYS), fc.array(fc.constantFrom(' ', ' ', ' ', '  ', '\t'), { minLength: 4, maxLength: 4 }))
      .map(([mi, h, dom, mo, dow, seps]) => [mi, h, dom, mo, dow].reduce((acc, f, i) => (i === 0 ? f : acc + seps[i - 1] + f), '')),
  },
);

// ---------------------------------------------------------------------------
// Manifest pieces

/** `labels`: 1–3 unique pairs as the manifest writes them (spaces around keys and values are allowed), and the map they mean. */
export const labelsField = (options: FuzzOptions = {}): fc.Arbitrary<{ text: string; labels: Record<string, string> }> =>
  fc
    .uniqueArray(fc.tuple(qualifiedName(options), labelValue), { minLength: 1, maxLength: 3, selector: ([k]) => k })
    .chain((pairs) =>
      fc.tuple(fc.constant(pairs), fc.array(fc.constantFrom('', '', '', ' ', '  ', '\t'), { minLength: pairs.length * 4, maxLength: pairs.length * 4 })),
    )
    .map(([pairs, pads]) => {
      const text = pairs.map(([k, v], i) => `${pads[4 * i]}${k}${pads[4 * i + 1]}:${pads[4 * i + 2]}${v}${pads[4 * i + 3]}`).join(',');
      return { text, labels: Object.fromEntries(pairs) };
    });

const envEntry = (options: FuzzOptions) => fc.record({ name: envName(options), value: anyString });

/** A relative path without ".." components (a subPath, or a key-to-path path). */
const relativePath = (options: FuzzOptions, forItems: boolean): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(str(LOWER + DIGITS + '._-', 1, 10), fc.constantFrom('.', '...', '..x', 'yes', 'a b', '#x', 'é', '😀', 'a:b')), { minLength: 1, maxLength: 3 })
    .map((parts) => parts.join('/'))
    .filter((p) => !p.split('/').includes('..'))
    .filter((p) => !forItems || including(options) || !p.startsWith('..'));

const absolutePath: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 5, arbitrary: str(LOWER + DIGITS + '._-', 1, 10) }, { weight: 1, arbitrary: nonEmpty(anyString).map((s) => s.replaceAll('/', '')) }), { minLength: 1, maxLength: 4 })
  .map((parts) => `/${parts.join('/')}`)
  .filter((p) => p !== '/');

const fileMode = fc.integer({ min: 0, max: 0o777 });

const keyToPath = (options: FuzzOptions) =>
  fc.record({ key: nonEmpty(anyString), path: relativePath(options, true), mode: fileMode }, { requiredKeys: ['key', 'path'] });

/** A map key for csi volumeAttributes: any string, including very long ones (written as explicit YAML keys). */
const attributeKey = (options: FuzzOptions): fc.Arbitrary<string> => {
  const special = ['constructor', '__proto__'];
  return fc
    .oneof(
      { weight: 10, arbitrary: anyString },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1000, maxLength: 1500 }) },
      { weight: 1, arbitrary: fc.string({ minLength: 1100, maxLength: 3000 }) },
    )
    .filter((k) => including(options) || !special.includes(k));
};

const volumeSource = (options: FuzzOptions, restricted: boolean): fc.Arbitrary<Record<string, unknown>> => {
  const items = fc.array(keyToPath(options), { minLength: 0, maxLength: 3 });
  const csiDriver = including(options)
    ? fc.oneof({ weight: 6, arbitrary: dnsSubdomain(63) }, { weight: 1, arbitrary: dnsSubdomain(253).filter((d) => d.length > 63) })
    : dnsSubdomain(63);
  const nfsPath = including(options) ? fc.oneof({ weight: 5, arbitrary: absolutePath }, { weight: 1, arbitrary: relativePath(options, false) }) : absolutePath;
  const sources: Array<fc.Arbitrary<Record<string, unknown>>> = [
    fc.record({ name: dnsSubdomain(), items, defaultMode: fileMode, optional: fc.boolean() }, { requiredKeys: ['name'] }).map((configMap) => ({ configMap })),
    fc.record({ secretName: dnsSubdomain(), items, defaultMode: fileMode, optional: fc.boolean() }, { requiredKeys: ['secretName'] }).map((secret) => ({ secret })),
    fc.record({ claimName: dnsSubdomain(), readOnly: fc.boolean() }, { requiredKeys: ['claimName'] }).map((persistentVolumeClaim) => ({ persistentVolumeClaim })),
    fc.record({ medium: fc.constantFrom('', 'Memory'), sizeLimit: quantity }, { requiredKeys: [] }).map((emptyDir) => ({ emptyDir })),
    fc
      .record(
        {
          driver: csiDriver,
          readOnly: fc.boolean(),
          fsType: nonEmpty(anyString),
          volumeAttributes: fc.dictionary(attributeKey(options), anyString, { maxKeys: 4, noNullPrototype: true }),
          nodePublishSecretRef: fc.record({ name: dnsSubdomain() }),
        },
        { requiredKeys: ['driver'] },
      )
      .map((csi) => ({ csi })),
  ];
  // The restricted Pod Security profile does not allow nfs volumes.
  if (!restricted || including(options)) {
    sources.push(fc.record({ server: nonEmpty(anyString), path: nfsPath, readOnly: fc.boolean() }, { requiredKeys: ['server', 'path'] }).map((nfs) => ({ nfs })));
  }
  return fc.oneof(...sources);
};

/** The name and path of the volume that mounts svc-account-secret (the default settings): task volumes must not reuse them. */
export const CREDENTIALS_VOLUME = { name: 'google-cloud-key', mountPath: '/var/secrets/google' } as const;

const volume = (options: FuzzOptions, restricted: boolean): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      dnsLabel().filter((n) => n !== CREDENTIALS_VOLUME.name),
      fc.oneof({ weight: 8, arbitrary: absolutePath }, { weight: 1, arbitrary: fc.constantFrom('/var/secrets/google/x', '/var/secrets', '/yes', '/a: b', '/#x', '/😀') }),
      fc.option(fc.boolean(), { nil: undefined }),
      fc.option(fc.oneof(relativePath(options, false), fc.constant('')), { nil: undefined }),
      volumeSource(options, restricted),
    )
    .filter(([, mountPath]) => mountPath !== CREDENTIALS_VOLUME.mountPath)
    .map(([name, mountPath, readOnly, subPath, source]) => ({ name, mountPath, ...(readOnly === undefined ? {} : { readOnly }), ...(subPath === undefined ? {} : { subPath }), ...source }));

/** The `volumes` list: unique names and mount paths. */
export const volumesField = (options: FuzzOptions, restricted: boolean): fc.Arbitrary<Array<Record<string, unknown>>> =>
  fc.uniqueArray(volume(options, restricted), {
    minLength: 1,
    maxLength: 4,
    comparator: (a, b) => a.name === b.name || a.mountPath === b.mountPath,
  });

/** One toleration, in one of the combinations the API server accepts. */
export const toleration = (options: FuzzOptions = {}): fc.Arbitrary<Record<string, unknown>> => {
  const effect = fc.option(fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute'), { nil: undefined });
  const seconds = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });
  const withEffect = (base: fc.Arbitrary<Record<string, unknown>>) =>
    fc.tuple(base, effect, fc.option(seconds, { nil: undefined })).map(([t, e, s]) => ({
      ...t,
      ...(e === undefined ? {} : { effect: e }),
      ...(e === 'NoExecute' && s !== undefined ? { tolerationSeconds: s } : {}),
    }));
  return fc.oneof(
    withEffect(fc.constant({ operator: 'Exists' })),
    withEffect(fc.tuple(qualifiedName(options), fc.constantFrom<Record<string, unknown>>({}, { value: '' })).map(([key, v]) => ({ key, operator: 'Exists', ...v }))),
    withEffect(fc.tuple(qualifiedName(options), labelValue, fc.boolean()).map(([key, value, explicit]) => ({ key, ...(explicit ? { operator: 'Equal' } : {}), value }))),
  );
};

const nodeSelector = (options: FuzzOptions) => fc.dictionary(qualifiedName(options), labelValue, { minKeys: 1, maxKeys: 3, noNullPrototype: true });

const materialIcon = str(LOWER + DIGITS + '_', 1, 20);
const iconUrl = fc
  .tuple(fc.constantFrom('http://', 'https://'), nonEmpty(fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/\s/g, ''))))
  .map(([scheme, rest]) => scheme + rest);

/** The arbitrary of each `published` key. */
const publishedKeys = {
  access: nonEmpty(anyString),
  prefix: anyString.map((s) => `/${s}`),
  rewrite: anyString,
  timeout_ms: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  sticky_sessions: fc.boolean(),
  bypass_auth: fc.boolean(),
  displayed_name: nonEmpty(anyString).filter((s) => s.length <= 253),
  icon: fc.oneof(materialIcon, iconUrl),
  visible: fc.boolean(),
};

/** `published`: every key, each optional (access is required unless bypass_auth). */
export const publishedField: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    { ...publishedKeys, icon: fc.oneof(materialIcon, iconUrl, fc.constantFrom('import_contacts', 'yes', 'null', '0755')) },
    { requiredKeys: ['prefix'] },
  )
  .filter((p) => p.access !== undefined || p.bypass_auth === true);

/** `published` with all nine keys present. */
const fullPublishedField: fc.Arbitrary<Record<string, unknown>> = fc.record(publishedKeys);

// ---------------------------------------------------------------------------
// Whole manifests

export type TaskShape = 'job' | 'cron-job' | 'deployment' | 'service' | 'published-service';

/** A valid manifest, its JSON text, and what it means. */
export interface ValidCase {
  readonly shape: TaskShape;
  readonly manifest: Record<string, unknown>;
  /** The manifest file's text. */
  readonly text: string;
  /** The labels the `labels` string means. */
  readonly labels: Readonly<Record<string, string>>;
}

/** Fields that are absent when empty (`""`, `[]`, `{}`), as in the format's own examples. */
const EMPTY_PLACEHOLDERS: ReadonlyArray<readonly [string, unknown]> = [
  ['schedule', ''], ['svc-account-secret', ''], ['env', []], ['cmd', []], ['published', {}], ['node-selector', {}], ['volumes', []],
  ['tolerations', []], ['cpu-limit', ''], ['memory-limit', ''], ['cpu-request', ''], ['memory-request', ''], ['namespace', ''], ['$schema', ''],
];

const opt = <T>(arb: fc.Arbitrary<T>, freq = 2) => fc.option(arb, { nil: undefined, freq });

function commonFields(options: FuzzOptions, restricted: boolean) {
  return fc.record(
    {
      $schema: fc.constantFrom('../../schema/manifest.schema.json', 'https://example.com/manifest.json', 'yes'),
      namespace: dnsLabel(),
      'image-pull-policy': fc.constantFrom('Always', 'IfNotPresent', 'Never'),
      env: fc.uniqueArray(envEntry(options), { minLength: 1, maxLength: 5, selector: (e) => e.name }),
      'svc-account-secret': dnsSubdomain(),
      cmd: fc.array(anyString, { minLength: 1, maxLength: 4 }),
      volumes: volumesField(options, restricted),
      tolerations: fc.array(toleration(options), { minLength: 1, maxLength: 3 }),
      'node-selector': nodeSelector(options),
    },
    { requiredKeys: [] },
  );
}

function shapeFields(shape: TaskShape): fc.Arbitrary<Record<string, unknown>> {
  switch (shape) {
    case 'job':
      return dnsLabel(63).map((name) => ({ type: 'job', name }));
    case 'cron-job':
      return fc.tuple(dnsLabel(52), cronSchedule).map(([name, schedule]) => ({ type: 'job', name, schedule }));
    case 'deployment':
      return fc.tuple(dnsLabel(63), opt(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(2 ** 31 - 1)))).map(([name, replicas]) => ({ type: 'deployment', name, replicas }));
    case 'service':
    case 'published-service':
      return fc
        .tuple(
          dns1035Label(63),
          opt(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(2 ** 31 - 1))),
          ianaSvcName,
          fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(1, 80, 5000, 65535)),
          shape === 'published-service' ? fc.oneof(publishedField, fullPublishedField) : fc.constant(undefined),
        )
        .map(([name, replicas, namePort, port, published]) => ({ type: 'service', name, replicas, 'name-port': namePort, 'container-port': port, published }));
  }
}

/** JSON text of `value` with one of several layouts. */
const layout = fc.constantFrom<string | number>(0, 2, 4, '\t');

/**
 * Valid manifests of the given shapes (all by default). `restricted`
 * leaves out what the restricted Pod Security profile forbids (nfs volumes).
 */
export function validCaseArbitrary(options: FuzzOptions = {}, shapes: readonly TaskShape[] = ['job', 'cron-job', 'deployment', 'service', 'published-service'], restricted = false): fc.Arbitrary<ValidCase> {
  return fc
    .tuple(
      fc.constantFrom(...shapes).chain((shape) => fc.tuple(fc.constant(shape), shapeFields(shape))),
      labelsField(options),
      fc.tuple(imageReference, fc.boolean()),
      commonFields(options, restricted),
      requestAndLimit,
      requestAndLimit,
      fc.subarray([...EMPTY_PLACEHOLDERS], { minLength: 0, maxLength: 4 }),
      layout,
      fc.boolean(),
    )
    .map(([[shape, typeFields], labels, [image, built], common, cpu, memory, placeholders, indent, keyOrderReversed]) => {
      const m: Record<string, unknown> = {
        labels: labels.text,
        ...typeFields,
        [built ? 'image-destination' : 'image-source']: image,
        ...common,
        'cpu-request': cpu.request,
        'cpu-limit': cpu.limit,
        'memory-request': memory.request,
        'memory-limit': memory.limit,
      };
      // Empty values of absent fields ("image-source": "" beside an image-destination, …).
      for (const [key, empty] of [[built ? 'image-source' : 'image-destination', ''] as const, ...placeholders]) {
        if (m[key] === undefined) m[key] = empty;
      }
      for (const key of Object.keys(m)) if (m[key] === undefined) delete m[key];
      const ordered = keyOrderReversed ? Object.fromEntries(Object.entries(m).reverse()) : m;
      return { shape, manifest: ordered, text: JSON.stringify(ordered, null, indent) + (indent === 0 ? '' : '\n'), labels: labels.labels };
    });
}

// ---------------------------------------------------------------------------
// Settings

/** Real IANA time zone names (Kubernetes loads the zone; a made-up name is refused). */
const TIME_ZONES = ['Europe/Paris', 'America/New_York', 'UTC', 'Etc/UTC', 'Etc/GMT+5', 'Asia/Kolkata', 'America/Argentina/Buenos_Aires', 'Australia/Lord_Howe'];

/** The settings file's JSON (every key optional), as `datatask.settings.json` holds it. */
export const settingsInputArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    namespace: dnsLabel(),
    mapping: fc.record(
      {
        apiVersion: fc.constantFrom('v2', 'v3alpha1'),
        hostname: fc.oneof(fc.constantFrom('*', 'example.com', '*.example.com', 'data.example.org:8443', 'yes'), nonEmpty(anyString)),
        stickySessionResolver: fc.constantFrom('endpoint', 'my-resolver', 'yes'),
        portalAnnotationPrefix: fc.oneof(fc.constantFrom('portal.datatask.io/', 'example.com/', 'a/', 'yes/'), dnsSubdomain(60).map((d) => `${d}/`)),
      },
      { requiredKeys: [] },
    ),
    cronJob: fc.record({ timeZone: fc.constantFrom(...TIME_ZONES) }, { requiredKeys: [] }),
    podSecurity: fc.constantFrom('baseline', 'restricted'),
    argocd: fc.record({ replaceJobs: fc.boolean() }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

/**
 * A settings file and a manifest to go with it (a restricted profile gets
 * no nfs volume unless known bugs are included).
 */
export function validWithSettingsArbitrary(options: FuzzOptions = {}): fc.Arbitrary<{ settings: Record<string, unknown>; case: ValidCase }> {
  return settingsInputArbitrary.chain((settings) =>
    validCaseArbitrary(options, undefined, settings.podSecurity === 'restricted').map((c) => ({ settings, case: c })),
  );
}

// ---------------------------------------------------------------------------
// Hostile inputs

/** A manifest text that is not (necessarily) valid, and what must happen to it. */
export interface HostileCase {
  /** What was done, for failure reports. */
  readonly description: string;
  /** The text given to the loader (what reading `bytes` as UTF-8 gives, when there are bytes). */
  readonly text: string;
  /** The file's bytes, when they are not the UTF-8 encoding of `text`. */
  readonly bytes?: Uint8Array;
  /** Whether the loader must refuse it (it certainly breaks a rule). */
  readonly mustReject: boolean;
}

type Path = ReadonlyArray<string | number>;

/** Every value below the root, with its path. */
function walk(value: unknown, path: Path = [], out: Array<{ path: Path; value: unknown }> = []): Array<{ path: Path; value: unknown }> {
  if (path.length > 0) out.push({ path, value });
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, [...path, k], out);
  return out;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function parentOf(root: unknown, path: Path): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  return node;
}

function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = parentOf(root, path);
  // defineProperty, so that a key named "__proto__" becomes an own property, as JSON.parse makes it.
  Object.defineProperty(parent, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const isEmptyValue = (v: unknown): boolean =>
  v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

/** Every key the manifest schema knows, at any level (an "unknown" key among these is not certainly unknown). */
const KNOWN_KEYS = new Set([
  '$schema', 'type', 'name', 'namespace', 'labels', 'image-source', 'image-destination', 'image-pull-policy', 'env', 'svc-account-secret', 'cmd',
  'cpu-limit', 'memory-limit', 'cpu-request', 'memory-request', 'schedule', 'replicas', 'name-port', 'container-port', 'published', 'volumes',
  'tolerations', 'node-selector', 'access', 'prefix', 'rewrite', 'timeout_ms', 'sticky_sessions', 'bypass_auth', 'displayed_name', 'icon', 'visible',
  'value', 'mountPath', 'readOnly', 'subPath', 'configMap', 'secret', 'persistentVolumeClaim', 'emptyDir', 'csi', 'nfs', 'items', 'defaultMode',
  'optional', 'secretName', 'claimName', 'medium', 'sizeLimit', 'driver', 'fsType', 'volumeAttributes', 'nodePublishSecretRef', 'server', 'path',
  'key', 'mode', 'operator', 'effect', 'tolerationSeconds',
]);

/** Whether the object at `path` is a strict object of the schema (not a map such as node-selector). */
function isStrictObjectPath(path: Path): boolean {
  const last = path[path.length - 1];
  if (path.length === 0) return true;
  if (path.length === 1) return path[0] === 'published';
  if (path[0] === 'volumes') {
    if (path.length === 2) return true;
    if (path.length === 3) return ['configMap', 'secret', 'persistentVolumeClaim', 'emptyDir', 'csi', 'nfs'].includes(String(last));
    if (path.length === 4 && path[2] === 'csi') return last === 'nodePublishSecretRef';
    return path.length === 5 && path[3] === 'items';
  }
  return path.length === 2 && (path[0] === 'env' || path[0] === 'tolerations');
}

const REQUIRED = ['type', 'name', 'labels', 'image-source', 'image-destination', 'name-port', 'container-port'];

const deep = (depth: number, shape: 'array' | 'object'): unknown => {
  let v: unknown = shape === 'array' ? [] : 1;
  for (let i = 0; i < depth; i++) v = shape === 'array' ? [v] : { a: v };
  return v;
};

/** Replacements of the wrong type, including deep nesting. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(0, -1, 1.5, 1e21, 65536, 2 ** 31, true, false, null, [], {}, [1], ['a'], { a: 1 }, { name: 'x', value: 'y' }, 'x', '') },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(deep(200, 'array'), deep(200, 'object')) },
);

const ODD_UNICODE = ['\u200e', '\u202e', 'e\u0301\u0301\u0301', '\ufeff', '\ufffe', '\uffff', '\u0085', '\u2028', '\u2029', '\u0000', '\u001b', '\u007f', '😀', '👩‍👩‍👧', '\u200d', 'İ', 'ﬀ', '\u{10ffff}', '\u{e0001}', '𝔘𝔫𝔦'];

type ObjectMutation =
  | { readonly kind: 'delete-required'; readonly pick: number }
  | { readonly kind: 'empty-required'; readonly pick: number; readonly empty: unknown }
  | { readonly kind: 'unknown-key'; readonly pick: number; readonly key: string; readonly value: unknown }
  | { readonly kind: 'wrong-type'; readonly pick: number; readonly value: unknown }
  | { readonly kind: 'bad-number'; readonly pick: number; readonly literal: string }
  | { readonly kind: 'huge-string'; readonly pick: number; readonly unit: string }
  | { readonly kind: 'odd-unicode'; readonly pick: number; readonly odd: string; readonly replace: boolean }
  | { readonly kind: 'lone-surrogate'; readonly pick: number; readonly unit: number; readonly at: number }
  | { readonly kind: 'deep'; readonly pick: number; readonly depth: number; readonly shape: 'array' | 'object' };

type TextMutation =
  | { readonly kind: 'none' }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'bom' }
  | { readonly kind: 'duplicate-key'; readonly pick: number }
  | { readonly kind: 'crlf' }
  | { readonly kind: 'raw-surrogates' }
  | { readonly kind: 'splice'; readonly at: number; readonly insert: string };

const unknownKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('image_source', 'imageSource', 'Name', 'TYPE', 'lables', 'cpu_limit', 'env-vars', 'command', 'args', 'hostPath', 'hostNetwork', 'privileged', 'replica', 'published ', ' name'),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', '\u0000', '😀', '\ud800', 'a\udfffb'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

const objectMutation = (options: FuzzOptions): fc.Arbitrary<ObjectMutation> => {
  const pick = fc.nat();
  return fc.oneof(
    fc.record({ kind: fc.constant('delete-required' as const), pick }),
    fc.record({ kind: fc.constant('empty-required' as const), pick, empty: fc.constantFrom<unknown>('', [], {}) }),
    fc.record({ kind: fc.constant('unknown-key' as const), pick, key: unknownKey, value: fc.oneof(anyString, wrongValue) }),
    fc.record({ kind: fc.constant('wrong-type' as const), pick, value: wrongValue }),
    fc.record({ kind: fc.constant('bad-number' as const), pick, literal: fc.constantFrom('1e400', '-1e400', '1.5', '-1', '-0', '0.0', '1.0', '1E+2', '9007199254740993', '4294967296', '65536', '0') }),
    fc.record({ kind: fc.constant('huge-string' as const), pick, unit: fc.constantFrom('a', 'x', ' ', '€', '😀', '"', '\\', '\n', 'é') }),
    fc.record({ kind: fc.constant('odd-unicode' as const), pick, odd: fc.constantFrom(...ODD_UNICODE), replace: fc.boolean() }),
    fc.record({ kind: fc.constant('lone-surrogate' as const), pick, unit: fc.integer({ min: 0xd800, max: 0xdfff }), at: fc.nat() }),
    fc.record({
      kind: fc.constant('deep' as const),
      pick,
      depth: including(options) ? fc.constantFrom(200, 200, 200, 50_000) : fc.constant(200),
      shape: fc.constantFrom('array' as const, 'object' as const),
    }),
  );
};

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate-key' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crlf' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'raw-surrogates' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), insert: fc.oneof(fc.string({ unit: 'binary', maxLength: 5 }), fc.constantFrom(',', '}', ']', '"', ':', '//', '/*', 'null', '\\')) }) },
);

/** Placeholder strings that become a bare number literal, or a deeply nested value, in the JSON text. */
const NUMBER_PLACEHOLDER = '\u0000NUMBER:';
const DEEP_PLACEHOLDER = '\u0000DEEP:';

const touches = (a: Path, b: Path): boolean => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Applies one mutation in place; returns its description and whether the
 * result must now be refused. `locked` holds the paths of earlier mutations
 * that made the manifest certainly invalid: later mutations leave them (and
 * everything above and below them) alone, so that they cannot undo them.
 */
function applyObjectMutation(m: Record<string, unknown>, mutation: ObjectMutation, locked: Path[]): { description: string; mustReject: boolean } {
  const free = (path: Path) => !locked.some((l) => touches(l, path));
  const nodes = walk(m).filter((n) => free(n.path));
  const pickFrom = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);
  // Strings that carry an earlier mutation's mark (a lone surrogate, a number placeholder) are not rewritten.
  const strings = nodes.filter((n) => typeof n.value === 'string' && n.value.isWellFormed() && !n.value.startsWith('\u0000'));
  const show = (path: Path) => (path.length === 0 ? '<root>' : path.map(String).join('.'));
  const rejecting = (path: Path, description: string, mustReject: boolean) => {
    if (mustReject) locked.push(path);
    return { description, mustReject };
  };
  const nonEmptyValue = (v: unknown) => v !== undefined && !isEmptyValue(v);
  switch (mutation.kind) {
    case 'delete-required':
    case 'empty-required': {
      const key = pickFrom(REQUIRED.filter((k) => nonEmptyValue(m[k]) && free([k])), mutation.pick);
      if (key === undefined) return { description: 'nothing to delete', mustReject: false };
      if (mutation.kind === 'delete-required') delete m[key];
      else m[key] = mutation.empty;
      // Removing one image key is fine while the other one is still set.
      const otherImage = key.startsWith('image-') && (nonEmptyValue(m['image-source']) || nonEmptyValue(m['image-destination']));
      return rejecting([key], `${mutation.kind} ${key}`, !otherImage);
    }
    case 'unknown-key': {
      const objects = nodes.filter((n) => kindOf(n.value) === 'object' && isStrictObjectPath(n.path)).map((n) => n.path);
      const path = pickFrom([[], ...objects], mutation.pick) ?? [];
      const target = [...path, mutation.key];
      const parent = path.length === 0 ? m : (parentOf(m, target) as Record<string, unknown>);
      if (Object.hasOwn(parent, mutation.key) || !free(target)) return { description: `key ${JSON.stringify(mutation.key)} already there`, mustReject: false };
      setAt(m, target, mutation.value);
      const droppedWhenEmpty = path.length === 0 && isEmptyValue(mutation.value);
      const certain = !mutation.key.isWellFormed() || (!KNOWN_KEYS.has(mutation.key) && !droppedWhenEmpty);
      return rejecting(target, `unknown key ${JSON.stringify(mutation.key)} at ${show(path)}`, certain);
    }
    case 'wrong-type': {
      const target = pickFrom(nodes, mutation.pick);
      if (target === undefined) return { description: 'nothing to replace', mustReject: false };
      setAt(m, target.path, mutation.value);
      const topLevelEmpty = target.path.length === 1 && isEmptyValue(mutation.value);
      const certain = kindOf(target.value) !== kindOf(mutation.value) && !topLevelEmpty;
      return rejecting(target.path, `wrong type at ${show(target.path)}: ${String(JSON.stringify(mutation.value)).slice(0, 60)}`, certain);
    }
    case 'bad-number': {
      const target = pickFrom(nodes, mutation.pick);
      if (target === undefined) return { description: 'nothing to replace', mustReject: false };
      setAt(m, target.path, `${NUMBER_PLACEHOLDER}${mutation.literal}\u0000`);
      locked.push(target.path); // keep the placeholder intact
      return { description: `number ${mutation.literal} at ${show(target.path)}`, mustReject: kindOf(target.value) !== 'number' };
    }
    case 'huge-string': {
      const target = pickFrom(strings, mutation.pick);
      if (target === undefined) return { description: 'no string', mustReject: false };
      setAt(m, target.path, mutation.unit.repeat(Math.ceil(100_000 / mutation.unit.length)));
      return { description: `100k × ${JSON.stringify(mutation.unit)} at ${show(target.path)}`, mustReject: false };
    }
    case 'odd-unicode': {
      const target = pickFrom(strings, mutation.pick);
      if (target === undefined) return { description: 'no string', mustReject: false };
      setAt(m, target.path, mutation.replace ? mutation.odd : `${target.value as string}${mutation.odd}`);
      return { description: `odd unicode ${JSON.stringify(mutation.odd)} at ${show(target.path)}`, mustReject: false };
    }
    case 'lone-surrogate': {
      const target = pickFrom(strings, mutation.pick);
      if (target === undefined) return { description: 'no string', mustReject: false };
      const s = target.value as string;
      // Insert where the unit cannot pair with a neighbour.
      let at = mutation.at % (s.length + 1);
      while (at > 0 && /[\ud800-\udbff]/.test(s[at - 1])) at--;
      const next = s.slice(0, at) + String.fromCharCode(mutation.unit) + s.slice(at);
      setAt(m, target.path, next);
      return rejecting(target.path, `lone surrogate U+${mutation.unit.toString(16)} at ${show(target.path)}[${at}]`, !next.isWellFormed());
    }
    case 'deep': {
      const target = pickFrom(nodes, mutation.pick);
      if (target === undefined) return { description: 'nothing to replace', mustReject: false };
      // Very deep values are spliced into the text: building them would overflow JSON.stringify.
      setAt(m, target.path, mutation.depth <= 1000 ? deep(mutation.depth, mutation.shape) : `${DEEP_PLACEHOLDER}${mutation.shape}:${mutation.depth}\u0000`);
      return rejecting(target.path, `${mutation.depth}-deep ${mutation.shape} at ${show(target.path)}`, true);
    }
  }
}

/** Compact `JSON.stringify`, but the `pick`-th non-empty object writes its first key twice. */
function stringifyWithDuplicateKey(value: unknown, pick: number): { text: string; duplicated: boolean } {
  let count = 0;
  const objects: unknown[] = [];
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (typeof v === 'object' && v !== null) {
      if (Object.keys(v).length > 0) objects.push(v);
      Object.values(v).forEach(collect);
    }
  };
  collect(value);
  if (objects.length === 0) return { text: JSON.stringify(value), duplicated: false };
  const target = objects[pick % objects.length];
  const write = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
    if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`);
      if (v === target) {
        count++;
        entries.push(entries[0]);
      }
      return `{${entries.join(',')}}`;
    }
    return JSON.stringify(v);
  };
  const text = write(value);
  return { text, duplicated: count === 1 };
}

/**
 * Mutations of valid manifests, and garbage: random bytes, random JSON.
 * `restricted`: the valid manifests mutated are those of a restricted Pod
 * Security profile (see {@link validCaseArbitrary}).
 */
export function hostileCaseArbitrary(options: FuzzOptions = {}, restricted = false): fc.Arbitrary<HostileCase> {
  const mutated = fc
    .tuple(validCaseArbitrary(options, undefined, restricted), fc.array(objectMutation(options), { minLength: 0, maxLength: 3 }), textMutation, layout)
    .map(([c, mutations, text, indent]): HostileCase => {
      const m = clone(c.manifest);
      const done: string[] = [`${c.shape}`];
      let mustReject = false;
      const locked: Path[] = [];
      for (const mutation of mutations) {
        const r = applyObjectMutation(m, mutation, locked);
        done.push(r.description);
        mustReject ||= r.mustReject;
      }
      let out: string;
      if (text.kind === 'duplicate-key') {
        const r = stringifyWithDuplicateKey(m, text.pick);
        out = r.text;
        mustReject ||= r.duplicated;
        done.push('duplicate key');
      } else {
        out = JSON.stringify(m, null, indent);
      }
      out = out
        .replace(/"\\u0000NUMBER:([^\\"]*)\\u0000"/g, '$1')
        .replace(/"\\u0000DEEP:(array|object):(\d+)\\u0000"/g, (_, shape: string, depth: string) =>
          shape === 'array' ? '['.repeat(Number(depth)) + ']'.repeat(Number(depth)) : '{"a":'.repeat(Number(depth)) + '1' + '}'.repeat(Number(depth)),
        );
      switch (text.kind) {
        case 'truncate': {
          const last = out.lastIndexOf('}');
          const at = last <= 0 ? 0 : text.at % last;
          out = out.slice(0, at);
          mustReject = true;
          done.push(`truncated at ${at}`);
          break;
        }
        case 'bom':
          out = `\ufeff${out}`;
          mustReject = true;
          done.push('BOM');
          break;
        case 'crlf':
          out = out.replace(/\n/g, '\r\n');
          done.push('CRLF');
          break;
        case 'raw-surrogates': {
          // Lone surrogates written as such rather than as \u escapes (a file read as UTF-8 never holds one; the API may still be given one).
          const before = out;
          out = out.replace(/(?<!\\)\\u(d[89a-f][0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
          if (out !== before) done.push('raw surrogates');
          break;
        }
        case 'splice': {
          const at = text.at % (out.length + 1);
          out = out.slice(0, at) + text.insert + out.slice(at);
          done.push(`spliced ${JSON.stringify(text.insert)} at ${at}`);
          break;
        }
        case 'none':
        case 'duplicate-key':
          break;
      }
      return { description: done.join('; '), text: out, mustReject };
    });

  const randomBytes = fc.uint8Array({ maxLength: 400 }).map((bytes): HostileCase => ({
    description: `${bytes.length} random bytes`,
    text: Buffer.from(bytes).toString('utf8'),
    bytes,
    mustReject: true,
  }));
  const randomText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v))).map((text): HostileCase => ({
    description: 'random text or JSON',
    text,
    mustReject: true,
  }));
  return fc.oneof({ weight: 12, arbitrary: mutated }, { weight: 1, arbitrary: randomBytes }, { weight: 1, arbitrary: randomText });
}

/** Settings (the settings file's JSON) and a hostile manifest to go with them. */
export function hostileWithSettingsArbitrary(options: FuzzOptions = {}): fc.Arbitrary<{ settings: Record<string, unknown>; case: HostileCase }> {
  return settingsInputArbitrary.chain((settings) =>
    hostileCaseArbitrary(options, settings.podSecurity === 'restricted').map((c) => ({ settings, case: c })),
  );
}
