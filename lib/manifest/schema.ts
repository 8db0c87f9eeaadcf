/**
 * The manifest schema, assembled from the field modules (./fields/*.ts):
 * each holds, for its fields, the zod schema with its description and
 * examples (`.meta()`, which manifest.schema.json is generated from), its
 * translation into the model, the rules between its fields and its likely
 * mistakes. This file joins them: the fields, the kinds each applies to,
 * the rules, and the typed task.
 */
import * as z from '../zod';
import type { CronJobTask, DeploymentTask, JobTask, ServiceTask, Task } from '../model';
import type { Settings } from '../project-settings';
import { containerFields, toContainer } from './fields/container';
import { cronAppliesTo, cronJobFields, cronRules, scheduleFields, toCronJobControls } from './fields/cron';
import { envFields, envRules, toEnv } from './fields/env';
import { environmentsFields, environmentsRule } from './fields/environments';
import { type FieldRule, type RuleSettings, ruleSettings } from './fields/field';
import { identityFields, identityRules, toIdentity } from './fields/identity';
import { imageFields, imageRules, toImage } from './fields/image';
import { jobAppliesTo, jobFields, toJobControls } from './fields/job';
import { metadataFields, metadataRules, toMetadata } from './fields/metadata';
import { podFields, podRules, toPod } from './fields/pod';
import { probeAppliesTo, probeFields, probeRules, toProbes } from './fields/probes';
import { publishedAppliesTo, publishedFields, toPublished } from './fields/published';
import { resourceFields, resourceRules, toResources } from './fields/resources';
import { toVolumes, volumeFields, volumeRules } from './fields/volumes';
import { toReplicas, toServicePort, workloadAppliesTo, workloadFields, workloadRules } from './fields/workload';
import { always } from './zod-helpers';

/** Which manifest fields apply to which `type`; a field not named applies to every type. */
export const APPLIES_TO: Readonly<Record<string, readonly string[]>> = {
  ...cronAppliesTo,
  ...workloadAppliesTo,
  ...publishedAppliesTo,
  ...probeAppliesTo,
  // A job's, or a cron job's (set in its jobTemplate); the CronJob fields also need a schedule (fields/cron.ts).
  ...jobAppliesTo,
};

/** Every field of manifest.json, each validated on its own, by concern. */
export const manifestFields = {
  ...identityFields,
  ...environmentsFields,
  ...imageFields,
  ...containerFields,
  ...envFields,
  ...resourceFields,
  ...workloadFields,
  ...publishedFields,
  ...probeFields,
  ...podFields,
  ...volumeFields,
  ...metadataFields,
  ...scheduleFields,
  ...jobFields,
  ...cronJobFields,
};

/** A valid manifest's values, as zod outputs them (defaults applied): what `toTask` makes the model of. */
export type ManifestOutput = z.output<z.ZodObject<typeof manifestFields>>;

/** Fields given to a `type` they do not apply to; only once `type` is valid. */
const checkAppliesTo: FieldRule = (raw, _settings, ctx) => {
  const type = raw.type;
  if (type !== 'job' && type !== 'deployment' && type !== 'service') return;
  for (const [field, types] of Object.entries(APPLIES_TO)) {
    if (raw[field] !== undefined && !types.includes(type)) {
      ctx.addIssue({ code: 'custom', path: [field], message: `does not apply to a ${type} (only to: ${types.join(', ')})` });
    }
  }
};

/** The rules between fields, of every concern. */
const FIELD_RULES: readonly FieldRule[] = [
  checkAppliesTo,
  ...workloadRules,
  ...imageRules,
  ...identityRules,
  ...cronRules,
  ...probeRules,
  ...metadataRules,
  ...envRules,
  ...resourceRules,
  ...volumeRules,
  ...podRules,
];

/**
 * The manifest schema: fields, then the rules between fields, then the
 * typed model. `settings` gives the default namespace and what the rules
 * read (RuleSettings); `environments`, the environments the settings
 * declare (a task's `environments` names some of them).
 */
export function manifestSchema(settings: Settings, environments: readonly string[] = []) {
  return manifestRules(ruleSettings(settings), environments).transform((m): Task => toTask(m, settings.namespace));
}

