import { ApiObject, App } from 'cdk8s';
import { TaskChart } from '../constructs/task-chart';
import type { Task } from '../model';
import type { Settings } from '../settings';
import { GENERATED_MARKER, outputPath, type RenderedFile } from './rendered-file';
import { stringifyYamlDocuments } from './yaml';

/**
 * Renders one task into its YAML file. Each task gets its own cdk8s App: one
 * App holding thousands of charts re-resolves the whole tree per chart and
 * gets quadratically slower. Each API object is resolved with its own
 * `toJson()`, in construct order: `Chart.toJson()` would first resolve the
 * app's dependency graph and validate the whole tree, work that a chart
 * without dependencies or validations does not need (a third of render time).
 *
 * @param source the manifest path shown in the header (relative to the tasks folder's parent)
 */
export function renderTask(task: Task, settings: Settings, source: string): RenderedFile {
  const header = `${GENERATED_MARKER} from ${source}.\n# Do not edit: change the manifest and run \`npm run synth\`.\n`;
  return { path: outputPath(task), content: header + stringifyYamlDocuments(renderObjects(task, settings)) };
}

/** The task's API objects as JSON data, in file order. */
export function renderObjects(task: Task, settings: Settings): unknown[] {
  const chart = new TaskChart(new App(), task.name, { task, settings });
  const objects = chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  return objects.map((o) => o.toJson());
}
