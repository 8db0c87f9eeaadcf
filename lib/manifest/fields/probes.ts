/**
 * `readiness-probe`, `liveness-probe` and `startup-probe`: a Kubernetes Probe
 * object, or for a service the shorthand `"/healthz"` (an `httpGet` on that
 * path at the `name-port` port). Checked as the API server checks probes
 * (kubernetes pkg/apis/core/validation: `validateProbe`, `validateHandler`,
 * `validateHTTPGetAction`, `ValidatePortNumOrName`, and in
 * `validateContainers` the rules per kind), and stricter where the server
 * would store something else than the file says: its defaulting turns a `0`
 * timeout, period or threshold into 1, 10, 1 or 3 (pkg/apis/core/v1
 * `SetDefaults_Probe`), so those must be at least 1.
 */
import * as z from '../../zod';
import type { Probe, Probes } from '../../model';
import { checkIanaSvcName } from '../../validation/kubernetes-names';
import { IANA_SVC_NAME_SCHEMA } from '../json-schema-patterns';
import { checkedString, exactlyOneOf, isObjectPayload, nameString } from '../zod-helpers';
import { type FieldRule, type Mistakes, manifestType } from './field';

/** The manifest field of each probe, by the model's name. */
export const PROBE_FIELDS = { readiness: 'readiness-probe', liveness: 'liveness-probe', startup: 'startup-probe' } as const;

export type ProbeKind = keyof typeof PROBE_FIELDS;

/** The probe handlers, exactly one of which a probe has. */
export const PROBE_HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'] as const;

const INT32_MAX = 2 ** 31 - 1;
const seconds = (min: number) => z.int().min(min).max(INT32_MAX);

/** A port: a number 1–65535 or an IANA service name (`ValidatePortNumOrName`). */
const port = z.union([z.int().min(1).max(65535), nameString(checkIanaSvcName).meta(IANA_SVC_NAME_SCHEMA)]);

const checkAbsolutePath = (p: string) => (p.startsWith('/') ? undefined : `must be an absolute path starting with "/" (found ${JSON.stringify(p)})`);
const absolutePath = checkedString(checkAbsolutePath).meta({ pattern: '^/', patternErrorMessage: 'must be an absolute path (start with "/")' });
/** The `"/healthz"` shorthand; "" is the empty value (not set), anything else an absolute path. */
const shorthand = checkedString(checkAbsolutePath).meta({ pattern: '^(/|$)', patternErrorMessage: 'must be an absolute path, such as "/healthz"' });
const notEmpty = z.string().min(1);

/** An HTTP header name: an RFC 7230 token (apimachinery `IsHTTPHeaderName`). */
const headerName = checkedString((name) => (/^[-A-Za-z0-9!#$%&'*+.^_`|~]+$/.test(name) ? undefined : `${JSON.stringify(name)} is not an HTTP header name`));

const handlers = {
  httpGet: z.strictObject({
    path: absolutePath.optional(),
    port,
    host: notEmpty.optional(),
    scheme: z.enum(['HTTP', 'HTTPS']).optional(),
    httpHeaders: z.array(z.strictObject({ name: headerName, value: z.string() })).optional(),
  }),
  tcpSocket: z.strictObject({ port, host: notEmpty.optional() }),
  exec: z.strictObject({ command: z.array(z.string()).min(1) }),
  grpc: z.strictObject({ port: z.int().min(1).max(65535), service: notEmpty.optional() }),
};

function probeObject(kind: ProbeKind) {
  return z
    .strictObject({
      httpGet: handlers.httpGet.optional().meta({
        description: 'Handler: an HTTP GET; healthy on a status from 200 to 399. "port" (a number or the service\'s "name-port"), optional "path" (absolute), "host", "scheme" ("HTTP" or "HTTPS"), "httpHeaders".',
      }),
      tcpSocket: handlers.tcpSocket.optional().meta({
        description: 'Handler: healthy when a TCP connection to "port" (a number or the service\'s "name-port") opens; optional "host".',
      }),
      exec: handlers.exec.optional().meta({ description: 'Handler: runs "command" (a list of strings, not through a shell) in the container; healthy when it exits 0.' }),
      grpc: handlers.grpc.optional().meta({ description: 'Handler: the gRPC health checking protocol on "port" (a number); optional "service".' }),
      initialDelaySeconds: seconds(0).optional().meta({ description: 'Seconds after the container starts before the first probe (0 or more). Not set: 0.' }),
      timeoutSeconds: seconds(1).optional().meta({ description: 'Seconds after which a probe times out (1 or more). Not set: 1.' }),
      periodSeconds: seconds(1).optional().meta({ description: 'Seconds between probes (1 or more). Not set: 10.' }),
      successThreshold: seconds(1).optional().meta({
        description: 'Consecutive successes that count as healthy after a failure (1 or more; must be 1 for liveness and startup probes). Not set: 1.',
      }),
      failureThreshold: seconds(1).optional().meta({ description: 'Consecutive failures that count as unhealthy (1 or more). Not set: 3.' }),
      terminationGracePeriodSeconds: z.int().min(1).max(Number.MAX_SAFE_INTEGER).optional().meta({
        description: 'Liveness and startup probes only: seconds the container gets to stop after a failed probe (1 or more). Not set: the pod\'s.',
      }),
    })
    .superRefine(exactlyOneOf(PROBE_HANDLERS, 'handler'), { when: isObjectPayload })
    .meta({ oneOf: PROBE_HANDLERS.map((handler) => ({ required: [handler] })) })
    .superRefine((probe, ctx) => {
      if (kind !== 'readiness' && typeof probe.successThreshold === 'number' && probe.successThreshold !== 1) {
        ctx.addIssue({ code: 'custom', path: ['successThreshold'], message: `must be 1 for a ${kind} probe, found ${probe.successThreshold}` });
      }
      if (kind === 'readiness' && probe.terminationGracePeriodSeconds !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['terminationGracePeriodSeconds'], message: 'applies only to liveness and startup probes (a failed readiness probe does not restart the container)' });
      }
    }, { when: isObjectPayload });
}

/** A probe field: the `"/path"` shorthand (a service's only; see the type rules) or a Probe object. */
function probeField(kind: ProbeKind) {
  return z.union([shorthand, probeObject(kind)]);
}

export const probeFields = {
  'readiness-probe': probeField('readiness').optional().meta({
    description:
      'For a deployment or service; an extension. Kubernetes readinessProbe: a Probe object with exactly one of "httpGet", "tcpSocket", "exec" or "grpc", ' +
      'and optional timing ("initialDelaySeconds", "periodSeconds", "timeoutSeconds", "successThreshold", "failureThreshold"). ' +
      'For a service, a path such as "/healthz" is short for {"httpGet": {"path": "/healthz", "port": <name-port>}}. Not set: no probe.',
    examples: ['/healthz', { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 }],
  }),
  'liveness-probe': probeField('liveness').optional().meta({
    description:
      'For a deployment or service; an extension. Kubernetes livenessProbe (the container is restarted when it fails): a Probe object, ' +
      'or for a service a path such as "/healthz". "successThreshold" must be 1. Not set: no probe.',
    examples: ['/healthz', { tcpSocket: { port: 8080 }, initialDelaySeconds: 10 }],
  }),
  'startup-probe': probeField('startup').optional().meta({
    description:
      'For a deployment or service; an extension. Kubernetes startupProbe (other probes wait until it succeeds): a Probe object, ' +
      'or for a service a path such as "/healthz". "successThreshold" must be 1. Not set: no probe.',
    examples: [{ httpGet: { path: '/healthz', port: 8080 }, failureThreshold: 30, periodSeconds: 10 }],
  }),
};

export const probeAppliesTo = Object.fromEntries(Object.values(PROBE_FIELDS).map((field) => [field, ['deployment', 'service']]));

/** The `"/path"` shorthand probes `name-port`, which only a service has. */
const checkShorthand: FieldRule = (raw, _settings, ctx) => {
  if (manifestType(raw) !== 'deployment') return;
  for (const field of Object.values(PROBE_FIELDS)) {
    if (typeof raw[field] === 'string') {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `the "/path" shorthand is for a service (it probes "name-port"); on a deployment write a Probe object, such as {"httpGet": {"path": ${JSON.stringify(raw[field])}, "port": 8080}}`,
      });
    }
  }
};

