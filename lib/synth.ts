import { compareDiagnostics, type Diagnostic } from './diagnostics/diagnostic';
import { crossTaskDiagnostics } from './manifest/cross-task';
import { loadTasks, type TaskSource } from './manifest/load-tasks';
import type { DistPlan } from './output/dist';
import type { DriftReport } from './output/drift';
import type { RenderCache } from './output/render-cache';
import type { RenderedFile } from './output/rendered-file';
import type { CustomResourceDefinitions } from './output/custom-resources';
import type { Settings } from './project-settings';

/** What one run of the app is asked to do: the command line, resolved (lib/cli/commands/synth.ts). */
export interface SynthRun {
  /** The folder searched for `**\/manifest.json`, absolute. */
  readonly tasksDir: string;
  /** The output folder, absolute; owned by the synthesizer. */
  readonly outDir: string;
  /** The output folder as the user named it (in `check`'s patch). */
  readonly shownOut: string;
  readonly settings: Settings;
  /** Paths in diagnostics are shown relative to this folder. */
  readonly cwd: string;
  /** Compare with the output folder and write nothing (`--check`). */
  readonly check: boolean;
  /** Warnings fail the run (`--strict`). */
  readonly strict: boolean;
  /** A run that finds no manifest may prune the whole output folder (`--allow-empty`). */
  readonly allowEmpty: boolean;
  /** The render cache of this output folder (`RenderCache.NONE` for none). */
  readonly cache: RenderCache;
  /**
   * Whether to write the output folder: false when the cdk8s CLI asked for
   * its own folder only (`cdk8s synth --stdout` or `--output`).
   */
  readonly writeOut: boolean;
  /** The cdk8s CLI's output folder (`CDK8S_OUTDIR`), which gets a copy of every file. */
  readonly cdk8sOutDir?: string;
  /** The CRDs of the `crds` setting: the kinds hooks may emit besides Kubernetes 1.27's and the Mapping. @default none */
  readonly customResources?: CustomResourceDefinitions;
}

/** What a run did, for the command line to report. */
export interface SynthOutcome {
  /** Every error and warning, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** The valid tasks, in manifest path order. */
  readonly tasks: readonly TaskSource[];
  /** What changed (or, with `check`, would change) in the output folder; absent when the run stopped at a diagnostic. */
  readonly plan?: DistPlan;
  /** With `check`: how the output folder differs. */
  readonly drift?: DriftReport;
  /** How many charts were rendered (the others' files came from the render cache). */
  readonly rendered?: number;
}

/** Whether `diagnostics` stop the run: any error, or with `strict` any warning. */
export function failed(diagnostics: readonly Diagnostic[], strict: boolean): boolean {
  return diagnostics.some((d) => d.severity === 'error' || strict);
}

/** Diagnostics in the order they are printed: by file, position, field, message. */
export function sorted(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}

/**
 * The first stages of main.ts in memory, without a cache or hooks: load,
 * cross-task rules, one App with a chart per task, render. For tests and
 * tools that need the files without a folder to compare them with.
 */
export function synthesize(input: { readonly tasksDir: string; readonly settings: Settings; readonly cwd: string }): {
  readonly diagnostics: readonly Diagnostic[];
  readonly tasks: readonly TaskSource[];
  readonly files: readonly RenderedFile[];
} {
  const loaded = loadTasks({ ...input, allowEmpty: true });
  const diagnostics = sorted([...loaded.diagnostics, ...crossTaskDiagnostics(loaded.crossTaskEntries, input.settings)]);
  if (failed(diagnostics, false)) return { diagnostics, tasks: loaded.tasks, files: [] };
  // Loaded only now, as in main.ts: importing this module must not load cdk8s.
  const { App } = require('cdk8s') as typeof import('cdk8s');
  const { TaskChart } = require('./constructs/task-chart') as typeof import('./constructs/task-chart');
  const { renderCharts } = require('./output/render') as typeof import('./output/render');
  const app = new App();
  const charts = loaded.tasks.map((source) => ({ source, chart: new TaskChart(app, chartId(source), { task: source.task, settings: input.settings }) }));
  const rendered = renderCharts(charts).files;
  return { diagnostics, tasks: loaded.tasks, files: loaded.tasks.map((source) => rendered.get(source)!) };
}

/** A task's chart id in the one App, `<namespace>.<name>`: unique, as (namespace, name) is ("." is in neither). */
export function chartId(source: TaskSource): string {
  return `${source.task.namespace}.${source.task.name}`;
}
