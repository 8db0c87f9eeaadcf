import type { TaskChart } from './constructs/task-chart';
import type { Diagnostic } from './diagnostics/diagnostic';
import type { TaskChartOf } from './output/render';

/**
 * A platform team's code, run on every task's chart after the chart is built
 * and before it is rendered: add constructs to the chart (a NetworkPolicy
 * per service), or change its objects (`ApiObject.of(...).metadata.addLabel`,
 * `addJsonPatch`). Listed in main.ts; see the README, "Extending".
 *
 * The chart gives the typed task (`chart.task`), the project settings
 * (`chart.settings`) and its constructs (`chart.workload`). A hook must
 * depend on nothing but them (the render cache reuses a task's output while
 * its manifest, the settings and the code, hooks included, are unchanged).
 * What it produces is checked before anything is written; an exception it
 * throws is an error naming the task and the hook (its function name).
 */
export type Customize = (chart: TaskChart) => void;

/** The name a hook is reported by: its function name, else its place in the list. */
export function hookName(hook: Customize, index: number): string {
  return hook.name === '' ? `customize[${index}]` : hook.name;
}

/**
 * Runs every hook on every chart, in order. A hook that throws is an error
 * located at the task's manifest, naming the task and the hook; the other
 * charts and hooks still run, so that every error comes in one run.
 */
export function customizeCharts(charts: readonly TaskChartOf[], hooks: readonly Customize[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const { source, chart } of charts) {
    hooks.forEach((hook, i) => {
      try {
        hook(chart);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        diagnostics.push(source.document.diagnostic([], `task "${chart.task.namespace}/${chart.task.name}": hook "${hookName(hook, i)}" failed: ${message}`));
      }
    });
  }
  return diagnostics;
}
