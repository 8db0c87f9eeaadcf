/** The manifest's `published` field (the Mapping of a published service). */
import * as fc from 'fast-check';
import { applyableString, DIGITS, LOWER, nonEmpty, str, UPPER } from './strings';

const materialIcon = str(LOWER + DIGITS + '_', 1, 20);

/**
 * A URL path as a request carries it (RFC 3986 pchar and "/", "?",
 * percent-encoded bytes), which Envoy can match: Mapping prefixes and rewrites.
 */
const routePath: fc.Arbitrary<string> = fc
  .array(fc.oneof(str(LOWER + UPPER + DIGITS + "-._~!$&'()*+,=:@", 1, 8), fc.constantFrom('%20', '%C3%A9', '%2F', '?x=1', '')), { maxLength: 4 })
  .chain((parts) => fc.constantFrom(`/${parts.join('/')}`, `/${parts.join('/')}/`))
  .map((p) => p.replace(/\/\/$/, '/'));
const iconUrl = fc
  .tuple(fc.constantFrom('http://', 'https://'), nonEmpty(fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/\s/g, ''))))
  .map(([scheme, rest]) => scheme + rest);

/** The arbitrary of each `published` key. */
const publishedKeys = {
  access: nonEmpty(applyableString),
  // Clients remove dot segments (RFC 3986 5.2.4), so a prefix holding one never matches and is refused.
  prefix: routePath.filter((p) => !p.split('/').some((s) => s === '.' || s === '..')),
  rewrite: fc.oneof(fc.constant(''), routePath),
  timeout_ms: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  sticky_sessions: fc.boolean(),
  bypass_auth: fc.boolean(),
  displayed_name: nonEmpty(applyableString).filter((s) => s.length <= 253),
  icon: fc.oneof(materialIcon, iconUrl),
  visible: fc.boolean(),
};

/** `published`: every key, each optional (access is required unless bypass_auth). */
export const publishedField: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    { ...publishedKeys, icon: fc.oneof(materialIcon, iconUrl, fc.constantFrom('import_contacts', 'yes', 'null', '0755')) },
    { requiredKeys: ['prefix'] },
  )
  .filter((p) => p.access !== undefined || p.bypass_auth === true);

/** `published` with all nine keys present. */
export const fullPublishedField: fc.Arbitrary<Record<string, unknown>> = fc.record(publishedKeys);
