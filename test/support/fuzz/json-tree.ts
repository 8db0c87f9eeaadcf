/** Plain JSON values walked, copied and edited by path (for the hostile mutations). */

export type Path = ReadonlyArray<string | number>;

/** Every value below the root, with its path. */
export function walk(value: unknown, path: Path = [], out: Array<{ path: Path; value: unknown }> = []): Array<{ path: Path; value: unknown }> {
  if (path.length > 0) out.push({ path, value });
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, [...path, k], out);
  return out;
}

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export function parentOf(root: unknown, path: Path): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  return node;
}

export function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = parentOf(root, path);
  // defineProperty, so that a key named "__proto__" becomes an own property, as JSON.parse makes it.
  Object.defineProperty(parent, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

export const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
export const isEmptyValue = (v: unknown): boolean =>
  v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

export const deep = (depth: number, shape: 'array' | 'object'): unknown => {
  let v: unknown = shape === 'array' ? [] : 1;
  for (let i = 0; i < depth; i++) v = shape === 'array' ? [v] : { a: v };
  return v;
};
