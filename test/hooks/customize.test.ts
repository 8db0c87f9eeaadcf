import { ApiObject, JsonPatch } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import type { TaskChart } from '../../lib/constructs/task-chart';
import { k8s } from '../../lib/constructs/k8s';
import type { Customize } from '../../lib/customize';
import { expectValidKubernetesObjects } from '../support/kube-schema';
import { job, service, Workspace } from '../support/workspace';

let ws: Workspace;
beforeEach(() => (ws = new Workspace()));
afterEach(() => ws.remove());

/** The objects of a written file, read back as YAML 1.1 (kubectl, Argo CD) and 1.2, which must agree. */
function objectsOf(file: string): any[] {
  const v11 = parseAllDocuments(file, { version: '1.1' }).map((d) => d.toJS());
  expect(parseAllDocuments(file, { version: '1.2' }).map((d) => d.toJS())).toEqual(v11);
  expectValidKubernetesObjects(v11);
  return v11;
}

/** The README's first example: a NetworkPolicy for every service, admitting traffic to its port only from the gateway's namespace. */
const networkPolicyPerService: Customize = (chart: TaskChart) => {
  const task = chart.task;
  if (task.kind !== 'service') return;
  new k8s.KubeNetworkPolicy(chart, 'NetworkPolicy', {
    metadata: { name: task.name, labels: { ...task.labels } },
    spec: {
      podSelector: { matchLabels: { ...task.labels } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'emissary' } } }],
        ports: [{ port: k8s.IntOrString.fromString(task.port.name) }],
      }],
    },
  });
};

/** The README's second example: a label on every object, and its environment's name where the project has environments. */
const teamLabel: Customize = (chart) => {
  for (const child of chart.node.findAll()) {
    if (!(child instanceof ApiObject)) continue;
    child.metadata.addLabel('example.com/owner', 'data-platform');
    if (chart.environment !== undefined) child.metadata.addLabel('example.com/environment', chart.environment);
  }
};

test('a NetworkPolicy for every service and a label on every object: rendered, labelled, valid', () => {
  ws.task('web/manifest.json', service('web')).task('load/manifest.json', job('load'));
  ws.hooks = [networkPolicyPerService, teamLabel];
  expect(ws.run().code).toBe(0);
  const web = objectsOf(ws.files()['default/web.k8s.yaml']!);
  expect(web.map((o) => o.kind)).toEqual(['Service', 'Deployment', 'NetworkPolicy']);
  expect(web[2].metadata).toEqual({ name: 'web', namespace: 'default', labels: { app: 'web', 'example.com/owner': 'data-platform' } });
  expect(web[2].spec.ingress[0].ports).toEqual([{ port: 'http' }]);
  const load = objectsOf(ws.files()['default/load.k8s.yaml']!);
  expect(load.map((o) => [o.kind, o.metadata.labels['example.com/owner']])).toEqual([['Job', 'data-platform']]);
});

describe('JSON patches reach the output (cdk8s issue 2172: applied before the typed converter, they are dropped)', () => {
  test('a probe on a named port, through addJsonPatch', () => {
    ws.task('web/manifest.json', service('web'));
    ws.hooks = [
      function readinessProbe(chart) {
        if (chart.task.kind !== 'service') return;
        ApiObject.of(chart.node.findChild('Service').node.findChild('Deployment')).addJsonPatch(
          JsonPatch.add('/spec/template/spec/containers/0/readinessProbe', { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 }),
        );
      },
    ];
    expect(ws.run().code).toBe(0);
    const deployment = objectsOf(ws.files()['default/web.k8s.yaml']!).find((o) => o.kind === 'Deployment');
    expect(deployment.spec.template.spec.containers[0].readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 });
  });

  test('a sidecar with restartPolicy (Kubernetes 1.28) is not dropped: the strict 1.27 schema refuses it, naming the task and the hook', () => {
    ws.task('web/manifest.json', service('web'));
    ws.hooks = [
      function logShipper(chart) {
        if (chart.task.kind !== 'service') return;
        ApiObject.of(chart.node.findChild('Service').node.findChild('Deployment')).addJsonPatch(
          JsonPatch.add('/spec/template/spec/initContainers', [{ name: 'logs', image: 'fluent/fluent-bit:3.0', restartPolicy: 'Always' }]),
        );
      },
    ];
    const { code, stderr } = ws.run();
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe(
      'tasks/web/manifest.json:1:1 error: task "default/web" after hook "logShipper": Deployment web: /spec/template/spec/initContainers/0/restartPolicy: unknown field',
    );
    expect(ws.files()).toEqual({});
  });
});

