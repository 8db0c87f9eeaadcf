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
import { MANIFEST_DEFAULTS, manifestFields } from './schema';
import { ALLOWED_VOLUME_SOURCES } from './volumes';

/** A JSON Schema object. */
export type JsonSchema = { [keyword: string]: unknown };

/** The file `npm run schema` writes, at the repository root. */
export const MANIFEST_SCHEMA_FILE = 'manifest.schema.json';

/** The top-level fields every manifest has; an empty value does not count as given. */
const REQUIRED_FIELDS = ['type', 'name', 'labels'] as const;

/**
 * Which fields apply to which `type` (the manifest schema's own table; a
 * test checks that this schema and `npm run synth` agree on it).
 */
const APPLIES_TO: Readonly<Record<string, readonly string[]>> = {
  schedule: ['job'],
  replicas: ['deployment', 'service'],
  'name-port': ['service'],
  'container-port': ['service'],
  published: ['service'],
};
const TYPES = ['job', 'deployment', 'service'] as const;

/** The longest cron job name (the CronJob controller appends 11 characters to it). */
const MAX_CRON_JOB_NAME = 52;

// Patterns, each exact for the syntax it names, as the checks in
// lib/validation/kubernetes-names.ts and quantity.ts apply it. Where a
// length limit is not in the pattern, it is a `maxLength` beside it, or, for
// the prefix of a label key (at most 253 characters), left out: a superset.
const DNS1123_LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(?:\\.${DNS1123_LABEL})*`;
/** The name part of a qualified name, or a non-empty label value: at most 63 characters. */
const LABEL_NAME = '[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
const QUALIFIED_NAME = `(?:${DNS1123_SUBDOMAIN}/)?${LABEL_NAME}`;
const LABEL_PAIR = `\\s*${QUALIFIED_NAME}\\s*:\\s*(?:${LABEL_NAME})?\\s*`;

const dns1123Label = (max: number): JsonSchema => ({
  pattern: `^${DNS1123_LABEL}$`,
  maxLength: max,
  patternErrorMessage: `must consist of lower-case letters, digits and '-', and start and end with a letter or digit (at most ${max} characters)`,
});
const DNS1123_SUBDOMAIN_SCHEMA: JsonSchema = {
  pattern: `^${DNS1123_SUBDOMAIN}$`,
  maxLength: 253,
  patternErrorMessage: "must consist of lower-case letters, digits, '-' and '.', and start and end with a letter or digit",
};
const DNS1035_LABEL_SCHEMA: JsonSchema = {
  pattern: '^[a-z](?:[-a-z0-9]*[a-z0-9])?$',
  patternErrorMessage: "a service's name must consist of lower-case letters, digits and '-', start with a letter and end with a letter or digit",
};
const QUALIFIED_NAME_SCHEMA: JsonSchema = {
  pattern: `^${QUALIFIED_NAME}$`,
  patternErrorMessage:
    "must consist of letters, digits, '-', '_' and '.', and start and end with a letter or digit (at most 63 characters), with an optional DNS prefix and '/'",
};
const LABEL_VALUE_SCHEMA: JsonSchema = {
  pattern: `^(?:${LABEL_NAME})?$`,
  patternErrorMessage: "must be empty, or consist of letters, digits, '-', '_' and '.', and start and end with a letter or digit (at most 63 characters)",
};
const LABELS_SCHEMA: JsonSchema = {
  pattern: `^${LABEL_PAIR}(?:,${LABEL_PAIR})*$`,
  patternErrorMessage: 'must be "key:value" labels joined by "," (for example "app:etl,team:data"), with Kubernetes label keys and values',
};
const QUANTITY_SCHEMA: JsonSchema = {
  pattern: '^[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\\d+)?$',
  patternErrorMessage: 'must be a Kubernetes quantity: a number with an optional suffix (m, k, M, G, Ki, Mi, Gi, …), for example "500m" or "200Mi"',
};
const IANA_SVC_NAME_SCHEMA: JsonSchema = {
  pattern: '^(?=[-a-z0-9]*[a-z])(?![-a-z0-9]*--)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$',
  maxLength: 15,
  patternErrorMessage: "must consist of lower-case letters, digits and '-', with at least one letter, not starting or ending with '-' and without '--'",
};
const ENV_VAR_NAME_SCHEMA: JsonSchema = {
  pattern: '^(?!\\.$)(?!\\.\\.)[-._a-zA-Z][-._a-zA-Z0-9]*$',
  patternErrorMessage: "must consist of letters, digits, '_', '-' and '.', must not start with a digit or '..', and must not be '.'",
};
const ABSOLUTE_PATH_SCHEMA: JsonSchema = { pattern: '^/', patternErrorMessage: 'must be an absolute path (start with "/")' };
const RELATIVE_PATH_SCHEMA: JsonSchema = {
  pattern: '^(?!/)(?![\\s\\S]*(?:^|/)\\.\\.(?:/|$))',
  patternErrorMessage: 'must be a relative path without ".."',
};
const MATERIAL_ICON_OR_URL_SCHEMA: JsonSchema = {
  pattern: '^(?:[a-z0-9_]+|https?://\\S+)$',
  patternErrorMessage: 'must be a Material icon name (such as "import_contacts") or an http(s) URL',
};

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
          const empty = emptyValue(objectAt(properties, field));
          return [field, empty === undefined ? { not: {}, errorMessage: message } : { const: empty, errorMessage: message }];
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
  return [...byType, cronJobName, oneImage];
}

/** The empty value of a field's type (`""`, `[]`, `{}`), which means "not set"; none for numbers and booleans. */
function emptyValue(schema: JsonSchema): unknown {
  switch (schema.type) {
    case 'string':
      return '';
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return undefined;
  }
}

/**
 * A top-level field that also accepts its empty value, when its schema does
 * not already: `{description, default, anyOf: [schema, empty]}`.
 */
function orEmpty(schema: JsonSchema): JsonSchema {
  if (acceptsEmpty(schema)) return schema;
  const { description, default: defaultValue, ...rest } = schema;
  const empty =
    schema.type === 'string'
      ? { const: '' }
      : schema.type === 'array'
        ? { type: 'array', maxItems: 0 }
        : { type: 'object', maxProperties: 0 };
  return { description, default: defaultValue, anyOf: [rest, empty] };
}

/** Whether the schema accepts its type's empty value as it is (true for numbers and booleans, which have none). */
function acceptsEmpty(schema: JsonSchema): boolean {
  const constrained = (...keywords: string[]) => keywords.some((k) => schema[k] !== undefined && schema[k] !== 0);
  switch (schema.type) {
    case 'string':
      return !constrained('pattern', 'enum', 'const', 'minLength', 'format');
    case 'array':
      return !constrained('minItems', 'contains', 'const', 'enum');
    case 'object':
      return !constrained('required', 'minProperties', 'if', 'anyOf', 'oneOf', 'allOf', 'const', 'enum');
    default:
      return true;
  }
}

/** Gives each property of an object schema its description; every description must name a property. */
function describeProperties(schema: JsonSchema, descriptions: Readonly<Record<string, string>>): void {
  for (const [key, description] of Object.entries(descriptions)) patch(objectAt(schema, 'properties', key), { description });
}

/** Adds keywords to a schema; a keyword already there must not change. */
function patch(schema: JsonSchema, keywords: JsonSchema): void {
  for (const [keyword, value] of Object.entries(keywords)) {
    if (schema[keyword] !== undefined && JSON.stringify(schema[keyword]) !== JSON.stringify(value)) {
      throw new Error(`manifest JSON Schema: "${keyword}" is already ${JSON.stringify(schema[keyword])}`);
    }
    schema[keyword] = value;
  }
}

/** The object schema at `path` inside `schema`; throws, naming the path, if it is not there. */
function objectAt(schema: JsonSchema, ...path: string[]): JsonSchema {
  let node: unknown = schema;
  for (const key of path) {
    node = typeof node === 'object' && node !== null ? (node as JsonSchema)[key] : undefined;
    if (typeof node !== 'object' || node === null) {
      throw new Error(`manifest JSON Schema: nothing at ${path.join('.')}; has the zod schema changed?`);
    }
  }
  return node as JsonSchema;
}

/** The order of keywords in each schema object; other keywords follow, alphabetically. */
const KEYWORD_ORDER = [
  '$schema', 'title', 'description', 'type', 'const', 'enum', 'enumDescriptions', 'default',
  'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'patternErrorMessage', 'errorMessage',
  'items', 'minItems', 'maxItems', 'properties', 'required', 'propertyNames', 'additionalProperties',
  'minProperties', 'maxProperties', 'dependencies', 'not', 'anyOf', 'oneOf', 'allOf', 'if', 'then', 'else',
];
/** Keywords whose value maps names to schemas (kept in their own order). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);
/** Keywords whose value is a schema or a list of schemas. */
const SUBSCHEMAS = new Set(['items', 'additionalProperties', 'propertyNames', 'not', 'if', 'then', 'else', 'contains', 'anyOf', 'oneOf', 'allOf']);

/** The schema with its keywords in a fixed order and no undefined values, recursively. */
function canonical(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(canonical);
  if (typeof schema !== 'object' || schema === null) return schema;
  const rank = (k: string) => (KEYWORD_ORDER.includes(k) ? KEYWORD_ORDER.indexOf(k) : KEYWORD_ORDER.length);
  const keys = Object.keys(schema)
    .filter((k) => (schema as JsonSchema)[k] !== undefined)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: JsonSchema = {};
  for (const key of keys) {
    const value = (schema as JsonSchema)[key];
    if (SCHEMA_MAPS.has(key)) {
      out[key] = Object.fromEntries(Object.entries(value as JsonSchema).map(([name, sub]) => [name, Array.isArray(sub) ? sub : canonical(sub)]));
    } else if (SUBSCHEMAS.has(key)) {
      out[key] = canonical(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}
