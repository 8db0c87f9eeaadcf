/**
 * Rules between the day-2 extension fields and the rest of the manifest:
 * what applies only to a cron job, the probe shorthand that needs a
 * service's port, named ports a probe refers to, pod labels that would
 * change what a selector means, and annotation keys the tool owns.
 */
import type * as z from '../zod';
import type { Settings } from '../project-settings';
import { ARGOCD_REPLACE_ANNOTATION } from '../constructs/argocd';
import { CRON_JOB_FIELDS } from './job-fields';
import { annotationBytes, MAX_ANNOTATIONS_BYTES } from './metadata-fields';
import { PROBE_FIELDS, probePortNames } from './probes';
import { checkIanaSvcName } from '../validation/kubernetes-names';
import { parseLabels } from './labels';
import { PUBLISHED_DEFAULTS } from './published';

/**
 * Rules that depend on `type` and `schedule`, on the raw manifest (they run
 * even when other fields are invalid).
 */
export function checkExtensionTypeRules(raw: Record<string, unknown>, type: 'job' | 'deployment' | 'service', ctx: z.RefinementCtx): void {
  if (type === 'job' && raw.schedule === undefined) {
    for (const field of CRON_JOB_FIELDS) {
      if (raw[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'applies only to a cron job (a job with a "schedule")' });
    }
  }
  if (type === 'deployment') {
    for (const field of Object.values(PROBE_FIELDS)) {
      if (typeof raw[field] === 'string') {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `the "/path" shorthand is for a service (it probes "name-port"); on a deployment write a Probe object, such as {"httpGet": {"path": ${JSON.stringify(raw[field])}, "port": 8080}}`,
        });
      }
    }
  }
}

/**
 * Rules between the extension fields and the rest, on the manifest as parsed
 * so far: they run even when other fields are invalid (so every error comes
 * in one run), and so read every value defensively.
 */
export function checkExtensionRelations(raw: Record<string, unknown>, settings: Settings, ctx: z.RefinementCtx): void {
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
  if (raw.type === 'job') checkJobControllerLabels(raw, labels, ctx);
  const annotations = stringMap(raw.annotations);
  const prefix = settings.mapping.portalAnnotationPrefix;
  const plainJob = raw.type === 'job' && raw.schedule === undefined;
  for (const key of Object.keys(annotations)) {
    if (key.startsWith(prefix)) {
      ctx.addIssue({ code: 'custom', path: ['annotations', key], message: `keys under "${prefix}" are the portal's, set from "published"; choose another key` });
    }
    if (settings.argocd.replaceJobs && plainJob && Object.hasOwn(ARGOCD_REPLACE_ANNOTATION, key)) {
      ctx.addIssue({ code: 'custom', path: ['annotations', key], message: 'is set on Jobs by the argocd.replaceJobs setting; remove it here' });
    }
  }
  checkAnnotationsBeside(raw, annotations, settings, ctx);
  const portName = typeof raw['name-port'] === 'string' ? raw['name-port'] : undefined;
  for (const field of Object.values(PROBE_FIELDS)) {
    for (const { path, name } of probePortNames(raw[field])) {
      // An invalid name gets its own message from the field's schema.
      if (name === portName || checkIanaSvcName(name) !== undefined) continue;
      const declared = portName === undefined ? 'the container declares no named port; use a port number' : `the container declares only "${portName}" (name-port)`;
      ctx.addIssue({ code: 'custom', path: [field, ...path], message: `no port is named "${name}": ${declared}` });
    }
  }
  if (!Array.isArray(raw.env) || typeof raw.name !== 'string') return;
  raw.env.forEach((variable: unknown, i) => {
    const containerName = (variable as { valueFrom?: { resourceFieldRef?: { containerName?: unknown } } } | null)?.valueFrom?.resourceFieldRef?.containerName;
    if (typeof containerName === 'string' && containerName !== raw.name) {
      ctx.addIssue({
        code: 'custom',
        path: ['env', i, 'valueFrom', 'resourceFieldRef', 'containerName'],
        message: `"${containerName}" is not a container of this task; its only container is named "${raw.name}" (or leave containerName out)`,
      });
    }
  });
}

/**
 * The pod labels the API server gives a Job's pods: it selects them by the
 * Job's uid, generating `controller-uid` and `batch.kubernetes.io/controller-uid`
 * in both the selector and the template unless the template already has
 * them (pkg/registry/batch/job/strategy.go `generateSelector`), and then
 * `ValidateJob` refuses a template whose labels the selector does not
 * match. A cron job's Jobs are created the same way, so each run is refused.
 */
const JOB_CONTROLLER_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'] as const;

function checkJobControllerLabels(raw: Record<string, unknown>, labels: Readonly<Record<string, string>> | undefined, ctx: z.RefinementCtx): void {
  const what = raw.schedule === undefined ? 'the API server refuses the Job' : 'the API server refuses every Job the CronJob creates';
  for (const key of JOB_CONTROLLER_LABELS) {
    const message = `"${key}" is the label a Job selects its pods by: the API server sets it to the Job's uid, which no value written here matches, so ${what} (its selector does not match its pod labels); remove it`;
    if (Object.hasOwn(stringMap(raw['pod-labels']), key)) ctx.addIssue({ code: 'custom', path: ['pod-labels', key], message });
    if (labels !== undefined && Object.hasOwn(labels, key)) ctx.addIssue({ code: 'custom', path: ['labels'], message });
  }
}

/** The selector's labels: `labels` parsed (by its field), or parsed here; undefined when invalid. */
function selectorLabels(labels: unknown): Readonly<Record<string, string>> | undefined {
  if (typeof labels === 'string') {
    const parsed = parseLabels(labels);
    return parsed.ok ? parsed.value : undefined;
  }
  return typeof labels === 'object' && labels !== null ? stringMap(labels) : undefined;
}

/** The string entries of a map given as JSON; none when it is not an object. */
function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * The manifest's `annotations` share each object's 256 KiB with the
 * annotations the tool sets itself: the Mapping's portal keys, the Argo CD
 * sync options of a Job.
 */
function checkAnnotationsBeside(raw: Record<string, unknown>, annotations: Record<string, string>, settings: Settings, ctx: z.RefinementCtx): void {
  const own = annotationBytes(annotations);
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
}
