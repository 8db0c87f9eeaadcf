import { findNodeAtLocation, type Node, type ParseError, ParseErrorCode, parseTree } from 'jsonc-parser';
import type { Diagnostic, Severity, SourceLocation } from './diagnostic';
import { LineIndex } from './line-index';

/** A parsed JSON file that remembers where every value came from. */
export class JsonDocument {
  constructor(
    /** The file as shown to the user. */
    public readonly file: string,
    public readonly text: string,
    /** The syntax tree, with offsets. */
    public readonly root: Node,
    private readonly lines: LineIndex,
  ) {}

  /** The document's value (after the syntax checks passed, keys are unique). */
  public get value(): unknown {
    return nodeValue(this.root);
  }

  /**
   * The place of the value (or, with `target: 'key'`, of the property name) at
   * `path`; for a path that does not exist, the nearest existing ancestor.
   */
  public locate(path: readonly PropertyKey[], target: 'key' | 'value' = 'value'): SourceLocation {
    let node: Node | undefined;
    let depth = path.length;
    for (; depth >= 0; depth--) {
      node = findNodeAtLocation(this.root, path.slice(0, depth) as (string | number)[]);
      if (node !== undefined) break;
    }
    node ??= this.root;
    const exact = depth === path.length;
    if (exact && target === 'key' && node.parent?.type === 'property') node = node.parent.children?.[0] ?? node;
    // A missing field is reported at the object that should hold it: point at its opening brace.
    const length = exact ? node.length : 1;
    return this.at(node.offset, length);
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
 */
export function parseJsonDocument(file: string, text: string): { document?: JsonDocument; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lines = new LineIndex(text);
  const report = (offset: number, length: number, message: string): void => {
    const { line, column } = lines.position(offset);
    diagnostics.push({ file, line, column, offset, length, sourceLine: lines.lineText(text, offset), severity: 'error', path: '', message });
  };

  if (text.charCodeAt(0) === 0xfeff) {
    report(0, 1, 'the file starts with a byte order mark (BOM); save it as UTF-8 without BOM');
    return { diagnostics };
  }
  if (text.trim() === '') {
    report(0, 0, 'the file is empty; a manifest is a JSON object');
    return { diagnostics };
  }

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  for (const error of errors.slice(0, 1)) {
    // Only the first syntax error is reliable; the rest are usually its echoes.
    report(error.offset, error.length, `invalid JSON: ${describeParseError(error.error)}`);
  }
  if (root === undefined || errors.length > 0) return { diagnostics };

  checkTree(root, lines, report);
  if (diagnostics.length > 0) return { diagnostics };
  return { document: new JsonDocument(file, text, root, lines), diagnostics };
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

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key !== undefined && value !== undefined) out[key.value as string] = nodeValue(value);
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
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
