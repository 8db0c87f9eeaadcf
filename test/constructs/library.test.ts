import { Testing } from 'cdk8s';
import { DEFAULT_SETTINGS, type DeploymentTask, type JobTask, TaskChart, TaskDeployment } from '../../lib';
import { expectValidKubernetesObjects } from '../support/kube-schema';

/*
 * The constructs without the manifest layer, as a cdk8s app of another team
 * would use them (the cdk8s typescript-app template's test style): a literal
 * task object, Testing.app() / Testing.chart(), Testing.synth().
 */
const worker: DeploymentTask = {
  kind: 'deployment',
  name: 'worker',
  namespace: 'data',
  labels: { app: 'worker' },
  image: 'ghcr.io/example/worker:1.2.3',
  imageBuilt: false,
  imagePullPolicy: 'IfNotPresent',
  env: [{ name: 'QUEUE', value: 'jobs' }],
  command: [],
  resources: { requests: { cpu: '250m' }, limits: {} },
  volumes: [],
  tolerations: [],
  nodeSelector: {},
  replicas: 2,
  // Every key of a task is required (lib/model.ts); undefined where the value is absent.
  serviceAccountSecret: undefined,
  args: undefined,
  envFrom: undefined,
  serviceAccountName: undefined,
  priorityClassName: undefined,
  imagePullSecrets: undefined,
  annotations: undefined,
  podAnnotations: undefined,
  podLabels: undefined,
  probes: undefined,
};

test('TaskChart from a literal task, with the default settings', () => {
  const chart = new TaskChart(Testing.app(), 'worker', { task: worker });
  const manifests = Testing.synth(chart);
  expectValidKubernetesObjects(manifests);
  expect(manifests).toHaveLength(1);
  expect(manifests[0]).toEqual({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'worker', namespace: 'data', labels: { app: 'worker' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'worker' } },
      template: {
        metadata: { labels: { app: 'worker' } },
        spec: {
          containers: [{
            name: 'worker',
            image: 'ghcr.io/example/worker:1.2.3',
            imagePullPolicy: 'IfNotPresent',
            env: [{ name: 'QUEUE', value: 'jobs' }],
            resources: { requests: { cpu: '250m' } },
            securityContext: { allowPrivilegeEscalation: false, privileged: false },
          }],
        },
      },
    },
  });
  expect(chart.settings).toBe(DEFAULT_SETTINGS);
});

test('one workload construct in a chart of your own, with settings of your own', () => {
  const chart = Testing.chart();
  const load: JobTask = { ...worker, kind: 'job', name: 'load', job: undefined };
  new TaskDeployment(chart, 'worker', { task: worker, settings: { ...DEFAULT_SETTINGS, podSecurity: 'restricted' } });
  const [deployment] = Testing.synth(chart);
  expect(deployment.spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  expect(new TaskChart(Testing.app(), 'load', { task: load }).workload.constructor.name).toBe('TaskJob');
});
