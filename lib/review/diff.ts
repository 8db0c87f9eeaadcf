/** Comparing plain JSON data (objects read back from YAML). */

/** Deep equality of JSON data; key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => sameJson(x, bs[i]));
  }
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  return ak.length === bk.length && ak.every((k) => Object.hasOwn(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The value at a dotted path (`spec.template.spec`); undefined when any step is missing. */
export function at(value: unknown, path: string): unknown {
  let current = value;
  for (const step of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/**
 * The dotted paths where `a` and `b` differ, leaves first: objects are
 * compared key by key, lists of equal length item by item (`containers[0]`),
 * anything else as a whole. A path matching one of `covered` (a prefix, `*`
 * standing for any key or index) is left out: something else describes it.
 */
export function changedPaths(a: unknown, b: unknown, covered: readonly string[] = [], prefix = ''): string[] {
  if (covered.some((c) => matches(prefix, c))) return [];
  if (sameJson(a, b)) return [];
  const bothObjects = isRecord(a) && isRecord(b);
  const bothLists = Array.isArray(a) && Array.isArray(b) && a.length === b.length;
  if (bothLists) return (a as unknown[]).flatMap((x, i) => changedPaths(x, (b as unknown[])[i], covered, `${prefix}[${i}]`));
  if (!bothObjects) return [prefix];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) => changedPaths(a[k], b[k], covered, prefix === '' ? k : `${prefix}.${k}`));
}

/** Whether `path` is `pattern` or below it; `*` in the pattern matches one key or index. */
function matches(path: string, pattern: string): boolean {
  const steps = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const want = pattern.split('.');
  return want.length <= steps.length && want.every((w, i) => w === '*' || w === steps[i]);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `app=flask, team=data`, or `(none)`. */
export function labelText(labels: unknown): string {
  if (!isRecord(labels) || Object.keys(labels).length === 0) return '(none)';
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${String(labels[k])}`)
    .join(', ');
}