/** A named port a probe refers to is the container's `name-port`. */
const checkPortNames: FieldRule = (raw, _settings, ctx) => {
  const portName = typeof raw['name-port'] === 'string' ? raw['name-port'] : undefined;
  for (const field of Object.values(PROBE_FIELDS)) {
    for (const { path, name } of probePortNames(raw[field])) {
      // An invalid name gets its own message from the field's schema.
      if (name === portName || checkIanaSvcName(name) !== undefined) continue;
      const declared = portName === undefined ? 'the container declares no named port; use a port number' : `the container declares only "${portName}" (name-port)`;
      ctx.addIssue({ code: 'custom', path: [field, ...path], message: `no port is named "${name}": ${declared}` });
    }
  }
};

export const probeRules: readonly FieldRule[] = [checkShorthand, checkPortNames];

/** A published service without a readiness probe. */
export const probeMistakes: Mistakes = (task) =>
  task.kind === 'service' && task.published !== undefined && task.probes?.readiness === undefined
    ? [
        {
          path: ['published'],
          message:
            'a published service without a readiness-probe gets requests as soon as its container starts, before the application listens; ' +
            'add "readiness-probe": "/healthz" (a path your application answers with a 2xx or 3xx status)',
        },
      ]
    : [];

type ProbeValues = z.output<z.ZodObject<typeof probeFields>>;

/** The model of the probe fields, with the shorthand resolved against `name-port`. */
export function toProbes(m: ProbeValues, portName: string | undefined): Probes {
  const probe = (value: ProbeValues['readiness-probe']) => (value === undefined ? undefined : toProbe(value, portName));
  return { readiness: probe(m['readiness-probe']), liveness: probe(m['liveness-probe']), startup: probe(m['startup-probe']) };
}

/**
 * The model of a probe: the shorthand becomes an `httpGet` on the service's
 * named port.
 * @param portName the service's `name-port`; a shorthand only passes validation with one
 */
function toProbe(value: string | z.output<ReturnType<typeof probeObject>>, portName: string | undefined): Probe {
  if (typeof value !== 'string') return value;
  if (portName === undefined) throw new Error('a probe shorthand without a port passed validation');
  return { httpGet: { path: value, port: portName } };
}

/** The named ports a probe refers to, with their paths below the probe field. */
function probePortNames(value: unknown): { readonly path: readonly (string | number)[]; readonly name: string }[] {
  if (typeof value !== 'object' || value === null) return [];
  const probe = value as Record<string, { port?: unknown } | undefined>;
  return (['httpGet', 'tcpSocket'] as const).flatMap((h) =>
    typeof probe[h]?.port === 'string' ? [{ path: [h, 'port'], name: probe[h].port as string }] : [],
  );
}
