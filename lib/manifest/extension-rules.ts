/**
 * Rules between the day-2 extension fields and the rest of the manifest:
 * what applies only to a cron job, the probe shorthand that needs a
 * service's port, named ports a probe refers to, pod labels that would
 * change what a selector means, and annotation keys the tool owns.
 */
import type * as z from '../zod';
import type { Settings } from '../settings';
import { ARGOCD_REPLACE_ANNOTATION } from '../constructs/argocd';
import { CRON_JOB_FIELDS } from './job-fields';
import { annotationBytes, MAX_ANNOTATIONS_BYTES } from './metadata-fields';
import { PROBE_FIELDS, probePortNames } from './probes';
import type { ManifestOutput } from './schema';

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

/** Rules between valid fields. */
export function checkExtensionRelations(m: ManifestOutput, settings: Settings, ctx: z.RefinementCtx): void {
  for (const [key, value] of Object.entries(m['pod-labels'])) {
    if (Object.hasOwn(m.labels, key) && m.labels[key] !== value) {
      ctx.addIssue({
        code: 'custom',
        path: ['pod-labels', key],
        message: `"${key}" is a label of "labels" (the selector) with the value ${JSON.stringify(m.labels[key])}; a pod label cannot give it another value`,
      });
    }
  }
  const prefix = settings.mapping.portalAnnotationPrefix;
  for (const key of Object.keys(m.annotations)) {
    if (key.startsWith(prefix)) {
      ctx.addIssue({ code: 'custom', path: ['annotations', key], message: `keys under "${prefix}" are the portal's, set from "published"; choose another key` });
    }
    if (settings.argocd.replaceJobs && m.type === 'job' && m.schedule === undefined && Object.hasOwn(ARGOCD_REPLACE_ANNOTATION, key)) {
      ctx.addIssue({ code: 'custom', path: ['annotations', key], message: 'is set on Jobs by the argocd.replaceJobs setting; remove it here' });
    }
  }
  checkAnnotationsBeside(m, settings, ctx);
  for (const field of Object.values(PROBE_FIELDS)) {
    for (const { path, name } of probePortNames(m[field])) {
      if (name === m['name-port']) continue;
      const declared = m['name-port'] === undefined ? 'the container declares no named port; use a port number' : `the container declares only "${m['name-port']}" (name-port)`;
      ctx.addIssue({ code: 'custom', path: [field, ...path], message: `no port is named "${name}": ${declared}` });
    }
  }
  m.env.forEach((variable, i) => {
    const containerName = variable.valueFrom?.resourceFieldRef?.containerName;
    if (containerName !== undefined && containerName !== m.name) {
      ctx.addIssue({
        code: 'custom',
        path: ['env', i, 'valueFrom', 'resourceFieldRef', 'containerName'],
        message: `"${containerName}" is not a container of this task; its only container is named "${m.name}" (or leave containerName out)`,
      });
    }
  });
}

/**
 * The manifest's `annotations` share each object's 256 KiB with the
 * annotations the tool sets itself: the Mapping's portal keys, the Argo CD
 * sync options of a Job.
 */
function checkAnnotationsBeside(m: ManifestOutput, settings: Settings, ctx: z.RefinementCtx): void {
  const own = annotationBytes(m.annotations);
  if (own === 0 || own > MAX_ANNOTATIONS_BYTES) return;
  const prefix = settings.mapping.portalAnnotationPrefix;
  const p = m.published;
  const [what, extra] =
    p !== undefined
      ? ["the Mapping's portal annotations", annotationBytes({ [`${prefix}displayed-name`]: p.displayed_name ?? m.name, [`${prefix}icon`]: p.icon, [`${prefix}visible`]: String(p.visible) })]
      : m.type === 'job' && m.schedule === undefined && settings.argocd.replaceJobs
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
