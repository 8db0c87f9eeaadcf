/**
 * YAML string scalars that read back as the same string under YAML 1.1
 * (kubectl, Argo CD: go-yaml v2) and YAML 1.2 readers: plain when provably
 * safe, else double-quoted with escapes valid in both versions. Used by
 * ./yaml.ts for keys and values.
 */

/** A value that cannot be written (a bug upstream: the caller must hand over JSON data). */
export class YamlEmitError extends Error {
  constructor(
    readonly reason: string,
    readonly path: string = '',
  ) {
    super(path === '' ? reason : `${reason} at ${path}`);
    this.name = 'YamlEmitError';
  }
}

// ASCII character classes.
const C_ESCAPE = 1; // must be escaped inside double quotes: C0 controls, DEL, `"`, `\`
const C_PLAIN = 2; // allowed anywhere in a plain scalar after the first character
const C_PLAIN_START = 4; // allowed as the first character of a plain scalar
const C_COLON = 8; // `:` — allowed in a plain scalar when followed by a plain character
const C_SPACE = 16; // ` ` — allowed in a plain scalar between two plain characters (never first/last)

const ASCII = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) ASCII[c] = C_ESCAPE;
ASCII[0x7f] = C_ESCAPE;
ASCII[0x22] = C_ESCAPE; // "
ASCII[0x5c] = C_ESCAPE; // \
for (let c = 0x41; c <= 0x5a; c++) ASCII[c] = C_PLAIN | C_PLAIN_START; // A-Z
for (let c = 0x61; c <= 0x7a; c++) ASCII[c] = C_PLAIN | C_PLAIN_START; // a-z
for (let c = 0x30; c <= 0x39; c++) ASCII[c] = C_PLAIN; // 0-9 (never first)
ASCII[0x5f] = C_PLAIN | C_PLAIN_START; // _
ASCII[0x2f] = C_PLAIN | C_PLAIN_START; // /
for (const ch of '.-@+=,') ASCII[ch.charCodeAt(0)] = C_PLAIN;
ASCII[0x3a] = C_COLON;
ASCII[0x20] = C_SPACE;

/** Strings a YAML 1.1 or 1.2 resolver reads as a boolean or null (compared lower-cased, to be safe). */
const RESERVED = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null']);

/**
 * Whether `s` may be written as a plain scalar (in block context, as a value
 * or an implicit key) and read back as the same string by YAML 1.1 and 1.2:
 *
 * - it is non-empty ASCII and starts with a letter, `_` or `/` (so it can
 *   never be a number, timestamp, `.inf`/`.nan`, `~`, `=`, `<<`, an indicator
 *   or a document marker: all of those start with a digit, `.`, `+`, `-`,
 *   `~`, `=`, `<` or an indicator character). Strings such as `--input` or
 *   `-m` are quoted on purpose: go-yaml v2 hands sign-led scalars to Go's
 *   number parsers (older versions accept `-Inf`, `-infinity`), so proving
 *   them safe is not worth it;
 * - every other character is a letter, a digit, one of `_ / . - @ + = ,`,
 *   a `:` followed by one of those (never `: ` or a trailing `:`), or a
 *   single space between two such characters (never leading, trailing, or
 *   `: `; `#` is never allowed, so ` #` cannot start a comment);
 * - lower-cased, it is not one of y, n, yes, no, true, false, on, off, null;
 * - it is not an exponent without a mantissa (`e5`, `E+10`, `e-3`): the
 *   `yaml` package's YAML 1.1 schema reads those as floats (its regex makes
 *   the digits before `e` optional), so they are quoted too.
 */
function isPlainSafe(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  const c0 = s.charCodeAt(0);
  if (c0 > 0x7f || (ASCII[c0]! & C_PLAIN_START) === 0) return false;
  for (let i = 1; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return false;
    const cls = ASCII[c]!;
    if (cls & C_PLAIN) continue;
    if (cls & (C_COLON | C_SPACE)) {
      // `:` and ` ` must be followed by a plain character (so never last, never `: `, never `  `).
      if (i + 1 >= n) return false;
      const d = s.charCodeAt(i + 1);
      if (d > 0x7f || (ASCII[d]! & C_PLAIN) === 0) return false;
      continue;
    }
    return false;
  }
  if ((c0 === 0x65 || c0 === 0x45) && isBareExponent(s)) return false;
  return n > 5 || !RESERVED.has(s.toLowerCase());
}

/** `[eE][-+]?[0-9]+` (the caller has checked the first character). */
function isBareExponent(s: string): boolean {
  let i = 1;
  const sign = s.charCodeAt(1);
  if (sign === 0x2b || sign === 0x2d) i = 2;
  if (i >= s.length) return false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Renders a string scalar: plain when {@link isPlainSafe}, else double-quoted. */
export function renderString(s: string): string {
  if (isPlainSafe(s)) return s;
  return quote(s);
}

const HEX = '0123456789ABCDEF';
const SHORT_ESCAPES: Record<number, string> = {
  0x00: '\\0',
  0x07: '\\a',
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
  0x1b: '\\e',
  0x22: '\\"',
  0x5c: '\\\\',
};

function escapeOf(c: number): string {
  const short = SHORT_ESCAPES[c];
  if (short !== undefined) return short;
  if (c <= 0xff) return '\\x' + HEX[c >> 4] + HEX[c & 15];
  return '\\u' + HEX[c >> 12] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15];
}

/**
 * Whether a non-ASCII UTF-16 unit must be escaped: C1 controls (including
 * NEL U+0085, a line break in YAML 1.1), U+2028/U+2029 (line breaks in YAML
 * 1.1), U+FEFF (byte order mark), and U+FFFE/U+FFFF (not printable: libyaml
 * and go-yaml reject them in a document). Surrogates are handled separately.
 */
function mustEscapeNonAscii(c: number): boolean {
  return c <= 0x9f || c === 0x2028 || c === 0x2029 || c === 0xfeff || c >= 0xfffe;
}

/**
 * Double-quoted form: escapes `\`, `"`, C0 controls, DEL, C1 controls,
 * U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF; other characters are written as-is.
 * Only escapes valid in both YAML 1.1 and 1.2 are used (`\0 \a \b \t \n \v
 * \f \r \e \" \\ \xXX \uXXXX`). Throws on lone surrogates.
 */
function quote(s: string): string {
  const n = s.length;
  let parts: string[] | undefined;
  let from = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let esc: boolean;
    if (c < 0x80) {
      esc = (ASCII[c]! & C_ESCAPE) !== 0;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c >= 0xdc00 || d < 0xdc00 || d > 0xdfff) {
        throw new YamlEmitError(
          `cannot write a string with a lone surrogate (U+${c.toString(16).toUpperCase()} at index ${i}) as YAML`,
        );
      }
      i++; // a valid pair: written as-is (UTF-8 encodes the code point)
      continue;
    } else {
      esc = mustEscapeNonAscii(c);
    }
    if (esc) {
      if (parts === undefined) parts = ['"'];
      if (i > from) parts.push(s.slice(from, i));
      parts.push(escapeOf(c));
      from = i + 1;
    }
  }
  if (parts === undefined) return '"' + s + '"';
  if (from < n) parts.push(s.slice(from));
  parts.push('"');
  return parts.join('');
}
