/**
 * Checks of what platform hooks (lib/customize.ts) put into a chart, before
 * it is written: the constructs of this project are tested field by field,
 * a hook's objects are not.
 */

/**
 * Why the rendered objects of a customized chart cannot be written as they
 * are; empty when they can. Each object must be JSON data (what the YAML
 * writer can carry so that YAML 1.1 and 1.2 read it back the same: no
 * `undefined` in a list, no NaN or Infinity, no class instances), and pass
 * the strict Kubernetes 1.27 / Mapping CRD schema the tests hold every
 * object to (unknown fields, wrong types, missing names: ./kube-schema.ts,
 * loaded only when there are hooks).
 */
export function hookOutputProblems(objects: readonly unknown[]): string[] {
  const { validateKubernetesObject } = require('./kube-schema') as typeof import('./kube-schema');
  return objects.flatMap((object, i) => {
    const bad = notJsonData(object, '');
    if (bad !== undefined) {
      const o = object as { kind?: unknown; metadata?: { name?: unknown } };
      const what = typeof o?.kind === 'string' && typeof o.metadata?.name === 'string' ? `${o.kind} ${o.metadata.name}` : `object ${i + 1}`;
      return [`${what}: ${bad}`];
    }
    return validateKubernetesObject(object);
  });
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
