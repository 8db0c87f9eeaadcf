/**
 * The pipeline, top to bottom: the render stage (load, cross-task rules,
 * one App with a TaskChart per task, hooks, render) and the write stage
 * (plan, write or compare). Every command and the library's entry run these
 * two functions; nothing else loads tasks or makes the App.
 */
import type { App as AppType } from 'cdk8s';
import type { TaskChart as TaskChartType } from './constructs/task-chart';
import { type Customize, customizeCharts, hookName } from './customize';
import { compareDiagnostics, type Diagnostic } from './diagnostics/diagnostic';
import { crossTaskDiagnostics, type IsDeployed } from './manifest/cross-task';
import { EnvironmentFindings } from './environments/environment-findings';
import { applyPins, type PinsFileText } from './images/apply-pins';
import type { LoadedTask } from './manifest/load';
import { type CrossTaskGroup, loadTasks, type TaskSource } from './manifest/load-tasks';
import { copyForCdk8sCli } from './output/cdk8s-outdir';
import { applyDist, type DistPlan, planDist } from './output/dist';
import { type DriftReport, driftReport } from './output/drift';
import { FileSpill } from './output/file-spill';
import { guardPrune, type OutputLayout } from './output/prune-guard';
import { recoverOutput, withOutputLock } from './output/transaction';
import type { CustomResourceDefinitions } from './output/custom-resource-definitions';
import type * as RenderModule from './output/render';
import { RenderCache } from './output/render-cache';
import type { RenderedFile } from './output/rendered-file';
import type { Environment, Settings } from './project-settings';
import { needsObjectSizeCheck } from './validation/object-size';

/** What the render stage is asked to render. */
export interface RenderRun {
  /** The folder searched for `**\/manifest.json`, absolute. */
  readonly tasksDir: string;
  /** The top-level settings (of a project without environments, its only ones). */
  readonly settings: Settings;
  /** The environments the settings declare, sorted by name: each task renders once per environment it runs in, below `<environment>/`. @default none */
  readonly environments?: readonly Environment[];
  /** The environments to render (`--env`), among the declared. @default every declared one */
  readonly only?: readonly string[];
  /** Paths in diagnostics are shown relative to this folder. */
  readonly cwd: string;
  /** Platform hooks run on every chart before it is rendered (main.ts's `customize`). @default none */
  readonly customize?: readonly Customize[];
  /** The CRDs of the `crds` setting: the kinds hooks may emit besides Kubernetes 1.27's and the Mapping (lib/output/custom-resources.ts). @default none */
  readonly customResources?: CustomResourceDefinitions;
  /** Whether a task's output file is in the output folder already, in an environment (a selector clash is then located at the new task). @default none is */
  readonly deployed?: (namespace: string, name: string, environment?: string) => boolean;
  /** The settings file as messages that send the user to it name it (`--settings`). @default SETTINGS_FILE */
  readonly settingsFile?: string;
  /** Warnings stop the run (`--strict`). @default false */
  readonly strict?: boolean;
  /** A run that finds no manifest renders nothing instead of being refused (`--allow-empty`). @default false */
  readonly allowEmpty?: boolean;
  /**
   * The render cache of the output folder: unchanged manifests are neither
   * validated nor rendered again, and a run without a diagnostic that stops
   * it saves what it rendered. @default RenderCache.NONE
   */
  readonly cache?: RenderCache;
  /**
   * The project's pins files (lib/images/apply-pins.ts `readProjectPins`): a
   * pinned task's image is written as pinned in its environment. A caller
   * with a render cache keys it on them (`pinsIdentity`). @default none: every
   * image as its manifest gives it
   */
  readonly pins?: readonly PinsFileText[];
}

/** What the render stage produced. */
export interface Rendered {
  /** Every error and warning of every file, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** The valid tasks, in manifest path order. */
  readonly tasks: readonly TaskSource[];
  /** Whether a diagnostic stopped the run (an error, or with `strict` a warning): then `files` is empty. */
  readonly stopped: boolean;
  /** Each task's output file (`files[i]` of `tasks[i]`). */
  readonly files: readonly RenderedFile[];
  /** How many charts were rendered (the others' files came from the render cache). */
  readonly rendered: number;
}

/**
 * The render stage: every manifest of the tasks folder into its output
 * file, in memory; reads the tasks folder (and, through the render cache,
 * the output folder), writes only the cache.
 *
 * @throws UserError when no manifest is found and `allowEmpty` is not set
 */
