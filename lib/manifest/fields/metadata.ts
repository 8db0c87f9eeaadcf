/**
 * `annotations`, `pod-annotations` and `pod-labels`, checked as the API
 * server checks object metadata (apimachinery pkg/api/validation
 * `ValidateAnnotations`: each key a qualified name, checked in lower case,
 * and all keys and values together at most 256 KiB; `ValidateLabels`), and
 * against what the tool and the API server set themselves.
 */
import * as z from '../../zod';
import { ARGOCD_REPLACE_ANNOTATION } from '../../constructs/argocd';
import { checkQualifiedName, checkRenderableKey } from '../../validation/kubernetes-names';
import { TOTAL_ANNOTATION_SIZE_LIMIT } from '../../validation/object-limits';
import { parseLabels } from '../labels';
import { nameString } from '../zod-helpers';
import { type FieldRule, stringMap } from './field';
import { labelsMapField } from './pod';
import { PUBLISHED_DEFAULTS } from './published';

/** `TotalAnnotationSizeLimitB`: the most bytes all annotation keys and values of one object may take. */
export const MAX_ANNOTATIONS_BYTES = TOTAL_ANNOTATION_SIZE_LIMIT;

const annotationKey = nameString((key) => checkQualifiedName(key.toLowerCase()) ?? checkRenderableKey(key));

/** The bytes annotations take, as the API server counts them: every key and value in UTF-8. */
export function annotationBytes(annotations: Readonly<Record<string, string>>): number {
  return Object.entries(annotations).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
}

/** An annotations map: qualified-name keys, string values, at most 256 KiB in all. */
const annotationsField = z.record(annotationKey, z.string()).superRefine((annotations, ctx) => {
  const bytes = annotationBytes(annotations);
  if (bytes > MAX_ANNOTATIONS_BYTES) {
    ctx.addIssue(`take ${bytes} bytes; the API server allows at most ${MAX_ANNOTATIONS_BYTES} (256 KiB) of annotations per object`);
  }
});

export const metadataFields = {
  annotations: annotationsField.default({}).meta({
    description:
      'Not required; an extension. Map of annotation key to string value, set on every Kubernetes object of the task (not on its pods: see "pod-annotations"). ' +
      'Keys follow Kubernetes annotation syntax; keys under the portal prefix ("portal.datatask.io/") are set from "published" and refused here.',
    examples: [{ 'team.example.com/owner': 'data-platform' }],
  }),
  'pod-annotations': annotationsField.default({}).meta({
    description: 'Not required; an extension. Map of annotation key to string value, set on the pods (pod template metadata.annotations).',
    examples: [{ 'prometheus.io/scrape': 'true' }],
  }),
  'pod-labels': labelsMapField.default({}).meta({
    description:
      'Not required; an extension. Extra labels of the pods only, beside "labels"; they are not part of any selector, so adding one never changes an immutable selector. ' +
      'A key of "labels" may not be given another value here.',
    examples: [{ 'app.kubernetes.io/version': '1.4.2' }],
  }),
};

/** The selector's labels: `labels` parsed (by its field), or parsed here; undefined when invalid. */
function selectorLabels(labels: unknown): Readonly<Record<string, string>> | undefined {
  if (typeof labels === 'string') {
    const parsed = parseLabels(labels);
    return parsed.ok ? parsed.value : undefined;
  }
  return typeof labels === 'object' && labels !== null ? stringMap(labels) : undefined;
}

/** A pod label may not give a selector label another value. */
const checkPodLabels: FieldRule = (raw, _settings, ctx) => {
  const labels = selectorLabels(raw.labels);
  for (const [key, value] of Object.entries(stringMap(raw['pod-labels']))) {
    if (labels !== undefined && Object.hasOwn(labels, key) && labels[key] !== value) {
      ctx.addIssue({
        code: 'custom',
        path: ['pod-labels', key],
        message: `"${key}" is a label of "labels" (the selector) with the value ${JSON.stringify(labels[key])}; a pod label cannot give it another value`,
      });
    }
  }
};

