/**
 * `published`: how a service is exposed through Emissary-ingress (a
 * Mapping) and shown on the portal.
 */
import * as z from '../../zod';
import type { Published } from '../../model';
import { checkPrefixDotSegments, checkRoutePath } from '../../validation/route-path';
import { MATERIAL_ICON_OR_URL_SCHEMA } from '../json-schema-patterns';
import { always, checkedString } from '../zod-helpers';
import type { LikelyMistake, Mistakes } from './field';

const MATERIAL_ICON = /^[a-z0-9_]+$/;

/** Defaults of the `published` keys, from the manifest format. */
export const PUBLISHED_DEFAULTS = {
  timeoutMs: 6000,
  bypassAuth: false,
  stickySessions: false,
  icon: 'import_contacts',
  visible: true,
} as const;

/** The `published` object of a service: Emissary Mapping fields and portal settings. */
const publishedSchema = z
  .strictObject({
    access: z.string().min(1).optional().meta({
      description: 'String. The group you wish to give your application access to. Required unless "bypass_auth" is true (and ignored then).',
    }),
    prefix: checkedString((p) => (p.startsWith('/') ? (checkRoutePath(p) ?? checkPrefixDotSegments(p)) : `must start with "/" (found ${JSON.stringify(p)})`)).meta({
      description:
        'String, required. The URL prefix your application will be set with; it starts with "/" (for example "/app/"). ' +
        'It is a plain string prefix: "/app" would also match "/apps", so end it with "/".',
      pattern: '^/',
      patternErrorMessage: 'must start with "/"',
    }),
    // Envoy's prefix_rewrite replaces the matched prefix: "" keeps the path (Emissary then writes no rewrite).
    rewrite: checkedString((r) => (r === '' || r.startsWith('/') ? checkRoutePath(r) : `must be "" (no rewrite) or start with "/" (found ${JSON.stringify(r)}): it replaces the matched prefix, so the service would receive paths such as ${JSON.stringify(`${r}page`)}; did you mean ${JSON.stringify(`/${r}`)}?`)).optional().meta({
      description:
        'String, not required. Rewrites the URL prefix before handing the request off to the service: the matched prefix is replaced by it. ' +
        'Not set keeps Emissary\'s default ("/"); "" disables rewriting.',
    }),
    // Envoy reads a route timeout of 0 as "no timeout"; this tool's rule is that every route has one.
    timeout_ms: z
      .int()
      .min(1, {
        error: (iss) =>
          iss.input === 0
            ? 'is 0, which turns the gateway\'s timeout off (Envoy reads a 0 route timeout as "never time out"); this tool requires a timeout: give milliseconds, e.g. 6000 (the default)'
            : undefined,
      })
      .max(2 ** 31 - 1)
      .default(PUBLISHED_DEFAULTS.timeoutMs)
      .meta({ description: 'Int, not required, default 6000. The timeout, in milliseconds, for requests through this service.' }),
    sticky_sessions: z.boolean().default(PUBLISHED_DEFAULTS.stickySessions).meta({
      description:
        'Boolean, not required, default false. If your service has several replicas, users will always fall back on the same pods ' +
        '(through a session cookie the gateway sets).',
    }),
    bypass_auth: z.boolean().default(PUBLISHED_DEFAULTS.bypassAuth).meta({
      description: 'Boolean, not required, default false. If set to true, your service will be deployed with public access.',
    }),
    displayed_name: z.string().min(1).max(253).optional().meta({
      description: 'String, not required, default: the real name of the service (its "name"). The name of the service that will be displayed on the portal.',
    }),
    icon: z
      .string()
      .max(2048)
      .refine((icon) => MATERIAL_ICON.test(icon) || /^https?:\/\/[^\s]+$/.test(icon), {
        error: (iss) => `expected a Material icon name (such as "import_contacts") or an http(s) URL, found ${JSON.stringify(iss.input)}`,
      })
      .default(PUBLISHED_DEFAULTS.icon)
      .meta({
        description: 'String, not required, default "import_contacts". The name of the Material icon to be used, or the http(s) link to a custom icon.',
        ...MATERIAL_ICON_OR_URL_SCHEMA,
      }),
    visible: z.boolean().default(PUBLISHED_DEFAULTS.visible).meta({ description: 'Boolean, not required, default true. Whether the deployed service is visible on the portal.' }),
  })
  .superRefine(
    (p, ctx) => {
      // Runs even when other keys are invalid (every error in one run), so reads them defensively.
      if (typeof p !== 'object' || p === null || Array.isArray(p)) return;
      if (p.access === undefined && (p as { bypass_auth?: unknown }).bypass_auth !== true) {
        ctx.addIssue({ code: 'custom', path: ['access'], message: 'is required unless "bypass_auth" is true (the group given access to the service)' });
      }
      // The sticky cookie's Path attribute is the prefix; a ";" would end it (RFC 6265 path-value).
      if ((p as { sticky_sessions?: unknown }).sticky_sessions === true && typeof p.prefix === 'string' && p.prefix.includes(';')) {
        ctx.addIssue({ code: 'custom', path: ['prefix'], message: `${JSON.stringify(p.prefix)} contains ";", which cannot be the Path of the sticky-session cookie (it would end the attribute); write it percent-encoded ("%3B") or turn sticky_sessions off` });
      }
    },
    always,
  )
  .meta({ if: { properties: { bypass_auth: { const: true } }, required: ['bypass_auth'] }, else: { required: ['access'] } });

