/** The outcome of a check that produces a value: the value, or a plain-language reason it is invalid. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** A successful result holding `value`. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failed result with a plain-language `message`. */
export function fail<T>(message: string): Result<T> {
  return { ok: false, message };
}
