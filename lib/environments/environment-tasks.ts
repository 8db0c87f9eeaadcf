/**
 * One task folder in a project with environments: its manifest.json, read
 * once, validated in every environment it runs in, each time with that
 * environment's settings and its overlay (manifest.<env>.json) merged over
 * it. Called by the load stage (lib/manifest/load-tasks.ts) for each
 * manifest; returns data, writes nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Diagnostic, fileError, type SourceLocation } from '../diagnostics/diagnostic';
import type { JsonDocument, SourceDocument } from '../diagnostics/json-document';
import type { CrossTaskEntry } from '../manifest/cross-task-entry';
import { entryOfTask } from '../manifest/cross-task-entry';
import { type ManifestEntry, overlayFile } from '../manifest/discover';
import { environmentsOf } from '../manifest/fields/environments';
import type { Task } from '../model';
import { type Checked, type KnownWarnings, type LoadedTask, type LoadResult, type ManifestLoader, parseManifest, type TextFindings, textFindings, warningsContext } from '../manifest/load';
import { readManifest } from '../manifest/read';
import type { Environment } from '../project-settings';
import { didYouMean } from '../validation/suggest';
import { OverlaidDocument } from './overlaid-document';
import { EnvironmentFindings, identity } from './environment-findings';
import { mergeOverlay } from './overlay-merge';
import { differsOnlyInNamespace } from '../manifest/schema';

/** A task folder to load: where it is and how it is shown. */
export interface TaskFolder {
  readonly tasksDir: string;
  readonly entry: ManifestEntry;
  /** manifest.json as shown in diagnostics (relative to the working directory). */
  readonly shown: string;
  /** manifest.json as named in output headers (relative to the tasks folder's parent). */
  readonly origin: string;
  /** Its text. */
  readonly text: string;
  /** The settings file, as its overlays' errors name it. */
  readonly settingsFile: string;
}

/** What is known of one environment of the run. */
export interface EnvironmentLoader {
  readonly environment: Environment;
  readonly loader: ManifestLoader;
  /** Whether the run renders it (`--env`); the others are declared but not loaded. */
  readonly selected: boolean;
}

/** A task as validated in one environment, with the cache's key and hash of its sources. */
export interface EnvironmentTask {
  readonly loaded: LoadedTask;
  readonly cacheKey: string;
  readonly textHash: string;
  /** Its warnings, for the render cache to keep (absent as in TaskSource). */
  readonly warnings?: KnownWarnings;
}

/** One task folder in every environment. */
export interface EnvironmentResult {
  readonly tasks: readonly EnvironmentTask[];
  /** Per environment: what the rules across tasks read (of the invalid ones too). */
  readonly crossTask: ReadonlyMap<string, readonly CrossTaskEntry[]>;
  readonly diagnostics: readonly Diagnostic[];
}

/** The validated task of a cache key whose sources still hash to `textHash`; how the cache is asked. */
export interface KnownEnvironmentTasks {
  hashManifest(text: string): string;
  task(key: string, textHash: string): LoadedTask['task'] | undefined;
  warnings(key: string, textHash: string, context: string): readonly Diagnostic[] | undefined;
}

/**
 * Loads one task folder in every selected environment it runs in. The
 * folder's own mistakes (an overlay of an undeclared environment, or of
 * one the task does not run in) are errors of the overlay file; the
 * diagnostics of each environment's merged manifest come once each,
 * naming the environments they occur in unless they occur in all.
 *
 * @param warningsOf the warnings of a valid task (lib/manifest/warnings.ts), as the load stage computes them
 */
