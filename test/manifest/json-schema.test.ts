import Ajv, { type ValidateFunction } from 'ajv';
import * as fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as z from '../../lib/zod';
import { MANIFEST_SCHEMA_FILE, manifestJsonSchema, manifestJsonSchemaText } from '../../lib/manifest/json-schema';
import type { JsonSchema } from '../../lib/manifest/json-schema-tools';
import { ManifestLoader } from '../../lib/manifest/load';
import { OVERLAY_SCHEMA_FILE } from '../../lib/manifest/overlay-json-schema';
import { parseLabels } from '../../lib/manifest/labels';
import { manifestFields } from '../../lib/manifest/schema';
import { DEFAULT_SETTINGS } from '../../lib/project-settings';
import { checkDns1035Label, checkDns1123Label, checkDns1123Subdomain, checkEnvVarName, checkIanaSvcName, checkLabelValue, checkQualifiedName } from '../../lib/validation/kubernetes-names';
import { parseQuantity } from '../../lib/validation/quantity';
import { runCli } from '../../lib/cli/cli';

const ROOT = path.resolve(__dirname, '../..');
const schema = manifestJsonSchema();

/** ajv in strict mode, knowing VS Code's extra keywords (so a misspelt keyword still fails). */
function compile(s: JsonSchema): ValidateFunction {
  const ajv = new Ajv({ allErrors: true });
  ajv.addVocabulary(['errorMessage', 'patternErrorMessage', 'enumDescriptions']);
  return ajv.compile(s);
}
const validate = compile(schema);
const schemaAccepts = (manifest: unknown): boolean => validate(manifest) === true;

const loader = new ManifestLoader(DEFAULT_SETTINGS);
/** Whether `npm run synth` accepts the manifest on its own (no cross-task rules). */
const synthAccepts = (manifest: unknown): boolean => loader.load('tasks/t/manifest.json', JSON.stringify(manifest)).task !== undefined;
/** The same in a project that declares environments: `environments` names some of them, and is refused without. */
const inEnvironments = new ManifestLoader(DEFAULT_SETTINGS, ['dev', 'prod', 'staging']);
const synthAcceptsInEnvironments = (manifest: unknown): boolean => inEnvironments.load('tasks/t/manifest.json', JSON.stringify(manifest)).task !== undefined;

const properties = schema.properties as Record<string, JsonSchema>;
/** A top-level field's schema, without the empty alternative. */
const fieldSchema = (field: string): JsonSchema => {
  const s = properties[field];
  return Array.isArray(s.anyOf) ? (s.anyOf[0] as JsonSchema) : s;
};

const job = { labels: 'app:x', type: 'job', name: 'x', 'image-source': 'a:1' };
const deployment = { ...job, type: 'deployment' };
const service = { ...job, type: 'service', 'name-port': 'http', 'container-port': 8080 };
const BASE = { job, deployment, service } as const;

/** The seed's example manifests, as fixtures of the tool's own (not the team's tasks/). */
const EXAMPLES = path.join('test', 'fixtures', 'seed', 'tasks');

function exampleManifests(): string[] {
  return readdirSync(path.join(ROOT, EXAMPLES), { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === 'manifest.json')
    .map((file) => path.join(EXAMPLES, file))
    .sort();
}

describe('manifest.schema.json', () => {
  test('the committed file is the generated schema (run `npm run schema` after changing the manifest schema)', () => {
    expect(readFileSync(path.join(ROOT, MANIFEST_SCHEMA_FILE), 'utf8')).toBe(manifestJsonSchemaText());
  });

  test('generation is deterministic and leaves the manifest schemas as declared', () => {
    // The descriptions are the fields' own (`.meta()` in lib/manifest/fields/); generating reads them, never writes.
    const declared = JSON.stringify(Object.values(manifestFields).map((s) => z.globalRegistry.get(s)));
    expect(manifestJsonSchemaText()).toBe(manifestJsonSchemaText());
    expect(JSON.stringify(Object.values(manifestFields).map((s) => z.globalRegistry.get(s)))).toBe(declared);
    expect(manifestFields.labels.description).toMatch(/^String \(key, value\)/);
  });

  test('is a valid draft-07 schema, strict at the top, with type, name and labels required', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['type', 'name', 'labels']);
    expect(schema.description).toContain('`npm run synth` is the authoritative validator');
    expect(Object.keys(properties)).toEqual(Object.keys(manifestFields));
  });
});

