import type { KubeObject } from './objects';

/**
 * A published route as Emissary-ingress serves it, read from a Mapping
 * (`getambassador.io` v2 or v3alpha1): who can reach what.
 */
export interface Route {
  readonly namespace: string;
  /** The Mapping's (and task's) name. */
  readonly name: string;
  /** `spec.hostname` (v3alpha1) or `spec.host` (v2); `*` (every host) when a v2 Mapping has none. */
  readonly hostname: string;
  readonly prefix: string;
  /** `<service>.<namespace>:<port>`, where requests go. */
  readonly service: string;
  /** `spec.rewrite`; absent means Emissary's default, `/`. `""` turns rewriting off. */
  readonly rewrite?: string;
  /** `spec.timeout_ms`; absent means Emissary's default, 3000 ms. */
  readonly timeoutMs?: number;
  /** `spec.bypass_auth: true`: the AuthService is skipped, anyone can call the route. */
  readonly public: boolean;
  /** `spec.auth_context_extensions.access`, the group the AuthService lets in. */
  readonly access?: string;
  /** Cookie affinity (`spec.load_balancer.cookie`). */
  readonly sticky: boolean;
}

/** Emissary's own defaults for fields a Mapping leaves out (Emissary Mapping reference). */
export const EMISSARY_DEFAULTS = { rewrite: '/', timeoutMs: 3000 } as const;

/** Whether `o` is an Emissary Mapping. */
export function isMapping(o: KubeObject): boolean {
  return o.kind === 'Mapping' && o.apiVersion.startsWith('getambassador.io/');
}

/** The route a Mapping publishes. */
export function routeOf(mapping: KubeObject): Route {
  const spec = (mapping.body.spec ?? {}) as Record<string, unknown>;
  const host = typeof spec.hostname === 'string' ? spec.hostname : typeof spec.host === 'string' ? spec.host : '*';
  const context = spec.auth_context_extensions as Record<string, unknown> | undefined;
  const balancer = spec.load_balancer as Record<string, unknown> | undefined;
  return {
    namespace: mapping.namespace,
    name: mapping.name,
    hostname: host,
    prefix: String(spec.prefix ?? ''),
    service: String(spec.service ?? ''),
    rewrite: typeof spec.rewrite === 'string' ? spec.rewrite : undefined,
    timeoutMs: typeof spec.timeout_ms === 'number' ? spec.timeout_ms : undefined,
    public: spec.bypass_auth === true,
    access: typeof context?.access === 'string' ? context.access : undefined,
    sticky: balancer?.cookie !== undefined,
  };
}

/** `/app/` on every host, `data.example.com/app/` on one. */
export function routeAddress(r: Pick<Route, 'hostname' | 'prefix'>): string {
  return r.hostname === '*' ? r.prefix : `${r.hostname}${r.prefix}`;
}

/** `PUBLIC` or `group dev`: who may call the route. */
export function routeAudience(r: Pick<Route, 'public' | 'access'>): string {
  if (r.public) return 'PUBLIC';
  return r.access === undefined ? 'any signed-in user (no access group)' : `access group ${r.access}`;
}

/** The rewrite Emissary applies, in words: `/` (default), `""` (off) or the value. */
export function rewriteText(rewrite: string | undefined): string {
  if (rewrite === undefined) return `${EMISSARY_DEFAULTS.rewrite} (default)`;
  return rewrite === '' ? 'off' : rewrite;
}

/** The timeout Emissary applies, in words. */
export function timeoutText(timeoutMs: number | undefined): string {
  return timeoutMs === undefined ? `${EMISSARY_DEFAULTS.timeoutMs} ms (default)` : `${timeoutMs} ms`;
}

/** Sorts routes by hostname, prefix, namespace and name. */
export function compareRoutes(a: Route, b: Route): number {
  for (const key of ['hostname', 'prefix', 'namespace', 'name'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  return 0;
}