export function loadInEnvironments(
  folder: TaskFolder,
  environments: readonly EnvironmentLoader[],
  known: KnownEnvironmentTasks | undefined,
  warningsOf: (task: LoadedTask, salvagedWithout?: ReadonlySet<string>) => readonly Diagnostic[],
): EnvironmentResult {
  const parsed = parseManifest(folder.shown, folder.text);
  if (parsed.document === undefined) return { tasks: [], crossTask: new Map(), diagnostics: parsed.diagnostics };
  const base = parsed.document;
  const baseText = textFindings(base);
  const declared = environments.map((e) => e.environment.name);
  const runsIn = environmentsOf(base.value, declared);
  const diagnostics: Diagnostic[] = [...checkOverlayNames(folder, base, declared, runsIn)];
  const found = new EnvironmentFindings();
  const tasks: EnvironmentTask[] = [];
  const crossTask = new Map<string, CrossTaskEntry[]>();
  // manifest.json is checked once for the environments whose settings its rules read alike (ManifestLoader.rulesKey),
  // and their tasks share the parts of the first one's model (toTaskLike).
  const baseChecks = new Map<string, { readonly checked: Checked; task?: Task }>();
  let baseHash: string | undefined;
  const warned: { readonly document: SourceDocument; readonly task: Task; readonly warnings: readonly Diagnostic[] }[] = [];
  const context = warningsContext(folder.shown, folder.entry.dockerfile);
  const baseCheck = (loader: ManifestLoader): { readonly checked: Checked; task?: Task } => {
    let found = baseChecks.get(loader.rulesKey);
    if (found === undefined) baseChecks.set(loader.rulesKey, (found = { checked: loader.check(base) }));
    return found;
  };

  for (const { environment, loader, selected } of environments) {
    if (!selected || !runsIn.includes(environment.name)) continue;
    const name = environment.name;
    const overlay = folder.entry.overlays.includes(name) ? readOverlay(folder, name) : undefined;
    if (overlay !== undefined && overlay.document === undefined) {
      diagnostics.push(...overlay.diagnostics.map((d) => ({ ...d, environments: [name] })));
      continue;
    }
    let document: SourceDocument = base;
    let text: TextFindings = baseText;
    let origin = folder.origin;
    if (overlay?.document !== undefined) {
      const merged = mergeOverlay(base.value as Record<string, unknown>, overlay.document.value as Record<string, unknown>);
      const overlaid = new OverlaidDocument(name, base, overlay.document, merged);
      for (const problem of merged.problems) {
        diagnostics.push({ ...overlay.document.diagnostic(problem.path, problem.message, { severity: problem.severity, target: problem.target }), environments: [name] });
      }
      const own = textFindings(overlay.document);
      document = overlaid;
      text = { errors: [...baseText.errors, ...own.errors], warnings: [...baseText.warnings, ...own.warnings] };
      origin = `${folder.origin} and ${path.posix.join(path.posix.dirname(folder.origin), overlayFile(name))}`;
    }
    const cacheKey = `${name}:${folder.entry.relative}`;
    const textHash = overlay?.document === undefined ? (baseHash ??= known?.hashManifest(folder.text) ?? '') : (known?.hashManifest(`${folder.text}\0${overlay.document.text}`) ?? '');
    const cached = known?.task(cacheKey, textHash);
    const shared = document === base && cached === undefined ? baseCheck(loader) : undefined;
    const result: LoadResult = cached === undefined
      ? loader.validate(document, origin, text, name, shared?.checked, shared?.task)
      : { task: { task: cached, document, origin, environment: name }, diagnostics: text.warnings };
    if (shared !== undefined) shared.task ??= result.task?.task;
    const blame = document instanceof OverlaidDocument ? causedByOverlay(document, result.diagnostics, () => loader.validate(base, folder.origin, baseText, name, baseCheck(loader).checked).diagnostics) : result.diagnostics;
    found.add(name, blame);
    if (result.partial !== undefined) push(crossTask, name, result.partial);
    if (result.salvaged !== undefined) found.add(name, warningsOf(result.salvaged.task, result.salvaged.without));
    if (result.task !== undefined) {
      push(crossTask, name, entryOfTask(result.task));
      // The same document's task, but for its namespace, has the same warnings (they read no namespace, TaskWithoutNamespace): made once;
      // an unchanged task's, made in the same context, are the render cache's (they read nothing else).
      const loaded = result.task;
      let same = warned.find((w) => w.document === loaded.document && differsOnlyInNamespace(loaded.task, w.task));
      if (same === undefined) {
        const kept = cached !== undefined && context !== undefined ? known!.warnings(cacheKey, textHash, context) : undefined;
        warned.push((same = { document: loaded.document, task: loaded.task, warnings: kept ?? warningsOf(loaded) }));
      }
      tasks.push({ loaded, cacheKey, textHash, ...(context === undefined ? {} : { warnings: { context, diagnostics: same.warnings } }) });
      found.add(name, same.warnings);
    }
  }
  return { tasks, crossTask, diagnostics: [...diagnostics, ...found.diagnostics(runsIn.filter((n) => environments.some((e) => e.selected && e.environment.name === n)))] };
}

