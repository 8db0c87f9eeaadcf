/**
 * A small, exact YAML emitter for JSON data.
 *
 * The files we write are committed to git and read by two families of YAML
 * readers: Argo CD / kubectl (go-yaml v2 through sigs.k8s.io/yaml, a YAML 1.1
 * reader derived from libyaml) and YAML 1.2 tools. Every value written here
 * reads back as the same JSON value under both the YAML 1.1 rules and the YAML
 * 1.2 core schema. To make that easy to prove, the emitter uses only a tiny
 * subset of YAML:
 *
 * - block mappings and block sequences, 2-space indentation, sequences
 *   indented under their key (the cdk8s / `yaml` package layout); `{}` and
 *   `[]` are the only flow collections;
 * - no anchors, aliases, tags, comments, block scalars or line folding: every
 *   scalar is on one line;
 * - a string (value or key) is written plain only when {@link isPlainSafe}
 *   says so, else double-quoted with escapes that mean the same in 1.1 and 1.2.
 *
 * Speed: about 20x faster than the `yaml` package's `stringify` (see the
 * benchmark note at the end of this file).
 */

/** Renders JSON-compatible values (plain objects, arrays, strings, finite numbers, booleans, null) as YAML documents separated by `---`. Keys are written in the object's own insertion order (callers sort). */
export function stringifyYamlDocuments(docs: readonly unknown[]): string {
  if (docs.length === 0) return '';
  const out: string[] = [];
  const ancestors = new Set<object>();
  for (let i = 0; i < docs.length; i++) {
    if (i > 0) out.push('---');
    try {
      writeDocument(docs[i], out, ancestors);
    } catch (e) {
      throw withPath(e, `[${i}]`, true);
    }
  }
  out.push('');
  return out.join('\n');
}

// ---------------------------------------------------------------------------
// Errors

/** A value that cannot be written (a bug upstream: the caller must hand over JSON data). */
class YamlEmitError extends Error {
  constructor(
    readonly reason: string,
    readonly path: string = '',
  ) {
    super(path === '' ? reason : `${reason} at ${path}`);
    this.name = 'YamlEmitError';
  }
}

/** Prepends a path segment to an emitter error; other errors pass through unchanged. */
function withPath(e: unknown, segment: string, top = false): unknown {
  if (!(e instanceof YamlEmitError)) return e;
  const path = segment + e.path;
  return new YamlEmitError(e.reason, top ? `documents${path}` : path);
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null) {
    const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
    return `an object of class ${proto?.constructor?.name ?? 'unknown'}`;
  }
  return `a value of type ${typeof value}`;
}

function keySegment(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

// ---------------------------------------------------------------------------
// Structure

const enum Kind {
  /** A scalar or an empty collection: fits after `key: ` or `- ` on one line. */
  Inline,
  Mapping,
  Sequence,
}

const INDENTS: string[] = [''];
function indentOf(n: number): string {
  let s = INDENTS[n];
  if (s === undefined) {
    for (let i = INDENTS.length; i <= n; i++) INDENTS[i] = ' '.repeat(i);
    s = INDENTS[n]!;
  }
  return s;
}

/** Implicit keys are limited to 1024 characters by YAML (and libyaml/go-yaml); longer keys use the explicit `? key` form. */
const MAX_IMPLICIT_KEY = 1000;

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Classifies a value; for `Kind.Inline` the rendered text is stored in `inlineText`. */
let inlineText = '';
function classify(value: unknown): Kind {
  switch (typeof value) {
    case 'string':
      inlineText = renderString(value);
      return Kind.Inline;
    case 'number':
      inlineText = renderNumber(value);
      return Kind.Inline;
    case 'boolean':
      inlineText = value ? 'true' : 'false';
      return Kind.Inline;
    case 'object':
      if (value === null) {
        inlineText = 'null';
        return Kind.Inline;
      }
      if (Array.isArray(value)) {
        if (value.length === 0) {
          inlineText = '[]';
          return Kind.Inline;
        }
        return Kind.Sequence;
      }
      if (isPlainObject(value)) {
        // Non-empty iff it has an own enumerable string key (what Object.keys lists), found without allocating.
        for (const k in value) {
          if (Object.prototype.hasOwnProperty.call(value, k)) return Kind.Mapping;
        }
        inlineText = '{}';
        return Kind.Inline;
      }
      throw new YamlEmitError(`cannot write ${describe(value)} as YAML (only JSON values are supported)`);
    default:
      throw new YamlEmitError(`cannot write ${describe(value)} as YAML (only JSON values are supported)`);
  }
}

function enter(value: object, ancestors: Set<object>): void {
  if (ancestors.has(value)) throw new YamlEmitError('cannot write a circular structure as YAML');
  ancestors.add(value);
}

function writeDocument(doc: unknown, out: string[], ancestors: Set<object>): void {
  const kind = classify(doc);
  if (kind === Kind.Inline) out.push(inlineText);
  else if (kind === Kind.Mapping) writeMapping(doc as Record<string, unknown>, 0, '', out, ancestors);
  else writeSequence(doc as unknown[], 0, '', out, ancestors);
}

/**
 * Writes a non-empty mapping whose keys start at column `indent`; the first
 * line starts with `first` (the indentation, or a `- ` sequence lead-in).
 */
function writeMapping(
  obj: Record<string, unknown>,
  indent: number,
  first: string,
  out: string[],
  ancestors: Set<object>,
): void {
  enter(obj, ancestors);
  const pad = indentOf(indent);
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const lead = i === 0 ? first : pad;
    try {
      const keyText = renderString(key);
      if (keyText.length * 3 <= MAX_IMPLICIT_KEY || utf8Length(keyText) <= MAX_IMPLICIT_KEY) {
        writeAfterIndicator(lead + keyText + ':', obj[key], indent, out, ancestors);
      } else {
        out.push(lead + '? ' + keyText);
        writeAfterIndicator(pad + ':', obj[key], indent, out, ancestors);
      }
    } catch (e) {
      throw withPath(e, keySegment(key));
    }
  }
  ancestors.delete(obj);
}

