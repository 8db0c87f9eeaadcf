import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Task } from '../model';
import { DEFAULT_SETTINGS, type Settings } from '../project-settings';
import { TaskCronJob } from './task-cron-job';
import { TaskDeployment } from './task-deployment';
import { TaskJob } from './task-job';
import { TaskService } from './task-service';

/** Properties for `TaskChart`. */
export interface TaskChartProps {
  /** The task to render: a validated, defaulted model (see `Task`); its `kind` chooses the workload. */
  readonly task: Task;
  /**
   * Project settings.
   * @default DEFAULT_SETTINGS (namespace "default", Mapping v3alpha1 on host "*", Pod Security baseline)
   */
  readonly settings?: Settings;
  /**
   * The environment the chart is rendered for (a name of the `environments`
   * setting, e.g. "prod"); `settings` are then that environment's. Hooks
   * read it as `chart.environment`.
   * @default none (a project without environments)
   */
  readonly environment?: string;
}

/**
 * One chart per task, in the task's namespace: a `TaskJob`, `TaskCronJob`,
 * `TaskDeployment` or `TaskService` by the task's kind. Objects come in a
 * fixed order (Service, Deployment, Mapping; Job; CronJob), with the names
 * the task gives them (no name hashes).
 */
export class TaskChart extends Chart {
  /** The construct that renders the task. */
  public readonly workload: TaskJob | TaskCronJob | TaskDeployment | TaskService;
  /** The task this chart renders. */
  public readonly task: Task;
  /** The settings it was rendered with. */
  public readonly settings: Settings;
  /** The environment it is rendered for; `undefined` in a project without environments. */
  public readonly environment?: string;

  constructor(scope: Construct, id: string, props: TaskChartProps) {
    super(scope, id, { namespace: props.task.namespace, disableResourceNameHashes: true });
    const task = props.task;
    const settings = props.settings ?? DEFAULT_SETTINGS;
    this.task = task;
    this.settings = settings;
    this.environment = props.environment;
    switch (task.kind) {
      case 'job':
        this.workload = new TaskJob(this, 'Job', { task, settings });
        break;
      case 'cron-job':
        this.workload = new TaskCronJob(this, 'CronJob', { task, settings });
        break;
      case 'deployment':
        this.workload = new TaskDeployment(this, 'Deployment', { task, settings });
        break;
      case 'service':
        this.workload = new TaskService(this, 'Service', { task, settings });
        break;
    }
  }
}
