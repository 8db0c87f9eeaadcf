import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { CronJobControls, CronJobTask } from '../model';
import { DEFAULT_SETTINGS, type Settings } from '../project-settings';
import { JsonApiObject, type KubeJson } from './json-api-object';
import type { k8s } from './k8s';
import { taskMetadata } from './object-meta';
import { taskPodTemplate } from './pod-template';

/** Properties for `TaskCronJob`. */
export interface TaskCronJobProps {
  /** The `job` task with a schedule. */
  readonly task: CronJobTask;
  /**
   * Project settings; `cronJob.timeZone` becomes `spec.timeZone` unless the task has its own `time-zone`.
   * @default DEFAULT_SETTINGS (no time zone: the controller's, UTC)
   */
  readonly settings?: Settings;
}

/**
 * A `batch/v1` CronJob. The schedule is copied as written; the time zone is
 * the task's `time-zone`, else the `cronJob.timeZone` setting; the other
 * CronJob fields and the Job's run controls only when the manifest gives
 * them (the Kubernetes defaults apply otherwise).
 */
export class TaskCronJob extends Construct {
  /** The CronJob object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: TaskCronJobProps) {
    super(scope, id);
    const { task, settings = DEFAULT_SETTINGS } = props;
    const cronJob: Partial<CronJobControls> = task.cronJob ?? {};
    const spec: KubeJson<k8s.CronJobSpec> = {
      schedule: task.schedule,
      timeZone: cronJob.timeZone ?? settings.cronJob.timeZone,
      concurrencyPolicy: cronJob.concurrencyPolicy,
      suspend: cronJob.suspend,
      startingDeadlineSeconds: cronJob.startingDeadlineSeconds,
      successfulJobsHistoryLimit: cronJob.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: cronJob.failedJobsHistoryLimit,
      jobTemplate: {
        metadata: { labels: { ...task.labels } },
        spec: {
          backoffLimit: task.job?.backoffLimit,
          activeDeadlineSeconds: task.job?.activeDeadlineSeconds,
          template: taskPodTemplate(task, settings),
        },
      },
    };
    this.apiObject = new JsonApiObject(this, 'Resource', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: taskMetadata(task), spec });
  }
}
