import { App, Chart, Cron, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { expectValidKubernetesObjects, validateKubernetesObject } from './kube-schema';

type Obj = Record<string, any>;

const clone = <T>(o: T): T => structuredClone(o);

const podSpec = (): Obj => ({
  containers: [
    {
      name: 'app',
      image: 'registry.example.com/app:1.0.0',
      ports: [{ containerPort: 8080, protocol: 'TCP' }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      env: [{ name: 'MODE', value: 'prod' }],
    },
  ],
});

const job = (): Obj => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'etl-once', labels: { app: 'etl' } },
  spec: { backoffLimit: 2, template: { spec: { ...podSpec(), restartPolicy: 'Never' } } },
});

const cronJob = (): Obj => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'etl-nightly' },
  spec: {
    schedule: '0 3 * * *',
    concurrencyPolicy: 'Forbid',
    jobTemplate: { spec: { template: { spec: { ...podSpec(), restartPolicy: 'OnFailure' } } } },
  },
});

const deployment = (): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'app-flask', namespace: 'apps', labels: { 'app.kubernetes.io/name': 'flask' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { 'app.kubernetes.io/name': 'flask' } },
    template: {
      metadata: { labels: { 'app.kubernetes.io/name': 'flask' } },
      spec: podSpec(),
    },
  },
});

const service = (targetPort: unknown = 8080): Obj => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'app-flask' },
  spec: {
    type: 'ClusterIP',
    selector: { 'app.kubernetes.io/name': 'flask' },
    ports: [{ name: 'http', port: 80, targetPort, protocol: 'TCP' }],
  },
});

const mapping = (version: 'v2' | 'v3alpha1'): Obj => ({
  apiVersion: `getambassador.io/${version}`,
  kind: 'Mapping',
  metadata: { name: 'app-flask', namespace: 'apps' },
  spec: {
    ...(version === 'v3alpha1' ? { hostname: '*' } : { host: 'example.com' }),
    prefix: '/flask/',
    service: 'app-flask.apps:80',
    timeout_ms: 30000,
  },
});

describe('validateKubernetesObject: valid objects', () => {
  test.each([
    ['Job', job],
    ['CronJob', cronJob],
    ['Deployment', deployment],
    ['Service', () => service()],
    ['Mapping v3alpha1', () => mapping('v3alpha1')],
    ['Mapping v2', () => mapping('v2')],
  ])('minimal %s passes', (_name, make) => {
    expect(validateKubernetesObject(make())).toEqual([]);
  });

  test('Service targetPort as int and as named port both pass (IntOrString)', () => {
    expect(validateKubernetesObject(service(8080))).toEqual([]);
    expect(validateKubernetesObject(service('http'))).toEqual([]);
  });

  test('Quantity accepts suffixed strings, decimals, exponents and plain numbers', () => {
    for (const q of ['500m', '1.5', '.5', '128Mi', '2Gi', '1e3', '1E-3', '+1k', 2, 0.25]) {
      const d = deployment();
      d.spec.template.spec.containers[0].resources.requests.cpu = q;
      expect(validateKubernetesObject(d)).toEqual([]);
    }
  });

  test('x-kubernetes-preserve-unknown-fields subtrees (Mapping envoy_override) accept anything', () => {
    const m = mapping('v3alpha1');
    m.spec.envoy_override = { anything: { goes: [1, 'two', true] } };
    expect(validateKubernetesObject(m)).toEqual([]);
  });

  test('everything cdk8s-plus-27 synthesizes for common workloads passes', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const d = new kplus.Deployment(chart, 'd', {
      replicas: 2,
      containers: [{
        image: 'nginx',
        portNumber: 8080,
        resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { limit: Size.mebibytes(256) } },
        envVariables: { A: kplus.EnvValue.fromValue('1') },
      }],
    });
    d.exposeViaService({ ports: [{ port: 80, targetPort: 8080 }] });
    new kplus.Job(chart, 'j', { containers: [{ image: 'busybox', command: ['true'] }], backoffLimit: 2, ttlAfterFinished: Duration.minutes(5) });
    new kplus.CronJob(chart, 'cj', { schedule: Cron.daily(), containers: [{ image: 'busybox' }] });
    new kplus.ConfigMap(chart, 'cm', { data: { a: 'b' } });
    const objs = chart.toJson();
    expect(objs.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'CronJob', 'Deployment', 'Job', 'Service']);
    expect(() => expectValidKubernetesObjects(objs)).not.toThrow();
  });
});