export function renderStage(run: RenderRun): Rendered {
  const cache = run.cache ?? RenderCache.NONE;
  const strict = run.strict === true;
  const hooks = run.customize ?? [];

  const settingsOf = settingsByEnvironment(run);

  // 1. Load tasks: every tasks/**/manifest.json (and, per environment, its overlay), read and validated into a typed task.
  const loaded = loadTasks({ tasksDir: run.tasksDir, settings: run.settings, environments: run.environments, only: run.only, cwd: run.cwd, allowEmpty: run.allowEmpty, known: cache, ...(run.settingsFile === undefined ? {} : { settingsFile: run.settingsFile }) });
  // 1b. Pins: a pinned task's image as its environment's pins file has it; the pins files' errors, located.
  const pinned = applyPins(loaded, (run.environments ?? []).map((e) => e.name), run.pins ?? [], run.settingsFile);
  const tasks = pinned.tasks;

  // 2. Cross-task rules, per environment: unique names and routes, selectors that tell tasks apart.
  let diagnostics = sorted([...loaded.diagnostics.flatMap((d) => pinned.withPins(d) ?? []), ...pinned.diagnostics, ...crossTaskRules(loaded.crossTask, run)]);
  if (failed(diagnostics, strict)) {
    // Every problem in one run: objects too large are still measured, where a manifest is large enough to make one.
    const large = tasks.filter((source) => needsObjectSizeCheck(source.document));
    if (large.length > 0) diagnostics = sorted([...diagnostics, ...cdk8sModules().objectSizeOfCharts(taskCharts(large, settingsOf))]);
    return { diagnostics, tasks, stopped: true, files: [], rendered: 0 };
  }

  // 3 and 4, a batch of charts at a time: an App with a TaskChart per task (but those whose output file the
  // render cache vouches for), the hooks, then each chart rendered into its YAML file, as plain data, and
  // its objects measured. A batch's App is dropped once rendered: the run holds files, not constructs.
  const { reused, toRender } = cache.reuse(tasks);
  const rendered = new Map<TaskSource, RenderedFile>();
  // The files' bytes past a budget wait for the write on disk, not in the heap.
  const spill = new FileSpill();
  const found: Diagnostic[] = [];
  for (let start = 0; start < toRender.length; start += CHARTS_PER_APP) {
    const charts = taskCharts(toRender.slice(start, start + CHARTS_PER_APP), settingsOf);
    found.push(...customizeCharts(charts, hooks));
    const output = cdk8sModules().renderCharts(charts, hooks.map(hookName), run.customResources);
    found.push(...output.diagnostics);
    for (const [source, file] of output.files) rendered.set(source as TaskSource, spill.keep(file));
  }
  diagnostics = sorted([...diagnostics, ...found]);
  if (failed(diagnostics, strict)) return { diagnostics, tasks, stopped: true, files: [], rendered: toRender.length };
  const files = tasks.map((source) => reused.get(source) ?? rendered.get(source)!);
  // Safe before the write: a cache entry vouches for a file only while the output folder holds its exact bytes.
  // The models as loaded (the pins are in the cache's key): a model from the cache is its manifest's, pinned again.
  // A run that rendered nothing found every task's entry unchanged: saving would write the same entries again.
  if (toRender.length > 0) cache.save(loaded.tasks, files);
  return { diagnostics, tasks, stopped: false, files, rendered: toRender.length };
}

/**
 * How many charts one App holds. Rendering is linear in charts either way;
 * a bounded App bounds the memory of a run, and a small one's constructs
 * die young instead of being promoted to the old generation, which V8 lets
 * grow to a multiple of what it holds (README, "Performance").
 */
const CHARTS_PER_APP = 50;

/**
 * The rules across tasks in each environment, with that environment's
 * settings and output folder; a finding of several environments once,
 * naming them unless it is of every one.
 */
function crossTaskRules(groups: readonly CrossTaskGroup[], run: RenderRun): Diagnostic[] {
  if (groups.length === 1 && groups[0]!.environment === undefined) return crossTaskDiagnostics(groups[0]!.entries, run.settings, run.deployed);
  const findings = new EnvironmentFindings();
  for (const { environment, entries } of groups) {
    findings.add(environment!.name, crossTaskDiagnostics(entries, environment!.settings, deployedIn(run, environment!.name)));
  }
  return findings.diagnostics(groups.map((g) => g.environment!.name));
}

/** Whether a task's output file is in the output folder already, in `environment`. */
function deployedIn(run: RenderRun, environment: string): IsDeployed | undefined {
  const deployed = run.deployed;
  return deployed === undefined ? undefined : (namespace, name) => deployed(namespace, name, environment);
}

