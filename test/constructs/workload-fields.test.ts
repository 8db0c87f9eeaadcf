import { find, manifest, render, settings } from '../support/render';

/** Each workload field's exact Kubernetes result (issue 11); every object passes the strict 1.27 schema check in render(). */
const job = (overrides: Record<string, unknown> = {}) => ({
  labels: 'app:etl',
  type: 'job',
  name: 'etl',
  'image-source': 'gcr.io/x/etl:1.0',
  ...overrides,
});
const cron = (overrides: Record<string, unknown> = {}) => job({ schedule: '0 5 * * *', ...overrides });
const deployment = (overrides: Record<string, unknown> = {}) => job({ type: 'deployment', ...overrides });

const podSpec = (o: any) => (o.spec.template ?? o.spec.jobTemplate.spec.template).spec;
const container = (o: any) => podSpec(o).containers[0];

describe('env valueFrom and env-from', () => {
  test('every valueFrom source is copied with the Kubernetes field names, in order beside literal values', () => {
    const env = [
      { name: 'A', value: '1' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode', optional: true } } },
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'TEAM', valueFrom: { fieldRef: { fieldPath: "metadata.labels['team']", apiVersion: 'v1' } } },
      { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1000m', containerName: 'etl' } } },
    ];
    expect(container(render(job({ env })).objects[0]).env).toEqual([
      { name: 'A', value: '1' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode', optional: true } } },
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'TEAM', valueFrom: { fieldRef: { fieldPath: "metadata.labels['team']", apiVersion: 'v1' } } },
      // The API server stores the canonical divisor.
      { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1', containerName: 'etl' } } },
    ]);
  });

  test('an empty value beside a valueFrom is no value, as the API server reads it: only the valueFrom is written', () => {
    const c = container(render(job({ env: [{ name: 'A', value: '', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] })).objects[0]);
    expect(c.env).toEqual([{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }]);
  });

  test('env-from becomes envFrom; svc-account-secret still appends its variable after env', () => {
    const c = container(
      render(job({ 'env-from': [{ secretRef: { name: 's' } }, { configMapRef: { name: 'c', optional: false }, prefix: 'CFG_' }], 'svc-account-secret': 'key' })).objects[0],
    );
    expect(c.envFrom).toEqual([{ secretRef: { name: 's' } }, { configMapRef: { name: 'c', optional: false }, prefix: 'CFG_' }]);
    expect(c.env).toEqual([{ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/var/secrets/google/key.json' }]);
  });

  // ValidateEnvFrom (pkg/apis/core/validation/validation.go) checks a prefix only when it is not empty; the server stores "" as none.
  test('env-from "prefix": "" is accepted and not written, as the API server stores it', () => {
    const c = container(render(job({ 'env-from': [{ configMapRef: { name: 'c' }, prefix: '' }] })).objects[0]);
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'c' } }]);
  });
});

describe('pod identity and args', () => {
  test('service-account, image-pull-secrets and args; svc-account-secret works beside them', () => {
    const j = render(job({ 'service-account': 'etl-runner', 'image-pull-secrets': ['reg-a', 'reg-b'], args: ['--day', '1'], cmd: ['python3'], 'svc-account-secret': 'key' })).objects[0];
    expect(podSpec(j).serviceAccountName).toBe('etl-runner');
    expect(podSpec(j).imagePullSecrets).toEqual([{ name: 'reg-a' }, { name: 'reg-b' }]);
    expect(podSpec(j).volumes).toEqual([{ name: 'google-cloud-key', secret: { secretName: 'key' } }]);
    expect(container(j).command).toEqual(['python3']);
    expect(container(j).args).toEqual(['--day', '1']);
  });

  test('priority-class-name: the pod spec.priorityClassName of a Job, a CronJob\'s Jobs and a Deployment; absent, none', () => {
    for (const m of [job(), cron(), deployment()]) {
      expect(podSpec(render({ ...m, 'priority-class-name': 'batch-low' }).objects[0]).priorityClassName).toBe('batch-low');
      expect(podSpec(render(m).objects[0])).not.toHaveProperty('priorityClassName');
    }
  });
});

describe('metadata', () => {
  test('annotations on every object of a published service, beside the Mapping\'s portal keys; none on the pods', () => {
    const { objects } = render(manifest({ annotations: { 'team.example.com/owner': 'data' }, published: { access: 'dev', prefix: '/app/' }, 'readiness-probe': '/healthz' }));
    expect(objects.map((o) => [o.kind, o.metadata.annotations])).toEqual([
      ['Service', { 'team.example.com/owner': 'data' }],
      ['Deployment', { 'team.example.com/owner': 'data' }],
      ['Mapping', { 'team.example.com/owner': 'data', 'portal.datatask.io/displayed-name': 'app-flask', 'portal.datatask.io/icon': 'import_contacts', 'portal.datatask.io/visible': 'true' }],
    ]);
    expect(find(objects, 'Deployment').spec.template.metadata.annotations).toBeUndefined();
  });

  test('annotations beside the Argo CD replace annotation of a Job', () => {
    const j = render(job({ annotations: { a: 'b' } }), settings({ argocd: { replaceJobs: true } })).objects[0];
    expect(j.metadata.annotations).toEqual({ a: 'b', 'argocd.argoproj.io/sync-options': 'Force=true,Replace=true' });
  });

  test('pod-annotations and pod-labels go on the pod template only; the selector stays the labels', () => {
    const d = render(deployment({ 'pod-annotations': { 'prometheus.io/scrape': 'true' }, 'pod-labels': { version: '1.4', app: 'etl' } })).objects[0];
    expect(d.spec.template.metadata).toEqual({ labels: { app: 'etl', version: '1.4' }, annotations: { 'prometheus.io/scrape': 'true' } });
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'etl' } });
    expect(d.metadata).toEqual({ name: 'etl', namespace: 'default', labels: { app: 'etl' } });
  });
});

