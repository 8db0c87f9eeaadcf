/** Manifest fields made of names: `labels`, `env` entries, `tolerations`, `node-selector`. */
import * as fc from 'fast-check';
import { labelValue, qualifiedName } from './names';
import type { FuzzOptions } from './options';

/** `labels`: 1–3 unique pairs as the manifest writes them (spaces around keys and values are allowed), and the map they mean. */
export const labelsField = (options: FuzzOptions = {}): fc.Arbitrary<{ text: string; labels: Record<string, string> }> =>
  fc
    .uniqueArray(fc.tuple(qualifiedName(options), labelValue), { minLength: 1, maxLength: 3, selector: ([k]) => k })
    .chain((pairs) =>
      fc.tuple(fc.constant(pairs), fc.array(fc.constantFrom('', '', '', ' ', '  ', '\t'), { minLength: pairs.length * 4, maxLength: pairs.length * 4 })),
    )
    .map(([pairs, pads]) => {
      const text = pairs.map(([k, v], i) => `${pads[4 * i]}${k}${pads[4 * i + 1]}:${pads[4 * i + 2]}${v}${pads[4 * i + 3]}`).join(',');
      return { text, labels: Object.fromEntries(pairs) };
    });

/** One toleration, in one of the combinations the API server accepts. */
export const toleration = (options: FuzzOptions = {}): fc.Arbitrary<Record<string, unknown>> => {
  const effect = fc.option(fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute'), { nil: undefined });
  const seconds = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });
  const withEffect = (base: fc.Arbitrary<Record<string, unknown>>) =>
    fc.tuple(base, effect, fc.option(seconds, { nil: undefined })).map(([t, e, s]) => ({
      ...t,
      ...(e === undefined ? {} : { effect: e }),
      ...(e === 'NoExecute' && s !== undefined ? { tolerationSeconds: s } : {}),
    }));
  return fc.oneof(
    withEffect(fc.constant({ operator: 'Exists' })),
    withEffect(fc.tuple(qualifiedName(options), fc.constantFrom<Record<string, unknown>>({}, { value: '' })).map(([key, v]) => ({ key, operator: 'Exists', ...v }))),
    withEffect(fc.tuple(qualifiedName(options), labelValue, fc.boolean()).map(([key, value, explicit]) => ({ key, ...(explicit ? { operator: 'Equal' } : {}), value }))),
  );
};

export const nodeSelector = (options: FuzzOptions) => fc.dictionary(qualifiedName(options), labelValue, { minKeys: 1, maxKeys: 3, noNullPrototype: true });
