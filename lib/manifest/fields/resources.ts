/**
 * The container's `resources`: `cpu-limit`, `memory-limit`, `cpu-request`
 * and `memory-request`, Kubernetes quantities, a request not above its
 * limit (kubernetes pkg/apis/core/validation `ValidateResourceRequirements`).
 */
import * as z from '../../zod';
import type { ResourceList } from '../../model';
import { compareQuantities, parseQuantity, type Quantity, roundedUpToMilli } from '../../validation/quantity';
import { QUANTITY_SCHEMA } from '../json-schema-patterns';
import { atPath, type FieldRule, type Mistakes } from './field';

const ONE_BYTE_NANOS = 1_000_000_000n;
const NANOS = 1_000_000_000n;
const MEBIBYTE_NANOS = 1024n * 1024n * NANOS;
/** More CPU than any node a data task is likely to get: "500" (cores) was probably "500m". */
const MANY_CORES_NANOS = 100n * NANOS;

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

/** Memory in milli-bytes or bytes, CPU in cores where millicores were meant. */
export const resourceMistakes: Mistakes = (task) =>
  (['request', 'limit'] as const).flatMap((kind) => {
    const list = task.resources[kind === 'request' ? 'requests' : 'limits'];
    return [
      ...(list.memory === undefined ? [] : checkMemory(list.memory, kind === 'limit', 'container').map(atPath([`memory-${kind}`]))),
      ...(list.cpu === undefined ? [] : checkCpu(list.cpu).map(atPath([`cpu-${kind}`]))),
    ];
  });

function nanosOf(canonical: string): bigint {
  const q = parseQuantity(canonical);
  if (!q.ok) throw new Error(`a canonical quantity does not parse: ${canonical}`);
  return q.value.nanos;
}

/** "500m" (half a byte) and "512" (bytes) for memory. A limit under one byte is an error of the schema. */
/**
 * `of`: a container's memory, where the API server itself warns of a fractional byte value (pkg/api/pod/warnings.go),
 * or an emptyDir's size.
 */
export function checkMemory(canonical: string, limit: boolean, of: 'container' | 'volume'): string[] {
  const serverWarns = of === 'container';
  const nanos = nanosOf(canonical);
  if (nanos === 0n || (limit && nanos < NANOS)) return [];
  if (nanos % NANOS !== 0n) {
    const accepted = serverWarns ? ' (the API server accepts it with a "fractional byte value" warning)' : '';
    return [`${JSON.stringify(canonical)} is not a whole number of bytes${accepted}${fractionalBytesHint(canonical, nanos)}`];
  }
  if (nanos < MEBIBYTE_NANOS) {
    const bytes = nanos / NANOS;
    const plainBytes = /^[0-9]+$/.test(canonical);
    // A volume of a few KiB written with a unit ("1000Ki") may well be meant; "512" (bytes) hardly ever.
    if (!plainBytes && of === 'volume') return [];
    const hint = plainBytes ? `; did you mean "${canonical}Mi"?` : '; a container needs megabytes (Mi)';
    return [`${JSON.stringify(canonical)} is ${bytes} byte${bytes === 1n ? '' : 's'}, less than 1Mi${hint}`];
  }
  return [];
}

/**
 * The likely intended value of a fractional byte amount. Under 1Mi it is
 * "m" (milli) written for M or Mi ("500m"); from 1Mi on, a fraction of a
 * larger unit ("0.1Gi", stored as "107374182400m"), where "107374182400Mi"
 * would be absurd: the amount rounded up to whole bytes and to Mi.
 */
function fractionalBytesHint(canonical: string, nanos: bigint): string {
  if (nanos < MEBIBYTE_NANOS) return memoryHint(canonical) || '; memory is counted in bytes: use Mi or Gi';
  const bytes = (nanos + NANOS - 1n) / NANOS;
  const mebibytes = (nanos + MEBIBYTE_NANOS - 1n) / MEBIBYTE_NANOS;
  return `; did you mean "${bytes}" (rounded up to whole bytes) or "${mebibytes}Mi"?`;
}

/** "500" (cores) where "500m" was meant; byte units on a CPU amount. */
function checkCpu(canonical: string): string[] {
  const nanos = nanosOf(canonical);
  if (nanos < MANY_CORES_NANOS) return [];
  const cores = nanos / NANOS;
  const byteUnit = /[KMGTPE]i$/.test(canonical) ? ' (Ki, Mi, Gi are byte units)' : '';
  // "500" was likely "500m", and "2Gi" likely "2" (cores); "1k" or "1E" have no likely reading.
  const binary = /^([0-9]+)[KMGTPE]i$/.exec(canonical);
  const hint = /^[0-9]+$/.test(canonical)
    ? `; did you mean "${cores}m" (${Number(cores) / 1000} of a core)?`
    : binary !== null
      ? `; did you mean "${binary[1]}" (${binary[1]} core${binary[1] === '1' ? '' : 's'})?`
      : '';
  return [`${JSON.stringify(canonical)} is ${cores} CPU cores${byteUnit}, more than a node is likely to have${hint}`];
}
