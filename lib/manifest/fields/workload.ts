/**
 * A long-running task's workload: `replicas` (deployments and services) and
 * a service's port, `name-port` (an IANA service name, kubernetes
 * pkg/apis/core/validation `ValidatePortNumOrName`) and `container-port`.
 */
import * as z from '../../zod';
import { checkIanaSvcName } from '../../validation/kubernetes-names';
import { IANA_SVC_NAME_SCHEMA } from '../json-schema-patterns';
import { nameString } from '../zod-helpers';
import { type FieldRule, type Mistakes, manifestType } from './field';

/** The format's default number of replicas. */
export const DEFAULT_REPLICAS = 1;

export const workloadFields = {
  replicas: z.int().min(0).max(2 ** 31 - 1).optional().meta({
    description: 'Int, for a service or deployment, default 1. Defines the number of copies (replicas) of your deployment.',
    default: DEFAULT_REPLICAS,
    examples: [3],
  }),
  'name-port': nameString(checkIanaSvcName).optional().meta({
    description:
      'String, for a service (required there). Defines the name of the port: at most 15 lower-case letters, digits and \'-\', ' +
      "with at least one letter, not starting or ending with '-'.",
    examples: ['http'],
    ...IANA_SVC_NAME_SCHEMA,
  }),
  'container-port': z.int().min(1).max(65535).optional().meta({
    description: 'Int, for a service (required there). Represents the port of your application (1 to 65535).',
    examples: [8080],
  }),
};

/** Which `type`s each workload field applies to. */
export const workloadAppliesTo = {
  replicas: ['deployment', 'service'],
  'name-port': ['service'],
  'container-port': ['service'],
} as const;

/** The fields a service requires. */
export const SERVICE_REQUIRED_FIELDS = ['name-port', 'container-port'] as const;

const checkServicePort: FieldRule = (raw, _settings, ctx) => {
  if (manifestType(raw) !== 'service') return;
  for (const field of SERVICE_REQUIRED_FIELDS) {
    if (raw[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is required for a service' });
  }
};

export const workloadRules: readonly FieldRule[] = [checkServicePort];

/** A published service without pods. */
export const workloadMistakes: Mistakes = (task) =>
  task.kind === 'service' && task.published !== undefined && task.replicas === 0
    ? [{ path: ['replicas'], message: 'is 0, so the published service has no pod and the gateway answers 503 (no healthy upstream); give at least 1 replica, or remove "published" while it is scaled down' }]
    : [];

type WorkloadValues = z.output<z.ZodObject<typeof workloadFields>>;

/** The replicas of a deployment or service. */
export function toReplicas(m: WorkloadValues): number {
  return m.replicas ?? DEFAULT_REPLICAS;
}

/** A service's port; validation made both fields present. */
export function toServicePort(m: WorkloadValues) {
  const [name, containerPort] = [m['name-port'], m['container-port']];
  if (name === undefined || containerPort === undefined) throw new Error('a service without a port passed validation');
  return { name, containerPort };
}
