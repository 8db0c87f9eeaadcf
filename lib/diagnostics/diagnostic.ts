/** How bad a diagnostic is: errors fail the run, warnings only with `--strict`. */
export type Severity = 'error' | 'warning';

/** A place in a source file; line and column are 1-based, offsets 0-based UTF-16 units. */
export interface SourceLocation {
  /** Path of the file as shown to the user (relative to the working directory, `/`-separated). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Offset of the offending range. */
  readonly offset: number;
  /** Length of the offending range (0 for a point). */
  readonly length: number;
  /** The text of the line at `line`, for showing the offending range. */
  readonly sourceLine?: string;
}

/** Another place a diagnostic concerns (the first definition of a duplicate name), and what it is. */
export interface RelatedLocation extends SourceLocation {
  readonly message: string;
}

/** One finding about one place in one file. */
export interface Diagnostic extends SourceLocation {
  readonly severity: Severity;
  /** The field path, e.g. `env[1].value` or `published.prefix`; empty for the whole file. */
  readonly path: string;
  /** What was expected and what was found, with a hint where one exists. */
  readonly message: string;
  /** Other places it concerns, printed after it by every format. */
  readonly related?: readonly RelatedLocation[];
  /**
   * The environments whose merged manifests break the rule (`[prod]`
   * before the path), sorted; absent for a file's own problem, or one of
   * every environment the task runs in.
   */
  readonly environments?: readonly string[];
  /**
   * The rule that found it, where a later stage can tell that it no longer
   * holds: `mutable-tag` (a tag that moves under running pods), dropped for
   * a task pinned by digest wherever it runs (lib/images/apply-pins.ts).
   * Not printed. @default none
   */
  readonly rule?: 'mutable-tag';
}

/** An error of a whole file (at 1:1, no field): one no run reads, or one that cannot be read as its kind of file. */
export function fileError(file: string, message: string): Diagnostic {
  return { file, line: 1, column: 1, offset: 0, length: 0, severity: 'error', path: '', message };
}

/** Sorts diagnostics by file, position, field, then message: output must not depend on discovery order. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.offset !== b.offset) return a.offset - b.offset;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if (a.message !== b.message) return a.message < b.message ? -1 : 1;
  const ea = environmentsPrefix(a);
  const eb = environmentsPrefix(b);
  return ea === eb ? 0 : ea < eb ? -1 : 1;
}

/** `file:line:column severity: path: message`, the format compilers and editors understand. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.path === '' ? '' : `${d.path}: `;
  return `${d.file}:${d.line}:${d.column} ${d.severity}: ${environmentsPrefix(d)}${where}${d.message}`;
}

/** `[prod] `, `[dev, prod] `, or '' for a diagnostic of no one environment. */
export function environmentsPrefix(d: Diagnostic): string {
  return d.environments === undefined || d.environments.length === 0 ? '' : `[${d.environments.join(', ')}] `;
}
