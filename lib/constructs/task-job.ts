import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { JobTask } from '../model';
import { DEFAULT_SETTINGS, type Settings } from '../project-settings';
import { ARGOCD_REPLACE_ANNOTATION } from './argocd';
import { JsonApiObject, type KubeJson } from './json-api-object';
import type { k8s } from './k8s';
import { taskMetadata } from './object-meta';
import { taskPodTemplate } from './pod-template';

/** Properties for `TaskJob`. */
export interface TaskJobProps {
  /** The `job` task without a schedule: its container, labels and pod settings. */
  readonly task: JobTask;
  /**
   * Project settings: the Pod Security profile, the Argo CD Job replacement, the credentials mount.
   * @default DEFAULT_SETTINGS
   */
  readonly settings?: Settings;
}

/**
 * A `batch/v1` Job that runs the task's container once. `restartPolicy:
 * Never`; no `ttlSecondsAfterFinished`, since a GitOps tool would recreate
 * and rerun a Job the cluster deleted.
 */
export class TaskJob extends Construct {
  /** The Job object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: TaskJobProps) {
    super(scope, id);
    const { task, settings = DEFAULT_SETTINGS } = props;
    const spec: KubeJson<k8s.JobSpec> = {
      backoffLimit: task.job?.backoffLimit,
      activeDeadlineSeconds: task.job?.activeDeadlineSeconds,
      template: taskPodTemplate(task, settings),
    };
    this.apiObject = new JsonApiObject(this, 'Resource', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: taskMetadata(task, settings.argocd.replaceJobs ? { ...ARGOCD_REPLACE_ANNOTATION } : undefined),
      spec,
    });
  }
}
