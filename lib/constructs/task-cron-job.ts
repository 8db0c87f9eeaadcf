import { Construct } from 'constructs';
import type { CronJobTask } from '../model';
import type { Settings } from '../settings';
import { k8s } from './k8s';
import { taskMetadata } from './object-meta';
import { taskPodTemplate } from './pod-template';

export interface TaskCronJobProps {
  /** The validated `job` task with a schedule. */
  readonly task: CronJobTask;
  /** Project settings (pod security profile, credentials mount). */
  readonly settings: Settings;
}

/**
 * A `batch/v1` CronJob. The schedule is copied as written; the time zone is
 * the task's `time-zone`, else the `cronJob.timeZone` setting; the other
 * CronJob fields and the Job's run controls only when the manifest gives
 * them (the Kubernetes defaults apply otherwise).
 */
export class TaskCronJob extends Construct {
  /** The CronJob object. */
  public readonly apiObject: k8s.KubeCronJob;

  constructor(scope: Construct, id: string, props: TaskCronJobProps) {
    super(scope, id);
    const { task, settings } = props;
    this.apiObject = new k8s.KubeCronJob(this, 'Resource', {
      metadata: taskMetadata(task),
      spec: {
        schedule: task.schedule,
        timeZone: task.cronJob.timeZone,
        concurrencyPolicy: task.cronJob.concurrencyPolicy,
        suspend: task.cronJob.suspend,
        startingDeadlineSeconds: task.cronJob.startingDeadlineSeconds,
        successfulJobsHistoryLimit: task.cronJob.successfulJobsHistoryLimit,
        failedJobsHistoryLimit: task.cronJob.failedJobsHistoryLimit,
        jobTemplate: {
          metadata: { labels: { ...task.labels } },
          spec: {
            backoffLimit: task.job.backoffLimit,
            activeDeadlineSeconds: task.job.activeDeadlineSeconds,
            template: taskPodTemplate(task, settings),
          },
        },
      },
    });
  }
}
