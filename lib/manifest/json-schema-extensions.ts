/**
 * The day-2 extension fields in manifest.schema.json: what their zod
 * refinements check, where JSON Schema can say it (or a superset of it), the
 * descriptions of the objects inside them, and examples for editors.
 */
import { ENV_FROM_DESCRIPTIONS, PROBE_DESCRIPTIONS, VALUE_FROM_DESCRIPTIONS } from './extension-descriptions';
import { DNS1123_SUBDOMAIN_SCHEMA, ENV_VAR_NAME_SCHEMA, IANA_SVC_NAME_SCHEMA, LABEL_VALUE_SCHEMA, QUALIFIED_NAME_SCHEMA } from './json-schema-patterns';
import { describeProperties, type JsonSchema, objectAt, patch } from './json-schema-tools';
import { ENV_FIELD_PATHS, ENV_RESOURCES } from './env';
import { PROBE_FIELDS, PROBE_HANDLERS } from './probes';
import { IANA_TIME_ZONES } from '../validation/time-zone-names';

/** Examples editors offer for each extension field. */
export const EXTENSION_EXAMPLES: Readonly<Record<string, readonly unknown[]>> = {
  'env-from': [[{ secretRef: { name: 'etl-credentials' } }, { configMapRef: { name: 'etl-config' }, prefix: 'ETL_' }]],
  args: [['--date', '2024-01-01']],
  'service-account': ['etl-runner'],
  'image-pull-secrets': [['registry-credentials']],
  annotations: [{ 'team.example.com/owner': 'data-platform' }],
  'pod-annotations': [{ 'prometheus.io/scrape': 'true' }],
  'pod-labels': [{ 'app.kubernetes.io/version': '1.4.2' }],
  'readiness-probe': ['/healthz', { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 }],
  'liveness-probe': ['/healthz', { tcpSocket: { port: 8080 }, initialDelaySeconds: 10 }],
  'startup-probe': [{ httpGet: { path: '/healthz', port: 8080 }, failureThreshold: 30, periodSeconds: 10 }],
  'backoff-limit': [3],
  'active-deadline-seconds': [3600],
  'concurrency-policy': ['Forbid'],
  suspend: [true],
  'starting-deadline-seconds': [300],
  'successful-jobs-history-limit': [3],
  'failed-jobs-history-limit': [1],
  'time-zone': ['Europe/Paris'],
};

/** Adds the extension fields' patterns, nested descriptions and examples to the top-level `properties`. */
export function refineExtensionFields(properties: JsonSchema): void {
  const field = (name: string) => objectAt(properties, name);
  for (const [name, examples] of Object.entries(EXTENSION_EXAMPLES)) patch(field(name), { examples });

  // zod leaves out the default of a schema whose input differs from its output (a divisor is canonicalized).
  patch(field('env'), { default: [] });
  const valueFrom = objectAt(field('env'), 'items', 'properties', 'valueFrom');
  describeProperties(valueFrom, VALUE_FROM_DESCRIPTIONS);
  for (const ref of ['secretKeyRef', 'configMapKeyRef']) {
    patch(objectAt(valueFrom, 'properties', ref, 'properties', 'name'), DNS1123_SUBDOMAIN_SCHEMA);
    patch(objectAt(valueFrom, 'properties', ref, 'properties', 'key'), { pattern: '^[-._a-zA-Z0-9]+$', maxLength: 253 });
  }
  patch(objectAt(valueFrom, 'properties', 'fieldRef', 'properties', 'fieldPath'), {
    anyOf: [{ enum: [...ENV_FIELD_PATHS] }, { pattern: "^metadata\\.(labels|annotations)\\['.+'\\]$" }],
  });
  patch(objectAt(valueFrom, 'properties', 'resourceFieldRef', 'properties', 'resource'), { enum: [...ENV_RESOURCES] });
  valueFrom.oneOf = Object.keys(VALUE_FROM_DESCRIPTIONS).map((source) => ({ required: [source] }));
  const envVar = objectAt(field('env'), 'items');
  envVar.oneOf = [{ required: ['value'] }, { required: ['valueFrom'] }];

  const envFrom = objectAt(field('env-from'), 'items');
  describeProperties(envFrom, ENV_FROM_DESCRIPTIONS);
  for (const ref of ['configMapRef', 'secretRef']) patch(objectAt(envFrom, 'properties', ref, 'properties', 'name'), DNS1123_SUBDOMAIN_SCHEMA);
  patch(objectAt(envFrom, 'properties', 'prefix'), ENV_VAR_NAME_SCHEMA);
  envFrom.oneOf = [{ required: ['configMapRef'] }, { required: ['secretRef'] }];

  patch(field('service-account'), DNS1123_SUBDOMAIN_SCHEMA);
  patch(objectAt(field('image-pull-secrets'), 'items'), DNS1123_SUBDOMAIN_SCHEMA);
  patch(field('image-pull-secrets'), { uniqueItems: true });
  patch(objectAt(field('pod-labels'), 'propertyNames'), QUALIFIED_NAME_SCHEMA);
  patch(objectAt(field('pod-labels'), 'additionalProperties'), LABEL_VALUE_SCHEMA);
  patch(field('time-zone'), { enum: [...IANA_TIME_ZONES].sort() });

  for (const name of Object.values(PROBE_FIELDS)) {
    const [shorthand, probe] = field(name).anyOf as [JsonSchema, JsonSchema];
    // "" is the empty value (not set); anything else is an absolute path.
    patch(shorthand, { pattern: '^(/|$)', patternErrorMessage: 'must be an absolute path, such as "/healthz"' });
    describeProperties(probe, PROBE_DESCRIPTIONS);
    probe.oneOf = PROBE_HANDLERS.map((handler) => ({ required: [handler] }));
    for (const handler of ['httpGet', 'tcpSocket']) {
      patch(objectAt(probe, 'properties', handler, 'properties', 'port', 'anyOf', '1'), IANA_SVC_NAME_SCHEMA);
    }
    patch(objectAt(probe, 'properties', 'httpGet', 'properties', 'path'), { pattern: '^/', patternErrorMessage: 'must be an absolute path (start with "/")' });
  }
}
