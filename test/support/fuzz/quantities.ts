/**
 * Quantities (apimachinery pkg/api/resource), with an exact evaluator: the
 * {@link quantity} generator, request/limit pairs, and
 * {@link quantityValue} / {@link quantityNanos}, with which the checks
 * compare a rendered quantity with the one given.
 */
import * as fc from 'fast-check';
import { DIGITS, str } from './strings';

const DECIMAL_SUFFIX: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** The exact value of a quantity as a fraction `num / den` (both ≥ 0), or undefined when it is not one. */
export function quantityValue(text: string): { num: bigint; den: bigint } | undefined {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/s.exec(text);
  if (m === null) return undefined;
  const [, sign, whole, fraction = '', suffix] = m;
  if (whole === '' && fraction === '') return undefined;
  let exp10 = -fraction.length;
  let exp2 = 0;
  if (Object.hasOwn(DECIMAL_SUFFIX, suffix)) exp10 += DECIMAL_SUFFIX[suffix];
  else if (Object.hasOwn(BINARY_SUFFIX, suffix)) exp2 = BINARY_SUFFIX[suffix];
  else {
    const e = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
    if (e === null) return undefined;
    exp10 += Number(e[1]);
  }
  const digits = BigInt(whole + fraction) * 2n ** BigInt(exp2);
  if (sign === '-' && digits !== 0n) return undefined;
  return exp10 >= 0 ? { num: digits * 10n ** BigInt(exp10), den: 1n } : { num: digits, den: 10n ** BigInt(-exp10) };
}

/** The value in nano units rounded up, as the API server stores it. */
export function quantityNanos(text: string): bigint | undefined {
  const v = quantityValue(text);
  return v === undefined ? undefined : (v.num * 1_000_000_000n + v.den - 1n) / v.den;
}

const compareValues = (a: { num: bigint; den: bigint }, b: { num: bigint; den: bigint }): number => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};

const MAX_QUANTITY = { num: 2n ** 63n - 1n, den: 1n };

/** A non-negative quantity of at most 2^63-1 units, in any notation: "500m", "0.5", ".5Gi", "1e3", "+1.5E-2", "-0". */
export const quantity: fc.Arbitrary<string> = fc
  .oneof(
    {
      weight: 10,
      arbitrary: fc
        .tuple(
          fc.constantFrom('', '', '', '+'),
          str(DIGITS, 0, 5),
          fc.option(str(DIGITS, 0, 4), { nil: undefined }),
          fc.oneof(
            fc.constantFrom(...Object.keys(DECIMAL_SUFFIX)),
            fc.constantFrom(...Object.keys(BINARY_SUFFIX)),
            fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 20 })).map(([e, s, n]) => `${e}${s}${n}`),
          ),
        )
        .map(([sign, whole, fraction, suffix]) => `${sign}${whole}${fraction === undefined ? '' : `.${fraction}`}${suffix}`),
    },
    { weight: 2, arbitrary: fc.constantFrom('0', '-0', '0.20', '0.15', '200Mi', '1Gi', '1.5Gi', '0.5Gi', '1000m', '1000', '129e6', '1e3', '100m', '1n', '0.1n', '9223372036854775807', '8Ei') },
  )
  .filter((q) => {
    const v = quantityValue(q);
    return v !== undefined && compareValues(v, MAX_QUANTITY) <= 0;
  });

/**
 * A request and a limit as the API server stores them: to milli precision
 * (SetDefaults_ResourceList rounds up to milli units), a memory limit of
 * zero or at least one byte; request ≤ limit; either may be absent.
 */
const storedAsWritten = (pair: { request?: string; limit?: string }, memory: boolean): boolean =>
  [pair.request, pair.limit].every((q) => q === undefined || quantityNanos(q)! % 1_000_000n === 0n) &&
  (!memory || pair.limit === undefined || quantityNanos(pair.limit) === 0n || quantityNanos(pair.limit)! >= 1_000_000_000n);

/** CPU `resources`: see {@link storedAsWritten}. */
export const cpuRequestAndLimit = fc.constant(null).chain(() => requestAndLimit).filter((p) => storedAsWritten(p, false));
/** Memory `resources`: see {@link storedAsWritten}. */
export const memoryRequestAndLimit = fc.constant(null).chain(() => requestAndLimit).filter((p) => storedAsWritten(p, true));

/** A request and a limit with request ≤ limit; either may be absent. */
export const requestAndLimit: fc.Arbitrary<{ request?: string; limit?: string }> = fc
  .tuple(fc.option(quantity, { nil: undefined }), fc.option(quantity, { nil: undefined }))
  .map(([a, b]) => {
    if (a === undefined || b === undefined) return { request: a, limit: b };
    return compareValues(quantityValue(a)!, quantityValue(b)!) <= 0 ? { request: a, limit: b } : { request: b, limit: a };
  });
