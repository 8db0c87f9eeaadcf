import { Construct } from 'constructs';
import type { CronJobTask } from '../model';
import { DEFAULT_SETTINGS, type Settings } from '../project-settings';
import { k8s } from './k8s';
import { taskMetadata } from './object-meta';
import { taskPodTemplate } from './pod-template';

/** Properties for `TaskCronJob`. */
export interface TaskCronJobProps {
  /** The `job` task with a schedule. */
  readonly task: CronJobTask;
  /**
   * Project settings; `cronJob.timeZone` becomes `spec.timeZone`.
   * @default DEFAULT_SETTINGS (no time zone: the controller's, UTC)
   */
  readonly settings?: Settings;
}

/**
 * A `batch/v1` CronJob. The schedule is copied as written; the time zone
 * comes only from the project settings; no `startingDeadlineSeconds` or
 * `concurrencyPolicy` is injected (the Kubernetes defaults apply).
 */
export class TaskCronJob extends Construct {
  /** The CronJob object. */
  public readonly apiObject: k8s.KubeCronJob;

  constructor(scope: Construct, id: string, props: TaskCronJobProps) {
    super(scope, id);
    const { task, settings = DEFAULT_SETTINGS } = props;
    this.apiObject = new k8s.KubeCronJob(this, 'Resource', {
      metadata: taskMetadata(task),
      spec: {
        schedule: task.schedule,
        timeZone: settings.cronJob.timeZone,
        jobTemplate: {
          metadata: { labels: { ...task.labels } },
          spec: { template: taskPodTemplate(task, settings) },
        },
      },
    });
  }
}