/**
 * The manifest's fields and the rules between them, without the model:
 * its result depends on the manifest and on `rules` and `environments`
 * alone, so one pass serves every environment that agrees on them.
 */
export function manifestRules(rules: RuleSettings, environments: readonly string[] = []) {
  const declared = environmentsRule(environments);
  return z
    .strictObject(manifestFields)
    // Also runs when fields are invalid, so that every error comes in one run.
    .superRefine((raw, ctx) => {
      for (const rule of FIELD_RULES) rule(raw as Record<string, unknown>, rules, ctx);
      declared(raw as Record<string, unknown>, ctx);
    }, always);
}

/**
 * toTask(m, defaultNamespace) for the `m` that `like` was made from (with
 * another default namespace, in another environment): `like` itself when
 * the namespace comes out the same, else `like` with that namespace, the
 * one field the default namespace sets (toIdentity). Every other part is
 * shared: a model is read-only.
 */
export function toTaskLike(like: Task, m: ManifestOutput, defaultNamespace: string): Task {
  const { namespace } = toIdentity(m, defaultNamespace);
  return namespace === like.namespace ? like : { ...like, namespace };
}

/**
 * Whether `task` is `other` but for its namespace: every other field the
 * very same value, as toTaskLike makes it (so `{ ...other, namespace }`
 * gives `task` back, keys in the same order); `other` itself counts.
 */
export function differsOnlyInNamespace(task: Task, other: Task): boolean {
  if (task === other) return true;
  const keys = Object.keys(task);
  const otherKeys = Object.keys(other);
  if (keys.length !== otherKeys.length) return false;
  return keys.every((key, i) => otherKeys[i] === key && (key === 'namespace' || (task as unknown as Record<string, unknown>)[key] === (other as unknown as Record<string, unknown>)[key]));
}

/**
 * The task of a valid manifest: every concern's part of the model, then
 * what the kind adds. The one setting the model reads is the namespace of
 * a task without its own (`defaultNamespace`).
 */
export function toTask(m: ManifestOutput, defaultNamespace: string): Task {
  const identity = toIdentity(m, defaultNamespace);
  const image = toImage(m);
  const container = toContainer(m);
  const env = toEnv(m);
  const pod = toPod(m);
  const metadata = toMetadata(m);
  // One object literal of every part's fields (the Task types below name each one): V8 keeps its
  // properties fast. Spreading the eight parts into one object made it a dictionary, 10-20 µs a task
  // to build and slower to read in every chart.
  const common = {
    name: identity.name,
    namespace: identity.namespace,
    labels: identity.labels,
    image: image.image,
    imageBuilt: image.imageBuilt,
    imagePullPolicy: image.imagePullPolicy,
    imagePullSecrets: image.imagePullSecrets,
    command: container.command,
    args: container.args,
    env: env.env,
    envFrom: env.envFrom,
    resources: toResources(m).resources,
    serviceAccountSecret: pod.serviceAccountSecret,
    serviceAccountName: pod.serviceAccountName,
    priorityClassName: pod.priorityClassName,
    tolerations: pod.tolerations,
    nodeSelector: pod.nodeSelector,
    volumes: toVolumes(m).volumes,
    annotations: metadata.annotations,
    podAnnotations: metadata.podAnnotations,
    podLabels: metadata.podLabels,
  };
  switch (m.type) {
    case 'job':
      return m.schedule === undefined
        ? ({ kind: 'job', ...common, job: toJobControls(m) } satisfies JobTask)
        : ({ kind: 'cron-job', ...common, schedule: m.schedule, job: toJobControls(m), cronJob: toCronJobControls(m) } satisfies CronJobTask);
    case 'deployment':
      return { kind: 'deployment', ...common, replicas: toReplicas(m), probes: toProbes(m, m['name-port']) } satisfies DeploymentTask;
    case 'service':
      return {
        kind: 'service',
        ...common,
        replicas: toReplicas(m),
        port: toServicePort(m),
        published: toPublished(m.published, m.name),
        probes: toProbes(m, m['name-port']),
      } satisfies ServiceTask;
  }
}
