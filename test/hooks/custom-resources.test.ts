import { ApiObject } from 'cdk8s';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Customize } from '../../lib/customize';
import { service, Workspace } from '../support/workspace';

/**
 * Custom resources from hooks: the `crds` setting lists CRD files, and hook output of their kinds is checked
 * against the CRD's structural schema, as apiextensions-apiserver checks it (pruning of unknown fields,
 * OpenAPI value validation, defaulting before validation, served versions only).
 * Fixture: the Gateway API v1.6.1 standard-channel HTTPRoute CRD.
 */
const CRD = path.join(__dirname, '../fixtures/crds/gateway-api/gateway.networking.k8s.io_httproutes.yaml');

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace();
  ws.write('crds/gateway-api/httproutes.yaml', fs.readFileSync(CRD, 'utf8'));
  ws.task('web/manifest.json', service('web', { published: { prefix: '/web/', access: 'dev' }, 'readiness-probe': '/healthz' }));
});
afterEach(() => ws.remove());

const errorsOf = (stderr: string) => stderr.trimEnd().split('\n').filter((l) => / (error|warning): /.test(l));

/** An HTTPRoute per published task, with `change` applied to its spec. */
const httpRoutes = (change: (spec: any) => void = () => {}): Customize => function httpRoutePerPublishedTask(chart) {
  const task = chart.task;
  if (task.kind !== 'service' || task.published === undefined) return;
  const spec: any = {
    parentRefs: [{ name: 'gateway', namespace: 'gateway' }],
    rules: [{ matches: [{ path: { type: 'PathPrefix', value: task.published.prefix } }], backendRefs: [{ name: task.name, port: task.port.containerPort }] }],
  };
  change(spec);
  new ApiObject(chart, 'HTTPRoute', { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: task.name }, spec });
};

const settings = (crds: unknown) => ws.write('datatask.settings.json', `${JSON.stringify({ crds }, null, 2)}\n`);

test('a listed CRD: an HTTPRoute per published task is written', () => {
  settings(['crds/**/*.yaml']);
  ws.hooks = [httpRoutes()];
  const { code, stderr } = ws.run();
  expect(errorsOf(stderr)).toEqual([]);
  expect(code).toBe(0);
  const objects = parseAllDocuments(ws.files()['default/web.k8s.yaml']!).map((d) => d.toJS());
  expect(objects.map((o) => o.kind)).toEqual(['Service', 'Deployment', 'Mapping', 'HTTPRoute']);
  expect(objects[3].spec.rules[0].matches[0].path).toEqual({ type: 'PathPrefix', value: '/web/' });
});

const route = 'tasks/web/manifest.json:1:1 error: task "default/web" after hook "httpRoutePerPublishedTask": HTTPRoute web: ';

test('an unknown field (pruning would drop it), a bad enum, a missing required field, a bound: each named', () => {
  settings(['crds/gateway-api/httproutes.yaml']);
  ws.hooks = [httpRoutes((spec) => {
    spec.rules[0].matches[0].path.type = 'Prefix';
    spec.rules[0].timeout = { request: '10s' };
    spec.rules[0].backendRefs[0].weight = -1;
    spec.rules[0].backendRefs[0].prot = 80;
    delete spec.parentRefs[0].name;
    spec.hostnames = ['Not A Host'];
  })];
  const { code, stderr } = ws.run();
  expect(code).toBe(1);
  expect(errorsOf(stderr)).toEqual([
    `${route}/spec/hostnames/0: string "Not A Host" does not match pattern ^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`,
    `${route}/spec/parentRefs/0/name: missing required field`,
    `${route}/spec/rules/0/backendRefs/0/prot: unknown field`,
    `${route}/spec/rules/0/backendRefs/0/weight: -1 is less than minimum 0`,
    `${route}/spec/rules/0/matches/0/path/type: string "Prefix" is not one of the allowed values: "Exact", "PathPrefix", "RegularExpression"`,
    `${route}/spec/rules/0/timeout: unknown field`,
  ].sort());
  expect(ws.files()).toEqual({});
});

test('a kind in no listed CRD is an error naming the setting; an unserved version names the served ones', () => {
  ws.hooks = [httpRoutes()];
  expect(errorsOf(ws.run().stderr)).toEqual([
    `${route}/: unknown apiVersion/kind gateway.networking.k8s.io/v1 HTTPRoute: not a Kubernetes 1.27 kind, an Emissary Mapping, nor a kind of a CRD listed in the "crds" setting (datatask.settings.json)`,
  ]);
});

test('a glob matching nothing, a missing file and a file that is not a CRD are located errors in the settings file', () => {
  ws.write('crds/not-a-crd.yaml', 'apiVersion: v1\nkind: ConfigMap\n');
  settings(['crds/*.yml', 'crds/missing.yaml', 'crds/not-a-crd.yaml']);
  const { code, stderr } = ws.run();
  expect(code).toBe(1);
  expect(errorsOf(stderr)).toEqual([
    `datatask.settings.json:3:5 error: crds[0]: "crds/*.yml" matches no file in ${ws.root}`,
    'datatask.settings.json:4:5 error: crds[1]: crds/missing.yaml: cannot be read: it does not exist (a broken symbolic link?)',
    'datatask.settings.json:5:5 error: crds[2]: crds/not-a-crd.yaml: is not an apiextensions.k8s.io/v1 CustomResourceDefinition: found "v1" "ConfigMap"',
  ]);
});

test('the render cache key holds the CRD files: editing the CRD checks every task again', () => {
  settings(['crds/**/*.yaml']);
  ws.hooks = [httpRoutes()];
  ws.cacheBuild = 'build-1';
  expect(ws.run().code).toBe(0);
  expect(ws.run().code).toBe(0);
  expect(ws.outcome?.rendered).toBe(0);
  const file = path.join(ws.root, 'crds/gateway-api/httproutes.yaml');
  // The edited CRD no longer allows PathPrefix matches: the reused file would hide that.
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n\s+- PathPrefix\n/g, '\n'));
  const again = ws.run();
  expect(again.code).toBe(1);
  expect(errorsOf(again.stderr)).toEqual([`${route}/spec/rules/0/matches/0/path/type: string "PathPrefix" is not one of the allowed values: "Exact", "RegularExpression"`]);
});
