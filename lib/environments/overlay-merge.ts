/**
 * An overlay (`manifest.<env>.json`) merged over its task's manifest, as
 * the SPEC's "Environments" says: an RFC 7386 JSON merge patch (an object
 * merges key by key, `null` removes a key, any other value replaces),
 * except the lists of named items, `env` and `volumes`, which merge by
 * `name` as Kubernetes' strategic merge patch merges a container's `env`
 * and a pod's `volumes` (their `patchMergeKey` is `name` in the 1.27 API):
 * an item with a base item's name replaces it in place, a new name is
 * appended, and `{"name": "X", "$patch": "delete"}` removes it
 * (community/contributors/devel/sig-api-machinery/strategic-merge-patch.md).
 *
 * Pure: plain JSON values in, the merged value and where each of its
 * values came from out, so that a rule the merged manifest breaks is
 * located in the file that set the value.
 */
import { didYouMean } from '../validation/suggest';

/** The lists merged by `name`; every other list is replaced. */
export const NAMED_LISTS: ReadonlySet<string> = new Set(['env', 'volumes']);

/** Fields an overlay may not set: what a task is, and where it runs, are the same in every environment. */
export const NOT_OVERLAID: Readonly<Record<string, string>> = {
  type: 'a task is of one type in every environment',
  name: 'a task has one name in every environment (its output file, and what review compares, are named by it)',
  environments: 'where a task runs is said once, in its manifest.json',
};

type Segment = string | number;

/** Where one value of the merged manifest came from. */
export interface Provenance {
  readonly from: 'base' | 'overlay';
  /** Its path in that file. */
  readonly path: readonly Segment[];
  /**
   * For an object or a named list that both files made: where each member
   * came from (a key the overlay removed with `null` points at that `null`).
   * Absent: the whole value is the one at `path` of `from`.
   */
  readonly children?: ReadonlyMap<Segment, Provenance>;
}

/** A mistake of the overlay itself, found while merging, at a path of the overlay file. */
export interface OverlayProblem {
  readonly path: readonly Segment[];
  readonly message: string;
  readonly severity: 'error' | 'warning';
  /** Point at the property name rather than its value. @default 'value' */
  readonly target?: 'key' | 'value';
}

/** The merged manifest, where each value came from, and the overlay's own mistakes. */
export interface MergedManifest {
  readonly value: Record<string, unknown>;
  readonly provenance: Provenance;
  readonly problems: readonly OverlayProblem[];
}

/**
 * Merges `overlay` over the manifest `base` (both parsed JSON objects).
 * `$schema` of the overlay names its own schema and is not merged; a field
 * of NOT_OVERLAID is a problem and is left out.
 */
export function mergeOverlay(base: Readonly<Record<string, unknown>>, overlay: Readonly<Record<string, unknown>>): MergedManifest {
  const problems: OverlayProblem[] = [];
  const top: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(overlay)) {
    if (key === '$schema') continue;
    const why = Object.hasOwn(NOT_OVERLAID, key) ? NOT_OVERLAID[key] : undefined;
    if (why !== undefined) problems.push({ path: [key], target: 'key', severity: 'error', message: `cannot be set in an overlay: ${why}; remove it from this file` });
    else top[key] = value;
  }
  const merged = mergeObject(base, top, [], [], problems, true);
  return { value: merged.value, provenance: merged.provenance, problems };
}

function mergeObject(
  base: Readonly<Record<string, unknown>>,
  overlay: Readonly<Record<string, unknown>>,
  basePath: readonly Segment[],
  overlayPath: readonly Segment[],
  problems: OverlayProblem[],
  topLevel: boolean,
): { value: Record<string, unknown>; provenance: Provenance } {
  // fromEntries defines own properties: a "__proto__" key stays a key.
  const value: Record<string, unknown> = Object.fromEntries(Object.entries(base));
  const children = new Map<Segment, Provenance>();
  for (const key of Object.keys(base)) children.set(key, { from: 'base', path: [...basePath, key] });
  for (const [key, patch] of Object.entries(overlay)) {
    const at = [...overlayPath, key];
    const current = Object.hasOwn(value, key) ? value[key] : undefined;
    if (patch === null) {
      delete value[key];
      children.set(key, { from: 'overlay', path: at });
    } else if (topLevel && NAMED_LISTS.has(key) && Array.isArray(patch)) {
      const list = mergeNamedList(Array.isArray(current) ? current : [], patch, [...basePath, key], at, key, problems);
      Object.defineProperty(value, key, { value: list.value, enumerable: true, writable: true, configurable: true });
      children.set(key, list.provenance);
    } else if (isPlainObject(current) && isPlainObject(patch)) {
      const object = mergeObject(current, patch, [...basePath, key], at, problems, false);
      Object.defineProperty(value, key, { value: object.value, enumerable: true, writable: true, configurable: true });
      children.set(key, object.provenance);
    } else {
      Object.defineProperty(value, key, { value: patch, enumerable: true, writable: true, configurable: true });
      children.set(key, { from: 'overlay', path: at });
    }
  }
  return { value, provenance: { from: 'base', path: basePath, children } };
}

