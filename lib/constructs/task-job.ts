import { Construct } from 'constructs';
import type { JobTask } from '../model';
import type { Settings } from '../settings';
import { ARGOCD_REPLACE_ANNOTATION } from './argocd';
import { k8s } from './k8s';
import { taskMetadata } from './object-meta';
import { taskPodTemplate } from './pod-template';

export { ARGOCD_REPLACE_ANNOTATION } from './argocd';

export interface TaskJobProps {
  /** The validated `job` task without a schedule. */
  readonly task: JobTask;
  /** Project settings (pod security profile, Argo CD Job replacement, credentials mount). */
  readonly settings: Settings;
}

/**
 * A `batch/v1` Job that runs the task's container once. `restartPolicy:
 * Never`; no `ttlSecondsAfterFinished`, since a GitOps tool would recreate
 * and rerun a Job the cluster deleted.
 */
export class TaskJob extends Construct {
  /** The Job object. */
  public readonly apiObject: k8s.KubeJob;

  constructor(scope: Construct, id: string, props: TaskJobProps) {
    super(scope, id);
    const { task, settings } = props;
    this.apiObject = new k8s.KubeJob(this, 'Resource', {
      metadata: taskMetadata(task, settings.argocd.replaceJobs ? { ...ARGOCD_REPLACE_ANNOTATION } : undefined),
      spec: {
        backoffLimit: task.job.backoffLimit,
        activeDeadlineSeconds: task.job.activeDeadlineSeconds,
        template: taskPodTemplate(task, settings),
      },
    });
  }
}
