/**
 * The workload fields (issue 11): `env` entries with `valueFrom`,
 * `env-from`, `args`, identity, metadata, probes, job and CronJob controls,
 * each in forms the API server accepts.
 */
import * as fc from 'fast-check';
import { dnsLabel, dnsSubdomain, envName, labelValue } from './names';
import type { FuzzOptions } from './options';
import { applyableString as anyString, DIGITS, LOWER, str } from './strings';

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const configMapKey = str(LOWER + DIGITS + '-_.', 1, 30).filter((k) => k !== '.' && !k.startsWith('..'));
const keySelector = fc.record({ name: dnsSubdomain(60), key: configMapKey, optional: fc.boolean() }, { requiredKeys: ['name', 'key'] });

/** A `valueFrom` with one source; divisors are written canonically, as the API server stores them. */
const valueFrom: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  keySelector.map((secretKeyRef) => ({ secretKeyRef })),
  keySelector.map((configMapKeyRef) => ({ configMapKeyRef })),
  fc
    .constantFrom('metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.podIP', 'status.podIPs', "metadata.labels['app']", "metadata.annotations['example.com/x']")
    .chain((fieldPath) => fc.constantFrom({ fieldPath }, { fieldPath, apiVersion: 'v1' }))
    .map((fieldRef) => ({ fieldRef })),
  fc
    .oneof(
      fc.record({ resource: fc.constantFrom('limits.cpu', 'requests.cpu'), divisor: fc.constantFrom('1m', '1') }, { requiredKeys: ['resource'] }),
      fc.record({ resource: fc.constantFrom('limits.memory', 'requests.ephemeral-storage'), divisor: fc.constantFrom('1', '1Ki', '1Mi', '1G') }, { requiredKeys: ['resource'] }),
    )
    .map((resourceFieldRef) => ({ resourceFieldRef })),
);

/** An `env` entry: a literal value, or (a third of the time) a `valueFrom`. */
export const envEntry = (options: FuzzOptions) =>
  fc.oneof({ weight: 2, arbitrary: fc.record({ name: envName(options), value: anyString }) }, { weight: 1, arbitrary: fc.record({ name: envName(options), valueFrom }) });

/** `env-from`: 1–3 ConfigMaps or Secrets, some with a prefix. */
export const envFromField = (options: FuzzOptions) =>
  fc.array(
    fc.tuple(fc.constantFrom('configMapRef', 'secretRef'), fc.record({ name: dnsSubdomain(60), optional: fc.boolean() }, { requiredKeys: ['name'] }), opt(envName(options))).map(
      ([ref, source, prefix]) => ({ [ref]: source, ...(prefix === undefined ? {} : { prefix }) }),
    ),
    { minLength: 1, maxLength: 3 },
  );

/** Keys under prefixes of their own, so that they never meet a selector label, the portal prefix or the Argo CD sync options. */
const annotations = fc.dictionary(dnsLabel(20).map((k) => `annotations.fuzz.example/${k}`), anyString, { minKeys: 1, maxKeys: 3, noNullPrototype: true });
const podLabels = fc.dictionary(dnsLabel(20).map((k) => `pod-labels.fuzz.example/${k}`), labelValue, { minKeys: 1, maxKeys: 3, noNullPrototype: true });

/** The pod and metadata fields every task may have. */
export const workloadCommonFields = (options: FuzzOptions) => ({
  'env-from': envFromField(options),
  args: fc.array(anyString, { minLength: 1, maxLength: 3 }),
  'service-account': dnsSubdomain(60),
  'priority-class-name': dnsSubdomain(60),
  'image-pull-secrets': fc.uniqueArray(dnsSubdomain(60), { minLength: 1, maxLength: 2 }),
  annotations,
  'pod-annotations': annotations,
  'pod-labels': podLabels,
});

const timing = {
  initialDelaySeconds: fc.integer({ min: 0, max: 600 }),
  timeoutSeconds: fc.integer({ min: 1, max: 60 }),
  periodSeconds: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  failureThreshold: fc.integer({ min: 1, max: 30 }),
};

/** A Probe object of any handler; named ports only when the container has one. */
const probeObject = (kind: 'readiness' | 'liveness' | 'startup', portName: string | undefined) => {
  const port = portName === undefined ? fc.integer({ min: 1, max: 65535 }) : fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constant(portName));
  const handler = fc.oneof(
    fc.record({ path: anyString.map((s) => `/${s}`), port, scheme: fc.constantFrom('HTTP', 'HTTPS'), httpHeaders: fc.constant([{ name: 'X-Probe', value: 'yes' }]) }, { requiredKeys: ['port'] }).map((httpGet) => ({ httpGet })),
    fc.record({ port }).map((tcpSocket) => ({ tcpSocket })),
    fc.array(anyString, { minLength: 1, maxLength: 3 }).map((command) => ({ exec: { command } })),
    fc.record({ port: fc.integer({ min: 1, max: 65535 }), service: fc.constantFrom('health', 'grpc.health.v1.Health') }, { requiredKeys: ['port'] }).map((grpc) => ({ grpc })),
  );
  const extra: Record<string, fc.Arbitrary<number>> =
    kind === 'readiness' ? { successThreshold: fc.integer({ min: 1, max: 5 }) } : { terminationGracePeriodSeconds: fc.integer({ min: 1, max: 3600 }) };
  return fc.tuple(handler, fc.record({ ...timing, ...extra }, { requiredKeys: [] })).map(([h, t]) => ({ ...h, ...t }));
};

/** The probes of a deployment (`portName` undefined) or a service: Probe objects, or for a service the "/path" shorthand. */
export const probeFields = (portName: string | undefined) =>
  fc.record(
    Object.fromEntries(
      (['readiness', 'liveness', 'startup'] as const).map((kind) => [
        `${kind}-probe`,
        portName === undefined ? probeObject(kind, undefined) : fc.oneof(anyString.map((s) => `/${s}`), probeObject(kind, portName)),
      ]),
    ) as Record<string, fc.Arbitrary<unknown>>,
    { requiredKeys: [] },
  );

/** `backoff-limit` and `active-deadline-seconds`, for a job or cron job. */
export const jobFields = fc.record(
  { 'backoff-limit': fc.integer({ min: 0, max: 2 ** 31 - 1 }), 'active-deadline-seconds': fc.oneof(fc.integer({ min: 1, max: 86400 }), fc.constant(Number.MAX_SAFE_INTEGER)) },
  { requiredKeys: [] },
);

/** The CronJob fields. */
export const cronJobFields = fc.record(
  {
    'concurrency-policy': fc.constantFrom('Allow', 'Forbid', 'Replace'),
    suspend: fc.boolean(),
    'starting-deadline-seconds': fc.integer({ min: 0, max: 2 ** 40 }),
    'successful-jobs-history-limit': fc.integer({ min: 0, max: 100 }),
    'failed-jobs-history-limit': fc.integer({ min: 0, max: 100 }),
    'time-zone': fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Etc/GMT+5', 'US/Eastern'),
  },
  { requiredKeys: [] },
);
