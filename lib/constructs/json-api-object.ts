import { ApiObject, type ApiObjectMetadataDefinition, type ApiObjectProps, App, ImplicitTokenResolver, type IResolver, type JsonPatch, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import type { Construct } from 'constructs';
import type { k8s } from './k8s';

/**
 * The Kubernetes JSON form of a typed structure of cdk8s-plus-27's `k8s`
 * API: what its generated `toJson_*` converter emits. The field names are
 * already the JSON names; a `Quantity` or an `IntOrString` is its value.
 */
export type KubeJson<T> = T extends k8s.Quantity | k8s.IntOrString
  ? k8s.Quantity extends T
    ? number | string
    : KubeJsonFields<T>
  : T extends readonly (infer U)[]
    ? KubeJson<U>[]
    : T extends object
      ? KubeJsonFields<T>
      : T;

type KubeJsonFields<T> = { [K in keyof T]: KubeJson<T[K]> };

/**
 * A cdk8s `ApiObject` whose props are Kubernetes JSON already (field names
 * and values as the API server reads them, plain objects, arrays, strings,
 * numbers and booleans; `undefined` for an absent field), as the generic
 * `new ApiObject(scope, id, { apiVersion, kind, ... })` of cdk8s takes them.
 *
 * `toJson()` returns what `ApiObject.toJson()` returns, without its generic
 * walks where they cannot change a value: it resolves the metadata (which
 * hooks change through `metadata.addLabel` and the like) with cdk8s's own
 * `metadata.toJson()`, and copies the props with their keys sorted and
 * their absent fields dropped, as cdk8s's `sanitizeValue` does; the
 * built-in resolvers leave JSON data as it is. An object with JSON patches,
 * an App with resolvers of its own, or a value that is not JSON data takes
 * `ApiObject.toJson()` itself.
 *
 * The typed classes of cdk8s-plus-27 (`k8s.KubeJob`, ...) would convert the
 * same JSON again with their `toJson_*` converters, whose only work on it
 * is to copy every field under its own name: their field lists are in the
 * same sorted order.
 */
export class JsonApiObject extends ApiObject {
  readonly #json: ApiObjectProps;
  #patched = false;

  constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
    this.#json = props;
  }

  public override addJsonPatch(...ops: JsonPatch[]): void {
    this.#patched = true;
    super.addJsonPatch(...ops);
  }

  public override toJson(): any {
    if (this.#patched || !builtInResolversOnly(App.of(this).resolvers)) return super.toJson();
    try {
      return this.plainJson();
    } catch {
      // Not JSON data, or a metadata value cdk8s cannot render: cdk8s's own walk, and its error.
      return super.toJson();
    }
  }

  /** `ApiObject.toJson()` for props that are JSON data: apiVersion, kind, metadata, then the other fields sorted. */
  private plainJson(): Record<string, unknown> {
    const json: Record<string, unknown> = {};
    const props = this.#json as Record<string, unknown>;
    const metadata = metadataJson(this.metadata);
    for (const key of ['apiVersion', 'kind']) {
      const value = sortedJson(props[key]);
      if (value != null) json[key] = value;
    }
    if (metadata != null) json.metadata = metadata;
    for (const key of Object.keys(props).sort()) {
      if (key === 'apiVersion' || key === 'kind' || key === 'metadata') continue;
      const value = sortedJson(props[key]);
      if (value != null) json[key] = value;
    }
    return json;
  }
}

/** Whether an App's resolvers are cdk8s's built-in ones, which change no JSON value (they replace `Lazy`, tokens and union classes). */
function builtInResolversOnly(resolvers: readonly IResolver[]): boolean {
  return resolvers.every((r) => r.constructor === LazyResolver || r.constructor === ImplicitTokenResolver || r.constructor === NumberStringUnionResolver);
}

/**
 * The fields in which cdk8s's `ApiObjectMetadataDefinition` keeps an
 * object's metadata (cdk8s src/metadata.ts), which its `toJson()` resolves
 * and sanitizes; like render.ts's `patches`, read only while the metadata
 * has exactly these fields.
 */
const METADATA_FIELDS = new Set(['name', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences', 'apiObject', '_additionalAttributes']);

/**
 * `metadata.toJson()` for metadata of JSON data: its fields sorted, and
 * (as cdk8s sanitizes metadata) empty lists and objects dropped. Throws
 * `NOT_JSON` at a value that is not JSON data (a `Lazy` label).
 */
function metadataJson(metadata: ApiObjectMetadataDefinition): unknown {
  const fields = metadata as unknown as Record<string, unknown>;
  const keys = Object.keys(fields);
  if (keys.length !== METADATA_FIELDS.size || !keys.every((k) => METADATA_FIELDS.has(k))) return metadata.toJson();
  const { _additionalAttributes, name, namespace, annotations, finalizers, ownerReferences, labels } = fields;
  if (typeof _additionalAttributes !== 'object' || _additionalAttributes === null) return metadata.toJson();
  return sortedJson({ ..._additionalAttributes, name, namespace, annotations, finalizers, ownerReferences, labels }, true);
}

/** Thrown by `sortedJson` at a value that is not JSON data. */
const NOT_JSON = new Error('not JSON data');

/**
 * A copy of JSON data as cdk8s's `sanitizeValue` makes it (keys sorted,
 * `null` and `undefined` fields dropped, `null` in a list made `undefined`;
 * with `filterEmpty`, empty lists and objects dropped too); throws
 * `NOT_JSON` at a value that is not JSON data (a class instance, a
 * function), which cdk8s's resolvers might replace.
 */
function sortedJson(value: unknown, filterEmpty = false): unknown {
  if (value === null || value === undefined) return undefined;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (type !== 'object') throw NOT_JSON;
  if (Array.isArray(value)) {
    if (filterEmpty && value.length === 0) return undefined;
    const list = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) list[i] = sortedJson(value[i], filterEmpty);
    return list;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) throw NOT_JSON;
  const object = value as Record<string, unknown>;
  const keys = sortKeys(Object.keys(object));
  const copy: Record<string, unknown> = {};
  let fields = 0;
  for (let i = 0; i < keys.length; i++) {
    const field = sortedJson(object[keys[i]!], filterEmpty);
    if (field != null) {
      copy[keys[i]!] = field;
      fields++;
    }
  }
  return filterEmpty && fields === 0 ? undefined : copy;
}

/** `keys.sort()` (UTF-16 code unit order), in place; an insertion sort for the few keys of an object. */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}
