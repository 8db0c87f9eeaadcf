import type { Cause, FieldPath } from './cause';
import { type Route, routeAddress, routeAudience, rewriteText, timeoutText } from './route';

/**
 * The routes of all tasks, by address (`routeAddress`), at the base and in
 * the working tree: a route one task gives up may be published by another
 * (a renamed task, a prefix moved between tasks), and then it does not answer 404.
 */
export interface RoutesElsewhere {
  readonly base: (address: string) => Route | undefined;
  readonly head: (address: string) => Route | undefined;
}

const NOWHERE: RoutesElsewhere = { base: () => undefined, head: () => undefined };

/**
 * What changes for a published route, in words. Exposure changes (a new or
 * removed prefix or host, public ↔ private, another access group) are
 * flagged as `exposure`; the rest (target, rewrite, timeout, cookie
 * affinity) are plain changes. `acrossEnvironments`: the two routes are one
 * task's in two environments (`compare`), so another address is said as
 * such (`Mapping host: …`), not as a route that stops answering.
 */
export function routeChanges(before: Route | undefined, after: Route | undefined, elsewhere: RoutesElsewhere = NOWHERE, acrossEnvironments = false): Cause[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) {
    const taken = elsewhere.base(routeAddress(after!));
    const from = taken === undefined ? '' : ` (it went to ${taken.service}, ${routeAudience(taken)})`;
    return [exposure('new route', `new published route ${routeAddress(after!)} → ${after!.service}, ${routeAudience(after!)}${from}`, ['published', 'prefix'])];
  }
  if (after === undefined) {
    return [exposure('removed route', `published route ${routeAddress(before)} removed (was ${routeAudience(before)}): ${afterRemoval(routeAddress(before), elsewhere)}`, ['published'])];
  }
  const out: Cause[] = [];
  const was = routeAddress(before);
  const now = routeAddress(after);
  if (was !== now && acrossEnvironments) {
    if (before.hostname !== after.hostname) out.push(exposure('route host', `Mapping host: ${before.hostname} → ${after.hostname}`));
    if (before.prefix !== after.prefix) out.push(exposure('route prefix', `Mapping prefix: ${before.prefix} → ${after.prefix}`, ['published', 'prefix']));
  } else if (was !== now) {
    const field: FieldPath | undefined = before.prefix !== after.prefix ? ['published', 'prefix'] : undefined;
    const other = elsewhere.head(was);
    const gone = other === undefined ? 'is no longer routed and will answer 404' : `goes to ${other.service} instead (${routeAudience(other)})`;
    out.push(exposure('new route', `new published route ${now} (${routeAudience(after)}); ${was} ${gone}`, field));
  }
  if (before.public !== after.public) {
    out.push(
      after.public
        ? exposure('public', `route ${now} becomes PUBLIC: bypass_auth skips the AuthService, anyone who reaches the gateway can call it (was ${routeAudience(before)})`, ['published', 'bypass_auth'])
        : exposure('private', `route ${now} becomes private: ${routeAudience(after)} (was PUBLIC)`, ['published', 'bypass_auth']),
    );
  } else if (!after.public && before.access !== after.access) {
    out.push(exposure('access group', `route ${now}: ${routeAudience(before)} → ${routeAudience(after)}`, ['published', 'access']));
  }
  // container-port is the cause only when the port differs: `web.data-dev:8080 → web.data:8080` is the namespace (a setting, or `namespace`).
  const port = (service: string) => service.slice(service.lastIndexOf(':') + 1);
  if (before.service !== after.service) out.push(change('route target', `route ${now} target: ${before.service} → ${after.service}`, port(before.service) === port(after.service) ? undefined : ['container-port']));
  if (before.rewrite !== after.rewrite) out.push(change('rewrite', `route ${now} rewrite: ${rewriteText(before.rewrite)} → ${rewriteText(after.rewrite)}`, ['published', 'rewrite']));
  if (before.timeoutMs !== after.timeoutMs) out.push(change('timeout', `route ${now} timeout: ${timeoutText(before.timeoutMs)} → ${timeoutText(after.timeoutMs)}`, ['published', 'timeout_ms']));
  if (before.sticky !== after.sticky) out.push(change('sticky sessions', `route ${now} sticky sessions: ${onOff(before.sticky)} → ${onOff(after.sticky)}`, ['published', 'sticky_sessions']));
  return out;
}

/** Mapping fields `routeChanges` describes (the rest is reported by path). */
export const ROUTE_FIELDS = [
  'spec.hostname',
  'spec.host',
  'spec.prefix',
  'spec.service',
  'spec.rewrite',
  'spec.timeout_ms',
  'spec.bypass_auth',
  'spec.auth_context_extensions',
  'spec.load_balancer',
  // written with sticky sessions, described with them
  'spec.resolver',
] as const;

/** What a route's address answers once this task no longer publishes it: another task's service, or 404. */
function afterRemoval(address: string, elsewhere: RoutesElsewhere): string {
  const other = elsewhere.head(address);
  return other === undefined ? 'it will answer 404' : `it goes to ${other.service} instead (${routeAudience(other)})`;
}

function exposure(aspect: string, message: string, field?: FieldPath): Cause {
  return { kind: 'exposure', aspect, message, field };
}

function change(aspect: string, message: string, field?: FieldPath): Cause {
  return { kind: 'change', aspect, message, field };
}

function onOff(on: boolean): string {
  return on ? 'on' : 'off';
}
