/**
 * manifest.overlay.schema.json: the JSON Schema of an environment overlay,
 * `manifest.<environment>.json` beside a task's manifest.json, for editors.
 *
 * An overlay is a partial manifest merged over manifest.json as an RFC 7386
 * JSON merge patch (an object merges key by key, `null` removes a key, any
 * other value replaces, a list replaces the base list), except `env` and
 * `volumes`, which merge by `name` as Kubernetes' strategic merge patch
 * does: an item with a base item's name replaces it in place, a new name is
 * appended, `{"name": "X", "$patch": "delete"}` removes it. An overlay may not
 * set `type`, `name` or `environments`.
 *
 * Generated from manifest.schema.json's own generator (./json-schema.ts,
 * itself from `manifestFields`), so that each field keeps its description,
 * examples, types, enums and patterns. What an overlay cannot say alone is
 * left out: `required` (everywhere), the rules between keys of one object
 * (`oneOf`/`anyOf` of `required`, `not`, `if`/`then`/`else`,
 * `dependencies`) and the rules between top-level fields (`allOf`): they
 * hold for the merged manifest, which `npm run synth` validates. So, as for
 * manifest.schema.json, the schema never rejects an overlay whose merged
 * manifest synth would accept.
 *
 * `null` (removal) is accepted where the merge reads it as removal: every
 * top-level field, every property of an object reached from the top through
 * objects (`published`, a probe and its handler), every value of a map
 * (`annotations`, `node-selector`, …). Not inside list items: a list, and an
 * `env` or `volumes` item, replaces its base value whole, so a `null` there
 * would stay in the merged manifest and synth refuses it.
 */
import { NAMED_LISTS as NAMED_LIST_FIELDS, NOT_OVERLAID } from '../environments/overlay-merge';
import { manifestJsonSchema } from './json-schema';
import { canonical, type JsonSchema, objectAt } from './json-schema-tools';

/** The file `npm run schema` writes, at the repository root. */
export const OVERLAY_SCHEMA_FILE = 'manifest.overlay.schema.json';

/** The lists merged by "name" (strategic merge patch) instead of replaced, as the merge itself merges them. */
const NAMED_LISTS = [...NAMED_LIST_FIELDS] as const;

const TOP_DESCRIPTION =
  'A datatask overlay (manifest.<environment>.json, beside a task\'s manifest.json): a partial manifest merged over manifest.json ' +
  'for one environment, as an RFC 7386 JSON merge patch: an object merges key by key, null removes a key, any other value (a list too) replaces. ' +
  '"env" and "volumes" merge by "name": an item with a base item\'s name replaces it, a new name is appended, {"name": …, "$patch": "delete"} removes it. ' +
  'An overlay may not set "type", "name" or "environments". ' +
  'Generated from the manifest\'s zod schema by `npm run schema`: do not edit. It checks each value on its own; what is required and the rules ' +
  'between fields apply to the merged manifest: `npm run synth` is the authoritative validator.';

const NULL: JsonSchema = { type: 'null' };

/** The JSON Schema of an overlay, deterministic: the same input always gives the same object, keys in the same order. */
export function overlayJsonSchema(): JsonSchema {
  const manifest = structuredClone(manifestJsonSchema());
  const fields = objectAt(manifest, 'properties');
  const properties: JsonSchema = {};
  for (const [field, schema] of Object.entries(fields)) {
    properties[field] = field in NOT_OVERLAID ? notOverlaid(field, schema as JsonSchema) : orNull(loosen(schema as JsonSchema, true));
  }
  // Refused whether or not the manifest has the field.
  for (const field of Object.keys(NOT_OVERLAID)) properties[field] ??= notOverlaid(field, {});
  for (const list of NAMED_LISTS) mergedByName(list, properties);

  return canonical({
    $schema: manifest.$schema,
    title: 'datatask manifest.<environment>.json (overlay)',
    description: TOP_DESCRIPTION,
    type: 'object',
    properties,
    additionalProperties: false,
  }) as JsonSchema;
}

/** The text of manifest.overlay.schema.json: the schema, pretty-printed, with a final newline. */
export function overlayJsonSchemaText(): string {
  return `${JSON.stringify(overlayJsonSchema(), null, 2)}\n`;
}

/**
 * A field an overlay may not set. Of the ways to refuse a key, this is the
 * one VS Code shows best: its hover shows the description (why), the value
 * is underlined with `errorMessage` (VS Code shows it for a failed `type`,
 * not for `not` or a `false` schema, which only say "Matches a schema that
 * is not allowed." / "Property type is not allowed."), and `doNotSuggest`
 * keeps it out of completion. Leaving the key out (refused by
 * `additionalProperties: false`) would say only "Property type is not
 * allowed.". `type: "null"` fails every other value with the message;
 * `not: {type: "null"}` fails null too, since removing the field is as
 * refused as changing it.
 */