/**
 * The pod labels the API server gives a Job's pods: it selects them by the
 * Job's uid, generating `controller-uid` and `batch.kubernetes.io/controller-uid`
 * in both the selector and the template unless the template already has
 * them (pkg/registry/batch/job/strategy.go `generateSelector`), and then
 * `ValidateJob` refuses a template whose labels the selector does not
 * match. A cron job's Jobs are created the same way, so each run is refused.
 */
const JOB_CONTROLLER_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'] as const;

const checkJobControllerLabels: FieldRule = (raw, _settings, ctx) => {
  if (raw.type !== 'job') return;
  const labels = selectorLabels(raw.labels);
  const what = raw.schedule === undefined ? 'the API server refuses the Job' : 'the API server refuses every Job the CronJob creates';
  for (const key of JOB_CONTROLLER_LABELS) {
    const message = `"${key}" is the label a Job selects its pods by: the API server sets it to the Job's uid, which no value written here matches, so ${what} (its selector does not match its pod labels); remove it`;
    if (Object.hasOwn(stringMap(raw['pod-labels']), key)) ctx.addIssue({ code: 'custom', path: ['pod-labels', key], message });
    if (labels !== undefined && Object.hasOwn(labels, key)) ctx.addIssue({ code: 'custom', path: ['labels'], message });
  }
};

/** Annotation keys the tool sets itself: the portal's, and a Job's Argo CD sync options. */
const checkOwnedAnnotations: FieldRule = (raw, settings, ctx) => {
  const prefix = settings.mapping.portalAnnotationPrefix;
  const plainJob = raw.type === 'job' && raw.schedule === undefined;
  for (const key of Object.keys(stringMap(raw.annotations))) {
    if (key.startsWith(prefix)) {
      ctx.addIssue({ code: 'custom', path: ['annotations', key], message: `keys under "${prefix}" are the portal's, set from "published"; choose another key` });
    }
    if (settings.argocd.replaceJobs && plainJob && Object.hasOwn(ARGOCD_REPLACE_ANNOTATION, key)) {
      ctx.addIssue({ code: 'custom', path: ['annotations', key], message: 'is set on Jobs by the argocd.replaceJobs setting; remove it here' });
    }
  }
};

/**
 * The manifest's `annotations` share each object's 256 KiB with the
 * annotations the tool sets itself: the Mapping's portal keys, the Argo CD
 * sync options of a Job.
 */
const checkAnnotationsBeside: FieldRule = (raw, settings, ctx) => {
  const own = annotationBytes(stringMap(raw.annotations));
  if (own === 0 || own > MAX_ANNOTATIONS_BYTES) return;
  const prefix = settings.mapping.portalAnnotationPrefix;
  const p = typeof raw.published === 'object' && raw.published !== null ? (raw.published as Record<string, unknown>) : undefined;
  const text = (value: unknown, otherwise: string) => (typeof value === 'string' ? value : otherwise);
  const [what, extra] =
    p !== undefined && raw.type === 'service'
      ? [
          "the Mapping's portal annotations",
          annotationBytes({
            [`${prefix}displayed-name`]: text(p.displayed_name, text(raw.name, '')),
            [`${prefix}icon`]: text(p.icon, PUBLISHED_DEFAULTS.icon),
            [`${prefix}visible`]: String(p.visible ?? PUBLISHED_DEFAULTS.visible),
          }),
        ]
      : raw.type === 'job' && raw.schedule === undefined && settings.argocd.replaceJobs
        ? ["the Job's Argo CD sync options", annotationBytes(ARGOCD_REPLACE_ANNOTATION)]
        : ['', 0];
  if (own + extra > MAX_ANNOTATIONS_BYTES) {
    ctx.addIssue({
      code: 'custom',
      path: ['annotations'],
      message: `take ${own} bytes, ${own + extra} with the ${extra} bytes of ${what}; the API server allows at most ${MAX_ANNOTATIONS_BYTES} (256 KiB) of annotations per object`,
    });
  }
};

export const metadataRules: readonly FieldRule[] = [checkPodLabels, checkJobControllerLabels, checkOwnedAnnotations, checkAnnotationsBeside];

type MetadataValues = z.output<z.ZodObject<typeof metadataFields>>;

/** The model of the metadata fields. */
export function toMetadata(m: MetadataValues) {
  return { annotations: m.annotations, podAnnotations: m['pod-annotations'], podLabels: m['pod-labels'] };
}
