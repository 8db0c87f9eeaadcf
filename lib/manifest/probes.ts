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
import * as z from '../zod';
import type { Probe } from '../model';
import { checkIanaSvcName } from '../validation/kubernetes-names';
import { checkedString, exactlyOneOf, isObjectPayload, nameString } from './zod-helpers';

/** The manifest field of each probe, by the model's name. */
export const PROBE_FIELDS = { readiness: 'readiness-probe', liveness: 'liveness-probe', startup: 'startup-probe' } as const;

export type ProbeKind = keyof typeof PROBE_FIELDS;

/** The probe handlers, exactly one of which a probe has. */
export const PROBE_HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'] as const;

const INT32_MAX = 2 ** 31 - 1;
const seconds = (min: number) => z.int().min(min).max(INT32_MAX);

/** A port: a number 1–65535 or an IANA service name (`ValidatePortNumOrName`). */
const port = z.union([z.int().min(1).max(65535), nameString(checkIanaSvcName)]);

const absolutePath = checkedString((p) => (p.startsWith('/') ? undefined : `must be an absolute path starting with "/" (found ${JSON.stringify(p)})`));
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
      httpGet: handlers.httpGet.optional(),
      tcpSocket: handlers.tcpSocket.optional(),
      exec: handlers.exec.optional(),
      grpc: handlers.grpc.optional(),
      initialDelaySeconds: seconds(0).optional(),
      timeoutSeconds: seconds(1).optional(),
      periodSeconds: seconds(1).optional(),
      successThreshold: seconds(1).optional(),
      failureThreshold: seconds(1).optional(),
      terminationGracePeriodSeconds: z.int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    })
    .superRefine(exactlyOneOf(PROBE_HANDLERS, 'handler'), { when: isObjectPayload })
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
export function probeField(kind: ProbeKind) {
  return z.union([absolutePath, probeObject(kind)]);
}

/**
 * The model of a probe: the shorthand becomes an `httpGet` on the service's
 * named port.
 * @param portName the service's `name-port`; a shorthand only passes validation with one
 */
export function toProbe(value: string | z.output<ReturnType<typeof probeObject>>, portName: string | undefined): Probe {
  if (typeof value !== 'string') return value;
  if (portName === undefined) throw new Error('a probe shorthand without a port passed validation');
  return { httpGet: { path: value, port: portName } };
}

/** The named ports a probe refers to, with their paths below the probe field. */
export function probePortNames(value: unknown): { readonly path: readonly (string | number)[]; readonly name: string }[] {
  if (typeof value !== 'object' || value === null) return [];
  const probe = value as Record<string, { port?: unknown } | undefined>;
  return (['httpGet', 'tcpSocket'] as const).flatMap((h) =>
    typeof probe[h]?.port === 'string' ? [{ path: [h, 'port'], name: probe[h].port as string }] : [],
  );
}
