/**
 * Checks of what platform hooks (lib/customize.ts) put into a chart, before
 * it is written: the constructs of this project are tested field by field,
 * a hook's objects are not.
 */

/**
 * Why the rendered objects of a customized chart cannot be written as they
 * are; empty when they can. Each object must be JSON data (what YAML can
 * carry and read back the same: no `undefined` in a list, no NaN or
 * Infinity, no class instances) and name its `apiVersion`, `kind` and
 * `metadata.name`.
 */
export function hookOutputProblems(objects: readonly unknown[]): string[] {
  const problems: string[] = [];
  objects.forEach((object, i) => {
    const o = object as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
    const what = typeof o?.kind === 'string' && typeof o.metadata?.name === 'string' ? `${o.kind} "${o.metadata.name}"` : `object ${i + 1}`;
    for (const field of ['apiVersion', 'kind'] as const) {
      if (typeof o?.[field] !== 'string' || o[field] === '') problems.push(`${what}: ${field} must be a non-empty string`);
    }
    if (typeof o?.metadata?.name !== 'string' || o.metadata.name === '') problems.push(`${what}: metadata.name must be a non-empty string`);
    const bad = notJsonData(object, '');
    if (bad !== undefined) problems.push(`${what}: ${bad}`);
  });
  return problems;
}

/** Where `value` stops being JSON data, as a JSON pointer and a reason; undefined when it is JSON data. */
function notJsonData(value: unknown, at: string): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${at || '/'} is ${value}, which JSON and YAML cannot carry`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) return `${at}/${i} is undefined (a list cannot hold a missing value)`;
      const bad = notJsonData(value[i], `${at}/${i}`);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue;
      const bad = notJsonData(child, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  return `${at || '/'} is ${typeof value === 'object' ? `a ${(value as object).constructor?.name ?? 'non-plain'} object` : `a ${typeof value}`}, not JSON data`;
}
