import * as z from '../zod';
import { checkCronSchedule } from '../validation/cron';
import { parseImageReference } from '../validation/image';
import { checkLabelValue, checkQualifiedName, checkRenderableKey } from '../validation/kubernetes-names';
import { parseQuantity, type Quantity } from '../validation/quantity';
import type { Result } from '../validation/result';
import { parseLabels } from './labels';
import { checkedString, nameString } from './zod-helpers';

/** A string parsed by `parse`; the output is the parsed value. */
function parsedString<T>(parse: (value: string) => Result<T>) {
  return z.string().transform((value, ctx) => {
    const result = parse(value);
    if (!result.ok) {
      ctx.addIssue(result.message);
      return z.NEVER;
    }
    return result.value;
  });
}

/** `"app:etl,team:data"` → `{ app: "etl", team: "data" }`. */
export const labelsField = parsedString(parseLabels);

/** A Kubernetes quantity, canonicalized. */
export const quantityField = parsedString<Quantity>(parseQuantity);

/** A container image reference. */
export const imageField = checkedString((value) => {
  const result = parseImageReference(value);
  return result.ok ? undefined : result.message;
});

/** A CronJob schedule. */
export const scheduleField = checkedString(checkCronSchedule);

/** `node-selector`: node label key → value. */
export const nodeSelectorField = z.record(nameString((k) => checkQualifiedName(k) ?? checkRenderableKey(k)), nameString(checkLabelValue));