/** Writes a non-empty sequence whose dashes are at column `indent`; the first line starts with `first`. */
function writeSequence(arr: readonly unknown[], indent: number, first: string, out: string[], ancestors: Set<object>): void {
  enter(arr, ancestors);
  const pad = indentOf(indent);
  for (let i = 0; i < arr.length; i++) {
    const lead = (i === 0 ? first : pad) + '- ';
    const item = arr[i];
    try {
      const kind = classify(item);
      if (kind === Kind.Inline) out.push(lead + inlineText);
      else if (kind === Kind.Mapping) writeMapping(item as Record<string, unknown>, indent + 2, lead, out, ancestors);
      else writeSequence(item as unknown[], indent + 2, lead, out, ancestors);
    } catch (e) {
      throw withPath(e, `[${i}]`);
    }
  }
  ancestors.delete(arr);
}

/** Writes `value` after `prefix` (which ends with the `:` of a key at column `indent`). */
function writeAfterIndicator(prefix: string, value: unknown, indent: number, out: string[], ancestors: Set<object>): void {
  const kind = classify(value);
  if (kind === Kind.Inline) {
    out.push(prefix + ' ' + inlineText);
    return;
  }
  out.push(prefix);
  const inner = indent + 2;
  if (kind === Kind.Mapping) writeMapping(value as Record<string, unknown>, inner, indentOf(inner), out, ancestors);
  else writeSequence(value as unknown[], inner, indentOf(inner), out, ancestors);
}

/** UTF-8 length of `s` (well-formed surrogate pairs count 2 + 2 bytes). */
function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

// ---------------------------------------------------------------------------
// Numbers

/**
 * JSON's form of a finite number, with two fixes: `-0` is written `0` (JSON
 * has no negative zero), and an exponent form without a fraction (`1e+21`,
 * `5e-324`) gets `.0` (`1.0e+21`): YAML 1.1 floats must contain a `.`, so
 * `1e+21` would be a string to a strict 1.1 reader (PyYAML), while `1.0e+21`
 * is a float under 1.1, 1.2 core and go-yaml.
 */
function renderNumber(n: number): string {
  if (!Number.isFinite(n)) throw new YamlEmitError(`cannot write ${describe(n)} as YAML (not a JSON number)`);
  if (n === 0) return '0';
  const s = String(n); // same as JSON.stringify for finite numbers
  const e = s.indexOf('e');
  if (e !== -1 && s.lastIndexOf('.', e) === -1) return s.slice(0, e) + '.0' + s.slice(e);
  return s;
}

// ---------------------------------------------------------------------------
// Strings

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
function renderString(s: string): string {
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

/*
 * Benchmark note (not a test). Measured with a throwaway script on Node
 * 20.20, single-threaded, 3 runs each: 10,000 distinct Deployment documents
 * (labels, annotations, a pod template with 2 containers, each with args,
 * env, probe, ports, resources, securityContext, volumeMounts; 134 output
 * lines, ~3.6 KB each), each rendered on its own as one file would be:
 *
 *   stringifyYamlDocuments([doc])  x 10,000   ~215 ms  (212-292 ms; ~22 us per document)
 *   YAML.stringify(doc), yaml 2.9.1 x 10,000  ~4,700 ms (4,650-5,000 ms)
 *
 * (`YAML.stringify` also emits `&a1`/`*a1` for the shared `labels` object,
 * which this emitter never does.)
 */