/** The settings a task's chart is rendered with: its environment's, or the top-level ones. */
function settingsByEnvironment(run: RenderRun): (source: TaskSource) => Settings {
  const byName = new Map((run.environments ?? []).map((e) => [e.name, e.settings]));
  return (source) => (source.environment === undefined ? run.settings : byName.get(source.environment)!);
}

/** Where the write stage writes. */
export interface WriteRun {
  /** The output folder, absolute; owned by the synthesizer. */
  readonly outDir: string;
  /** The output folder as the user named it (in `check`'s patch). */
  readonly shownOut: string;
  /** Compare with the output folder and write nothing (`--check`). */
  readonly check: boolean;
  /**
   * Whether to write the output folder: false when the cdk8s CLI asked for
   * its own folder only (`cdk8s synth --stdout` or `--output`).
   */
  readonly writeOut: boolean;
  /** The cdk8s CLI's output folder (`CDK8S_OUTDIR`), which gets a copy of every file. */
  readonly cdk8sOutDir?: string;
  /**
   * The environments of the output folder, and what the run may prune
   * (lib/output/prune-guard.ts). With `only`, a run plans only those
   * environments' folders. @default a project without environments
   */
  readonly layout?: OutputLayout & { readonly only?: readonly string[] };
}

/** What the write stage did. */
export interface Written {
  /** What changed (or, with `check`, would change) in the output folder. */
  readonly plan: DistPlan;
  /** With `check`: how the output folder differs. */
  readonly drift?: DriftReport;
}

/**
 * The write stage: plans what changes in the output folder (a foreign file
 * there stops the run), then writes it (and the cdk8s CLI's copy), or with
 * `check` only compares.
 *
 * @param files the render stage's files, of a run it did not stop
 * @throws UserError when the output folder holds a file datatask-cdk8s did not write
 */
export function writeStage(run: WriteRun, files: readonly RenderedFile[]): Written {
  const layout = run.layout ?? {};
  const plan = (): DistPlan => {
    // 5. Plan: what changes in the output folder (in the environments of --env only), and what it may not prune.
    const planned = planDist(run.outDir, files, layout.only);
    guardPrune(planned, files, layout, run.shownOut);
    return planned;
  };
  if (run.check || !run.writeOut) {
    const planned = plan();
    // 6. With --check only compare.
    if (run.check) return { plan: planned, drift: driftReport(run.outDir, run.shownOut, planned) };
    if (run.cdk8sOutDir !== undefined) copyForCdk8sCli(run.cdk8sOutDir, files);
    return { plan: planned };
  }
  // One run at a time writes a folder; a commit a killed run left half done is finished before planning.
  return withOutputLock(run.outDir, run.shownOut, () => {
    recoverOutput(run.outDir);
    const planned = plan();
    applyDist(run.outDir, planned);
    if (run.cdk8sOutDir !== undefined) copyForCdk8sCli(run.cdk8sOutDir, files);
    return { plan: planned };
  });
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
 * A task's chart id in its App, `<namespace>.<name>`, after `<environment>.`
 * in an environment: unique, as (environment, namespace, name) is ("." is in none).
 */
export function chartId(source: LoadedTask): string {
  const id = `${source.task.namespace}.${source.task.name}`;
  return source.environment === undefined ? id : `${source.environment}.${id}`;
}

/** An App with a TaskChart per task, each with the settings of its environment. */
function taskCharts(tasks: readonly TaskSource[], settingsOf: (source: TaskSource) => Settings): RenderModule.TaskChartOf[] {
  const { App, TaskChart } = cdk8sModules();
  const app = new App();
  return tasks.map((source) => ({
    source,
    chart: new TaskChart(app, chartId(source), { task: source.task, settings: settingsOf(source), ...(source.environment === undefined ? {} : { environment: source.environment }) }),
  }));
}

/**
 * cdk8s, the constructs and the renderer, loaded when stage 3 starts (the
 * one place that loads them): a run that stops at a diagnostic does not pay
 * for loading them (README, "Performance").
 */
function cdk8sModules(): { App: typeof AppType; TaskChart: typeof TaskChartType } & Pick<typeof RenderModule, 'renderCharts' | 'objectSizeOfCharts'> {
  const { App } = require('cdk8s') as typeof import('cdk8s');
  const { TaskChart } = require('./constructs/task-chart') as typeof import('./constructs/task-chart');
  const { renderCharts, objectSizeOfCharts } = require('./output/render') as typeof RenderModule;
  return { App, TaskChart, renderCharts, objectSizeOfCharts };
}
