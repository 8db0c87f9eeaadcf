/** Property 2, hostile manifests: {@link checkHostileCase}, and the check of each diagnostic. */
import type { LoadedTask } from '../../../lib/manifest/load';
import { taskWarnings } from '../../../lib/manifest/warnings';
import { type Diagnostic, formatDiagnostic } from '../../../lib/diagnostics/diagnostic';
import type { Settings } from '../../../lib/project-settings';
import { parseAllDocuments } from 'yaml';
import { renderTask } from '../render-task';
import { needsObjectSizeCheck, objectSizeDiagnostics } from '../../../lib/validation/object-size';
import type { HostileCase } from './hostile-case';
import { loaderFor, MANIFEST_FILE } from './loaders';
import { checkRendering } from './rendering-check';
import { type SchemaValidator, violation } from './violation';

/** Problems with one diagnostic: where it points and what it says. */
export function diagnosticProblems(d: Diagnostic, file: string, text: string): string[] {
  const out: string[] = [];
  const shown = formatDiagnostic(d).slice(0, 200);
  if (d.file !== file) out.push(`file is ${JSON.stringify(d.file)}, not ${JSON.stringify(file)}: ${shown}`);
  if (!(Number.isInteger(d.line) && d.line >= 1)) out.push(`line ${d.line} is not ≥ 1: ${shown}`);
  if (!(Number.isInteger(d.column) && d.column >= 1)) out.push(`column ${d.column} is not ≥ 1: ${shown}`);
  if (typeof d.message !== 'string' || d.message.trim() === '') out.push(`empty message: ${shown}`);
  if (!(d.offset >= 0 && d.offset <= text.length)) out.push(`offset ${d.offset} is outside the text (${text.length} units): ${shown}`);
  else {
    const before = text.slice(0, d.offset);
    const line = before.split('\n').length;
    const column = d.offset - (before.lastIndexOf('\n') + 1) + 1;
    if (line !== d.line || column !== d.column) out.push(`line:column ${d.line}:${d.column} does not match offset ${d.offset} (${line}:${column}): ${shown}`);
  }
  return out;
}

/**
/** The warnings synth computes for a valid task: they never throw, and each is located and says something. */
export function checkWarnings(loaded: LoadedTask, description: string, text = loaded.document.text): void {
  let warnings;
  try {
    warnings = taskWarnings(loaded, '/nonexistent', 'tasks/fuzz');
  } catch (e) {
    return violation(`taskWarnings threw (${description}): ${(e as Error).stack ?? String(e)}`);
  }
  const problems = warnings.flatMap((d) => diagnosticProblems(d, MANIFEST_FILE, text));
  if (problems.length > 0) violation(`badly formed warnings (${description}):\n  ${problems.join('\n  ')}`);
}

/**
 * Property 2: `ManifestLoader.load` never throws; it gives a task or at
 * least one error, never both; every diagnostic is located and says
 * something; an input that certainly breaks a rule is refused; an accepted
 * one renders into valid objects.
 */
export function checkHostileCase(c: HostileCase, settings: Settings, validate?: SchemaValidator): void {
  let result;
  try {
    result = loaderFor(settings).load(MANIFEST_FILE, c.text);
  } catch (e) {
    return violation(`ManifestLoader.load threw (${c.description}): ${(e as Error).stack ?? String(e)}`);
  }
  // Objects too large for client-side apply are refused by synth after loading.
  const sized = result.task === undefined || !needsObjectSizeCheck(result.task.document) ? [] : objectSizeDiagnostics(result.task.document, parseAllDocuments(renderTask(result.task.task, settings, MANIFEST_FILE).content).map((d) => d.toJS()));
  if (sized.length > 0) result = { diagnostics: [...result.diagnostics, ...sized] };
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (result.task !== undefined && errors.length > 0) violation(`both a task and ${errors.length} error(s) (${c.description})`);
  if (result.task === undefined && errors.length === 0) violation(`neither a task nor an error (${c.description})`);
  const problems = result.diagnostics.flatMap((d) => diagnosticProblems(d, MANIFEST_FILE, c.text));
  if (problems.length > 0) violation(`badly formed diagnostics (${c.description}):\n  ${problems.join('\n  ')}`);
  if (result.task !== undefined) {
    if (c.mustReject) violation(`accepted although it breaks a rule (${c.description})`);
    checkWarnings(result.task, c.description);
    checkRendering(result.task.task, settings, validate);
  }
}
