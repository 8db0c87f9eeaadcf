import * as path from 'node:path';
import { compareDiagnostics, type Diagnostic } from './diagnostics/diagnostic';
import { crossTaskDiagnostics } from './manifest/cross-task';
import { type CrossTaskEntry, entryOfTask } from './manifest/cross-task-entry';
import { discoverManifests } from './manifest/discover';
import { type LoadedTask, ManifestLoader } from './manifest/load';
import { readManifest } from './manifest/read';
import { objectSizeDiagnostics } from './manifest/object-size';
import { taskWarnings } from './manifest/warnings';
import { JsonDocument } from './diagnostics/json-document';
import type { Task, TaskKind } from './model';
import { type RenderCache, sha1 } from './output/render-cache';
import { outputPath, type RenderedFile } from './output/rendered-file';
import type { Settings } from './settings';

export interface SynthInput {
  /** The folder searched for `**\/manifest.json`. */
  readonly tasksDir: string;
  /** Project settings. */
  readonly settings: Settings;
  /** Paths in diagnostics are shown relative to this folder. @default process.cwd() */
  readonly cwd?: string;
  /** What earlier runs learned; unchanged manifests are then neither validated nor rendered again. @default none */
  readonly cache?: RenderCache;
}

/** One valid manifest's entry for the render cache. */
export interface CacheRecord {
  readonly key: string;
  readonly textHash: string;
  readonly task: Task;
  readonly file: RenderedFile;
}

/** Everything a run produced in memory, before anything is written. */
export interface SynthResult {
  /** Every error and warning of every file, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** The rendered files; empty when there is any error. */
  readonly files: readonly RenderedFile[];
  /** How many valid tasks of each kind. */
  readonly counts: Readonly<Record<TaskKind, number>>;
  /** The valid tasks, in manifest path order. */
  readonly tasks: readonly LoadedTask[];
  /** What to remember in the render cache once the files are written (empty without a cache). */
  readonly cacheRecords: readonly CacheRecord[];
}

/**
 * The pipeline: discover → parse and validate each manifest → cross-task
 * rules → render. Nothing is rendered unless every manifest is valid, and
 * nothing is written here.
 */
export function synthesize(input: SynthInput): SynthResult {
  const cwd = input.cwd ?? process.cwd();
  const loader = new ManifestLoader(input.settings);
  const diagnostics: Diagnostic[] = [];
  const tasks: LoadedTask[] = [];
  const tasksName = path.basename(path.resolve(input.tasksDir));
  const cached = new Map<LoadedTask, { key: string; textHash: string; contentHash?: string }>();
  const crossTask: CrossTaskEntry[] = [];

  for (const entry of discoverManifests(input.tasksDir)) {
    const relative = entry.relative;
    const file = path.join(input.tasksDir, relative);
    const shown = toPosix(path.relative(cwd, file));
    const read = readManifest(input.tasksDir, entry);
    if ('problem' in read) {
      diagnostics.push({ file: shown, line: 1, column: 1, offset: 0, length: 0, severity: 'error', path: '', message: `the manifest ${read.problem}` });
      continue;
    }
    const origin = `${tasksName}/${relative}`;
    const textHash = input.cache === undefined ? '' : sha1(read.text);
    const hit = input.cache?.get(relative, textHash);
    const result = hit === undefined
      ? loader.load(shown, read.text, origin)
      : { task: { task: hit.task, document: new JsonDocument(shown, read.text), origin }, diagnostics: [] };
    if (input.cache !== undefined && result.task !== undefined) cached.set(result.task, { key: relative, textHash, contentHash: hit?.contentHash });
    diagnostics.push(...result.diagnostics);
    if (result.partial !== undefined) crossTask.push(result.partial);
    if (result.task !== undefined) {
      crossTask.push(entryOfTask(result.task));
      tasks.push(result.task);
      diagnostics.push(...taskWarnings(result.task, path.dirname(file), path.posix.dirname(shown)));
      diagnostics.push(...objectSizeDiagnostics(result.task, input.settings));
    }
  }
  diagnostics.push(...crossTaskDiagnostics(crossTask, input.settings));
  diagnostics.sort(compareDiagnostics);

  const counts: Record<TaskKind, number> = { job: 0, 'cron-job': 0, deployment: 0, service: 0 };
  for (const { task } of tasks) counts[task.kind]++;
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, files: [], counts, tasks, cacheRecords: [] };
  const files = tasks.map((loaded) => lazyFile(loaded, input.settings, cached.get(loaded)?.contentHash));
  const cacheRecords = tasks.flatMap((loaded, i) => {
    const c = cached.get(loaded);
    return c === undefined ? [] : [{ key: c.key, textHash: c.textHash, task: loaded.task, file: files[i] }];
  });
  return { diagnostics, files, counts, tasks, cacheRecords };
}

/**
 * A task's output file, rendered when its bytes are first needed: with a
 * hash from the cache, a file whose bytes did not change is never rendered.
 */
function lazyFile(loaded: LoadedTask, settings: Settings, contentHash: string | undefined): RenderedFile {
  let content: string | undefined;
  return {
    path: outputPath(loaded.task),
    contentHash,
    get content(): string {
      // Loaded only now: cdk8s and the Kubernetes API classes take ~0.15 s to
      // load, which a run that stops at a diagnostic does not need to pay.
      const { renderTask } = require('./output/render') as typeof import('./output/render');
      content ??= renderTask(loaded.task, settings, loaded.origin).content;
      return content;
    },
  };
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