describe('validateKubernetesObject: failures', () => {
  test('unknown field deep in a pod spec', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].foo = 'bar';
    expect(validateKubernetesObject(d)).toEqual(['Deployment app-flask: /spec/template/spec/containers/0/foo: unknown field']);
  });

  test('unknown field suggests the right spelling when it only differs in case/separators', () => {
    const j = job();
    j.spec.template.spec.containers[0].ports[0].container_port = 80;
    expect(validateKubernetesObject(j)).toEqual([
      'Job etl-once: /spec/template/spec/containers/0/ports/0/container_port: unknown field (did you mean "containerPort"?)',
    ]);
  });

  test('string where an integer is required', () => {
    const d = deployment();
    d.spec.replicas = '1';
    expect(validateKubernetesObject(d)).toEqual(['Deployment app-flask: /spec/replicas: expected integer, got string "1"']);
  });

  test('number where an integer is required, and int32 range', () => {
    const d = deployment();
    d.spec.replicas = 1.5;
    expect(validateKubernetesObject(d)).toEqual(['Deployment app-flask: /spec/replicas: expected integer, got number 1.5']);
    d.spec.replicas = 2 ** 31;
    expect(validateKubernetesObject(d)).toEqual(['Deployment app-flask: /spec/replicas: 2147483648 out of int32 range']);
  });

  test('boolean, null and object type mismatches', () => {
    const c = cronJob();
    c.spec.suspend = 'false';
    c.spec.jobTemplate.spec.template.spec.containers[0].image = null;
    c.metadata.labels = { team: 7 };
    expect(validateKubernetesObject(c)).toEqual([
      'CronJob etl-nightly: /metadata/labels/team: expected string, got integer 7',
      'CronJob etl-nightly: /spec/jobTemplate/spec/template/spec/containers/0/image: expected string, got null',
      'CronJob etl-nightly: /spec/suspend: expected boolean, got string "false"',
    ]);
  });

  test('missing required field (container without name)', () => {
    const d = deployment();
    delete d.spec.template.spec.containers[0].name;
    expect(validateKubernetesObject(d)).toEqual(['Deployment app-flask: /spec/template/spec/containers/0/name: missing required field']);
  });

  test('missing required field at spec level (CronJob without schedule)', () => {
    const c = cronJob();
    delete c.spec.schedule;
    expect(validateKubernetesObject(c)).toEqual(['CronJob etl-nightly: /spec/schedule: missing required field']);
  });

  test('wrong enum value (Mapping load_balancer.policy)', () => {
    const m = mapping('v3alpha1');
    m.spec.load_balancer = { policy: 'random' };
    expect(validateKubernetesObject(m)).toEqual([
      'Mapping app-flask: /spec/load_balancer/policy: string "random" is not one of the allowed values: "round_robin", "ring_hash", "maglev", "least_request"',
    ]);
    m.spec.load_balancer = { policy: 'least_request' };
    expect(validateKubernetesObject(m)).toEqual([]);
  });

  test('wrong integer enum value (Mapping redirect_response_code)', () => {
    const m = mapping('v2');
    m.spec.redirect_response_code = 304;
    expect(validateKubernetesObject(m)).toEqual([
      'Mapping app-flask: /spec/redirect_response_code: integer 304 is not one of the allowed values: 301, 302, 303, 307, 308',
    ]);
  });

  test('unknown kind', () => {
    expect(validateKubernetesObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toEqual([
      'Widget w: /: unknown apiVersion/kind example.com/v1 Widget: not a Kubernetes 1.27 kind, an Emissary Mapping, nor a kind of a CRD listed in the "crds" setting (datatask.settings.json)',
    ]);
  });

  test('known kind under the wrong apiVersion', () => {
    const d = deployment();
    d.apiVersion = 'extensions/v1beta1';
    expect(validateKubernetesObject(d)).toEqual([
      'Deployment app-flask: /: unknown apiVersion/kind extensions/v1beta1 Deployment: Deployment is served as apps/v1',
    ]);
    const m = mapping('v2');
    m.apiVersion = 'getambassador.io/v9';
    expect(validateKubernetesObject(m)).toEqual([
      'Mapping app-flask: /: unknown apiVersion/kind getambassador.io/v9 Mapping: Mapping is served as getambassador.io/v1, getambassador.io/v2, getambassador.io/v3alpha1',
    ]);
  });

  test('Mapping with an unknown spec field (v3alpha1 and v2)', () => {
    const m3 = mapping('v3alpha1');
    m3.spec.prefix_rewrite_regex = '/x';
    expect(validateKubernetesObject(m3)).toEqual(['Mapping app-flask: /spec/prefix_rewrite_regex: unknown field']);
    const m2 = mapping('v2');
    m2.spec.hostname_regex = true;
    m2.spec.rewrite = '/';
    expect(validateKubernetesObject(m2)).toEqual(['Mapping app-flask: /spec/hostname_regex: unknown field']);
  });

  test('Mapping versions differ: v3alpha1-only field is unknown in v2', () => {
    const m = mapping('v2');
    m.spec.hostname = '*';
    expect(validateKubernetesObject(m)).toEqual(['Mapping app-flask: /spec/hostname: unknown field']);
  });

  test('Mapping missing required spec field and bad metadata (checked as ObjectMeta)', () => {
    const m = mapping('v3alpha1');
    delete m.spec.service;
    m.metadata.Labels = { a: 'b' };
    expect(validateKubernetesObject(m)).toEqual([
      'Mapping app-flask: /metadata/Labels: unknown field (did you mean "labels"?)',
      'Mapping app-flask: /spec/service: missing required field',
    ]);
  });

  test('Mapping type errors in spec', () => {
    const m = mapping('v3alpha1');
    m.spec.timeout_ms = '30s';
    expect(validateKubernetesObject(m)).toEqual(['Mapping app-flask: /spec/timeout_ms: expected integer, got string "30s"']);
  });

  test('Service targetPort that is neither int nor string fails', () => {
    expect(validateKubernetesObject(service(true))).toEqual([
      'Service app-flask: /spec/ports/0/targetPort: expected int-or-string, got boolean true',
    ]);
    expect(validateKubernetesObject(service(80.5))).toEqual([
      'Service app-flask: /spec/ports/0/targetPort: expected int-or-string, got number 80.5',
    ]);
  });

  test('bad quantity strings fail', () => {
    for (const q of ['1 Gi', '100mb', 'lots', '1.5.0', '', '128MiB', 'Mi']) {
      const d = deployment();
      d.spec.template.spec.containers[0].resources.limits.memory = q;
      expect(validateKubernetesObject(d)).toEqual([
        `Deployment app-flask: /spec/template/spec/containers/0/resources/limits/memory: invalid quantity ${JSON.stringify(q)} (e.g. "500m", "1.5", "128Mi", "1e3")`,
      ]);
    }
    const d = deployment();
    d.spec.template.spec.containers[0].resources.requests.cpu = true;
    expect(validateKubernetesObject(d)).toEqual([
      'Deployment app-flask: /spec/template/spec/containers/0/resources/requests/cpu: expected quantity (string or number), got boolean true',
    ]);
  });

  test('map keys with "/" are escaped in the JSON pointer', () => {
    const d = deployment();
    d.spec.template.metadata.annotations = { 'example.com/owner': ['me'] };
    expect(validateKubernetesObject(d)).toEqual([
      'Deployment app-flask: /spec/template/metadata/annotations/example.com~1owner: expected string, got array',
    ]);
  });

  test('unknown top-level field', () => {
    const s = service();
    s.data = { a: 'b' };
    expect(validateKubernetesObject(s)).toEqual(['Service app-flask: /data: unknown field']);
  });

  test('metadata.name is required, status and creationTimestamp are rejected', () => {
    const d = deployment();
    delete d.metadata.name;
    expect(validateKubernetesObject(d)).toEqual(['Deployment <unnamed>: /metadata/name: missing required field']);

    const j = job();
    j.metadata.creationTimestamp = null;
    j.status = {};
    expect(validateKubernetesObject(j)).toEqual([
      'Job etl-once: /metadata/creationTimestamp: expected string, got null',
      'Job etl-once: /metadata/creationTimestamp: must not be set (server-managed)',
      'Job etl-once: /status: must not be set (server-managed)',
    ]);

    const m = mapping('v2');
    m.metadata = {};
    expect(validateKubernetesObject(m)).toEqual(['Mapping <unnamed>: /metadata/name: missing required field']);
  });

  test('non-objects and objects without apiVersion/kind', () => {
    expect(validateKubernetesObject(null)).toEqual(['<not an object>: expected a Kubernetes object (plain JSON object), got null']);
    expect(validateKubernetesObject([])).toEqual(['<not an object>: expected a Kubernetes object (plain JSON object), got array']);
    expect(validateKubernetesObject({ metadata: { name: 'x' } })).toEqual([
      '<no kind> x: /apiVersion: expected non-empty string, got undefined',
      '<no kind> x: /kind: expected non-empty string, got undefined',
    ]);
  });

  test('validation does not mutate its input', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].foo = 1;
    const before = clone(d);
    validateKubernetesObject(d);
    expect(d).toEqual(before);
  });
});

