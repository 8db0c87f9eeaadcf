import * as path from 'node:path';
import { compareDiagnostics, type Diagnostic } from './diagnostics/diagnostic';
import { crossTaskDiagnostics } from './manifest/cross-task';
import { discoverManifests } from './manifest/discover';
import { type LoadedTask, ManifestLoader } from './manifest/load';
import { readManifest } from './manifest/read';
import { taskWarnings } from './manifest/warnings';
import type { TaskKind } from './model';
import type { RenderedFile } from './output/rendered-file';
import type { Settings } from './settings';

export interface SynthInput {
  /** The folder searched for `**\/manifest.json`. */
  readonly tasksDir: string;
  /** Project settings. */
  readonly settings: Settings;
  /** Paths in diagnostics are shown relative to this folder. @default process.cwd() */
  readonly cwd?: string;
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

  for (const entry of discoverManifests(input.tasksDir)) {
    const relative = entry.relative;
    const file = path.join(input.tasksDir, relative);
    const shown = toPosix(path.relative(cwd, file));
    const read = readManifest(input.tasksDir, entry);
    if ('problem' in read) {
      diagnostics.push({ file: shown, line: 1, column: 1, offset: 0, length: 0, severity: 'error', path: '', message: `the manifest ${read.problem}` });
      continue;
    }
    const result = loader.load(shown, read.text, `${tasksName}/${relative}`);
    diagnostics.push(...result.diagnostics);
    if (result.task !== undefined) {
      tasks.push(result.task);
      diagnostics.push(...taskWarnings(result.task, path.dirname(file), path.posix.dirname(shown)));
    }
  }
  diagnostics.push(...crossTaskDiagnostics(tasks, input.settings));
  diagnostics.sort(compareDiagnostics);

  const counts: Record<TaskKind, number> = { job: 0, 'cron-job': 0, deployment: 0, service: 0 };
  for (const { task } of tasks) counts[task.kind]++;
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, files: [], counts, tasks };
  // Loaded only now: cdk8s and the Kubernetes API classes take ~0.2 s to load,
  // which a run that stops at a diagnostic does not need to pay.
  const { renderTask } = require('./output/render') as typeof import('./output/render');
  const files = tasks.map(({ task, origin }) => renderTask(task, input.settings, origin));
  return { diagnostics, files, counts, tasks };
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