function notOverlaid(field: string, schema: JsonSchema): JsonSchema {
  const message = `"${field}" cannot be set in an overlay: ${NOT_OVERLAID[field]}`;
  const about = typeof schema.description === 'string' ? ` (In manifest.json: ${schema.description})` : '';
  return { description: `${message}.${about}`, type: 'null', errorMessage: message, not: NULL, doNotSuggest: true };
}

/** The schema, or null (removal); the description, default and examples stay on top, where editors read them. */
function orNull(schema: JsonSchema): JsonSchema {
  const { description, default: defaultValue, examples, ...rest } = schema;
  const alternatives = Array.isArray(rest.anyOf) && Object.keys(rest).length === 1 ? (rest.anyOf as JsonSchema[]) : [rest];
  return { description, default: defaultValue, examples, anyOf: [...alternatives, NULL] };
}

/** Keywords that relate keys of one object (which must be there, which together): rules of the merged value. */
const BETWEEN_KEYS = ['required', 'not', 'if', 'then', 'else', 'dependencies'] as const;
const COMBINATORS = ['anyOf', 'oneOf', 'allOf'] as const;

/**
 * Whether each schema is an alternative shape of a value (a type, a
 * constant), not a rule between an object's keys. On a schema that is not
 * an object's, a combinator constrains one value (a string's enum or
 * pattern) and stays.
 */
const alternatives = (schemas: unknown): boolean =>
  Array.isArray(schemas) && schemas.every((s: JsonSchema) => s.type !== undefined || s.const !== undefined || s.enum !== undefined);
const betweenKeys = (schemas: unknown): boolean => JSON.stringify(schemas).includes('"required"');

/**
 * The schema without `required` and the rules between an object's keys, in
 * place, recursively; `merged` when the value merges key by key (reached
 * from the top through objects), whose properties and map values also take
 * null.
 */
function loosen(schema: JsonSchema, merged: boolean): JsonSchema {
  for (const keyword of COMBINATORS) {
    const value = schema[keyword];
    if (value === undefined) continue;
    if (alternatives(value) || (schema.type !== 'object' && !betweenKeys(value))) for (const alternative of value as JsonSchema[]) loosen(alternative, merged);
    else if (schema.type === 'object') delete schema[keyword];
    else throw new Error(`overlay JSON Schema: an unexpected "${keyword}" (${JSON.stringify(value).slice(0, 80)}); has the manifest schema changed?`);
  }
  if (schema.type === 'object') for (const keyword of BETWEEN_KEYS) delete schema[keyword];
  else if (schema.required !== undefined) throw new Error('overlay JSON Schema: "required" outside an object schema');

  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties !== undefined) {
    for (const [key, sub] of Object.entries(properties)) {
      loosen(sub, merged);
      if (merged) properties[key] = orNull(sub);
    }
  }
  if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) {
    const values = loosen(schema.additionalProperties as JsonSchema, merged);
    if (merged) schema.additionalProperties = orNull(values);
  }
  if (typeof schema.items === 'object' && schema.items !== null) loosen(schema.items as JsonSchema, false);
  return schema;
}

/** A list merged by "name": each item needs its name, and `"$patch": "delete"` removes the base item of that name. */
function mergedByName(field: string, properties: JsonSchema): void {
  const list = properties[field] as JsonSchema;
  const arrays = (list.anyOf as JsonSchema[]).filter((s) => s.type === 'array' && s.items !== undefined);
  if (arrays.length !== 1) throw new Error(`overlay JSON Schema: "${field}" is not one list of objects; has the manifest schema changed?`);
  const item = objectAt(arrays[0], 'items');
  const itemProperties = objectAt(item, 'properties');
  if (itemProperties.name === undefined) throw new Error(`overlay JSON Schema: the items of "${field}" have no "name"`);
  item.properties = {
    name: itemProperties.name,
    $patch: {
      description: `"delete": remove the item of this name from the base manifest's "${field}" (write only "name" and "$patch").`,
      const: 'delete',
    },
    ...Object.fromEntries(Object.entries(itemProperties).filter(([key]) => key !== 'name')),
  };
  item.required = ['name'];
  list.description =
    `${list.description as string} In an overlay, merged with the base list by "name": an item with a base item's name replaces it in place, ` +
    `a new name is appended, and {"name": …, "$patch": "delete"} removes it.`;
}
