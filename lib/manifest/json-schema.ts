/**
 * manifest.schema.json: a JSON Schema (draft-07, what VS Code's JSON support
 * handles best) generated from the manifest's zod schema, so that editors
 * give completion, hover documentation and early errors.
 *
 * `z.toJSONSchema` gives the shape: fields, types, enums, ranges, defaults,
 * strict objects. What zod holds in refinements and transforms (name syntax,
 * quantities, rules between fields) is invisible to it, so it is added here,
 * only where JSON Schema says it exactly or as a superset: the schema must
 * never reject a manifest that `npm run synth` accepts. `npm run synth`
 * stays the authoritative validator.
 *
 * `errorMessage`, `patternErrorMessage` and `enumDescriptions` are VS Code's
 * keywords (the message of a failed `const`/`enum`/type or `pattern`, one
 * description per enum value); other tools ignore them.
 */
import * as z from '../zod';
import {
  ENV_DESCRIPTIONS,
  MANIFEST_FIELD_DESCRIPTIONS,
  PUBLISHED_DESCRIPTIONS,
  TOLERATION_DESCRIPTIONS,
  TYPE_DESCRIPTIONS,
  VOLUME_DESCRIPTIONS,
} from './descriptions';
import {
  ABSOLUTE_PATH_SCHEMA,
  DNS1035_LABEL_SCHEMA,
  DNS1123_SUBDOMAIN_SCHEMA,
  dns1123Label,
  ENV_VAR_NAME_SCHEMA,
  IANA_SVC_NAME_SCHEMA,
  LABEL_VALUE_SCHEMA,
  LABELS_SCHEMA,
  MATERIAL_ICON_OR_URL_SCHEMA,
  QUALIFIED_NAME_SCHEMA,
  QUANTITY_SCHEMA,
  RELATIVE_PATH_SCHEMA,
} from './json-schema-patterns';
import { refineExtensionFields } from './json-schema-extensions';
import { canonical, describeProperties, emptyValue, type JsonSchema, objectAt, orEmpty, patch } from './json-schema-tools';
import { CRON_JOB_FIELDS } from './job-fields';
import { APPLIES_TO, MANIFEST_DEFAULTS, MAX_CRON_JOB_NAME, manifestFields } from './schema';
import { ALLOWED_VOLUME_SOURCES } from './volumes';

/** The file `npm run schema` writes, at the repository root. */
export const MANIFEST_SCHEMA_FILE = 'manifest.schema.json';

/** The top-level fields every manifest has; an empty value does not count as given. */
const REQUIRED_FIELDS = ['type', 'name', 'labels'] as const;

const TYPES = manifestFields.type.options;

const TOP_DESCRIPTION =
  'A datatask task (manifest.json): what to deploy and how, as a Kubernetes Job or CronJob ("type": "job"), ' +
  'Deployment ("deployment") or Deployment and Service ("service"). An empty value ("", [], {}) means the field is not set. ' +
  'Generated from the manifest\'s zod schema by `npm run schema`: do not edit. ' +
  'It cannot express every rule (image references, cron schedules, requests within limits, names unique across tasks, …): ' +
  '`npm run synth` is the authoritative validator.';