describe('probes', () => {
  test('a service\'s "/path" shorthand is an httpGet at the named port', () => {
    const c = container(find(render(manifest({ 'readiness-probe': '/healthz', 'liveness-probe': '/live' })).objects, 'Deployment'));
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 'app-port' } });
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/live', port: 'app-port' } });
    expect(c.startupProbe).toBeUndefined();
  });

  test('Probe objects of every handler, with their timing fields, on a deployment', () => {
    const c = container(
      render(
        deployment({
          'readiness-probe': { httpGet: { path: '/ready', port: 8080, scheme: 'HTTPS', httpHeaders: [{ name: 'X-Probe', value: '1' }] }, periodSeconds: 5, successThreshold: 2 },
          'liveness-probe': { tcpSocket: { port: 8080 }, initialDelaySeconds: 0, failureThreshold: 5, terminationGracePeriodSeconds: 30 },
          'startup-probe': { exec: { command: ['cat', '/tmp/ready'] }, timeoutSeconds: 3 },
        }),
      ).objects[0],
    );
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 8080, scheme: 'HTTPS', httpHeaders: [{ name: 'X-Probe', value: '1' }] }, periodSeconds: 5, successThreshold: 2 });
    // initialDelaySeconds 0 is an omitempty zero the API server drops: not written, so the file is what it stores.
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 8080 }, failureThreshold: 5, terminationGracePeriodSeconds: 30 });
    expect(c.startupProbe).toEqual({ exec: { command: ['cat', '/tmp/ready'] }, timeoutSeconds: 3 });
    expect(container(render(deployment({ 'readiness-probe': { httpGet: { port: 80, httpHeaders: [] } } })).objects[0]).readinessProbe).toEqual({ httpGet: { port: 80 } });
    expect(container(render(deployment({ 'readiness-probe': { grpc: { port: 9090, service: 'health' } } })).objects[0]).readinessProbe).toEqual({ grpc: { port: 9090, service: 'health' } });
  });
});

describe('job run controls and CronJob fields', () => {
  test('backoff-limit and active-deadline-seconds: Job spec', () => {
    const j = render(job({ 'backoff-limit': 0, 'active-deadline-seconds': 600 })).objects[0];
    expect([j.spec.backoffLimit, j.spec.activeDeadlineSeconds]).toEqual([0, 600]);
  });

  test('in a cron job, the run controls go into jobTemplate.spec and the CronJob fields into spec', () => {
    const c = render(
      cron({
        'backoff-limit': 2,
        'active-deadline-seconds': 3600,
        'concurrency-policy': 'Forbid',
        suspend: false,
        'starting-deadline-seconds': 300,
        'successful-jobs-history-limit': 0,
        'failed-jobs-history-limit': 5,
        'time-zone': 'America/New_York',
      }),
    ).objects[0];
    const { jobTemplate, ...spec } = c.spec;
    expect(spec).toEqual({
      schedule: '0 5 * * *',
      timeZone: 'America/New_York',
      concurrencyPolicy: 'Forbid',
      suspend: false,
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 0,
      failedJobsHistoryLimit: 5,
    });
    expect([jobTemplate.spec.backoffLimit, jobTemplate.spec.activeDeadlineSeconds]).toEqual([2, 3600]);
  });

  test('time-zone overrides the cronJob.timeZone setting; without it the setting applies', () => {
    const s = settings({ cronJob: { timeZone: 'Europe/Paris' } });
    expect(render(cron({ 'time-zone': 'UTC' }), s).objects[0].spec.timeZone).toBe('UTC');
    expect(render(cron(), s).objects[0].spec.timeZone).toBe('Europe/Paris');
  });
});

test('nothing is injected when the workload fields are absent or empty', () => {
  const empty = { 'env-from': [], args: [], 'service-account': '', 'image-pull-secrets': [], annotations: {}, 'pod-annotations': {}, 'pod-labels': {}, 'time-zone': '' };
  const c = render(cron(empty)).objects[0];
  expect(Object.keys(c.spec).sort()).toEqual(['jobTemplate', 'schedule']);
  expect(Object.keys(c.spec.jobTemplate.spec)).toEqual(['template']);
  expect(c.metadata.annotations).toBeUndefined();
  expect(c.spec.jobTemplate.spec.template.metadata).toEqual({ labels: { app: 'etl' } });
  expect(Object.keys(podSpec(c)).sort()).toEqual(['containers', 'restartPolicy']);
  expect(Object.keys(container(c)).sort()).toEqual(['image', 'imagePullPolicy', 'name', 'securityContext']);
  const d = container(find(render(manifest({ 'readiness-probe': '', 'liveness-probe': {} })).objects, 'Deployment'));
  expect([d.readinessProbe, d.livenessProbe, d.startupProbe]).toEqual([undefined, undefined, undefined]);
});
