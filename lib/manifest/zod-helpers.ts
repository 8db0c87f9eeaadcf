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

/** A list whose items' `key` must be unique; duplicates are reported at the later item. */
export function uniqueBy<T>(key: (item: T) => unknown, field: string, what: string) {
  return (items: readonly T[], ctx: z.RefinementCtx<readonly T[]>): void => {
    const seen = new Map<unknown, number>();
    items.forEach((item, index) => {
      const value = key(item);
      const first = seen.get(value);
      if (first === undefined) seen.set(value, index);
      else ctx.addIssue({ code: 'custom', path: [index, field], message: `duplicate ${what} ${JSON.stringify(value)} (also at [${first}])` });
    });
  };
}

/**
 * A refinement's `when`: run it even when fields of the object have issues
 * (so that every error comes in one run), but only on an object.
 */
export function isObjectPayload(payload: { value: unknown }): boolean {
  return typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value);
}
