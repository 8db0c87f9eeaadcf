/**
 * Strict schema validation of emitted Kubernetes objects: every object in
 * the tests, and at run time the output of platform hooks (lib/output/render.ts).
 *
 * Native kinds are checked against the Kubernetes 1.27 definitions in
 * `schemas/kubernetes-1.27-definitions.json`; Emissary `Mapping`s against the
 * `openAPIV3Schema` of the matching version in `imports/crds/getambassador.io_mappings.yaml`
 * (with `metadata` checked against the Kubernetes ObjectMeta definition).
 *
 * The schemas are compiled by hand into a graph of closures (no ajv) so that:
 *   - strictness is ours to define: an object schema that declares `properties` rejects
 *     every other key unless it declares `additionalProperties` (a map) or
 *     `x-kubernetes-preserve-unknown-fields: true`;
 *   - messages are short and point at the offending field with a JSON pointer;
 *   - any schema keyword we do not understand fails loudly at compile time instead of
 *     being silently ignored.
 * Definitions are compiled lazily, on first use, and cached for the life of the module.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import type { CustomResourceDefinitions, CustomResourceVersion } from './custom-resource-definitions';

const K8S_DEFINITIONS = path.join('schemas', 'kubernetes-1.27-definitions.json');
const MAPPING_CRD = path.join('imports', 'crds', 'getambassador.io_mappings.yaml');

/** The package folder that holds the schemas: the nearest above this module (lib/output/, build/lib/output/, or build/ in the bundle). */
function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, K8S_DEFINITIONS))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`kube-schema: no ${K8S_DEFINITIONS} above ${__dirname}`);
  }
}

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const MAPPING_GROUP = 'getambassador.io';
const MAPPING_KIND = 'Mapping';

/** Kubernetes resource.Quantity serialization grammar. */
const QUANTITY_RE = /^[+-]?(\d+\.?\d*|\.\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?\d+)?$/;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_LIMIT = 9223372036854775807; // ±2^63 (as close as a double gets)

interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | Schema;
  readonly items?: Schema;
  readonly enum?: readonly unknown[];
  readonly oneOf?: readonly Schema[];
  readonly nullable?: boolean;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-group-version-kind'?: ReadonlyArray<{ group: string; version: string; kind: string }>;
  readonly [keyword: string]: unknown;
}

/** Appends `"<json pointer>: <message>"` strings to `out`. `p` is the pointer of `v` ("" = root). */
type Check = (v: unknown, p: string, out: string[]) => void;

/** Keywords the compiler implements. */
const VALIDATION_KEYWORDS = new Set([
  '$ref', 'type', 'format', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'oneOf',
  'allOf', 'anyOf', 'not', 'nullable', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'uniqueItems', 'minLength', 'maxLength', 'minItems', 'maxItems',
  'minProperties', 'maxProperties', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys',
]);
/** Keywords that carry no constraint on the serialized value. */
const ANNOTATION_KEYWORDS = new Set([
  'description', 'title', 'default', 'example', 'externalDocs', 'x-kubernetes-group-version-kind',
  'x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy', 'x-kubernetes-map-type', 'x-kubernetes-unions',
  // CEL rules of a CRD: not evaluated (README, "Extending"); the API server checks them on apply.
  'x-kubernetes-validations',
]);

// ---------------------------------------------------------------------------------------------
// Small helpers

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function ptr(p: string, key: string | number): string {
  const k = typeof key === 'number' ? String(key) : key.replace(/~/g, '~0').replace(/\//g, '~1');
  return `${p}/${k}`;
}

function at(p: string): string {
  return p === '' ? '/' : p;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object') {
    if (isPlainObject(v)) return 'object';
    const ctor = (v as { constructor?: { name?: string } }).constructor?.name;
    return `${ctor ?? 'non-plain'} instance`;
  }
  return typeof v;
}

function describe(v: unknown): string {
  const t = jsonType(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    let s = JSON.stringify(v);
    if (s.length > 60) s = `${s.slice(0, 57)}...`;
    return `${t} ${s}`;
  }
  return t;
}

