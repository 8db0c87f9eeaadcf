/**
 * Small tools for editing a JSON Schema object in place, as ./json-schema.ts
 * builds manifest.schema.json: add keywords without changing any, reach a
 * nested object schema or fail naming its path, accept a field's empty
 * value, and put keywords in a fixed order.
 */

/** A JSON Schema object. */
export type JsonSchema = { [keyword: string]: unknown };

/** The empty value of a field's type (`""`, `[]`, `{}`), which means "not set"; none for numbers and booleans. */
export function emptyValue(schema: JsonSchema): unknown {
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
export function orEmpty(schema: JsonSchema): JsonSchema {
  if (acceptsEmpty(schema)) return schema;
  const { description, default: defaultValue, examples, ...rest } = schema;
  const empty =
    schema.type === 'string'
      ? { const: '' }
      : schema.type === 'array'
        ? { type: 'array', maxItems: 0 }
        : { type: 'object', maxProperties: 0 };
  return { description, default: defaultValue, examples, anyOf: [rest, empty] };
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

/** Adds keywords to a schema; a keyword already there must not change. */
export function patch(schema: JsonSchema, keywords: JsonSchema): void {
  for (const [keyword, value] of Object.entries(keywords)) {
    if (schema[keyword] !== undefined && JSON.stringify(schema[keyword]) !== JSON.stringify(value)) {
      throw new Error(`manifest JSON Schema: "${keyword}" is already ${JSON.stringify(schema[keyword])}`);
    }
    schema[keyword] = value;
  }
}

/** The object schema at `path` inside `schema`; throws, naming the path, if it is not there. */
export function objectAt(schema: JsonSchema, ...path: string[]): JsonSchema {
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
export function canonical(schema: unknown): unknown {
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
