/**
 * The datatask cdk8s app. `npm run synth`, `cdk8s synth` (cdk8s.yaml) and
 * `npx ts-node main.ts` all run this file: the stages below, in order, with
 * the command line (lib/cli/: arguments, output, exit codes) around them.
 */
import type { App as AppType } from 'cdk8s';
import { runCli } from './lib/cli/cli';
import type { TaskChart as TaskChartType } from './lib/constructs/task-chart';
import { type Customize, customizeCharts, hookName } from './lib/customize';
import { crossTaskDiagnostics } from './lib/manifest/cross-task';
import { loadTasks } from './lib/manifest/load-tasks';
import { copyForCdk8sCli } from './lib/output/cdk8s-outdir';
import { applyDist, planDist } from './lib/output/dist';
import { driftReport } from './lib/output/drift';
import type { renderCharts as renderChartsType } from './lib/output/render';
import { chartId, failed, sorted, type SynthOutcome, type SynthRun } from './lib/synth';

/**
 * Platform hooks: code run on every task's chart before it is rendered, to
 * add what the manifest format does not cover (README, "Extending").
 */
export const customize: readonly Customize[] = [];

/**
 * One run: what the command line asked (folders, settings, render cache,
 * check or write), through the stages below. Nothing is written unless
 * every stage before the last found no error.
 */
export function synth(run: SynthRun, hooks: readonly Customize[] = customize): SynthOutcome {
  // 1. Load tasks: every tasks/**/manifest.json, read and validated into a typed task.
  const loaded = loadTasks(run);
  const tasks = loaded.tasks;

  // 2. Cross-task rules: unique names and routes, selectors that tell tasks apart.
  let diagnostics = sorted([...loaded.diagnostics, ...crossTaskDiagnostics(loaded.crossTaskEntries, run.settings)]);
  if (failed(diagnostics, run.strict)) return { diagnostics, tasks };

  // 3. One App, one TaskChart per task (but those whose output file the render cache vouches for).
  const { reused, toRender } = run.cache.reuse(tasks, run.outDir);
  const { App, TaskChart, renderCharts } = cdk8sModules();
  const app = new App();
  const charts = toRender.map((source) => ({ source, chart: new TaskChart(app, chartId(source), { task: source.task, settings: run.settings }) }));
  const hooked = customizeCharts(charts, hooks);

  // 4. Render: each chart into its YAML file, as plain data.
  const rendered = renderCharts(charts, hooks.map(hookName), run.customResources);
  diagnostics = sorted([...diagnostics, ...hooked, ...rendered.diagnostics]);
  if (failed(diagnostics, run.strict)) return { diagnostics, tasks };
  const files = tasks.map((source) => reused.get(source) ?? rendered.files.get(source)!);

  // 5. Plan: what changes in the output folder (a foreign file there stops the run).
  const plan = planDist(run.outDir, files);

  // 6. Write the output folder, or with --check only compare.
  if (run.check) return { diagnostics, tasks, plan, drift: driftReport(run.outDir, run.shownOut, plan), rendered: charts.length };
  if (run.writeOut) applyDist(run.outDir, plan);
  if (run.cdk8sOutDir !== undefined) copyForCdk8sCli(run.cdk8sOutDir, files);
  run.cache.save(tasks, files);
  return { diagnostics, tasks, plan, rendered: charts.length };
}

/**
 * cdk8s, the constructs and the renderer, loaded when stage 3 starts: a run
 * that stops at a diagnostic does not pay for loading them (README,
 * "Performance").
 */
function cdk8sModules(): { App: typeof AppType; TaskChart: typeof TaskChartType; renderCharts: typeof renderChartsType } {
  const { App } = require('cdk8s') as typeof import('cdk8s');
  const { TaskChart } = require('./lib/constructs/task-chart') as typeof import('./lib/constructs/task-chart');
  const { renderCharts } = require('./lib/output/render') as typeof import('./lib/output/render');
  return { App, TaskChart, renderCharts };
}

/** The command line around the stages: `synth` and `check` run them; `images` and `schema` are its other commands. */
export function cli(argv: readonly string[]): number {
  return runCli(argv, { main: __filename, synth: (run) => synth(run) });
}

// `npx ts-node main.ts` (and `node build/app.js`); bin/datatask.js calls cli() itself.
if (require.main === module) process.exitCode = cli(process.argv.slice(2));
