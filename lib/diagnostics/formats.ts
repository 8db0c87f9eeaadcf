import { type Diagnostic, environmentsPrefix, formatDiagnostic, type RelatedLocation, type SourceLocation } from './diagnostic';

/** How diagnostics are printed: for people, for programs, for GitHub Actions. */
export const DIAGNOSTIC_FORMATS = ['text', 'json', 'github'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

/** Renders diagnostics, one or more lines each, every line ending in a newline; related locations follow their diagnostic. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], format: DiagnosticFormat): string {
  const render = format === 'json' ? json : format === 'github' ? github : text;
  return diagnostics.map(render).join('');
}

/**
 * `file:line:col severity: field: message`, then the source line and a caret
 * under the range; each related location as a `note:` with its own caret block.
 */
function text(d: Diagnostic): string {
  const related = (d.related ?? []).map((r) => `${r.file}:${r.line}:${r.column} note: ${r.message}\n${caretBlock(r)}`);
  return `${formatDiagnostic(d)}\n${caretBlock(d)}${related.join('')}`;
}

/** The source line with a caret under the range (nothing for a very long line or without a source line). */
function caretBlock(at: SourceLocation): string {
  if (at.sourceLine === undefined || at.sourceLine.length > 300) return '';
  const gutter = String(at.line).length;
  const start = at.column - 1;
  const width = Math.max(1, Math.min(at.length, at.sourceLine.length - start));
  const underline = ' '.repeat(start) + '^' + '~'.repeat(width - 1);
  return `${String(at.line).padStart(gutter + 2)} | ${at.sourceLine.replace(/\t/g, ' ')}\n${' '.repeat(gutter + 2)} | ${underline}\n`;
}

/** One JSON object per line; related locations in `related`. */
function json(d: Diagnostic): string {
  const related = d.related?.map((r: RelatedLocation) => ({ file: r.file, line: r.line, column: r.column, length: r.length, message: r.message }));
  return `${JSON.stringify({ file: d.file, line: d.line, column: d.column, length: d.length, severity: d.severity, path: d.path, message: d.message, ...(d.environments === undefined ? {} : { environments: d.environments }), ...(related === undefined ? {} : { related }) })}\n`;
}

/** A GitHub Actions workflow command: an annotation on the file and line; a `notice` annotation at each related location. */
function github(d: Diagnostic): string {
  const title = `${environmentsPrefix(d)}${d.path === '' ? 'datatask-cdk8s' : d.path}`;
  const head = `::${d.severity} file=${githubProperty(d.file)},line=${d.line},col=${d.column},title=${githubProperty(title)}::${githubData(d.message)}\n`;
  const related = (d.related ?? []).map(
    (r) => `::notice file=${githubProperty(r.file)},line=${r.line},col=${r.column},title=${githubProperty(title)}::${githubData(`${r.message} (see ${d.file}:${d.line}:${d.column})`)}\n`,
  );
  return head + related.join('');
}

/** Escapes the message of a workflow command. */
export function githubData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property (file, title) of a workflow command. */
export function githubProperty(value: string): string {
  return githubData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
