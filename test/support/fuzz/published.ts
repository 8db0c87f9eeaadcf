/** The manifest's `published` field (the Mapping of a published service). */
import * as fc from 'fast-check';
import { anyString, DIGITS, LOWER, nonEmpty, str } from './strings';

const materialIcon = str(LOWER + DIGITS + '_', 1, 20);
const iconUrl = fc
  .tuple(fc.constantFrom('http://', 'https://'), nonEmpty(fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/\s/g, ''))))
  .map(([scheme, rest]) => scheme + rest);

/** The arbitrary of each `published` key. */
const publishedKeys = {
  access: nonEmpty(anyString),
  prefix: anyString.map((s) => `/${s}`),
  rewrite: anyString,
  timeout_ms: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  sticky_sessions: fc.boolean(),
  bypass_auth: fc.boolean(),
  displayed_name: nonEmpty(anyString).filter((s) => s.length <= 253),
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