/** `env` or `volumes`: merged item by item, by `name`. */
function mergeNamedList(
  base: readonly unknown[],
  overlay: readonly unknown[],
  basePath: readonly Segment[],
  overlayPath: readonly Segment[],
  field: string,
  problems: OverlayProblem[],
): { value: unknown[]; provenance: Provenance } {
  const items: { value: unknown; provenance: Provenance }[] = base.map((value, i) => ({ value, provenance: { from: 'base', path: [...basePath, i] } }));
  const nameOf = (item: unknown): string | undefined => (isPlainObject(item) && typeof item.name === 'string' ? item.name : undefined);
  // Where each name first stands in the overlay's list: Kubernetes refuses two items of one name (the tool's rule
  // for the manifest's own list, README "Field reference", env), and a second one here would silently win.
  const written = new Map<string, number>();
  overlay.forEach((item, j) => {
    const at = [...overlayPath, j];
    const name = nameOf(item);
    if (name !== undefined) {
      const first = written.get(name);
      if (first !== undefined) {
        problems.push({ path: [...at, 'name'], severity: 'error', message: `${JSON.stringify(name)} is the name of ${field}[${first}] of this overlay too; write each ${field} item once (to remove it, its one item is {"name": ${JSON.stringify(name)}, "$patch": "delete"})` });
        return;
      }
      written.set(name, j);
    }
    if (isPlainObject(item) && Object.hasOwn(item, '$patch')) {
      const directive = item.$patch;
      if (directive !== 'delete') {
        problems.push({ path: [...at, '$patch'], severity: 'error', message: `expected "delete" (the one directive of an item of ${field}), found ${JSON.stringify(directive)}` });
        return;
      }
      if (name === undefined) {
        problems.push({ path: at, severity: 'error', message: `a "$patch": "delete" item names the ${field} item it removes: add its "name"` });
        return;
      }
      for (const key of Object.keys(item)) {
        if (key !== 'name' && key !== '$patch') problems.push({ path: [...at, key], target: 'key', severity: 'error', message: `a "$patch": "delete" item holds only "name" and "$patch"; to change the item, write it whole without "$patch"` });
      }
      const index = items.findIndex((held) => nameOf(held.value) === name);
      if (index >= 0) items.splice(index, 1);
      else {
        const suggestion = didYouMean(name, items.map((held) => nameOf(held.value)).filter((n): n is string => n !== undefined));
        const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
        problems.push({ path: [...at, 'name'], severity: 'warning', message: `the manifest has no ${field} item named ${JSON.stringify(name)} to delete${hint}, so this item does nothing` });
      }
      return;
    }
    const provenance: Provenance = { from: 'overlay', path: at };
    const index = name === undefined ? -1 : items.findIndex((held) => nameOf(held.value) === name);
    if (index >= 0) items[index] = { value: item, provenance };
    else items.push({ value: item, provenance });
  });
  return {
    value: items.map((held) => held.value),
    provenance: { from: 'base', path: basePath, children: new Map(items.map((held, i) => [i, held.provenance])) },
  };
}

/** Where the value at `path` of the merged manifest came from: the file, and its path there. */
export function sourceOf(provenance: Provenance, path: readonly PropertyKey[]): { readonly from: 'base' | 'overlay'; readonly path: readonly PropertyKey[] } {
  let node = provenance;
  for (let i = 0; i < path.length; i++) {
    const child = node.children?.get(path[i] as Segment);
    if (child === undefined) return { from: node.from, path: [...node.path, ...path.slice(i)] };
    node = child;
  }
  return { from: node.from, path: node.path };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
