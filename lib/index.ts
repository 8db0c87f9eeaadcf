/**
 * datatask-cdk8s as a construct library: use the task constructs in a cdk8s
 * app of your own, or run this app with your own hooks (`runApp` with
 * `Customize`, see main.ts). Importing this module loads cdk8s and the
 * Kubernetes 1.27 API classes, never zod: tasks given as literal objects need
 * no validation layer (`runApp` loads the command line, and zod, when called).
 *
 * @example
 *   import { App } from 'cdk8s';
 *   import { TaskChart } from 'datatask-cdk8s';
 *   const app = new App();
 *   new TaskChart(app, 'web', { task: { kind: 'deployment', name: 'web', ... } });
 *   app.synth();
 */
import type { Customize } from './customize';

/**
 * The whole command line of the app (`synth`, `check`, `review`, `routes`,
 * `images`, `schema`; README, "Commands") with a team's hooks, for its
 * main.ts:
 *
 *     import { runApp, type Customize } from 'datatask-cdk8s';
 *     export const customize: readonly Customize[] = [];
 *     if (require.main === module) process.exitCode = runApp(process.argv.slice(2), { customize, main: __filename });
 *
 * @param argv the arguments after the program, e.g. `['synth', '--strict']`
 * @param options.customize hooks run on every task's chart before it is rendered (README, "Extending")
 * @param options.main the calling main.ts (or its bundle): default folders are relative to its project, and its code is the render cache's code identity
 * @returns the exit code (0 success, 1 invalid manifests or settings, 2 bad usage, 3 out of date, 4 refused, 5 the file system refused, 6 the output folder is busy, 70 internal error; 130/143 after SIGINT/SIGTERM, which wait for the run to finish); never throws
 */
export function runApp(argv: readonly string[], options: { readonly customize: readonly Customize[]; readonly main: string }): number {
  // Loaded only now: the command line validates with zod, which a construct library user never loads.
  const { runCli } = require('./cli/cli') as typeof import('./cli/cli');
  const { runToCompletion } = require('./cli/stop-signals') as typeof import('./cli/stop-signals');
  return runToCompletion(() => runCli(argv, { main: options.main, customize: options.customize }), (text) => process.stderr.write(text));
}

export { TaskChart, type TaskChartProps } from './constructs/task-chart';
export { k8s } from './constructs/k8s';
export { TaskCronJob, type TaskCronJobProps } from './constructs/task-cron-job';
export { TaskDeployment, type TaskDeploymentProps } from './constructs/task-deployment';
export { ARGOCD_REPLACE_ANNOTATION } from './constructs/argocd';
export { TaskJob, type TaskJobProps } from './constructs/task-job';
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
