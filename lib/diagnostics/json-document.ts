import { type Node, type ParseError, ParseErrorCode, parseTree } from 'jsonc-parser';
import type { Diagnostic, Severity, SourceLocation } from './diagnostic';
import { LineIndex } from './line-index';

/** Options of the (slow) positional parser: strict JSON. */
const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

/**
 * A manifest as the rules see it: its value, and where each of its values
 * is written. A JsonDocument is one file; an environment's merged manifest
 * (lib/environments/overlaid-document.ts) is a manifest and its overlay.
 */
export interface SourceDocument {
  /** The file diagnostics of the whole manifest are located in, as shown to the user. */
  readonly file: string;
  /** The text it was read from (of both files, for a merged manifest): its size bounds the size of what it renders. */
  readonly text: string;
  readonly value: unknown;
  /** The place of the value (or its property name) at `path`; for a path that does not exist, the nearest existing ancestor. */
  locate(path: readonly PropertyKey[], target?: 'key' | 'value'): SourceLocation;
  /** A diagnostic at `path`. */
  diagnostic(path: readonly PropertyKey[], message: string, options?: { target?: 'key' | 'value'; severity?: Severity }): Diagnostic;
  /** Drops what it can make again from its text (JsonDocument.forget); `value` and locations stay as they were. */
  forget(): void;
}

/**
 * A parsed JSON file that can say where every value came from. The syntax
 * tree with positions is built only when a diagnostic needs one: most files
 * have none, and a tree costs memory for every manifest.
 */
export class JsonDocument implements SourceDocument {
  private tree?: Node;
  private lineIndex?: LineIndex;
  /** Each object node's properties by name (`child`), built when first walked. */
  private readonly properties = new WeakMap<Node, Map<string, Node>>();

  /**
   * @param file the file as shown to the user
   * @param parsed the text's value when already parsed; else parsed when first read
   */
  constructor(
    public readonly file: string,
    public readonly text: string,
    private parsed?: unknown,
  ) {}

  /**
   * Drops what it makes again from its text when asked (the value, the
   * syntax tree, the line index): a document kept only to locate later
   * diagnostics then costs its text. The load stage forgets each manifest
   * once it is loaded (README, "Performance").
   */
  public forget(): void {
    this.parsed = undefined;
    this.tree = undefined;
    this.lineIndex = undefined;
  }

  /** The document's value (keys are unique: duplicates were refused). */
  public get value(): unknown {
    this.parsed ??= JSON.parse(this.text);
    return this.parsed;
  }

  private get root(): Node {
    this.tree ??= parseTree(this.text, [], STRICT);
    if (this.tree === undefined) throw new Error(`${this.file} parsed once but has no syntax tree`);
    return this.tree;
  }

  private get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  /**
   * The place of the value (or, with `target: 'key'`, of the property name) at
   * `path`; for a path that does not exist, the nearest existing ancestor.
   */
  public locate(path: readonly PropertyKey[], target: 'key' | 'value' = 'value'): SourceLocation {
    // The longest prefix of `path` that exists: one walk down from the root.
    let node: Node = this.root;
    let depth = 0;
    for (; depth < path.length; depth++) {
      const child = this.child(node, path[depth]!);
      if (child === undefined) break;
      node = child;
    }
    const exact = depth === path.length;
    if (exact && target === 'key' && node.parent?.type === 'property') node = node.parent.children?.[0] ?? node;
    // A missing field is reported at the object that should hold it: point at its opening brace.
    const length = exact ? node.length : 1;
    return this.at(node.offset, length);
  }

