import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Task } from '../model';
import type { Settings } from '../project-settings';
import { TaskCronJob } from './task-cron-job';
import { TaskDeployment } from './task-deployment';
import { TaskJob } from './task-job';
import { TaskService } from './task-service';

export interface TaskChartProps {
  /** The validated task. */
  readonly task: Task;
  /** Project settings. */
  readonly settings: Settings;
}

/** One chart per task, in the task's namespace; objects in a fixed order. */
export class TaskChart extends Chart {
  /** The construct that renders the task. */
  public readonly workload: TaskJob | TaskCronJob | TaskDeployment | TaskService;

  constructor(scope: Construct, id: string, props: TaskChartProps) {
    super(scope, id, { namespace: props.task.namespace, disableResourceNameHashes: true });
    const { task, settings } = props;
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
