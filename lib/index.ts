/**
 * datatask-cdk8s as a construct library: use the task constructs in a cdk8s
 * app of your own, or run code on every task's chart of this app through a
 * hook (`Customize`, see main.ts). Importing this module loads cdk8s and the
 * Kubernetes 1.27 API classes, never zod: tasks given as literal objects need
 * no validation layer.
 *
 * @example
 *   import { App } from 'cdk8s';
 *   import { TaskChart } from 'datatask-cdk8s';
 *   const app = new App();
 *   new TaskChart(app, 'web', { task: { kind: 'deployment', name: 'web', ... } });
 *   app.synth();
 */
export { TaskChart, type TaskChartProps } from './constructs/task-chart';
export { TaskCronJob, type TaskCronJobProps } from './constructs/task-cron-job';
export { TaskDeployment, type TaskDeploymentProps } from './constructs/task-deployment';
export { ARGOCD_REPLACE_ANNOTATION, TaskJob, type TaskJobProps } from './constructs/task-job';
export { TaskMapping, type TaskMappingProps } from './constructs/task-mapping';
export { TaskService, type TaskServiceProps } from './constructs/task-service';
export type { Customize } from './customize';
export type {
  CronJobControls,
  CronJobTask,
  DeploymentTask,
  EnvFromSource,
  EnvVar,
  EnvVarSource,
  ImagePullPolicy,
  JobControls,
  JobTask,
  KeySelector,
  KeyToPath,
  Probe,
  Probes,
  Published,
  ResourceList,
  Resources,
  ServiceTask,
  Task,
  TaskKind,
  Toleration,
  Volume,
  VolumeSource,
} from './model';
export { DEFAULT_SETTINGS, type Settings } from './project-settings';
export { GOOGLE_APPLICATION_CREDENTIALS } from './reserved-names';
