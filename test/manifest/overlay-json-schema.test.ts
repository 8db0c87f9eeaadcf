import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { manifestJsonSchema } from '../../lib/manifest/json-schema';
import type { JsonSchema } from '../../lib/manifest/json-schema-tools';
import { OVERLAY_SCHEMA_FILE, overlayJsonSchema, overlayJsonSchemaText } from '../../lib/manifest/overlay-json-schema';
import { manifestFields } from '../../lib/manifest/schema';
import { scaffoldFiles } from '../../lib/init/scaffold';

const ROOT = path.resolve(__dirname, '../..');
const schema = overlayJsonSchema();
const properties = schema.properties as Record<string, JsonSchema>;

/** ajv in strict mode, knowing VS Code's extra keywords (so a misspelt keyword still fails). */
function compile(s: JsonSchema): ValidateFunction {
  const ajv = new Ajv({ allErrors: true });
  ajv.addVocabulary(['errorMessage', 'patternErrorMessage', 'enumDescriptions', 'doNotSuggest']);
  return ajv.compile(s);
}
const validate = compile(schema);
const errorsOf = (overlay: unknown) => (validate(overlay) ? [] : validate.errors);

/** Every `required` in a schema, by path. */
function requiredAt(node: unknown, at = '$'): string[] {
  if (typeof node !== 'object' || node === null) return [];
  if (Array.isArray(node)) return node.flatMap((n, i) => requiredAt(n, `${at}[${i}]`));
  return Object.entries(node).flatMap(([key, value]) => (key === 'required' ? [at] : requiredAt(value, `${at}.${key}`)));
}

describe('manifest.overlay.schema.json', () => {
  test('the committed file is the generated schema (run `npm run schema` after changing the manifest schema)', () => {
    expect(readFileSync(path.join(ROOT, OVERLAY_SCHEMA_FILE), 'utf8')).toBe(overlayJsonSchemaText());
  });

  test('is generation deterministic, and leaves manifest.schema.json as it was', () => {
    const manifest = JSON.stringify(manifestJsonSchema());
    expect(overlayJsonSchemaText()).toBe(overlayJsonSchemaText());
    expect(JSON.stringify(manifestJsonSchema())).toBe(manifest);
  });

  test('a draft-07 schema, strict at the top, with every manifest field and environments, and required only for a named item', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.allOf).toBeUndefined();
    expect(Object.keys(properties)).toEqual([...new Set([...Object.keys(manifestFields), 'environments'])]);
    expect(requiredAt(schema)).toEqual(['$.properties.env.anyOf[0].items', '$.properties.volumes.anyOf[0].items']);
  });

  test('every field keeps its description and examples', () => {
    const manifest = manifestJsonSchema().properties as Record<string, JsonSchema>;
    for (const [field, s] of Object.entries(manifest)) {
      if (field === 'type' || field === 'name' || field === 'environments') {
        expect(properties[field].description).toContain(s.description as string);
        continue;
      }
      expect([field, (properties[field].description as string).startsWith(s.description as string)]).toEqual([field, true]);
      expect([field, properties[field].examples]).toEqual([field, s.examples]);
    }
  });

  test('the fields an overlay may not set: a message, and no completion', () => {
    for (const field of ['type', 'name', 'environments']) {
      expect(properties[field]).toMatchObject({ errorMessage: expect.stringContaining(`"${field}" cannot be set in an overlay`), doNotSuggest: true });
    }
  });
});