  /**
   * The value node of `node` at one step of a path, as jsonc-parser's
   * `findNodeAtLocation` finds it (an object's first property of that name,
   * an array's item), with each object's properties indexed once: a file
   * with many diagnostics (a pins file of 40,000 keys) located each by a
   * scan of its object took minutes.
   */
  private child(node: Node, segment: PropertyKey): Node | undefined {
    if (node.type === 'array') return typeof segment === 'number' ? node.children?.[segment] : undefined;
    if (node.type !== 'object' || typeof segment !== 'string') return undefined;
    let properties = this.properties.get(node);
    if (properties === undefined) {
      properties = new Map();
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key !== undefined && value !== undefined && property.children!.length === 2 && !properties.has(key.value)) properties.set(key.value, value);
      }
      this.properties.set(node, properties);
    }
    return properties.get(segment);
  }

  /** Whether the value has something at `path` (not only an ancestor of it). */
  public has(path: readonly PropertyKey[]): boolean {
    let node: unknown = this.value;
    for (const part of path) {
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return false;
      node = (node as Record<PropertyKey, unknown>)[part];
    }
    return true;
  }

  /** A location from an offset range. */
  public at(offset: number, length: number): SourceLocation {
    const { line, column } = this.lines.position(offset);
    return { file: this.file, line, column, offset, length, sourceLine: this.lines.lineText(this.text, offset) };
  }

  /** A diagnostic at `path`. */
  public diagnostic(path: readonly PropertyKey[], message: string, options: { target?: 'key' | 'value'; severity?: Severity } = {}): Diagnostic {
    return {
      ...this.locate(path, options.target ?? 'value'),
      severity: options.severity ?? 'error',
      path: formatPath(path),
      message,
    };
  }
}

/** `env[1].value`, `published.prefix`, `node-selector["kubernetes.io/os"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(part))) out += out === '' ? String(part) : `.${String(part)}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/**
 * Parses strict JSON (no comments, no trailing commas), and reports, with
 * positions: syntax errors, a byte order mark, duplicate keys and strings
 * that are not well-formed UTF-16 (a lone `\ud800` escape).
 *
 * The common case, a valid file, takes the fast path: `JSON.parse`, a count
 * of key tokens against the parsed keys (a duplicate key makes them differ)
 * and a well-formedness walk. Anything else goes through jsonc-parser for
 * positions.
 */
export function parseJsonDocument(file: string, text: string): { document?: JsonDocument; diagnostics: Diagnostic[] } {
  const { tooDeepAt: tooDeep, keyTokens } = scanStructure(text, MAX_DEPTH);
  if (tooDeep !== undefined) {
    // Checked first: the parsers recurse, and thousands of levels would overflow the stack.
    const lines = new LineIndex(text);
    const { line, column } = lines.position(tooDeep);
    const message = `the JSON nests deeper than ${MAX_DEPTH} levels; a manifest is a small object`;
    return { diagnostics: [{ file, line, column, offset: tooDeep, length: 1, severity: 'error', path: '', message }] };
  }
  if (text.charCodeAt(0) !== 0xfeff) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (value !== undefined) {
      const walk = { keys: 0, wellFormed: true };
      inspect(value, walk);
      if (walk.wellFormed && walk.keys === keyTokens) return { document: new JsonDocument(file, text, value), diagnostics: [] };
    }
  }
  return { diagnostics: slowParseDiagnostics(file, text) };
}

/** Every problem of a file that the fast path refused, located. */
function slowParseDiagnostics(file: string, text: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const lines = new LineIndex(text);
  const report = (offset: number, length: number, message: string): void => {
    const { line, column } = lines.position(offset);
    diagnostics.push({ file, line, column, offset, length, sourceLine: lines.lineText(text, offset), severity: 'error', path: '', message });
  };

  if (text.charCodeAt(0) === 0xfeff) {
    report(0, 1, 'the file starts with a byte order mark (BOM); save it as UTF-8 without BOM');
    return diagnostics;
  }
  if (text.trim() === '') {
    report(0, 0, 'the file is empty; a manifest is a JSON object');
    return diagnostics;
  }

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, STRICT);
  for (const error of errors.slice(0, 1)) {
    // Only the first syntax error is reliable; the rest are usually its echoes.
    report(error.offset, error.length, `invalid JSON: ${describeParseError(error.error)}`);
  }
  if (root !== undefined && errors.length === 0) checkTree(root, lines, report);
  if (diagnostics.length === 0) {
    // JSON.parse refused what jsonc-parser accepts: say what JSON.parse said.
    try {
      JSON.parse(text);
    } catch (error) {
      report(0, 0, `invalid JSON: ${(error as Error).message}`);
    }
  }
  return diagnostics;
}

