import * as z from '../zod';

/** A string that `check` accepts; `check` returns `undefined` or the reason it is wrong. */
export function checkedString(check: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const bad = check(value);
    if (bad !== undefined) ctx.addIssue(bad);
  });
}

/** A string validated by a name check (`"My_Name" must consist of …`). */
export function nameString(check: (value: string) => string | undefined) {
  return checkedString((value) => {
    const bad = check(value);
    return bad === undefined ? undefined : `${JSON.stringify(value)} ${bad}`;
  });
}

/**
 * A list whose items' `key` must be unique; duplicates are reported at the
 * later item. Meant to run with `{ when: () => true }` (see {@link always}):
 * items that are not objects, or whose key is not a string, are skipped.
 */
export function uniqueBy<T>(key: (item: T) => unknown, field: string, what: string, why = '') {
  return (items: readonly T[], ctx: z.RefinementCtx<readonly T[]>): void => {
    if (!Array.isArray(items)) return;
    const seen = new Map<unknown, number>();
    items.forEach((item, index) => {
      if (typeof item !== 'object' || item === null) return;
      const value = key(item);
      if (typeof value !== 'string') return;
      const first = seen.get(value);
      if (first === undefined) seen.set(value, index);
      else ctx.addIssue({ code: 'custom', path: [index, field], message: `duplicate ${what} ${JSON.stringify(value)} (also at [${first}])${why}` });
    });
  };
}

/**
 * Refinement options that run a rule even when the value has other errors
 * (zod skips refinements of a value with issues by default), so that every
 * error of a manifest is reported in one run. The rule must then read its
 * value defensively: it may be raw input.
 */
export const always = { when: () => true } as const;

/**
 * A refinement's `when`: run it even when fields of the object have issues
 * (so that every error comes in one run), but only on an object.
 */
export function isObjectPayload(payload: { value: unknown }): boolean {
  return typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value);
}

/**
 * A refinement of an object of which exactly one of `keys` must be set (a
 * Kubernetes one-of: an env var source, a probe handler). Reported at the
 * second key given, or at the object when none is.
 * @param noun what one key is, e.g. "source"
 */
export function exactlyOneOf<K extends string>(keys: readonly K[], noun: string) {
  return (value: { readonly [key in K]?: unknown }, ctx: z.RefinementCtx): void => {
    const given = keys.filter((key) => value[key] !== undefined);
    if (given.length === 1) return;
    ctx.addIssue({
      code: 'custom',
      path: given.length === 0 ? [] : [given[1]],
      message: `${given.length === 0 ? `has no ${noun}` : `has ${given.length} ${noun}s (${given.join(', ')})`}; set exactly one of ${keys.join(', ')}`,
    });
  };
}
