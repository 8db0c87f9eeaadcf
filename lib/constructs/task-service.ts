import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ServiceTask } from '../model';
import { DEFAULT_SETTINGS, type Settings } from '../project-settings';
import { JsonApiObject, type KubeJson } from './json-api-object';
import type { k8s } from './k8s';
import { taskMetadata } from './object-meta';
import { TaskDeployment } from './task-deployment';
import { TaskMapping } from './task-mapping';

/** Properties for `TaskService`. */
export interface TaskServiceProps {
  /** The `service` task: its port, and `published` for a Mapping. */
  readonly task: ServiceTask;
  /**
   * Project settings: those of `TaskDeployment` and `TaskMapping`.
   * @default DEFAULT_SETTINGS
   */
  readonly settings?: Settings;
}

/**
 * A datatask service: a ClusterIP Service in front of a Deployment, and an
 * Emissary Mapping when the task is published. The Service port is the
 * container port, targeting the container's named port.
 */
export class TaskService extends Construct {
  /** The Service object. */
  public readonly service: ApiObject;
  /** The Deployment that runs the pods. */
  public readonly deployment: TaskDeployment;
  /** The Mapping, when the task is published. */
  public readonly mapping?: TaskMapping;

  constructor(scope: Construct, id: string, props: TaskServiceProps) {
    super(scope, id);
    const { task, settings = DEFAULT_SETTINGS } = props;
    const spec: KubeJson<k8s.ServiceSpec> = {
      type: 'ClusterIP',
      selector: { ...task.labels },
      ports: [{ name: task.port.name, port: task.port.containerPort, targetPort: task.port.name }],
    };
    this.service = new JsonApiObject(this, 'Service', { apiVersion: 'v1', kind: 'Service', metadata: taskMetadata(task), spec });
    this.deployment = new TaskDeployment(this, 'Deployment', { task, settings });
    if (task.published !== undefined) {
      this.mapping = new TaskMapping(this, 'Mapping', { task, published: task.published, settings });
    }
  }
}