describe('example manifests', () => {
  const files = exampleManifests();
  test('there are examples', () => expect(files.length).toBeGreaterThan(0));
  test.each(files)('%s is valid', (file) => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));
    validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
  });
});

describe('invalid manifests are rejected, as npm run synth rejects them', () => {
  test.each<[string, object]>([
    ['an unknown key', { ...job, imagesource: 'a:1' }],
    ['a wrong type', { ...job, 'cpu-request': 0.5 }],
    ['a bad enum value', { ...job, 'image-pull-policy': 'always' }],
    ['an unknown type', { ...job, type: 'cronjob' }],
    ['a missing name', { labels: 'app:x', type: 'job', 'image-source': 'a:1' }],
    ['an empty labels', { ...job, labels: '' }],
    ['labels not key:value', { ...job, labels: 'app=x' }],
    ['an upper-case name', { ...job, name: 'Etl' }],
    ['a service name starting with a digit', { ...service, name: '1api' }],
    ['a cron job name over 52 characters', { ...job, name: 'a'.repeat(53), schedule: '0 5 * * *' }],
    ['a schedule on a service', { ...service, schedule: '0 5 * * *' }],
    ['replicas on a job', { ...job, replicas: 2 }],
    ['published on a job', { ...job, published: { access: 'dev', prefix: '/x/' } }],
    ['a service without container-port', { ...service, 'container-port': undefined }],
    ['a service with an empty name-port', { ...service, 'name-port': '' }],
    ['both images', { ...job, 'image-destination': 'b:1' }],
    ['no image', { ...job, 'image-source': '' }],
    ['a quantity with a bad suffix', { ...job, 'memory-limit': '200MB' }],
    ['a published without prefix', { ...service, published: { access: 'dev' } }],
    ['a published without access', { ...service, published: { prefix: '/x/' } }],
    ['a prefix without "/"', { ...service, published: { access: 'dev', prefix: 'x/' } }],
    ['a numeric env value', { ...job, env: [{ name: 'A', value: 5 }] }],
    ['a hostPath volume', { ...job, volumes: [{ name: 'v', mountPath: '/v', hostPath: { path: '/' } }] }],
    ['a volume with two sources', { ...job, volumes: [{ name: 'v', mountPath: '/v', emptyDir: {}, nfs: { server: 's', path: '/' } }] }],
    ['a relative mountPath', { ...job, volumes: [{ name: 'v', mountPath: 'v', emptyDir: {} }] }],
    ['a toleration without key or Exists', { ...job, tolerations: [{ effect: 'NoSchedule' }] }],
    ['tolerationSeconds without NoExecute', { ...job, tolerations: [{ key: 'k', operator: 'Exists', tolerationSeconds: 5 }] }],
    ['a bad node-selector key', { ...job, 'node-selector': { 'a b': 'x' } }],
    // The workload fields (issue 11).
    ['an env var with value and valueFrom', { ...job, env: [{ name: 'A', value: 'x', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }],
    ['a valueFrom with two sources', { ...job, env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' }, fieldRef: { fieldPath: 'metadata.name' } } }] }],
    ['a fieldPath the API does not allow for env', { ...job, env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'status.phase' } } }] }],
    ['an env-from with both sources', { ...job, 'env-from': [{ secretRef: { name: 's' }, configMapRef: { name: 'c' } }] }],
    ['an upper-case service-account', { ...job, 'service-account': 'Runner' }],
    ['a probe on a job', { ...job, 'readiness-probe': '/healthz' }],
    ['the probe shorthand on a deployment', { ...deployment, 'readiness-probe': '/healthz' }],
    ['a relative probe shorthand', { ...service, 'readiness-probe': 'healthz' }],
    ['a probe with two handlers', { ...service, 'liveness-probe': { tcpSocket: { port: 80 }, exec: { command: ['true'] } } }],
    ['a probe period of 0', { ...service, 'readiness-probe': { tcpSocket: { port: 80 }, periodSeconds: 0 } }],
    ['concurrency-policy on a job without schedule', { ...job, 'concurrency-policy': 'Forbid' }],
    ['a time zone that is not IANA', { ...job, schedule: '@daily', 'time-zone': 'Europe/Pariss' }],
    ['a negative backoff-limit', { ...job, 'backoff-limit': -1 }],
  ])('%s', (_, manifest) => {
    expect(synthAccepts(manifest)).toBe(false);
    expect(schemaAccepts(manifest)).toBe(false);
  });
});

