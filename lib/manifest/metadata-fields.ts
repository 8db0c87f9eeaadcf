/**
 * `annotations`, `pod-annotations` and `pod-labels`, checked as the API
 * server checks object metadata (apimachinery pkg/api/validation
 * `ValidateAnnotations`: each key a qualified name, checked in lower case,
 * and all keys and values together at most 256 KiB; `ValidateLabels`).
 */
import * as z from '../zod';
import { checkLabelValue, checkQualifiedName, checkRenderableKey } from '../validation/kubernetes-names';
import { TOTAL_ANNOTATION_SIZE_LIMIT } from '../validation/object-limits';
import { nameString } from './zod-helpers';

/** `TotalAnnotationSizeLimitB`: the most bytes all annotation keys and values of one object may take. */
export const MAX_ANNOTATIONS_BYTES = TOTAL_ANNOTATION_SIZE_LIMIT;

const annotationKey = nameString((key) => checkQualifiedName(key.toLowerCase()) ?? checkRenderableKey(key));

/** The bytes annotations take, as the API server counts them: every key and value in UTF-8. */
export function annotationBytes(annotations: Readonly<Record<string, string>>): number {
  return Object.entries(annotations).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
}

/** An annotations map: qualified-name keys, string values, at most 256 KiB in all. */
export const annotationsField = z.record(annotationKey, z.string()).superRefine((annotations, ctx) => {
  const bytes = annotationBytes(annotations);
  if (bytes > MAX_ANNOTATIONS_BYTES) {
    ctx.addIssue(`take ${bytes} bytes; the API server allows at most ${MAX_ANNOTATIONS_BYTES} (256 KiB) of annotations per object`);
  }
});

/** A labels map, as `node-selector` and Kubernetes `metadata.labels`. */
export const labelsMapField = z.record(nameString((k) => checkQualifiedName(k) ?? checkRenderableKey(k)), nameString(checkLabelValue));
