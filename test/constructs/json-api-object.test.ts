import { ApiObject, App, Chart, JsonPatch, Lazy, type IResolver, type ResolutionContext } from 'cdk8s';
import { JsonApiObject } from '../../lib/constructs/json-api-object';
import { k8s } from '../../lib/constructs/k8s';

/** What cdk8s's own `ApiObject.toJson()` (resolve and sanitize every value) makes of the same object. */
const generic = (o: ApiObject): unknown => ApiObject.prototype.toJson.call(o);

const spec = {
  replicas: 2,
  selector: { matchLabels: { app: 'a', tier: 'web' } },
  template: {
    metadata: { labels: { tier: 'web', app: 'a' } },
    spec: {
      restartPolicy: undefined,
      containers: [
        {
          name: 'a',
          image: 'a:1',
          args: ['--port', '80'],
          resources: { requests: { memory: '64Mi', cpu: '250m' }, limits: undefined },
          readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
          ports: [{ name: 'http', containerPort: 80 }],
          env: [{ name: 'B', value: '2' }, { name: 'A', value: undefined }],
        },
      ],
    },
  },
};

function deployment(app = new App()): JsonApiObject {
  const chart = new Chart(app, 'c', { namespace: 'ns', disableResourceNameHashes: true });
  return new JsonApiObject(chart, 'D', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a', labels: { app: 'a' } }, spec });
}

describe('JsonApiObject', () => {
  test("toJson() is what cdk8s's generated k8s.KubeDeployment makes of the same fields, typed", () => {
    const chart = new Chart(new App(), 'c', { namespace: 'ns', disableResourceNameHashes: true });
    const typed = new k8s.KubeDeployment(chart, 'D', {
      metadata: { name: 'a', labels: { app: 'a' } },
      spec: {
        ...spec,
        template: {
          ...spec.template,
          spec: {
            containers: [
              {
                ...spec.template.spec.containers[0]!,
                resources: { requests: { memory: k8s.Quantity.fromString('64Mi'), cpu: k8s.Quantity.fromString('250m') } },
                readinessProbe: { httpGet: { path: '/', port: k8s.IntOrString.fromString('http') }, periodSeconds: 5 },
              },
            ],
          },
        },
      },
    });
    const json = deployment().toJson();
    expect(JSON.stringify(json)).toBe(JSON.stringify(typed.toJson()));
    // Sorted keys below the top level, which keeps apiVersion, kind and metadata first.
    expect(Object.keys(json)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys((json as { spec: { template: { spec: { containers: object[] } } } }).spec.template.spec.containers[0]!)).toEqual([
      'args', 'env', 'image', 'name', 'ports', 'readinessProbe', 'resources',
    ]);
  });

  test("metadata changed through every method of cdk8s's ApiObjectMetadataDefinition comes out as cdk8s renders it", () => {
    const o = deployment();
    o.metadata.addLabel('example.com/owner', 'data');
    o.metadata.addAnnotation('b', '2');
    o.metadata.addAnnotation('a', '1');
    o.metadata.addFinalizers('example.com/keep');
    o.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u-1' });
    o.metadata.add('generateName', 'a-');
    o.metadata.add('empty', {});
    expect(JSON.stringify(o.toJson())).toBe(JSON.stringify(generic(o)));
    expect((o.toJson() as { metadata: unknown }).metadata).toEqual({
      annotations: { a: '1', b: '2' },
      finalizers: ['example.com/keep'],
      generateName: 'a-',
      labels: { app: 'a', 'example.com/owner': 'data' },
      name: 'a',
      namespace: 'ns',
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u-1' }],
    });
  });

  test('a value for cdk8s to resolve (a Lazy label), a JSON patch, an App resolver: rendered by cdk8s itself', () => {
    const lazy = deployment();
    lazy.metadata.addLabel('late', Lazy.any({ produce: () => 'resolved' }) as unknown as string);
    expect((lazy.toJson() as { metadata: { labels: object } }).metadata.labels).toEqual({ app: 'a', late: 'resolved' });

    const patched = deployment();
    patched.addJsonPatch(JsonPatch.add('/spec/minReadySeconds', 10));
    expect(patched.toJson()).toEqual(generic(patched));
    expect((patched.toJson() as { spec: { minReadySeconds: number } }).spec.minReadySeconds).toBe(10);

    const upper: IResolver = { resolve: (c: ResolutionContext) => (c.value === 'a:1' ? c.replaceValue('A:1') : undefined) };
    const resolved = deployment(new App({ resolvers: [upper] }));
    expect(JSON.stringify(resolved.toJson())).toContain('"image":"A:1"');
  });

  test('each toJson() is a new copy: changing one changes neither the object nor the next', () => {
    const o = deployment();
    type Json = { spec: { replicas: number; selector: { matchLabels: Record<string, string> }; template: { spec: { containers: { image: string }[] } } } };
    const first = o.toJson() as Json;
    first.spec.replicas = 9;
    first.spec.selector.matchLabels.app = 'changed';
    first.spec.template.spec.containers[0]!.image = 'changed';
    expect((o.toJson() as Json).spec).toMatchObject({ replicas: 2, selector: { matchLabels: { app: 'a' } }, template: { spec: { containers: [{ image: 'a:1' }] } } });
  });
});
