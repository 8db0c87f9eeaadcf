import * as path from 'node:path';
import { fileError, type Diagnostic } from '../diagnostics/diagnostic';
import { JsonDocument } from '../diagnostics/json-document';
import { UserError } from '../errors';
import type { Task } from '../model';
import { type EnvironmentLoader, loadInEnvironments } from '../environments/environment-tasks';
import { type Environment, SETTINGS_FILE, type Settings } from '../project-settings';
import { type CrossTaskEntry, entryOfTask } from './cross-task-entry';
import { discoverTaskFiles, MANIFEST_FILE, overlayFile, toPosix } from './discover';
import { type KnownWarnings, type LoadedTask, type LoadResult, ManifestLoader, topLevelField, warningsContext } from './load';
import { bidiControlWarnings } from '../validation/bidi-controls';
import { readManifest } from './read';
import { taskWarnings } from './warnings';

/** A valid task, with what the render cache needs to know of its manifest. */
export interface TaskSource extends LoadedTask {
  /** The manifest's path below the tasks folder, `/`-separated. */
  readonly manifest: string;
  /** Its key in the render cache: the manifest's path, after `<env>:` in an environment. */
  readonly cacheKey: string;
  /** SHA-1 of the manifest's text, and its overlay's ('' without a render cache). */
  readonly textHash: string;
  /** Its warnings, for the render cache to keep; absent when they read more than the cache is keyed by (warningsContext). */
  readonly warnings?: KnownWarnings;
}

/** What the rules across tasks read in one environment (the only one of a project without environments). */
export interface CrossTaskGroup {
  /** The environment; absent in a project without environments. */
  readonly environment?: Environment;
  readonly entries: readonly CrossTaskEntry[];
}

/** What the load stage found: every valid task, and every error and warning of every file. */
export interface LoadedTasks {
  /** The valid tasks, in manifest path order (and, in each folder, environment order). */
  readonly tasks: readonly TaskSource[];
  /** What the cross-task rules read of every manifest, those with errors included (what is readable of them), per environment. */
  readonly crossTask: readonly CrossTaskGroup[];
  /** Every diagnostic of every manifest, in manifest order (the cross-task rules are the next stage). */
  readonly diagnostics: readonly Diagnostic[];
}

export interface LoadTasksInput {
  /** The folder searched for `**\/manifest.json` (absolute). */
  readonly tasksDir: string;
  readonly settings: Settings;
  /** Paths in diagnostics are shown relative to this folder. */
  readonly cwd: string;
  /**
   * A run that finds no manifest is refused (it would prune every generated
   * file of the output folder) unless this is set. @default false
   */
  readonly allowEmpty?: boolean;
  /** An unchanged manifest (same text, same cache key) is not validated again. @default none */
  readonly known?: KnownTasks;
  /** The environments the settings declare, sorted by name. @default none (a project without environments) */
  readonly environments?: readonly Environment[];
  /** The environments to load (`--env`), among the declared. @default every declared one */
  readonly only?: readonly string[];
  /** The settings file as messages that send the user to it name it. @default SETTINGS_FILE */
  readonly settingsFile?: string;
}

/**
 * What a previous run validated (the render stage passes its render cache,
 * lib/output/render-cache.ts): the load stage asks it, and knows nothing
 * else of the cache.
 */
export interface KnownTasks {
  /** The hash a manifest's text is known by ('' when nothing is known). */
  hashManifest(text: string): string;
  /** The validated task of `manifest` (its path below the tasks folder) if its text still hashes to `textHash`. */
  task(manifest: string, textHash: string): Task | undefined;
  /** That task's warnings, if they were made in the same `context` (warningsContext). */
  warnings(manifest: string, textHash: string, context: string): readonly Diagnostic[] | undefined;
}

/**
 * Stage 1, load tasks: discover every manifest below the tasks folder (in
 * path order), read it, validate it into a typed task, add its warnings;
 * writes nothing. Its objects' sizes are checked once they are rendered
 * (lib/synth.ts).
 *
 * @throws UserError when no manifest is found and `allowEmpty` is not set
 */
