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