export const publishedFields = {
  published: publishedSchema.optional().meta({
    description:
      'Dict, for a service. Used to configure an exposed service (an Emissary-ingress Mapping). ' +
      'If you want to create a non-exposed service, leave the "published" key empty ({}) or leave it out.',
    examples: [{ prefix: '/orders/', access: 'data-team', sticky_sessions: true }],
  }),
};

export const publishedAppliesTo = { published: ['service'] } as const;

/** The model of `published`, with the task's name as the default displayed name. */
export function toPublished(p: z.output<typeof publishedSchema> | undefined, taskName: string): Published | undefined {
  if (p === undefined) return undefined;
  return {
    prefix: p.prefix,
    rewrite: p.rewrite,
    timeoutMs: p.timeout_ms,
    bypassAuth: p.bypass_auth,
    access: p.access,
    stickySessions: p.sticky_sessions,
    displayedName: p.displayed_name ?? taskName,
    icon: p.icon,
    visible: p.visible,
  };
}

/**
 * Envoy's HttpConnectionManager `stream_idle_timeout` default (5 minutes;
 * envoy/extensions/filters/network/http_connection_manager/v3): a stream
 * that sends nothing that long is reset, whatever the route timeout. Only a
 * Mapping's `idle_timeout_ms` (the route's `idle_timeout`) overrides it.
 */
const ENVOY_STREAM_IDLE_TIMEOUT_MS = 300_000;

function formatMinutes(ms: number): string {
  const minutes = ms / 60_000;
  return `${Number.isInteger(minutes) ? minutes : minutes.toFixed(1)} minutes`;
}

/** A prefix or rewrite that glues or spills path segments; a timeout in seconds, or beyond Envoy's stream idle timeout. */
export const publishedMistakes: Mistakes = (task) => {
  if (task.kind !== 'service' || task.published === undefined) return [];
  const { prefix, rewrite, timeoutMs } = task.published;
  const out: LikelyMistake[] = [];
  const routing = checkPrefixAndRewrite(prefix, rewrite);
  if (routing !== undefined) out.push({ path: ['published', routing.field], message: routing.message });
  if (timeoutMs < 1000) {
    const seconds = timeoutMs * 1000 <= 2 ** 31 - 1 ? `; if you meant ${timeoutMs} seconds, write ${timeoutMs * 1000}` : '';
    out.push({ path: ['published', 'timeout_ms'], message: `${timeoutMs} is in milliseconds: requests through the gateway fail after ${timeoutMs} ms, less than a second${seconds}` });
  }
  if (timeoutMs > ENVOY_STREAM_IDLE_TIMEOUT_MS) {
    out.push({
      path: ['published', 'timeout_ms'],
      message:
        `${timeoutMs} ms is longer than Envoy's stream idle timeout, 300000 ms (the HTTP connection manager's stream_idle_timeout, which Emissary's listener leaves at its default): ` +
        `a response that sends nothing for 5 minutes is cut then, not after ${formatMinutes(timeoutMs)}; keep the response sending within 5 minutes, ` +
        `or give the Mapping an idle_timeout_ms of at least ${timeoutMs} with a platform hook (see emissary-ingress/emissary#4789)`,
    });
  }
  return out;
};

/**
 * Emissary's prefix is a plain string prefix (Envoy `match.prefix`), and its
 * default rewrite "/" replaces exactly the matched prefix
 * (`route.prefix_rewrite`): "/shop" also matches "/shopping", and turns
 * "/shop/cart" into "//cart". A prefix ending in "/" with a rewrite that
 * does not (or the reverse) glues path segments together.
 */
function checkPrefixAndRewrite(prefix: string, rewrite: string | undefined): { field: string; message: string } | undefined {
  const effective = rewrite ?? '/';
  if (!prefix.endsWith('/')) {
    const longer = `${prefix}${/[0-9]$/.test(prefix) ? '0' : 's'}`;
    const glued = effective === '' ? '' : `, and the rewrite ${JSON.stringify(effective)}${rewrite === undefined ? " (Emissary's default)" : ''} turns "${prefix}/page" into ${JSON.stringify(`${effective}/page`)}`;
    return {
      field: 'prefix',
      message: `${JSON.stringify(prefix)} is matched as a plain string prefix, so it also matches ${JSON.stringify(longer)}${glued}; did you mean ${JSON.stringify(`${prefix}/`)}?`,
    };
  }
  if (effective !== '' && !effective.endsWith('/')) {
    return {
      field: 'rewrite',
      message: `${JSON.stringify(effective)} replaces the prefix ${JSON.stringify(prefix)} including its final "/", so "${prefix}page" reaches the service as ${JSON.stringify(`${effective}page`)}; did you mean ${JSON.stringify(`${effective}/`)}?`,
    };
  }
  return undefined;
}
