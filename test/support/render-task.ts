import { App } from 'cdk8s';
import { TaskChart } from '../../lib/constructs/task-chart';
import type { Task } from '../../lib/model';
import { renderChart } from '../../lib/output/render';
import type { RenderedFile } from '../../lib/output/rendered-file';
import type { Settings } from '../../lib/project-settings';

/** Renders one task on its own (its own App, no hooks), as the render stage renders its chart. */
export function renderTask(task: Task, settings: Settings, source: string): RenderedFile {
  return renderChart(new TaskChart(new App(), task.name, { task, settings }), source);
}
