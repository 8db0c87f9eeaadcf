import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { DeploymentTask, ServiceTask } from '../model';
import { DEFAULT_SETTINGS, type Settings } from '../project-settings';
import { JsonApiObject, type KubeJson } from './json-api-object';
import type { k8s } from './k8s';
import { taskMetadata } from './object-meta';
import { taskPodTemplate } from './pod-template';

/** Properties for `TaskDeployment`. */
export interface TaskDeploymentProps {
  /** The `deployment` task, or the workload of a `service` task. */
  readonly task: DeploymentTask | ServiceTask;
  /**
   * Project settings: the Pod Security profile, the credentials mount.
   * @default DEFAULT_SETTINGS
   */
  readonly settings?: Settings;
}

/**
 * An `apps/v1` Deployment whose selector is exactly the task's labels (its
 * `pod-labels` go on the pods only). No strategy or other defaults are
 * injected; probes only when the manifest gives them.
 */
export class TaskDeployment extends Construct {
  /** The Deployment object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: TaskDeploymentProps) {
    super(scope, id);
    const { task, settings = DEFAULT_SETTINGS } = props;
    const spec: KubeJson<k8s.DeploymentSpec> = {
      replicas: task.replicas,
      selector: { matchLabels: { ...task.labels } },
      template: taskPodTemplate(task, settings),
    };
    this.apiObject = new JsonApiObject(this, 'Resource', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: taskMetadata(task), spec });
  }
}
