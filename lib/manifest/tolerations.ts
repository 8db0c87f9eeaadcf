import * as z from '../zod';
import type { Toleration } from '../model';
import { checkLabelValue, checkQualifiedName } from '../validation/kubernetes-names';
import { always, nameString } from './zod-helpers';

/** One pod toleration, checked as the API server checks it. */
export const tolerationSchema = z
  .strictObject({
    // An empty key (with Exists) matches every taint, as Kubernetes allows.
    key: nameString((k) => (k === '' ? undefined : checkQualifiedName(k))).optional(),
    // "" is Kubernetes' own empty value: Equal for operator, every effect for effect.
    operator: z.enum(['', 'Exists', 'Equal']).optional(),
    value: nameString(checkLabelValue).optional(),
    effect: z.enum(['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
    tolerationSeconds: z.int().optional(),
  })
  .superRefine((t, ctx) => {
    // Runs even when a field is invalid (`always`); each rule reads only what it compares.
    if (typeof t !== 'object' || t === null || Array.isArray(t)) return;
    if ((t.key === undefined || t.key === '') && t.operator !== 'Exists') {
      ctx.addIssue({ code: 'custom', path: ['operator'], message: 'must be "Exists" when "key" is empty (it then matches every taint)' });
    }
    if (t.operator === 'Exists' && (t.value ?? '') !== '') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be empty when "operator" is "Exists"' });
    }
    if (typeof t.tolerationSeconds === 'number' && t.effect !== 'NoExecute') {
      ctx.addIssue({ code: 'custom', path: ['tolerationSeconds'], message: 'only applies when "effect" is "NoExecute"' });
    }
  }, always);

/** The model of one toleration: the manifest's own object, validated. */
export function toToleration(t: z.output<typeof tolerationSchema>): Toleration {
  // "" is what the API server stores as absent (omitempty strings).
  const orUndefined = <T extends string>(value: T | '' | undefined): T | undefined => (value === '' ? undefined : value);
  return { ...t, key: orUndefined(t.key), operator: orUndefined(t.operator), value: orUndefined(t.value), effect: orUndefined(t.effect) };
}
