/**
 * manifest.schema.json: a JSON Schema (draft-07, what VS Code's JSON support
 * handles best) generated from the manifest's zod schema, so that editors
 * give completion, hover documentation and early errors.
 *
 * `z.toJSONSchema` gives the shape: fields, types, enums, ranges, defaults,
 * strict objects, and each schema's `.meta()`: the descriptions, examples
 * and the keywords that say what its refinements check (name syntax,
 * quantities, one-of sources), declared beside the zod schema in its field
 * module (./fields/*.ts), only where JSON Schema says it exactly or as a
 * superset: the schema must never reject a manifest that `npm run synth`
 * accepts. `npm run synth` stays the authoritative validator. This file adds
 * only what is between top-level fields: the kinds a field applies to, the
 * empty value that means "not set".
 *
 * `errorMessage`, `patternErrorMessage` and `enumDescriptions` are VS Code's
 * keywords (the message of a failed `const`/`enum`/type or `pattern`, one
 * description per enum value); other tools ignore them.
 */
import * as z from '../zod';
import { CRON_JOB_FIELDS } from './fields/cron';
import { MAX_CRON_JOB_NAME, SERVICE_NAME_SCHEMA } from './fields/identity';
import { canonical, emptyValue, type JsonSchema, objectAt, orEmpty, patch } from './json-schema-tools';
import { APPLIES_TO, manifestFields } from './schema';

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
  const generated = z.toJSONSchema(z.strictObject(manifestFields), { target: 'draft-07', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const properties = objectAt(generated, 'properties');
  for (const [field, schema] of Object.entries(manifestFields)) keepExamplesAndDefault(objectAt(properties, field), schema);
  dropRefusedKeys(properties);

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

/**
 * A field's `examples` and `default` from its declaration: with `io:
 * 'input'`, zod leaves both out of a schema whose input differs from its
 * output (a canonicalized quantity, parsed labels).
 */
function keepExamplesAndDefault(property: JsonSchema, schema: z.ZodType): void {
  const meta = schema.meta();
  if (meta?.examples !== undefined) patch(property, { examples: meta.examples });
  if (schema instanceof z.ZodDefault && property.default === undefined) patch(property, { default: schema.def.defaultValue });
}

/** Keys zod knows only to refuse them with their own message (`.meta({ refused: true })`): left out, so `additionalProperties: false` refuses them. */
function dropRefusedKeys(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null) return;
  if (Array.isArray(schema)) return schema.forEach(dropRefusedKeys);
  const node = schema as JsonSchema;
  const properties = node.properties as Record<string, JsonSchema> | undefined;
  if (properties !== undefined) {
    for (const [key, sub] of Object.entries(properties)) if (sub.refused === true) delete properties[key];
  }
  Object.values(node).forEach(dropRefusedKeys);
}

/** The text of manifest.schema.json: the schema, pretty-printed, with a final newline. */
export function manifestJsonSchemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
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
      (then.properties as JsonSchema).name = { type: 'string', ...SERVICE_NAME_SCHEMA };
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
