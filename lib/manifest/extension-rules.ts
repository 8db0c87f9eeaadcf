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