describe('valid overlays', () => {
  test.each<[string, object]>([
    ['an empty overlay', {}],
    ['$schema', { $schema: '../../manifest.overlay.schema.json' }],
    ['a partial overlay', { replicas: 3, 'cpu-limit': '2', 'image-source': 'a:2' }],
    ['a partial nested object', { published: { prefix: '/prod/' } }],
    ['a partial probe (its handler is in the base)', { 'readiness-probe': { periodSeconds: 5 } }],
    ['null removes a field', { schedule: null, 'cpu-limit': null, published: null, env: null, tolerations: null, suspend: null }],
    ['null removes a nested key', { published: { access: null, bypass_auth: true }, 'liveness-probe': { httpGet: { path: null } } }],
    ['null removes a map key', { annotations: { 'team.example.com/owner': null }, 'node-selector': { 'kubernetes.io/os': null }, 'pod-labels': { tier: null } }],
    ['an empty value still means "not set"', { 'image-destination': '', namespace: '', published: {} }],
    ['an env item replaced or added by name, without its value', { env: [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'NEW' }] }],
    ['an env item deleted', { env: [{ name: 'DEBUG', $patch: 'delete' }] }],
    ['a volume deleted and one added', { volumes: [{ name: 'cache', $patch: 'delete' }, { name: 'data', mountPath: '/data', emptyDir: {} }] }],
    ['a replaced list', { cmd: ['python', '-m', 'etl.prod'], tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'etl', effect: 'NoSchedule' }], 'image-pull-secrets': ['registry'] }],
  ])('%s', (_, overlay) => {
    expect(errorsOf(overlay)).toEqual([]);
  });
});

describe('invalid overlays', () => {
  test.each<[string, object]>([
    ['type', { type: 'job' }],
    ['type removed', { type: null }],
    ['name', { name: 'other' }],
    ['environments', { environments: ['prod'] }],
    ['environments removed', { environments: null }],
    ['an unknown top-level field', { replica: 3 }],
    ['an unknown nested key', { published: { acces: 'dev' } }],
    ['an env item without name', { env: [{ value: 'x' }] }],
    ['a volume without name', { volumes: [{ $patch: 'delete' }] }],
    ['a $patch other than delete', { env: [{ name: 'A', $patch: 'replace' }] }],
    ['a $patch outside env and volumes', { tolerations: [{ key: 'k', $patch: 'delete' }] }],
    ['a wrong type', { replicas: '3' }],
    ['a bad quantity', { 'memory-limit': '200MB' }],
    ['a bad enum value', { 'image-pull-policy': 'always' }],
    ['null inside a replaced list', { cmd: [null] }],
    ['null inside a list item (items are replaced whole)', { env: [{ name: 'A', value: null }] }],
    ['a bad map value', { annotations: { a: 1 } }],
  ])('%s', (_, overlay) => {
    expect(errorsOf(overlay)).not.toEqual([]);
  });
});

describe('editors', () => {
  const vscodeSchemas = (text: string) => (JSON.parse(text) as { 'json.schemas': { fileMatch: string[]; url: string }[] })['json.schemas'];

  test('.vscode/settings.json maps manifests and overlays to their schemas', () => {
    const schemas = vscodeSchemas(readFileSync(path.join(ROOT, '.vscode', 'settings.json'), 'utf8'));
    expect(schemas).toEqual(
      expect.arrayContaining([
        { fileMatch: ['tasks/**/manifest.json'], url: './manifest.schema.json' },
        { fileMatch: ['tasks/**/manifest.*.json'], url: './manifest.overlay.schema.json' },
      ]),
    );
  });

  test('the scaffold does the same, from the installed package', () => {
    const files = scaffoldFiles({ name: 'x', version: '0.1.0', dependencies: { cdk8s: '1', constructs: '1', 'ts-node': '1', typescript: '1', '@types/node': '1' } });
    expect(vscodeSchemas(files.get('.vscode/settings.json') as string)).toEqual(
      expect.arrayContaining([
        { fileMatch: ['tasks/**/manifest.json'], url: './node_modules/datatask-cdk8s/manifest.schema.json' },
        { fileMatch: ['tasks/**/manifest.*.json'], url: './node_modules/datatask-cdk8s/manifest.overlay.schema.json' },
      ]),
    );
  });

  test('package.json ships the schema', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain(OVERLAY_SCHEMA_FILE);
  });
});