describe('expectValidKubernetesObjects', () => {
  test('passes for valid objects', () => {
    expect(() => expectValidKubernetesObjects([job(), cronJob(), deployment(), service(), mapping('v2'), mapping('v3alpha1')])).not.toThrow();
    expect(() => expectValidKubernetesObjects([])).not.toThrow();
  });

  test('throws listing every problem in every object', () => {
    const d = deployment();
    d.spec.replicas = '1';
    d.spec.template.spec.containers[0].foo = 'bar';
    const m = mapping('v3alpha1');
    m.spec.bogus = 1;
    let message = '';
    try {
      expectValidKubernetesObjects([job(), d, m]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      [
        '3 Kubernetes schema problem(s) in 2 of 3 object(s):',
        '  [1] Deployment app-flask: /spec/replicas: expected integer, got string "1"',
        '  [1] Deployment app-flask: /spec/template/spec/containers/0/foo: unknown field',
        '  [2] Mapping app-flask: /spec/bogus: unknown field',
      ].join('\n'),
    );
  });
});

describe('performance', () => {
  test('validates thousands of objects well under 1 ms each after warm-up', () => {
    const objs = [job(), cronJob(), deployment(), service(), mapping('v2'), mapping('v3alpha1')];
    for (const o of objs) validateKubernetesObject(o); // warm-up: load + compile
    const rounds = 1000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) for (const o of objs) validateKubernetesObject(o);
    const perObjectMs = Number(process.hrtime.bigint() - start) / 1e6 / (rounds * objs.length);
    expect(perObjectMs).toBeLessThan(1);
  });
});