describe('the schema never rejects what npm run synth accepts', () => {
  test.each<[string, object]>([
    ['empty values mean "not set"', { ...job, 'image-destination': '', schedule: '', 'svc-account-secret': '', 'cpu-limit': '', namespace: '', 'image-pull-policy': '', env: [], cmd: [], volumes: [], tolerations: [], 'node-selector': {} }],
    ['an empty published on a job', { ...job, published: {}, 'name-port': '' }],
    ['an empty schedule on a service', { ...service, schedule: '', published: {} }],
    ['a published service with bypass_auth and no access', { ...service, published: { prefix: '/x/', bypass_auth: true } }],
    ['a cron job', { ...job, schedule: '@daily', name: 'a'.repeat(52) }],
    ['labels with spaces, prefixes and empty values', { ...job, labels: ' app : x , example.com/team:, k8s.io/a_b.c:V-1 ' }],
    ['every volume source', { ...job, volumes: [
      { name: 'a', mountPath: '/a', configMap: { name: 'c', items: [{ key: 'k', path: 'dir/file' }] } },
      { name: 'b', mountPath: '/b', subPath: 'x/y', secret: { secretName: 's' } },
      { name: 'c', mountPath: '/c', persistentVolumeClaim: { claimName: 'p' } },
      { name: 'd', mountPath: '/d', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } },
      { name: 'e', mountPath: '/e', csi: { driver: 'csi.example.com', nodePublishSecretRef: { name: 's' } } },
      { name: 'f', mountPath: '/f', nfs: { server: 'nfs.local', path: '/export' } },
    ] }],
    ['tolerations', { ...job, tolerations: [{ operator: 'Exists' }, { key: 'k', value: '', operator: 'Equal' }, { key: 'k', effect: 'NoExecute', tolerationSeconds: 30 }] }],
    ['the example service', JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/examples/tasks/orders-api/manifest.json'), 'utf8'))],
    ['the example cron job', JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/examples/tasks/orders-export/manifest.json'), 'utf8'))],
    ['empty workload fields', { ...job, 'env-from': [], args: [], 'service-account': '', 'image-pull-secrets': [], annotations: {}, 'pod-annotations': {}, 'pod-labels': {}, 'readiness-probe': '', 'time-zone': '' }],
    ['every probe handler on a deployment', { ...deployment, 'readiness-probe': { httpGet: { port: 8080, path: '/r' } }, 'liveness-probe': { grpc: { port: 9090 } }, 'startup-probe': { exec: { command: ['true'] }, failureThreshold: 30 } }],
    ['every valueFrom source', { ...job, env: [
      { name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k', optional: true } } },
      { name: 'B', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } },
      { name: 'C', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
      { name: 'D', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
    ] }],
    // The API server refuses a valueFrom only beside a non-empty value (validateEnvVarValueFrom).
    ['a valueFrom beside an empty value', { ...job, env: [{ name: 'A', value: '', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }],
  ])('%s', (_, manifest) => {
    expect(synthAccepts(manifest)).toBe(true);
    validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
  });

  // The schema repeats which fields apply to which type; it must agree with the manifest schema.
  const typed = ['schedule', 'replicas', 'name-port', 'container-port', 'published', 'readiness-probe', 'liveness-probe', 'backoff-limit', 'concurrency-policy', 'time-zone'] as const;
  const realValue: Record<(typeof typed)[number], unknown> = {
    schedule: '0 5 * * *',
    replicas: 2,
    'name-port': 'http',
    'container-port': 8080,
    published: { access: 'dev', prefix: '/x/' },
    'readiness-probe': '/healthz',
    'liveness-probe': { tcpSocket: { port: 8080 } },
    'backoff-limit': 3,
    'concurrency-policy': 'Forbid',
    'time-zone': 'Europe/Paris',
  };
  test.each((['job', 'deployment', 'service'] as const).flatMap((type) => typed.map((field) => [type, field] as const)))(
    '%s with %s: the schema and synth agree',
    (type, field) => {
      const manifest = { ...BASE[type], [field]: realValue[field] };
      expect(schemaAccepts(manifest)).toBe(synthAccepts(manifest));
    },
  );
});

describe('patterns match the checks they stand for', () => {
  const matches = (s: JsonSchema) => {
    const check = compile(s);
    return (value: string) => check(value) === true;
  };
  const volume = (fieldSchema('volumes').items as JsonSchema).properties as Record<string, JsonSchema>;
  const ok = (check: (value: string) => string | undefined) => (value: string) => check(value) === undefined;
  const nameChars = fc.string({ unit: fc.constantFrom(...'abz09-._/:, AZ'.split('')), maxLength: 70 });

  test.each<[string, JsonSchema, (value: string) => boolean]>([
    ['name (DNS-1123 label)', fieldSchema('name'), ok(checkDns1123Label)],
    ['namespace', fieldSchema('namespace'), ok(checkDns1123Label)],
    ['svc-account-secret (DNS-1123 subdomain)', fieldSchema('svc-account-secret'), ok(checkDns1123Subdomain)],
    ['name-port (IANA service name)', fieldSchema('name-port'), ok(checkIanaSvcName)],
    ['env name', ((fieldSchema('env').items as JsonSchema).properties as Record<string, JsonSchema>).name, ok(checkEnvVarName)],
    ['volume name', volume.name, ok(checkDns1123Label)],
    ['toleration value (label value)', ((fieldSchema('tolerations').items as JsonSchema).properties as Record<string, JsonSchema>).value, ok(checkLabelValue)],
  ])('%s: exactly the same strings', (_, s, valid) => {
    const test = matches(s);
    fc.assert(fc.property(nameChars, (value) => test(value) === valid(value)), { numRuns: 1000 });
    for (const value of ['', 'a', '-a', 'a-', 'a--b', '1', 'a'.repeat(15), 'a'.repeat(16), 'a'.repeat(63), 'a'.repeat(64), 'a.b', 'A']) {
      expect([value, test(value)]).toEqual([value, valid(value)]);
    }
  });

  test('a service name: the type rule adds DNS-1035', () => {
    for (const name of ['api', '1api', 'a-1', 'api-']) {
      expect([name, schemaAccepts({ ...service, name })]).toEqual([name, checkDns1035Label(name) === undefined]);
    }
  });

  test('label keys and labels: every valid one matches (the prefix length is not checked)', () => {
    const key = matches(((fieldSchema('tolerations').items as JsonSchema).properties as Record<string, JsonSchema>).key);
    const labels = matches(fieldSchema('labels'));
    fc.assert(
      fc.property(nameChars, (value) => {
        if (checkQualifiedName(value) === undefined) expect(key(value)).toBe(true);
        if (parseLabels(value).ok) expect(labels(value)).toBe(true);
        if (value.length <= 253 && !key(value)) expect(checkQualifiedName(value)).toBeDefined();
      }),
      { numRuns: 1000 },
    );
  });

  test('quantities: the pattern accepts every valid one and rejects only invalid ones', () => {
    const quantity = matches(fieldSchema('cpu-limit'));
    const chars = fc.string({ unit: fc.constantFrom(...'0123456789.+-eEmkMGKiun '.split('')), maxLength: 8 });
    fc.assert(
      fc.property(chars, (value) => {
        const parsed = parseQuantity(value);
        if (parsed.ok) expect(quantity(value)).toBe(true);
        if (!quantity(value)) expect(parsed.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
    for (const value of ['0.20', '200Mi', '1e3', '.5', '1.', '500m', '-0']) expect([value, quantity(value)]).toEqual([value, true]);
    for (const value of ['200MB', '1e', '.', 'Mi', '', ' 1']) expect([value, quantity(value)]).toEqual([value, false]);
  });

  test('relative paths: no leading "/" and no ".." segment', () => {
    const subPath = matches(volume.subPath);
    const relative = (p: string) => !p.startsWith('/') && !p.split('/').includes('..');
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', '.', '/', '\n'), maxLength: 10 }), (p) => subPath(p) === relative(p)), { numRuns: 1000 });
  });
});

describe('descriptions', () => {
  test.each(Object.keys(manifestFields))('top-level field %s has a description', (field) => {
    expect(typeof properties[field].description).toBe('string');
    // From the field's own declaration (`.meta()` in lib/manifest/fields/).
    expect(properties[field].description).toBe(manifestFields[field as keyof typeof manifestFields].meta()?.description);
  });

  test.each<[string, JsonSchema, readonly string[]]>([
    ['published', fieldSchema('published'), ['access', 'prefix', 'rewrite', 'timeout_ms', 'sticky_sessions', 'bypass_auth', 'displayed_name', 'icon', 'visible']],
    ['volumes[]', fieldSchema('volumes').items as JsonSchema, ['name', 'mountPath', 'readOnly', 'subPath', 'configMap', 'secret', 'persistentVolumeClaim', 'emptyDir', 'csi', 'nfs']],
    ['tolerations[]', fieldSchema('tolerations').items as JsonSchema, ['key', 'operator', 'value', 'effect', 'tolerationSeconds']],
    ['env[]', fieldSchema('env').items as JsonSchema, ['name', 'value', 'valueFrom']],
    ['env[].valueFrom', (fieldSchema('env').items as any).properties.valueFrom, ['secretKeyRef', 'configMapKeyRef', 'fieldRef', 'resourceFieldRef']],
    ['env-from[]', fieldSchema('env-from').items as JsonSchema, ['configMapRef', 'secretRef', 'prefix']],
    ['readiness-probe', (properties['readiness-probe'].anyOf as JsonSchema[])[1], ['httpGet', 'tcpSocket', 'exec', 'grpc', 'initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds']],
  ])('every key of %s has a description', (_, s, keys) => {
    expect(Object.keys(s.properties as object).sort()).toEqual([...keys].sort());
    for (const key of keys) expect((s.properties as Record<string, JsonSchema>)[key].description).toMatch(/\S/);
  });

  const withExamples = Object.keys(manifestFields).filter((field) => !['$schema', 'type', 'name', 'labels', 'image-source', 'image-destination', 'name-port', 'container-port', 'schedule'].includes(field));
  test.each(withExamples)('field %s has examples that synth accepts', (field) => {
    const examples = properties[field].examples as unknown[];
    expect(examples).toEqual(manifestFields[field as keyof typeof manifestFields].meta()?.examples);
    for (const example of examples) {
      const base = field.includes('probe') || field === 'replicas' || field === 'published' ? service : ['concurrency-policy', 'suspend', 'starting-deadline-seconds', 'successful-jobs-history-limit', 'failed-jobs-history-limit', 'time-zone'].includes(field) ? { ...job, schedule: '@daily' } : job;
      const accepts = field === 'environments' ? synthAcceptsInEnvironments : synthAccepts;
      expect(accepts({ ...base, [field]: example, ...(field.includes('probe') ? { 'container-port': 8080, 'name-port': 'http' } : {}) })).toBe(true);
    }
  });

  test('the defaults of the format are in the schema', () => {
    expect(properties['image-pull-policy'].default).toBe('Always');
    expect(properties.replicas.default).toBe(1);
    const published = fieldSchema('published').properties as Record<string, JsonSchema>;
    expect([published.timeout_ms.default, published.icon.default, published.visible.default]).toEqual([6000, 'import_contacts', true]);
  });
});

describe('datatask schema', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'manifest-schema-'));
    writeFileSync(path.join(dir, 'package.json'), '{}\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** `datatask schema ...args` in a project at `dir`: the exit code and what it printed. */
  const schemaCommand = (...args: string[]): { code: number; out: string } => {
    let out = '';
    const app = { main: path.join(dir, 'main.ts'), customize: [] };
    const code = runCli(['schema', ...args], app, { cwd: dir, env: {}, stdout: (t) => (out += t), stderr: (t) => (out += t) });
    return { code, out };
  };

  test('--check fails on a missing or stale file, and passes once written', () => {
    // Every generated schema: the manifest's, an overlay's (manifest.overlay.schema.json), the settings file's (settings.schema.json) and a pins file's (pins.schema.json).
    expect(schemaCommand('--check')).toEqual({
      code: 1,
      out:
        'error: manifest.schema.json is missing: run `npm run schema` and commit the result\n' +
        'error: manifest.overlay.schema.json is missing: run `npm run schema` and commit the result\n' +
        'error: settings.schema.json is missing: run `npm run schema` and commit the result\n' +
        'error: pins.schema.json is missing: run `npm run schema` and commit the result\n',
    });
    expect(schemaCommand()).toEqual({ code: 0, out: 'wrote manifest.schema.json\nwrote manifest.overlay.schema.json\nwrote settings.schema.json\nwrote pins.schema.json\n' });
    expect(readFileSync(path.join(dir, MANIFEST_SCHEMA_FILE), 'utf8')).toBe(manifestJsonSchemaText());
    expect(schemaCommand('--check').code).toBe(0);
    writeFileSync(path.join(dir, MANIFEST_SCHEMA_FILE), '{}\n');
    expect(schemaCommand('--check')).toEqual({ code: 1, out: 'error: manifest.schema.json is out of date: run `npm run schema` and commit the result\nmanifest.overlay.schema.json is up to date\nsettings.schema.json is up to date\npins.schema.json is up to date\n' });
    writeFileSync(path.join(dir, OVERLAY_SCHEMA_FILE), '{}\n');
    expect(schemaCommand('--check').out).toContain('error: manifest.overlay.schema.json is out of date');
    writeFileSync(path.join(dir, MANIFEST_SCHEMA_FILE), manifestJsonSchemaText());
    writeFileSync(path.join(dir, OVERLAY_SCHEMA_FILE), readFileSync(path.resolve(__dirname, '../..', OVERLAY_SCHEMA_FILE), 'utf8'));
    writeFileSync(path.join(dir, 'pins.schema.json'), '{}\n');
    expect(schemaCommand('--check')).toEqual({ code: 1, out: 'manifest.schema.json is up to date\nmanifest.overlay.schema.json is up to date\nsettings.schema.json is up to date\nerror: pins.schema.json is out of date: run `npm run schema` and commit the result\n' });
    expect(schemaCommand('--bogus').code).toBe(2);
  });
});
