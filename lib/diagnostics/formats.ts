import { type Diagnostic, formatDiagnostic } from './diagnostic';

/** How diagnostics are printed: for people, for programs, for GitHub Actions. */
export const DIAGNOSTIC_FORMATS = ['text', 'json', 'github'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

/** Renders diagnostics, one or more lines each, every line ending in a newline. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], format: DiagnosticFormat): string {
  const render = format === 'json' ? json : format === 'github' ? github : text;
  return diagnostics.map(render).join('');
}

/** `file:line:col severity: field: message`, then the source line and a caret under the range. */
function text(d: Diagnostic): string {
  const head = `${formatDiagnostic(d)}\n`;
  if (d.sourceLine === undefined || d.sourceLine.length > 300) return head;
  const gutter = String(d.line).length;
  const start = d.column - 1;
  const width = Math.max(1, Math.min(d.length, d.sourceLine.length - start));
  const underline = ' '.repeat(start) + '^' + '~'.repeat(width - 1);
  return `${head}${String(d.line).padStart(gutter + 2)} | ${d.sourceLine.replace(/\t/g, ' ')}\n${' '.repeat(gutter + 2)} | ${underline}\n`;
}

/** One JSON object per line. */
function json(d: Diagnostic): string {
  return `${JSON.stringify({ file: d.file, line: d.line, column: d.column, length: d.length, severity: d.severity, path: d.path, message: d.message })}\n`;
}

/** A GitHub Actions workflow command: an annotation on the file and line. */
function github(d: Diagnostic): string {
  const title = d.path === '' ? 'datatask-cdk8s' : d.path;
  return `::${d.severity} file=${property(d.file)},line=${d.line},col=${d.column},title=${property(title)}::${data(d.message)}\n`;
}

function data(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(value: string): string {
  return data(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