/** The overlay of `environment` beside the folder's manifest, read and parsed. */
function readOverlay(folder: TaskFolder, environment: string): { document?: JsonDocument; diagnostics: readonly Diagnostic[] } {
  const relative = path.posix.join(path.posix.dirname(folder.entry.relative), overlayFile(environment));
  const shown = path.posix.join(path.posix.dirname(folder.shown), overlayFile(environment));
  // A symbolic link leading out of the tasks folder is refused as a manifest would be. Whether it is one is
  // asked with one lstat: resolving every overlay's path (two realpaths) cost ~0.1 ms an overlay.
  const read = readManifest(folder.tasksDir, { relative, symlink: isSymbolicLink(path.join(folder.tasksDir, relative)), dockerfile: undefined, overlays: [] });
  if ('problem' in read) return { diagnostics: [fileError(shown, `the overlay ${read.problem}`)] };
  return parseManifest(shown, read.text, 'an overlay');
}

/** Whether `file` is a symbolic link; true when lstat fails, so that readManifest resolves it and says why it cannot. */
function isSymbolicLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return true;
  }
}

/**
 * The overlays of a folder that no run reads: of an environment the
 * settings do not declare (a typo, `manifest.prd.json`), or of one the
 * task does not run in. Each an error at the overlay file.
 */
function checkOverlayNames(folder: TaskFolder, base: JsonDocument, declared: readonly string[], runsIn: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of folder.entry.overlays) {
    const file = path.posix.join(path.posix.dirname(folder.shown), overlayFile(name));
    if (!declared.includes(name)) {
      const suggestion = didYouMean(name, declared);
      const hint = suggestion === undefined ? `the settings declare ${declared.map((d) => JSON.stringify(d)).join(', ')}` : `did you mean "${suggestion}", ${overlayFile(suggestion)}?`;
      out.push(fileError(file, `this overlay is for environment ${JSON.stringify(name)}, which the settings do not declare, so it is not read (${hint}); rename the file, or declare the environment in ${folder.settingsFile}`));
    } else if (!runsIn.includes(name)) {
      const listed = base.locate(['environments']);
      out.push({
        ...fileError(file, `this overlay is for environment ${JSON.stringify(name)}, where the task does not run (its "environments" lists ${runsIn.map((n) => JSON.stringify(n)).join(', ')}), so it is not read; add ${JSON.stringify(name)} to "environments", or remove this file`),
        related: [{ ...listed, message: 'the environments the task runs in' }],
      });
    }
  }
  return out;
}

/**
 * The diagnostics of an environment's merged manifest, where those located
 * in manifest.json that its validation alone (with the same settings) does
 * not give are moved to the overlay: a rule the merge broke (the overlay's
 * `cpu-limit` below the manifest's `cpu-request`) is the overlay's to fix.
 * It is moved to the overlay field the message names, else its first field.
 */
function causedByOverlay(document: OverlaidDocument, diagnostics: readonly Diagnostic[], baseAlone: () => readonly Diagnostic[]): readonly Diagnostic[] {
  const inBase = diagnostics.filter((d) => d.environments === undefined && d.file === document.base.file);
  if (inBase.length === 0) return diagnostics;
  const own = new Set(baseAlone().map(identity));
  const fields = Object.keys(document.overlay.value as Record<string, unknown>).filter((key) => key !== '$schema');
  return diagnostics.map((d) => {
    if (d.environments !== undefined || d.file !== document.base.file || own.has(identity(d)) || fields.length === 0) return d;
    const field = [...fields].sort((a, b) => b.length - a.length).find((key) => d.message.includes(key)) ?? fields[0]!;
    const at: SourceLocation = document.overlay.locate([field]);
    return {
      ...at,
      severity: d.severity,
      path: d.path,
      message: `${d.message} (${d.file}:${d.line}:${d.column})`,
      related: [{ file: d.file, line: d.line, column: d.column, offset: d.offset, length: d.length, sourceLine: d.sourceLine, message: `the rule is broken here once ${field} of the overlay is merged` }],
      environments: [document.environment],
    };
  });
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