function matchesType(v: unknown, type: string): boolean {
  switch (type) {
    case 'object': return isPlainObject(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'boolean': return typeof v === 'boolean';
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    default: throw new Error(`kube-schema: unsupported schema type ${JSON.stringify(type)}`);
  }
}

function normalizeKey(k: string): string {
  return k.toLowerCase().replace(/[-_]/g, '');
}

function unknownFieldMessage(key: string, known: ReadonlyMap<string, Check>): string {
  const nk = normalizeKey(key);
  for (const candidate of known.keys()) {
    if (normalizeKey(candidate) === nk) return `unknown field (did you mean "${candidate}"?)`;
  }
  return 'unknown field';
}

const intOrString: Check = (v, p, out) => {
  if (typeof v === 'string') return;
  if (typeof v === 'number' && Number.isInteger(v)) {
    if (v < INT32_MIN || v > INT32_MAX) out.push(`${at(p)}: integer ${v} out of int32 range`);
    return;
  }
  out.push(`${at(p)}: expected int-or-string, got ${describe(v)}`);
};

const quantity: Check = (v, p, out) => {
  if (typeof v === 'string') {
    if (!QUANTITY_RE.test(v)) out.push(`${at(p)}: invalid quantity ${JSON.stringify(v)} (e.g. "500m", "1.5", "128Mi", "1e3")`);
    return;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return;
  out.push(`${at(p)}: expected quantity (string or number), got ${describe(v)}`);
};

// ---------------------------------------------------------------------------------------------
// Compiler

class Compiler {
  private readonly refs = new Map<string, Check>();

  constructor(private readonly definitions: Readonly<Record<string, Schema>>) {}

  /** Lazily compiled, cached check for `#/definitions/<name>` (safe for recursive definitions). */
  definition(name: string): Check {
    const cached = this.refs.get(name);
    if (cached) return cached;
    const def = this.definitions[name];
    if (!def) throw new Error(`kube-schema: unresolvable $ref to definition ${JSON.stringify(name)}`);
    let impl: Check | undefined;
    const check: Check = (v, p, out) => (impl ??= this.compileDefinition(name, def))(v, p, out);
    this.refs.set(name, check);
    return check;
  }

  private compileDefinition(name: string, def: Schema): Check {
    if (name === INT_OR_STRING) return intOrString;
    if (name === QUANTITY) return quantity;
    return this.compile(def, `#/definitions/${name}`);
  }

  /**
   * @param structural a CRD's structural schema, checked as the API server
   *   checks a custom resource (apiextensions-apiserver pkg/apiserver/schema):
   *   pruning drops every field an object schema does not specify (in
   *   `properties` or `additionalProperties`) unless the node has
   *   `x-kubernetes-preserve-unknown-fields` (pkg/apiserver/schema/pruning/algorithm.go),
   *   so such a field is an error here, even under an object schema without
   *   properties; a required field with a `default` is filled in by
   *   defaulting before validation (pkg/apiserver/schema/defaulting); an
   *   `x-kubernetes-embedded-resource` object carries `apiVersion`, `kind`
   *   and `metadata` (ObjectMeta) besides its declared properties, and
   *   `apiVersion` and `kind` are required there
   *   (pkg/apiserver/schema/objectmeta/validation.go); lists of
   *   `x-kubernetes-list-type` `set` or `map` hold no duplicates
   *   (pkg/apiserver/schema/listtype/validation.go).
   */
  compile(s: Schema, where: string, structural = false): Check {
    for (const key of Object.keys(s)) {
      if (!VALIDATION_KEYWORDS.has(key) && !ANNOTATION_KEYWORDS.has(key)) {
        throw new Error(`kube-schema: unsupported schema keyword ${JSON.stringify(key)} at ${where}; teach test/support/kube-schema.ts about it`);
      }
    }

    const nullable = s.nullable === true;
    const withNull = (check: Check): Check => (nullable ? (v, p, out) => { if (v !== null) check(v, p, out); } : check);

    if (s.$ref !== undefined) {
      for (const key of Object.keys(s)) {
        if (key !== '$ref' && key !== 'nullable' && !ANNOTATION_KEYWORDS.has(key)) {
          throw new Error(`kube-schema: $ref with sibling constraint ${JSON.stringify(key)} at ${where} is not supported`);
        }
      }
      const m = /^#\/definitions\/(.+)$/.exec(s.$ref);
      if (!m) throw new Error(`kube-schema: unsupported $ref ${JSON.stringify(s.$ref)} at ${where}`);
      return withNull(this.definition(m[1]!));
    }
    if (s['x-kubernetes-int-or-string'] === true) return withNull(intOrString);

    const type = s.type;
    if (type !== undefined && typeof type !== 'string') throw new Error(`kube-schema: unsupported type ${JSON.stringify(type)} at ${where}`);
    if (type !== undefined) matchesType(null, type); // throws on unknown type names early

    const format = s.format;
    const intRange: readonly [number, number] | undefined =
      format === 'int32' ? [INT32_MIN, INT32_MAX] : format === 'int64' ? [-INT64_LIMIT, INT64_LIMIT] : undefined;

    const enumValues = s.enum;
    const enumSet = enumValues ? new Set(enumValues.map((e) => JSON.stringify(e))) : undefined;
    const enumText = enumValues ? enumValues.map((e) => JSON.stringify(e)).join(', ') : '';

    const pattern = s.pattern !== undefined ? new RegExp(s.pattern, 'u') : undefined;
    const { minimum, maximum, minLength, maxLength, minItems, maxItems, minProperties, maxProperties } = s;

    const items = s.items ? this.compile(s.items, `${where}/items`, structural) : undefined;

    const embedded = structural && s['x-kubernetes-embedded-resource'] === true;
    const declared: Record<string, Schema> = embedded
      ? { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { $ref: `#/definitions/${OBJECT_META}` }, ...s.properties }
      : { ...s.properties };
    const properties = s.properties || embedded
      ? new Map(Object.entries(declared).map(([k, ps]) => [k, this.compile(ps, `${where}/properties/${k}`, structural && !(embedded && k === 'metadata'))] as const))
      : undefined;
    const defaulted = new Set(Object.entries(s.properties ?? {}).filter(([, ps]) => structural && ps.default !== undefined).map(([k]) => k));
    const required = [...(embedded ? ['apiVersion', 'kind'] : []), ...(s.required ?? []).filter((k) => !defaulted.has(k))];
    const ap = s.additionalProperties;
    const additional = typeof ap === 'object' ? this.compile(ap, `${where}/additionalProperties`, structural) : undefined;
    // STRICT: a schema that declares `properties` is closed unless it explicitly opens itself;
    // in a structural schema every object is (what pruning would drop is an error).
    const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
    const allowUnknown = structural
      ? preserve || ap === true || (s.type !== 'object' && properties === undefined && ap === undefined)
      : preserve || ap === true || (properties === undefined && ap === undefined);
    const listType = structural ? s['x-kubernetes-list-type'] : undefined;
    const listKeys = (s['x-kubernetes-list-map-keys'] as readonly string[] | undefined) ?? [];
    const { exclusiveMinimum, exclusiveMaximum, multipleOf } = s as { exclusiveMinimum?: boolean; exclusiveMaximum?: boolean; multipleOf?: number };
    const allOf = s.allOf === undefined ? undefined : (s.allOf as Schema[]).map((b, i) => this.compile(b, `${where}/allOf/${i}`, structural));
    const anyOf = s.anyOf === undefined ? undefined : (s.anyOf as Schema[]).map((b, i) => this.compile(b, `${where}/anyOf/${i}`, structural));
    const not = s.not === undefined ? undefined : this.compile(s.not as Schema, `${where}/not`, structural);
    const checksObject = properties !== undefined || additional !== undefined || !allowUnknown ||
      required.length > 0 || minProperties !== undefined || maxProperties !== undefined;

    const oneOf = s.oneOf?.map((b, i) => this.compile(b, `${where}/oneOf/${i}`, structural));
    const oneOfTypes = s.oneOf?.every((b) => Object.keys(b).every((k) => k === 'type' || ANNOTATION_KEYWORDS.has(k)) && typeof b.type === 'string')
      ? s.oneOf.map((b) => b.type).join(' or ')
      : undefined;

    return (v, p, out) => {
      if (v === null && nullable) return;
      if (type !== undefined && !matchesType(v, type)) {
        out.push(`${at(p)}: expected ${type}, got ${describe(v)}`);
        return;
      }
      if (enumSet && !enumSet.has(JSON.stringify(v))) {
        out.push(`${at(p)}: ${describe(v)} is not one of the allowed values: ${enumText}`);
      }

      if (typeof v === 'string') {
        if (pattern && !pattern.test(v)) out.push(`${at(p)}: ${describe(v)} does not match pattern ${s.pattern}`);
        if (minLength !== undefined && [...v].length < minLength) out.push(`${at(p)}: string shorter than ${minLength}`);
        if (maxLength !== undefined && [...v].length > maxLength) out.push(`${at(p)}: string longer than ${maxLength}`);
        if (format === 'byte' && !BASE64_RE.test(v)) out.push(`${at(p)}: expected base64 data, got ${describe(v)}`);
        if (format === 'date-time' && !DATE_TIME_RE.test(v)) out.push(`${at(p)}: expected RFC 3339 date-time, got ${describe(v)}`);
      } else if (typeof v === 'number') {
        if (intRange && (v < intRange[0] || v > intRange[1])) out.push(`${at(p)}: ${v} out of ${format} range`);
        if (minimum !== undefined && (exclusiveMinimum === true ? v <= minimum : v < minimum)) out.push(`${at(p)}: ${v} is less than ${exclusiveMinimum === true ? 'or equal to exclusive ' : ''}minimum ${minimum}`);
        if (maximum !== undefined && (exclusiveMaximum === true ? v >= maximum : v > maximum)) out.push(`${at(p)}: ${v} is greater than ${exclusiveMaximum === true ? 'or equal to exclusive ' : ''}maximum ${maximum}`);
        if (multipleOf !== undefined && !Number.isInteger(v / multipleOf)) out.push(`${at(p)}: ${v} is not a multiple of ${multipleOf}`);
      } else if (Array.isArray(v)) {
        if (minItems !== undefined && v.length < minItems) out.push(`${at(p)}: expected at least ${minItems} item(s), got ${v.length}`);
        if (maxItems !== undefined && v.length > maxItems) out.push(`${at(p)}: expected at most ${maxItems} item(s), got ${v.length}`);
        if (items) for (let i = 0; i < v.length; i++) items(v[i], ptr(p, i), out);
        if (listType === 'set' || listType === 'map' || s.uniqueItems === true) {
          const seen = new Map<string, number>();
          v.forEach((item, i) => {
            const id = listType === 'map' && isPlainObject(item) ? JSON.stringify(listKeys.map((k) => item[k] ?? null)) : JSON.stringify(item);
            const first = seen.get(id);
            if (first === undefined) seen.set(id, i);
            else out.push(`${ptr(p, i)}: duplicate ${listType === 'map' ? `entry with key ${listKeys.map((k) => `${k}=${JSON.stringify(isPlainObject(item) ? item[k] : undefined)}`).join(', ')}` : `value ${describe(item)}`} (the same as item ${first}); the list is an x-kubernetes-list-type ${listType ?? 'set'}`);
          });
        }
      } else if (checksObject && isPlainObject(v)) {
        let count = 0;
        for (const key in v) {
          const value = v[key];
          if (value === undefined) continue; // dropped by JSON/YAML serialization
          count++;
          const prop = properties?.get(key);
          if (prop) prop(value, ptr(p, key), out);
          else if (additional) additional(value, ptr(p, key), out);
          else if (!allowUnknown) out.push(`${ptr(p, key)}: ${unknownFieldMessage(key, properties ?? new Map())}`);
        }
        for (const key of required) {
          if (v[key] === undefined) out.push(`${ptr(p, key)}: missing required field`);
        }
        if (minProperties !== undefined && count < minProperties) out.push(`${at(p)}: expected at least ${minProperties} field(s), got ${count}`);
        if (maxProperties !== undefined && count > maxProperties) out.push(`${at(p)}: expected at most ${maxProperties} field(s), got ${count}`);
      }

      if (allOf) for (const branch of allOf) branch(v, p, out);
      if (anyOf) {
        const tried = anyOf.map((branch) => { const e: string[] = []; branch(v, p, e); return e; });
        if (tried.every((e) => e.length > 0)) out.push(...tried.reduce((a, b) => (b.length < a.length ? b : a)));
      }
      if (not) {
        const e: string[] = [];
        not(v, p, e);
        if (e.length === 0) out.push(`${at(p)}: must not match the schema under "not"`);
      }
      if (oneOf) {
        let matched = 0;
        let best: string[] | undefined;
        for (const branch of oneOf) {
          const branchErrors: string[] = [];
          branch(v, p, branchErrors);
          if (branchErrors.length === 0) matched++;
          else if (!best || branchErrors.length < best.length) best = branchErrors;
        }
        if (matched === 0) {
          if (oneOfTypes) out.push(`${at(p)}: expected ${oneOfTypes}, got ${describe(v)}`);
          else out.push(...best!);
        } else if (matched > 1) {
          out.push(`${at(p)}: matches more than one oneOf alternative`);
        }
      }
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Registry (loaded and compiled once, lazily)

interface Registry {
  compiler: Compiler;
  /** `${apiVersion} ${kind}` -> definition name */
  byGvk: Map<string, string>;
  /** kind -> apiVersions that serve it (for hints) */
  apiVersionsByKind: Map<string, string[]>;
  /** Mapping CRD version name -> root schema (metadata replaced by ObjectMeta) */
  mappingSchemas: Map<string, Schema>;
  mappingChecks: Map<string, Check>;
}

let registry: Registry | undefined;

function loadRegistry(): Registry {
  const root = packageRoot();
  const K8S_DEFINITIONS_FILE = path.join(root, K8S_DEFINITIONS);
  const MAPPING_CRD_FILE = path.join(root, MAPPING_CRD);
  const raw = JSON.parse(fs.readFileSync(K8S_DEFINITIONS_FILE, 'utf8')) as { definitions?: Record<string, Schema> };
  const definitions = raw.definitions;
  if (!definitions) throw new Error(`kube-schema: ${K8S_DEFINITIONS_FILE} has no "definitions"`);

  const byGvk = new Map<string, string>();
  const apiVersionsByKind = new Map<string, string[]>();
  for (const [name, def] of Object.entries(definitions)) {
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
      byGvk.set(`${apiVersion} ${gvk.kind}`, name);
      const list = apiVersionsByKind.get(gvk.kind) ?? [];
      if (!list.includes(apiVersion)) list.push(apiVersion);
      apiVersionsByKind.set(gvk.kind, list);
    }
  }

  const mappingSchemas = new Map<string, Schema>();
  const docs = parseAllDocuments(fs.readFileSync(MAPPING_CRD_FILE, 'utf8'));
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const crd = doc.toJS() as {
      kind?: string;
      spec?: { group?: string; names?: { kind?: string }; versions?: Array<{ name: string; served?: boolean; schema?: { openAPIV3Schema?: Schema } }> };
    } | null;
    if (crd?.kind !== 'CustomResourceDefinition' || crd.spec?.group !== MAPPING_GROUP || crd.spec.names?.kind !== MAPPING_KIND) continue;
    for (const version of crd.spec.versions ?? []) {
      const root = version.schema?.openAPIV3Schema;
      if (!version.served || !root) continue;
      mappingSchemas.set(version.name, {
        ...root,
        properties: { ...root.properties, metadata: { $ref: `#/definitions/${OBJECT_META}` } },
      });
      const list = apiVersionsByKind.get(MAPPING_KIND) ?? [];
      list.push(`${MAPPING_GROUP}/${version.name}`);
      apiVersionsByKind.set(MAPPING_KIND, list);
    }
  }
  if (mappingSchemas.size === 0) throw new Error(`kube-schema: no served Mapping versions found in ${MAPPING_CRD_FILE}`);

  return { compiler: new Compiler(definitions), byGvk, apiVersionsByKind, mappingSchemas, mappingChecks: new Map() };
}

function getRegistry(): Registry {
  return (registry ??= loadRegistry());
}

/** The compiled checks of CRD versions, by the version read from the `crds` setting's files. */
const crdChecks = new WeakMap<CustomResourceVersion, Check>();

/**
 * The check of one served version of a listed CRD: its `openAPIV3Schema` as
 * a structural schema, with `metadata` checked as ObjectMeta (the API server
 * validates a custom resource's metadata as any object's, whatever the CRD
 * says of it: apiextensions-apiserver pkg/registry/customresource/validator.go).
 *
 * @throws Error naming the keyword and its schema path for a schema the compiler does not support
 */
export function compileCustomResource(version: CustomResourceVersion): Check {
  const cached = crdChecks.get(version);
  if (cached) return cached;
  const root = version.schema as Schema;
  const schema: Schema = { ...root, properties: { ...root.properties, metadata: { $ref: `#/definitions/${OBJECT_META}` } } };
  const check = getRegistry().compiler.compile(schema, `${version.file}: ${version.group}/${version.version} ${version.kind}: openAPIV3Schema`, true);
  crdChecks.set(version, check);
  return check;
}

/** The root check for apiVersion/kind, or an error message explaining why there is none. */
function rootCheck(apiVersion: string, kind: string, crds: CustomResourceDefinitions | undefined): Check | string {
  const reg = getRegistry();
  const custom = crds?.versions.find((v) => v.kind === kind && `${v.group}/${v.version}` === apiVersion);
  if (custom !== undefined) return compileCustomResource(custom);
  const customVersions = (crds?.versions ?? []).filter((v) => v.kind === kind).map((v) => `${v.group}/${v.version}`);
  if (kind === MAPPING_KIND && apiVersion.startsWith(`${MAPPING_GROUP}/`)) {
    const version = apiVersion.slice(MAPPING_GROUP.length + 1);
    const cached = reg.mappingChecks.get(version);
    if (cached) return cached;
    const schema = reg.mappingSchemas.get(version);
    if (schema) {
      const check = reg.compiler.compile(schema, `${MAPPING_CRD}#${version}`);
      reg.mappingChecks.set(version, check);
      return check;
    }
  } else {
    const name = reg.byGvk.get(`${apiVersion} ${kind}`);
    if (name) return reg.compiler.definition(name);
  }
  const known = [...(reg.apiVersionsByKind.get(kind) ?? []), ...customVersions];
  return known.length > 0
    ? `unknown apiVersion/kind ${apiVersion} ${kind}: ${kind} is served as ${known.join(', ')}`
    : `unknown apiVersion/kind ${apiVersion} ${kind}: not a Kubernetes 1.27 kind, an Emissary Mapping, nor a kind of a CRD listed in the "crds" setting (datatask.settings.json)`;
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Validates one emitted object against the Kubernetes 1.27 schema for its
 * apiVersion/kind, the Mapping CRD version it names, or a served version of
 * a CRD of `crds` (the project's `crds` setting). Returns human-readable
 * errors ("Deployment app-flask: /spec/template/spec/containers/0/foo:
 * unknown field"), empty when valid. Unknown apiVersion/kind is an error.
 */
export function validateKubernetesObject(obj: unknown, crds?: CustomResourceDefinitions): string[] {
  if (!isPlainObject(obj)) return [`<not an object>: expected a Kubernetes object (plain JSON object), got ${describe(obj)}`];

  const { apiVersion, kind } = obj;
  const metadata = obj.metadata;
  const name = isPlainObject(metadata) && typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : '<unnamed>';
  const label = `${typeof kind === 'string' && kind !== '' ? kind : '<no kind>'} ${name}`;
  const errors: string[] = [];

  if (typeof apiVersion !== 'string' || apiVersion === '') errors.push(`/apiVersion: expected non-empty string, got ${describe(apiVersion)}`);
  if (typeof kind !== 'string' || kind === '') errors.push(`/kind: expected non-empty string, got ${describe(kind)}`);

  if (errors.length === 0) {
    const check = rootCheck(apiVersion as string, kind as string, crds);
    if (typeof check === 'string') errors.push(`/: ${check}`);
    else check(obj, '', errors);
  }

  // What the API server (or a sane manifest) requires beyond the OpenAPI schema.
  if (!isPlainObject(metadata) || metadata.name === undefined) errors.push('/metadata/name: missing required field');
  else if (metadata.name === '') errors.push('/metadata/name: must not be empty');
  if (isPlainObject(metadata) && metadata.creationTimestamp !== undefined) errors.push('/metadata/creationTimestamp: must not be set (server-managed)');
  if (obj.status !== undefined) errors.push('/status: must not be set (server-managed)');

  return errors.map((e) => `${label}: ${e}`);
}

/** Convenience for tests: throws an Error listing every problem in every object. */
export function expectValidKubernetesObjects(objs: readonly unknown[]): void {
  const problems: string[] = [];
  let bad = 0;
  objs.forEach((obj, i) => {
    const errors = validateKubernetesObject(obj);
    if (errors.length > 0) bad++;
    for (const e of errors) problems.push(`  [${i}] ${e}`);
  });
  if (problems.length > 0) {
    throw new Error(
      `${problems.length} Kubernetes schema problem(s) in ${bad} of ${objs.length} object(s):\n${problems.join('\n')}`,
    );
  }
}
