/**
 * The container's `resources`: `cpu-limit`, `memory-limit`, `cpu-request`
 * and `memory-request`, Kubernetes quantities, a request not above its
 * limit (kubernetes pkg/apis/core/validation `ValidateResourceRequirements`).
 */
import * as z from '../../zod';
import type { ResourceList } from '../../model';
import { compareQuantities, parseQuantity, type Quantity, roundedUpToMilli } from '../../validation/quantity';
import { QUANTITY_SCHEMA } from '../json-schema-patterns';
import type { FieldRule } from './field';

const ONE_BYTE_NANOS = 1_000_000_000n;

/**
 * A container resource request or limit (`cpu-*`, `memory-*`), canonical.
 * Refuses what the API server would store differently: it rounds every
 * ResourceList value up to milli units (pkg/apis/core/v1/defaults.go
 * `SetDefaults_ResourceList`), so "100u" would live in the cluster as "1m"
 * and never match the file under GitOps.
 */
const resourceQuantityField = z.string().transform((value, ctx): Quantity => {
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
const memoryLimitField = resourceQuantityField.superRefine((q, ctx) => {
  if (q.nanos < ONE_BYTE_NANOS && q.nanos > 0n) {
    ctx.addIssue(`${JSON.stringify(q.canonical)} is less than one byte, so no container could run under it${memoryHint(q.canonical)}`);
  }
});

/** `; did you mean "500Mi" or "500M"?` for a memory amount written with "m" (milli) instead of M or Mi; else "". */
export function memoryHint(canonical: string): string {
  const milli = /^([0-9]+)m$/.exec(canonical);
  return milli === null ? '' : ` ("m" means milli, a thousandth); did you mean "${milli[1]}Mi" or "${milli[1]}M"?`;
}

export const resourceFields = {
  'cpu-limit': resourceQuantityField.optional().meta({
    description:
      'The limit of CPU units (cores) your application may not go over. A Kubernetes quantity, for example "0.5" or "500m". ' +
      'Not set: no limit.',
    examples: ['500m'],
    ...QUANTITY_SCHEMA,
  }),
  'memory-limit': memoryLimitField.optional().meta({
    description:
      'The limit of memory units (bytes) your application may not go over. A Kubernetes quantity, for example "200Mi" or "1Gi". ' +
      'Not set: no limit.',
    examples: ['1Gi'],
    ...QUANTITY_SCHEMA,
  }),
  'cpu-request': resourceQuantityField.optional().meta({
    description:
      'The requested amount of CPU units (cores) your application starts with. A Kubernetes quantity, for example "0.15" or "150m"; ' +
      'not more than "cpu-limit". Not set: no request.',
    examples: ['250m'],
    ...QUANTITY_SCHEMA,
  }),
  'memory-request': resourceQuantityField.optional().meta({
    description:
      'The requested amount of memory units (bytes) your application starts with. A Kubernetes quantity, for example "150Mi"; ' +
      'not more than "memory-limit". Not set: no request.',
    examples: ['512Mi'],
    ...QUANTITY_SCHEMA,
  }),
};

/** A field's value when it passed its own checks (a parsed quantity), else undefined. */
function asQuantity(value: unknown): Quantity | undefined {
  return typeof value === 'object' && value !== null && typeof (value as Quantity).nanos === 'bigint' ? (value as Quantity) : undefined;
}

/** Each request within its limit. */
const checkRequestsWithinLimits: FieldRule = (m, _settings, ctx) => {
  for (const resource of ['cpu', 'memory'] as const) {
    const request = asQuantity(m[`${resource}-request`]);
    const limit = asQuantity(m[`${resource}-limit`]);
    if (request !== undefined && limit !== undefined && compareQuantities(request, limit) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: [`${resource}-request`],
        message: `${request.canonical} is more than ${resource}-limit ${limit.canonical}; a request must not exceed its limit`,
      });
    }
  }
};

export const resourceRules: readonly FieldRule[] = [checkRequestsWithinLimits];

type ResourceValues = z.output<z.ZodObject<typeof resourceFields>>;

function resourceList(cpu: Quantity | undefined, memory: Quantity | undefined): ResourceList {
  return { cpu: cpu?.canonical, memory: memory?.canonical };
}

/** The model of the resource fields: canonical quantities, only the ones given. */
export function toResources(m: ResourceValues) {
  return { resources: { requests: resourceList(m['cpu-request'], m['memory-request']), limits: resourceList(m['cpu-limit'], m['memory-limit']) } };
}
