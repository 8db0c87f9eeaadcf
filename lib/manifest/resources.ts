import * as z from '../zod';
import { parseQuantity, type Quantity, roundedUpToMilli } from '../validation/quantity';

const ONE_BYTE_NANOS = 1_000_000_000n;

/**
 * A container resource request or limit (`cpu-*`, `memory-*`), canonical.
 * Refuses what the API server would store differently: it rounds every
 * ResourceList value up to milli units (pkg/apis/core/v1/defaults.go
 * `SetDefaults_ResourceList`), so "100u" would live in the cluster as "1m"
 * and never match the file under GitOps.
 */
export const resourceQuantityField = z.string().transform((value, ctx): Quantity => {
  const result = parseQuantity(value);
  if (!result.ok) {
    ctx.addIssue(result.message);
    return z.NEVER;
  }
  const stored = roundedUpToMilli(value);
  if (stored !== undefined) {
    ctx.addIssue(`${JSON.stringify(value)} is finer than a thousandth; the API server rounds resource amounts up to milli units and would store ${JSON.stringify(stored)} (so the cluster would never match the file); write ${JSON.stringify(stored)}`);
    return z.NEVER;
  }
  return result.value;
});

/**
 * `memory-limit`: also at least one byte. The API server accepts "500m"
 * (half a byte) with only a "fractional byte value" warning, but no
 * container can run under a limit below one byte.
 */
export const memoryLimitField = resourceQuantityField.superRefine((q, ctx) => {
  if (q.nanos < ONE_BYTE_NANOS && q.nanos > 0n) {
    ctx.addIssue(`${JSON.stringify(q.canonical)} is less than one byte, so no container could run under it${memoryHint(q.canonical)}`);
  }
});

/** `; did you mean "500Mi" or "500M"?` for a memory amount written with "m" (milli) instead of M or Mi; else "". */
export function memoryHint(canonical: string): string {
  const milli = /^([0-9]+)m$/.exec(canonical);
  return milli === null ? '' : ` ("m" means milli, a thousandth); did you mean "${milli[1]}Mi" or "${milli[1]}M"?`;
}