/** An object of a hook's own whose JSON is not JSON data. */
class RawConfigMap extends ApiObject {
  public override toJson(): any {
    return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'raw' }, data: { at: new Date(0) } };
  }
}

test('a hook that throws, or makes what YAML cannot carry: located errors naming the task and the hook; nothing written', () => {
  ws.task('a/manifest.json', job('a')).task('b/manifest.json', job('b')).task('c/manifest.json', job('c'));
  ws.hooks = [
    function rawObject(chart) {
      if (chart.task.name === 'c') new RawConfigMap(chart, 'Raw', { apiVersion: 'v1', kind: 'ConfigMap' });
    },
    function failsOnA(chart) {
      if (chart.task.name === 'a') throw new Error('no quota for a');
    },
    function nanReplicas(chart) {
      if (chart.task.name === 'b') ApiObject.of(chart.node.findChild('Job')).addJsonPatch(JsonPatch.add('/spec/parallelism', Number.NaN));
    },
  ];
  const { code, stderr } = ws.run();
  expect(code).toBe(1);
  expect(stderr.split('\n').filter((l) => l.includes(' error: '))).toEqual([
    'tasks/a/manifest.json:1:1 error: task "default/a": hook "failsOnA" failed: no quota for a',
    // JSON patches pass through JSON, which writes NaN as null: the schema check then finds it.
    'tasks/b/manifest.json:1:1 error: task "default/b" after hooks "rawObject", "failsOnA", "nanReplicas": Job b: /spec/parallelism: expected integer, got null',
    'tasks/c/manifest.json:1:1 error: task "default/c" after hooks "rawObject", "failsOnA", "nanReplicas": ConfigMap raw: /data/at is a Date object, not JSON data',
  ]);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(ws.files()).toEqual({});
});

test('what the API server checks beyond the schema: label values, strings server-side apply cannot carry, one object twice', () => {
  ws.task('a/manifest.json', job('a')).task('web/manifest.json', service('web'));
  ws.hooks = [
    function badLabel(chart) {
      if (chart.task.name === 'a') ApiObject.of(chart.node.findChild('Job')).metadata.addLabel('team', 'data platform');
    },
    function bigConfigMap(chart) {
      if (chart.task.name === 'a') new k8s.KubeConfigMap(chart, 'Data', { metadata: { name: 'a-data' }, data: { big: 'x'.repeat(300_000) } });
    },
    function secondService(chart) {
      if (chart.task.kind === 'service') new k8s.KubeService(chart, 'Again', { metadata: { name: chart.task.name, annotations: { note: 'a\u0085b' } }, spec: { ports: [{ port: 80 }] } });
    },
  ];
  const { code, stderr } = ws.run();
  expect(code).toBe(1);
  expect(stderr.split('\n').filter((l) => l.includes(' error: '))).toEqual([
    'tasks/a/manifest.json:1:1 error: task "default/a" after hooks "badLabel", "bigConfigMap", "secondService": ConfigMap a-data: too large for client-side apply: kubectl apply (and Argo CD\'s default sync) keeps the whole object in the kubectl.kubernetes.io/last-applied-configuration annotation, and its annotations would take 300156 bytes, more than the API server\'s limit of 262144 (256 KiB)',
    'tasks/a/manifest.json:1:1 error: task "default/a" after hooks "badLabel", "bigConfigMap", "secondService": Job a: /metadata/labels/team: "data platform" must consist of letters, digits, \'-\', \'_\' and \'.\', and start and end with a letter or digit',
    'tasks/web/manifest.json:1:1 error: task "default/web" after hooks "badLabel", "bigConfigMap", "secondService": Service web appears twice in the task\'s file (kubectl would apply the second over the first; Argo CD refuses it): give the hook\'s object another name',
    'tasks/web/manifest.json:1:1 error: task "default/web" after hooks "badLabel", "bigConfigMap", "secondService": Service web: /metadata/annotations/note contains U+0085 (next line), which it would turn into a space, at character 2; server-side apply (kubectl apply --server-side, Argo CD ServerSideApply=true) reads the object as YAML and cannot carry it: remove it',
  ]);
  expect(ws.files()).toEqual({});
});