/** Counts object keys and checks every string of a parsed value. */
function inspect(value: unknown, walk: { keys: number; wellFormed: boolean }): void {
  if (typeof value === 'string') {
    if (!value.isWellFormed()) walk.wellFormed = false;
  } else if (Array.isArray(value)) {
    for (const item of value) inspect(item, walk);
  } else if (typeof value === 'object' && value !== null) {
    for (const key in value) {
      walk.keys++;
      if (!key.isWellFormed() || key === '__proto__') walk.wellFormed = false;
      inspect((value as Record<string, unknown>)[key], walk);
    }
  }
}

/** The deepest nesting of objects and lists a document may have. */
export const MAX_DEPTH = 64;

/**
 * One pass over the text, outside strings: the offset of the first `{` or
 * `[` that opens level `max + 1` (the scan stops there), and how many
 * strings are followed by `:`, i.e. are keys (meaningful for valid JSON).
 */
function scanStructure(text: string, max: number): { tooDeepAt?: number; keyTokens: number } {
  let depth = 0;
  let keyTokens = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
      let k = i + 1;
      while (k < n && isJsonSpace(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) === 58 /* : */) keyTokens++;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return { tooDeepAt: i, keyTokens };
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return { keyTokens };
}

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function checkTree(node: Node, lines: LineIndex, report: (offset: number, length: number, message: string) => void): void {
  if (node.type === 'string' && !(node.value as string).isWellFormed()) {
    report(node.offset, node.length, 'the string contains an unpaired UTF-16 surrogate escape (such as "\\ud800"), which no YAML file can hold');
  }
  if (node.type === 'object') {
    const seen = new Map<string, Node>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      if (key === undefined) continue;
      const name = key.value as string;
      if (name === '__proto__') {
        // JavaScript objects and schema libraries treat this key specially (zod drops it silently).
        report(key.offset, key.length, 'the key "__proto__" is not allowed');
        continue;
      }
      const first = seen.get(name);
      if (first !== undefined) {
        const { line, column } = lines.position(first.offset);
        report(key.offset, key.length, `duplicate key ${JSON.stringify(name)} (first at ${line}:${column}); JSON readers would silently keep only the last one`);
      } else {
        seen.set(name, key);
      }
    }
  }
  for (const child of node.children ?? []) checkTree(child, lines, report);
}

function describeParseError(code: ParseErrorCode): string {
  switch (code) {
    case ParseErrorCode.InvalidSymbol: return 'unexpected character';
    case ParseErrorCode.InvalidNumberFormat: return 'invalid number';
    case ParseErrorCode.PropertyNameExpected: return 'expected a property name in double quotes';
    case ParseErrorCode.ValueExpected: return 'expected a value';
    case ParseErrorCode.ColonExpected: return 'expected ":"';
    case ParseErrorCode.CommaExpected: return 'expected ","';
    case ParseErrorCode.CloseBraceExpected: return 'expected "}" (is a comma trailing?)';
    case ParseErrorCode.CloseBracketExpected: return 'expected "]"';
    case ParseErrorCode.EndOfFileExpected: return 'unexpected content after the end of the JSON value';
    case ParseErrorCode.InvalidCommentToken: return 'comments are not allowed in JSON';
    case ParseErrorCode.UnexpectedEndOfComment: return 'unterminated comment';
    case ParseErrorCode.UnexpectedEndOfString: return 'unterminated string';
    case ParseErrorCode.UnexpectedEndOfNumber: return 'unterminated number';
    case ParseErrorCode.InvalidUnicode: return 'invalid \\u escape';
    case ParseErrorCode.InvalidEscapeCharacter: return 'invalid escape sequence';
    case ParseErrorCode.InvalidCharacter: return 'invalid character in a string (control characters must be escaped)';
    default: return 'syntax error';
  }
}
