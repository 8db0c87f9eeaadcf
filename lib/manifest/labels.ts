import type { Result } from '../validation/result';
import { checkLabelValue, checkQualifiedName, checkRenderableKey } from '../validation/kubernetes-names';

/**
 * Parses the manifest's `labels` string: `key:value` pairs joined by `,`
 * (`"app:etl,team:data"`). Spaces around keys and values are ignored.
 */
export function parseLabels(input: string): Result<Record<string, string>> {
  const labels: Record<string, string> = {};
  for (const pair of input.split(',')) {
    const colon = pair.indexOf(':');
    if (pair.trim() === '') return fail(input, 'has an empty pair (a stray ",")');
    if (colon === -1) return fail(input, `pair ${JSON.stringify(pair.trim())} has no ":" (write key:value)`);
    const key = pair.slice(0, colon).trim();
    const value = pair.slice(colon + 1).trim();
    const badKey = checkQualifiedName(key) ?? checkRenderableKey(key);
    if (badKey !== undefined) return fail(input, `key ${JSON.stringify(key)} ${badKey}`);
    const badValue = checkLabelValue(value);
    if (badValue !== undefined) return fail(input, `value ${JSON.stringify(value)} of "${key}" ${badValue}`);
    if (Object.hasOwn(labels, key)) return fail(input, `key ${JSON.stringify(key)} is given twice`);
    labels[key] = value;
  }
  return { ok: true, value: labels };
}

function fail(input: string, reason: string): Result<never> {
  return { ok: false, message: `${JSON.stringify(input)} is not a list of labels: ${reason}` };
}