/** The JSON Schema of manifest.json, deterministic: the same input always gives the same object, keys in the same order. */
export function manifestJsonSchema(): JsonSchema {
  // `.describe()` returns a described copy: the manifest's own schemas stay untouched.
  const described = Object.fromEntries(
    Object.entries(manifestFields).map(([field, schema]) => [field, schema.describe(MANIFEST_FIELD_DESCRIPTIONS[field as keyof typeof manifestFields])]),
  );
  const generated = z.toJSONSchema(z.strictObject(described), { target: 'draft-07', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const properties = objectAt(generated, 'properties');

  refineFields(properties);
  const rules = typeRules(properties);
  for (const [field, schema] of Object.entries(properties)) {
    if (!(REQUIRED_FIELDS as readonly string[]).includes(field)) properties[field] = orEmpty(schema as JsonSchema);
  }

  return canonical({
    $schema: generated.$schema,
    title: 'datatask manifest.json',
    description: TOP_DESCRIPTION,
    type: 'object',
    properties,
    required: [...REQUIRED_FIELDS],
    additionalProperties: false,
    allOf: rules,
  }) as JsonSchema;
}

/** The text of manifest.schema.json: the schema, pretty-printed, with a final newline. */
export function manifestJsonSchemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
}

/** Adds what the zod refinements check, field by field; throws if a field it expects has gone. */
function refineFields(properties: JsonSchema): void {
  const field = (name: string) => objectAt(properties, name);
  const type = field('type');
  patch(type, { enumDescriptions: (type.enum as (keyof typeof TYPE_DESCRIPTIONS)[]).map((value) => TYPE_DESCRIPTIONS[value]) });
  patch(field('name'), dns1123Label(63));
  patch(field('namespace'), dns1123Label(63));
  patch(field('labels'), LABELS_SCHEMA);
  patch(field('svc-account-secret'), DNS1123_SUBDOMAIN_SCHEMA);
  for (const resource of ['cpu-limit', 'memory-limit', 'cpu-request', 'memory-request']) patch(field(resource), QUANTITY_SCHEMA);
  patch(field('name-port'), IANA_SVC_NAME_SCHEMA);
  patch(field('replicas'), { default: MANIFEST_DEFAULTS.replicas });

  const env = objectAt(field('env'), 'items');
  describeProperties(env, ENV_DESCRIPTIONS);
  patch(objectAt(env, 'properties', 'name'), ENV_VAR_NAME_SCHEMA);

  const published = field('published');
  describeProperties(published, PUBLISHED_DESCRIPTIONS);
  patch(objectAt(published, 'properties', 'prefix'), { pattern: '^/', patternErrorMessage: 'must start with "/"' });
  patch(objectAt(published, 'properties', 'icon'), MATERIAL_ICON_OR_URL_SCHEMA);
  published.if = { properties: { bypass_auth: { const: true } }, required: ['bypass_auth'] };
  published.else = { required: ['access'] };

  refineVolume(objectAt(field('volumes'), 'items'));
  // zod leaves out the default of a schema whose input differs from its output (sizeLimit is canonicalized).
  patch(field('volumes'), { default: [] });

  const toleration = objectAt(field('tolerations'), 'items');
  describeProperties(toleration, TOLERATION_DESCRIPTIONS);
  patch(objectAt(toleration, 'properties', 'key'), QUALIFIED_NAME_SCHEMA);
  patch(objectAt(toleration, 'properties', 'value'), LABEL_VALUE_SCHEMA);
  toleration.allOf = [
    {
      if: { not: { required: ['key'] } },
      then: { required: ['operator'], properties: { operator: { const: 'Exists', errorMessage: 'must be "Exists" when "key" is empty (it then matches every taint)' } } },
    },
    {
      if: { properties: { operator: { const: 'Exists' } }, required: ['operator'] },
      then: { properties: { value: { const: '', errorMessage: 'must be empty when "operator" is "Exists"' } } },
    },
  ];
  toleration.dependencies = {
    tolerationSeconds: {
      properties: { effect: { const: 'NoExecute', errorMessage: '"tolerationSeconds" only applies when "effect" is "NoExecute"' } },
      required: ['effect'],
    },
  };

  const nodeSelector = field('node-selector');
  patch(objectAt(nodeSelector, 'propertyNames'), QUALIFIED_NAME_SCHEMA);
  patch(objectAt(nodeSelector, 'additionalProperties'), LABEL_VALUE_SCHEMA);
  refineExtensionFields(properties);
}

/**
 * One `volumes` entry: the sources zod marks as refused (accepted by any
 * schema, then failed by a refinement) are dropped, so that the entry's
 * `additionalProperties: false` rejects them; exactly one source is required.
 */
function refineVolume(volume: JsonSchema): void {
  const properties = objectAt(volume, 'properties');
  for (const [key, schema] of Object.entries(properties)) {
    if (Object.hasOwn(VOLUME_DESCRIPTIONS, key)) continue;
    if (Object.keys(schema as object).length !== 0) throw new Error(`volumes: "${key}" has no description in descriptions.ts`);
    delete properties[key];
  }
  describeProperties(volume, VOLUME_DESCRIPTIONS);
  patch(objectAt(properties, 'name'), dns1123Label(63));
  patch(objectAt(properties, 'mountPath'), ABSOLUTE_PATH_SCHEMA);
  patch(objectAt(properties, 'subPath'), RELATIVE_PATH_SCHEMA);
  for (const source of ['configMap', 'secret']) {
    patch(objectAt(properties, source, 'properties', 'items', 'items', 'properties', 'path'), RELATIVE_PATH_SCHEMA);
  }
  patch(objectAt(properties, 'configMap', 'properties', 'name'), DNS1123_SUBDOMAIN_SCHEMA);
  patch(objectAt(properties, 'secret', 'properties', 'secretName'), DNS1123_SUBDOMAIN_SCHEMA);
  patch(objectAt(properties, 'persistentVolumeClaim', 'properties', 'claimName'), DNS1123_SUBDOMAIN_SCHEMA);
  patch(objectAt(properties, 'emptyDir', 'properties', 'sizeLimit'), QUANTITY_SCHEMA);
  patch(objectAt(properties, 'csi', 'properties', 'driver'), DNS1123_SUBDOMAIN_SCHEMA);
  patch(objectAt(properties, 'csi', 'properties', 'nodePublishSecretRef', 'properties', 'name'), DNS1123_SUBDOMAIN_SCHEMA);
  volume.oneOf = ALLOWED_VOLUME_SOURCES.map((source) => ({ required: [source] }));
}

/** A field that does not apply: only its empty value ("", [], {}; both "" and {} for a string-or-object field such as a probe). */
function onlyEmpty(schema: JsonSchema, errorMessage: string): JsonSchema {
  const empty = emptyValue(schema);
  if (empty !== undefined) return { const: empty, errorMessage };
  return Array.isArray(schema.anyOf) ? { enum: ['', {}], errorMessage } : { not: {}, errorMessage };
}

/**
 * The rules between top-level fields that JSON Schema says exactly: fields
 * that do not apply to a type, the fields a service requires, the name
 * syntax of a service and a cron job, exactly one image. Built before the
 * empty alternatives are added, from the fields' own schemas.
 */
function typeRules(properties: JsonSchema): JsonSchema[] {
  const byType = TYPES.map((type) => {
    const notApplicable = Object.entries(APPLIES_TO).filter(([, types]) => !types.includes(type));
    const then: JsonSchema = {
      properties: Object.fromEntries(
        notApplicable.map(([field, types]) => {
          const message = `"${field}" does not apply to a ${type} (only to: ${types.join(', ')})`;
          return [field, onlyEmpty(objectAt(properties, field), message)];
        }),
      ),
    };
    if (type === 'service') {
      then.required = ['name-port', 'container-port'];
      (then.properties as JsonSchema)['name-port'] = { type: 'string', minLength: 1 };
      (then.properties as JsonSchema).name = { type: 'string', ...DNS1035_LABEL_SCHEMA };
    }
    return { if: { properties: { type: { const: type } }, required: ['type'] }, then };
  });
  const cronJobName = {
    if: { properties: { type: { const: 'job' }, schedule: { type: 'string', minLength: 1 } }, required: ['type', 'schedule'] },
    then: { properties: { name: { type: 'string', maxLength: MAX_CRON_JOB_NAME } } },
  };
  const set = (field: string): JsonSchema => ({ properties: { [field]: { type: 'string', minLength: 1 } }, required: [field] });
  const oneImage = { oneOf: [set('image-source'), set('image-destination')] };
  // The CronJob fields need a schedule; an empty one ("") means a plain job.
  const cronJobFields = {
    if: { properties: { type: { const: 'job' } }, required: ['type'], not: { properties: { schedule: { type: 'string', minLength: 1 } }, required: ['schedule'] } },
    then: {
      properties: Object.fromEntries(
        CRON_JOB_FIELDS.map((field) => {
          const message = `"${field}" applies only to a cron job (a job with a "schedule")`;
          return [field, onlyEmpty(objectAt(properties, field), message)];
        }),
      ),
    },
  };
  // The "/path" shorthand of a probe is a service's only.
  const probeShorthand = {
    if: { properties: { type: { const: 'deployment' } }, required: ['type'] },
    then: {
      properties: Object.fromEntries(
        ['readiness-probe', 'liveness-probe', 'startup-probe'].map((field) => [
          field,
          { not: { type: 'string', minLength: 1 }, errorMessage: `"${field}": the "/path" shorthand is for a service; write a Probe object` },
        ]),
      ),
    },
  };
  return [...byType, cronJobName, oneImage, cronJobFields, probeShorthand];
}
