import { ApiObject, JsonPatch } from 'cdk8s';
import type { TaskChart } from '../constructs/task-chart';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { LoadedTask } from '../manifest/load';
import { objectSizeDiagnostics } from '../validation/object-size';
import type { CustomResourceDefinitions } from './custom-resource-definitions';
import { hookOutputProblems } from './hook-output';
import { GENERATED_MARKER, outputPath, type RenderedFile } from './rendered-file';
import { stringifyYamlDocuments } from './yaml';

/** A task's chart and the task it was built from. */
export interface TaskChartOf {
  readonly source: LoadedTask;
  readonly chart: TaskChart;
}

/** What the render stage produced: each chart's file by its task, or the errors that stop the run. */
export interface RenderResult {
  readonly files: ReadonlyMap<LoadedTask, RenderedFile>;
  /**
   * Objects too large for client-side apply (lib/validation/object-size.ts),
   * and errors of hook output, each located at the task's manifest and
   * naming the hooks.
   */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Stage 4, render: each chart into its YAML file, and each of its objects
 * measured against the API server's size limit. Returns plain data; reads
 * and writes no file.
 *
 * @param hooks the names of the hooks that ran on the charts: their output is
 *   then checked (Kubernetes JSON data only, each object named), and a chart
 *   that fails to render is an error naming the task and the hooks
 * @param customResources the CRDs whose kinds hooks may emit (the `crds` setting)
 */
export function renderCharts(charts: readonly TaskChartOf[], hooks: readonly string[] = [], customResources?: CustomResourceDefinitions): RenderResult {
  const files = new Map<LoadedTask, RenderedFile>();
  const diagnostics: Diagnostic[] = [];
  for (const { source, chart } of charts) {
    if (hooks.length === 0) {
      const objects = chartObjects(chart);
      diagnostics.push(...objectSizeDiagnostics(source.document, objects));
      files.set(source, toFile(chart, source.origin, objects));
      continue;
    }
    const byHooks = `after hook${hooks.length === 1 ? '' : 's'} ${hooks.map((h) => `"${h}"`).join(', ')}`;
    try {
      const objects = chartObjects(chart);
      // Too large from the manifest alone: said once, at the manifest (hook output is measured below otherwise).
      const sized = objectSizeDiagnostics(source.document, objects);
      diagnostics.push(...sized);
      if (sized.length > 0) continue;
      const problems = hookOutputProblems(objects, customResources);
      if (problems.length === 0) files.set(source, toFile(chart, source.origin, objects));
      for (const problem of problems) diagnostics.push(source.document.diagnostic([], `task "${chart.task.namespace}/${chart.task.name}" ${byHooks}: ${problem}`));
    } catch (error) {
      diagnostics.push(source.document.diagnostic([], `task "${chart.task.namespace}/${chart.task.name}" ${byHooks} cannot be rendered: ${(error as Error).message}`));
    }
  }
  return { files, diagnostics };
}

/**
 * One chart's output file: a header naming the manifest, then every API
 * object in construct order.
 *
 * @param source the manifest path named in the header (relative to the tasks folder's parent)
 */
export function renderChart(chart: TaskChart, source: string): RenderedFile {
  return toFile(chart, source, chartObjects(chart));
}

/**
 * The size errors of each chart's objects, without rendering its file: for
 * a run stopped by another diagnostic, which still reports every problem.
 */
export function objectSizeOfCharts(charts: readonly TaskChartOf[]): Diagnostic[] {
  return charts.flatMap(({ source, chart }) => objectSizeDiagnostics(source.document, chartObjects(chart)));
}

function toFile(chart: TaskChart, source: string, objects: readonly unknown[]): RenderedFile {
  const header = `${GENERATED_MARKER} from ${source}.\n# Do not edit: change the manifest and run \`npm run synth\`.\n`;
  return { path: outputPath(chart.task, chart.environment), content: header + stringifyYamlDocuments(objects) };
}

/**
 * The Kubernetes JSON of every API object of a chart, in construct order.
 * Each object is resolved with its own `toJson()`: `Chart.toJson()` would
 * first resolve the app's dependency graph and validate the whole tree,
 * which a chart without dependencies or validations does not need.
 */
function chartObjects(chart: TaskChart): unknown[] {
  return chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map(kubernetesJson);
}

/**
 * An object's JSON with its JSON patches applied to the Kubernetes JSON, as
 * cdk8s documents them. cdk8s itself applies them before the typed
 * converter of cdk8s-plus's generated classes (`toJson_KubeDeploymentProps`),
 * which drops every value it does not know or whose type differs: a probe's
 * named port (a plain string where it expects an `IntOrString`), a field of
 * a newer Kubernetes (a sidecar's `restartPolicy`), a CRD's snake_case field
 * (cdk8s issue 2172, "Escape hatch output does not appear in generated YAML").
 */
function kubernetesJson(object: ApiObject): unknown {
  // `patches` is ApiObject's private list (cdk8s's src/api-object.ts); set aside while the converter runs.
  const holder = object as unknown as { patches: JsonPatch[] };
  const patches = holder.patches;
  if (!Array.isArray(patches)) throw new Error('cdk8s ApiObject has no `patches` list any more: see lib/output/render.ts');
  if (patches.length === 0) return object.toJson();
  holder.patches = [];
  try {
    return JsonPatch.apply(object.toJson(), ...patches);
  } finally {
    holder.patches = patches;
  }
}