export function loadTasks(input: LoadTasksInput): LoadedTasks {
  const { tasksDir, settings, cwd, known } = input;
  const { manifests: entries, misnamed, refused, orphanOverlays } = discoverTaskFiles(tasksDir);
  if (entries.length === 0 && misnamed.length === 0 && refused.length === 0 && orphanOverlays.length === 0 && input.allowEmpty !== true) {
    const shown = toPosix(path.relative(cwd, tasksDir)) || '.';
    throw new UserError(
      `${shown}/: no manifest.json below this folder, so nothing was written: a run without tasks would prune every ` +
        'generated file of the output folder (and, with Argo CD\'s prune, every workload). Check --tasks, or pass --allow-empty to prune on purpose.',
    );
  }
  const declared = input.environments ?? [];
  const names = declared.map((e) => e.name);
  const loader = new ManifestLoader(settings, names);
  const environments: EnvironmentLoader[] = declared.map((environment) => ({
    environment,
    loader: new ManifestLoader(environment.settings, names),
    selected: input.only === undefined || input.only.includes(environment.name),
  }));
  const tasksName = path.basename(tasksDir);
  const diagnostics: Diagnostic[] = [];
  const tasks: TaskSource[] = [];
  const crossTaskEntries: CrossTaskEntry[] = [];
  const byEnvironment = new Map<string, CrossTaskEntry[]>();
  const warningsOf = (dockerfile: boolean | undefined) => (task: LoadedTask, without?: ReadonlySet<string>) => {
    const shown = task.document.file;
    const found = taskWarnings(task, path.join(cwd, path.dirname(shown)), path.posix.dirname(shown), dockerfile);
    // Every problem in one round: the warnings of the fields without errors, but those about a field left out.
    return without === undefined ? found : found.filter((d) => !(without.has(topLevelField(d.path)) || [...without].some((field) => d.message.includes(field))));
  };
  for (const relative of misnamed) {
    const shown = toPosix(path.relative(cwd, path.join(tasksDir, relative)));
    const message = `this file is not read: only files named exactly ${MANIFEST_FILE} are manifests, so the task it describes would not be rendered and its output would be pruned; rename it to ${MANIFEST_FILE} (converted to JSON), or remove it`;
    diagnostics.push(fileError(shown, message));
  }
  for (const { relative, problem } of refused) {
    const shown = toPosix(path.relative(cwd, path.join(tasksDir, relative))) || '.';
    diagnostics.push(fileError(shown, `this path ${problem}`));
  }
  for (const relative of orphanOverlays) {
    const shown = toPosix(path.relative(cwd, path.join(tasksDir, relative)));
    const message = `this overlay is not read: an overlay changes the ${MANIFEST_FILE} beside it, and this folder has none; move it beside its task's ${MANIFEST_FILE}, or remove it`;
    diagnostics.push(fileError(shown, message));
  }
  for (const entry of entries) {
    const file = path.join(tasksDir, entry.relative);
    const shown = toPosix(path.relative(cwd, file));
    const read = readManifest(tasksDir, entry);
    if ('problem' in read) {
      diagnostics.push(fileError(shown, `the manifest ${read.problem}`));
      continue;
    }
    const origin = `${tasksName}/${entry.relative}`;
    if (environments.length > 0) {
      const result = loadInEnvironments({ tasksDir, entry, shown, origin, text: read.text, settingsFile: input.settingsFile ?? SETTINGS_FILE }, environments, known, warningsOf(entry.dockerfile));
      diagnostics.push(...result.diagnostics);
      for (const { loaded, cacheKey, textHash, warnings } of result.tasks) {
        tasks.push({ ...loaded, manifest: entry.relative, cacheKey, textHash, ...(warnings === undefined ? {} : { warnings }) });
        // Loaded: from here on a document only locates diagnostics, from its text (its parsed value is made again if asked).
        loaded.document.forget();
      }
      // Appended in place: copying the list for every manifest made the load quadratic in tasks.
      for (const [name, found] of result.crossTask) {
        const list = byEnvironment.get(name);
        if (list === undefined) byEnvironment.set(name, [...found]);
        else for (const entry of found) list.push(entry);
      }
      continue;
    }
    for (const overlay of entry.overlays) {
      const overlayShown = path.posix.join(path.posix.dirname(shown), overlayFile(overlay));
      const message = `this overlay is not read: the settings declare no environments; declare ${JSON.stringify(overlay)} in the "environments" setting of ${input.settingsFile ?? SETTINGS_FILE}, or remove this file`;
      diagnostics.push(fileError(overlayShown, message));
    }
    const textHash = known?.hashManifest(read.text) ?? '';
    const cached = known?.task(entry.relative, textHash);
    const result = cached === undefined ? loader.load(shown, read.text, origin) : reused(cached, new JsonDocument(shown, read.text), origin);
    diagnostics.push(...result.diagnostics);
    if ('partial' in result && result.partial !== undefined) crossTaskEntries.push(result.partial);
    if (result.salvaged !== undefined) diagnostics.push(...warningsOf(entry.dockerfile)(result.salvaged.task, result.salvaged.without));
    if (result.task !== undefined) {
      crossTaskEntries.push(entryOfTask(result.task));
      // The warnings of an unchanged task made in the same context are the render cache's: they read nothing else.
      const context = warningsContext(shown, entry.dockerfile);
      const warnings = (cached !== undefined && context !== undefined ? known!.warnings(entry.relative, textHash, context) : undefined) ?? warningsOf(entry.dockerfile)(result.task);
      tasks.push({ ...result.task, manifest: entry.relative, cacheKey: entry.relative, textHash, ...(context === undefined ? {} : { warnings: { context, diagnostics: warnings } }) });
      diagnostics.push(...warnings);
      result.task.document.forget();
    }
  }
  const crossTask: CrossTaskGroup[] = environments.length === 0
    ? [{ entries: crossTaskEntries }]
    : environments.filter((e) => e.selected).map(({ environment }) => ({ environment, entries: byEnvironment.get(environment.name) ?? [] }));
  return { tasks, crossTask, diagnostics };
}

/** A task the render cache vouches for: its model as validated before; the warnings read from its text still come (as from ManifestLoader.load). */
function reused(task: Task, document: JsonDocument, origin: string): LoadResult {
  return { task: { task, document, origin }, diagnostics: bidiControlWarnings(document) };
}
