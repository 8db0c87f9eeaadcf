/**
 * Mutations of a manifest's JSON text (truncation, BOM, duplicate key, CRLF,
 * raw surrogates, splices); hostileCaseArbitrary (hostile-case.ts) applies them.
 */
import * as fc from 'fast-check';

export type TextMutation =
  | { readonly kind: 'none' }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'bom' }
  | { readonly kind: 'duplicate-key'; readonly pick: number }
  | { readonly kind: 'crlf' }
  | { readonly kind: 'raw-surrogates' }
  | { readonly kind: 'splice'; readonly at: number; readonly insert: string };

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate-key' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crlf' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'raw-surrogates' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), insert: fc.oneof(fc.string({ unit: 'binary', maxLength: 5 }), fc.constantFrom(',', '}', ']', '"', ':', '//', '/*', 'null', '\\')) }) },
);

/** Compact `JSON.stringify`, but the `pick`-th non-empty object writes its first key twice. */
export function stringifyWithDuplicateKey(value: unknown, pick: number): { text: string; duplicated: boolean } {
  let count = 0;
  const objects: unknown[] = [];
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (typeof v === 'object' && v !== null) {
      if (Object.keys(v).length > 0) objects.push(v);
      Object.values(v).forEach(collect);
    }
  };
  collect(value);
  if (objects.length === 0) return { text: JSON.stringify(value), duplicated: false };
  const target = objects[pick % objects.length];
  const write = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
    if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`);
      if (v === target) {
        count++;
        entries.push(entries[0]);
      }
      return `{${entries.join(',')}}`;
    }
    return JSON.stringify(v);
  };
  const text = write(value);
  return { text, duplicated: count === 1 };
}
