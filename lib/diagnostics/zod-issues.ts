import type * as z from '../zod';
import { didYouMean } from '../validation/suggest';
import { fieldWordHint, shapeHint, typeWordHint } from './format-words';
import type { Diagnostic } from './diagnostic';
import type { SourceDocument } from './json-document';

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

/** Turns zod issues into located diagnostics with plain-language messages. */
export function issuesToDiagnostics(document: SourceDocument, schema: Schema, issues: readonly Issue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of tightestBounds(issues)) {
    if (issue.code === 'unrecognized_keys') {
      const object = objectSchemaAt(schema, issue.path);
      const known = object === undefined ? [] : Object.keys(object._zod.def.shape);
      for (const key of issue.keys) {
        const word = issue.path.length === 0 ? fieldWordHint(key) : undefined;
        const suggestion = word === undefined ? didYouMean(key, known) : undefined;
        const message = `unknown field${word !== undefined ? ` (${word})` : suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
        out.push(document.diagnostic([...issue.path, key], message, { target: 'key' }));
      }
      continue;
    }
    if (issue.code === 'invalid_union') {
      // A field of two shapes (a string or an object): report the problems of the shape that was written.
      const written = issue.errors.filter((branch) => !branch.every((i) => i.code === 'invalid_type' && i.path.length === 0));
      if (written.length === 1) {
        out.push(...issuesToDiagnostics(document, schema, written[0].map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue)));
        continue;
      }
      const expected = issue.errors.flatMap((branch) => branch.flatMap((i) => (i.code === 'invalid_type' ? [EXPECTED[i.expected] ?? i.expected] : [])));
      const input = (issue as { input?: unknown }).input;
      out.push(document.diagnostic(issue.path, input === undefined ? 'is required' : `expected ${[...new Set(expected)].join(' or ')}, found ${describeValue(input)}`));
      continue;
    }
    if (issue.code === 'invalid_key') {
      // A record key: report the key's own problem at the key.
      const inner = issue.issues[0];
      out.push(document.diagnostic(issue.path, inner === undefined ? 'invalid key' : `key ${describeIssue(inner as Issue)}`, { target: 'key' }));
      continue;
    }
    out.push(document.diagnostic(issue.path, describeIssue(issue)));
  }
  return out;
}

/**
 * `z.int()` carries its own safe-integer bound, so a huge number breaks two
 * maxima of one field (≤ 2147483647 and ≤ 9007199254740991): only the
 * tightest is said, once.
 */
function tightestBounds(issues: readonly Issue[]): Issue[] {
  const key = (i: Issue) => i.path.map(String).join('\0');
  const tightest = new Map<string, Issue>();
  for (const i of issues) {
    if (i.code !== 'too_big') continue;
    const held = tightest.get(key(i));
    if (held === undefined || Number((i as { maximum: unknown }).maximum) < Number((held as { maximum: unknown }).maximum)) tightest.set(key(i), i);
  }
  return issues.filter((i) => i.code !== 'too_big' || tightest.get(key(i)) === i);
}

/**
 * JSON's types are not YAML's: `5` where a string is expected wants quotes,
 * and `"5"` or `"true"` where a number or a boolean is expected wants none.
 */
function quotingHint(expected: string, input: unknown): string {
  if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')) return ` (write "${String(input)}" in quotes)`;
  if (typeof input !== 'string') return '';
  const unquoted = input.trim();
  if (expected === 'boolean' && (unquoted === 'true' || unquoted === 'false')) return ` (write ${unquoted} without quotes)`;
  if ((expected === 'number' || expected === 'int') && unquoted !== '' && Number.isFinite(Number(unquoted))) return ` (write ${Number(unquoted)} without quotes)`;
  return '';
}

function describeIssue(issue: Issue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return 'is required';
      // A field that may not be set at all (`z.never({ error })`) says why in its own message.
      if (issue.expected === 'never') return issue.message;
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      const shape = issue.path.length === 1 ? shapeHint(issue.path[0], input) : undefined;
      return `expected ${expected}, found ${describeValue(input)}${shape === undefined ? quotingHint(issue.expected, input) : ` (${shape})`}`;
    }
    case 'invalid_value': {
      if (input === undefined) return 'is required';
      // A schema's own message (zod's default ones start "Invalid option"/"Invalid input").
      if (!/^Invalid (option|input)/.test(issue.message)) return issue.message;
      const options = issue.values.map((v) => JSON.stringify(v));
      const list = options.length === 1 ? options[0] : `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}`;
      const word = typeof input === 'string' && issue.path.length === 1 && issue.path[0] === 'type' ? typeWordHint(input) : undefined;
      const suggestion = typeof input === 'string' && word === undefined ? didYouMean(input, issue.values.map(String)) : undefined;
      return `expected ${list}, found ${describeValue(input)}${word !== undefined ? ` (${word})` : suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
    }
    case 'too_small':
    case 'too_big': {
      // A schema's own message (zod's default ones start "Too small"/"Too big").
      if (!/^Too (small|big)/.test(issue.message)) return issue.message;
      const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      if (issue.origin === 'string') {
        return issue.code === 'too_small' && bound === 1 ? 'must not be empty' : `must be ${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} characters`;
      }
      if (issue.origin === 'array') {
        if (issue.code === 'too_small' && bound === 1) return 'must not be empty (a list of at least one item)';
        return `must have ${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} item${bound === 1 ? '' : 's'}`;
      }
      const op = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      return `expected an integer ${op} ${bound}, found ${describeValue(input)}`;
    }
    default:
      return issue.message;
  }
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

/** `"abc"`, `5`, `true`, `null`, `a list`, `an object`. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  return String(value);
}

/** The object schema whose value is at `path`, unwrapping optionals, defaults, pipes and arrays. */
function objectSchemaAt(schema: Schema, path: readonly PropertyKey[]): z.core.$ZodObject | undefined {
  let current: Schema | undefined = unwrap(schema);
  for (const part of path) {
    if (current === undefined) return undefined;
    const def = current._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object') current = (def.shape as Record<string, Schema>)[String(part)];
    else if (def.type === 'array') current = def.element as Schema;
    else if (def.type === 'record') current = def.valueType as Schema;
    else return undefined;
    current = current === undefined ? undefined : unwrap(current);
  }
  return current?._zod.def.type === 'object' ? (current as z.core.$ZodObject) : undefined;
}

function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault' || def.type === 'nullable') current = def.innerType as Schema;
    else if (def.type === 'pipe') current = def.in as Schema;
    else if (def.type === 'union') {
      // A string-or-object field: its object shape.
      const object = (def.options as Schema[]).find((option) => unwrap(option)._zod.def.type === 'object');
      if (object === undefined) return current;
      current = object;
    } else return current;
  }
}
