import * as z from '../zod';
import type { CronJobTask, DeploymentTask, JobTask, ResourceList, ServiceTask, Task } from '../model';
import type { Settings } from '../project-settings';
import { checkDns1035Label, checkDns1123Label, checkDns1123Subdomain, checkIanaSvcName } from '../validation/kubernetes-names';
import { compareQuantities, type Quantity } from '../validation/quantity';
import { envField, envFromField, toEnvFromSource, toEnvVar } from './env';
import { checkExtensionRelations, checkExtensionTypeRules } from './extension-rules';
import { imageField, labelsField, nodeSelectorField, scheduleField } from './fields';
import { cronJobFields, jobFields, toCronJobControls, toJobControls } from './job-fields';
import { annotationsField, labelsMapField } from './metadata-fields';
import { imagePullSecretsField, serviceAccountField } from './pod-identity';
import { probeField, toProbe } from './probes';
import { memoryLimitField, resourceQuantityField } from './resources';
import { publishedSchema, toPublished } from './published';
import { tolerationSchema, toToleration } from './tolerations';
import { toVolume, volumesSchema } from './volumes';
import { always, nameString } from './zod-helpers';
import { GOOGLE_APPLICATION_CREDENTIALS } from '../reserved-names';

/** The manifest's defaults (the format's own; project settings live in settings.ts). */
export const MANIFEST_DEFAULTS = {
  imagePullPolicy: 'Always',
  replicas: 1,
} as const;

/** The longest CronJob name: the controller appends an 11-character suffix to Job names. */
export const MAX_CRON_JOB_NAME = 52;

/** Which manifest fields apply to which `type`. */
export const APPLIES_TO: Readonly<Record<string, readonly string[]>> = {
  schedule: ['job'],
  replicas: ['deployment', 'service'],
  'name-port': ['service'],
  'container-port': ['service'],
  published: ['service'],
  'readiness-probe': ['deployment', 'service'],
  'liveness-probe': ['deployment', 'service'],
  'startup-probe': ['deployment', 'service'],
  // A job's, or a cron job's (set in its jobTemplate); the CronJob fields also need a schedule (extension-rules.ts).
  ...Object.fromEntries([...Object.keys(jobFields), ...Object.keys(cronJobFields)].map((field) => [field, ['job']])),
};

/** Every field of manifest.json, each validated on its own. */
export const manifestFields = {
  $schema: z.string().optional(),
  type: z.enum(['job', 'deployment', 'service']),
  name: z.string(),
  namespace: nameString(checkDns1123Label).optional(),
  labels: labelsField,
  'image-source': imageField.optional(),
  'image-destination': imageField.optional(),
  'image-pull-policy': z.enum(['Always', 'IfNotPresent', 'Never']).default(MANIFEST_DEFAULTS.imagePullPolicy),
  env: envField.default([]),
  'svc-account-secret': nameString(checkDns1123Subdomain).optional(),
  cmd: z.array(z.string()).default([]),
  'cpu-limit': resourceQuantityField.optional(),
  'memory-limit': memoryLimitField.optional(),
  'cpu-request': resourceQuantityField.optional(),
  'memory-request': resourceQuantityField.optional(),
  schedule: scheduleField.optional(),
  replicas: z.int().min(0).max(2 ** 31 - 1).optional(),
  'name-port': nameString(checkIanaSvcName).optional(),
  'container-port': z.int().min(1).max(65535).optional(),
  published: publishedSchema.optional(),
  volumes: volumesSchema.default([]),
  tolerations: z.array(tolerationSchema).default([]),
  'node-selector': nodeSelectorField.default({}),
  'env-from': envFromField.default([]),
  args: z.array(z.string()).default([]),
  'service-account': serviceAccountField.optional(),
  'image-pull-secrets': imagePullSecretsField.default([]),
  annotations: annotationsField.default({}),
  'pod-annotations': annotationsField.default({}),
  'pod-labels': labelsMapField.default({}),
  'readiness-probe': probeField('readiness').optional(),
  'liveness-probe': probeField('liveness').optional(),
  'startup-probe': probeField('startup').optional(),
  ...jobFields,
  ...cronJobFields,
};

type ManifestOutput = z.output<z.ZodObject<typeof manifestFields>>;

/**
 * The manifest schema: fields, then the rules between fields, then the
 * typed model. `settings` gives the default namespace and the names a task
 * may not reuse.
 */
export function manifestSchema(settings: Settings) {
  return z
    .strictObject(manifestFields)
    .superRefine(
      (raw, ctx) => {
        checkTypeRules(raw as Record<string, unknown>, ctx);
        checkExtensionRelations(raw as Record<string, unknown>, settings, ctx);
      },
      { when: () => true },
    )
    // Also runs when fields are invalid, so that every error comes in one run.
    .superRefine((m, ctx) => checkFieldRelations(m as Partial<ManifestOutput>, settings, ctx), always)
    .transform((m): Task => toTask(m, settings));
}

/**
 * Rules that depend on `type`: fields that do not apply, fields it requires,
 * and the name syntax. Runs even when other fields are invalid, so reads the
 * values defensively.
 */
function checkTypeRules(raw: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const type = raw.type;
  if (type !== 'job' && type !== 'deployment' && type !== 'service') return;
  const hasSchedule = raw.schedule !== undefined;
  for (const [field, types] of Object.entries(APPLIES_TO)) {
    if (raw[field] !== undefined && !types.includes(type)) {
      ctx.addIssue({ code: 'custom', path: [field], message: `does not apply to a ${type} (only to: ${types.join(', ')})` });
    }
  }
  if (type === 'service') {
    for (const field of ['name-port', 'container-port']) {
      if (raw[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is required for a service' });
    }
  }
  if (raw['image-source'] === undefined && raw['image-destination'] === undefined) {
    ctx.addIssue({ code: 'custom', path: ['image-source'], message: 'is required (or "image-destination", for an image built from the task folder)' });
  } else if (raw['image-source'] !== undefined && raw['image-destination'] !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['image-destination'], message: 'cannot be set together with "image-source"; set exactly one of them' });
  }
  if (typeof raw.name === 'string') {
    const bad =
      type === 'service'
        ? checkDns1035Label(raw.name)
        : checkDns1123Label(raw.name, type === 'job' && hasSchedule ? MAX_CRON_JOB_NAME : 63);
    if (bad !== undefined) {
      const what = type === 'service' ? 'a service name' : hasSchedule ? 'a cron job name' : `a ${type} name`;
      ctx.addIssue({ code: 'custom', path: ['name'], message: `${JSON.stringify(raw.name)} is not valid as ${what}: it ${bad}` });
    }
  }
  checkExtensionTypeRules(raw, type, ctx);
}

/**
 * Rules between fields: requests within limits, names the project reserves.
 * Runs even when some fields are invalid (their values are then raw input),
 * so it reads only values that passed their own field's checks.
 */
function checkFieldRelations(m: Partial<ManifestOutput>, settings: Settings, ctx: z.RefinementCtx): void {
  for (const resource of ['cpu', 'memory'] as const) {
    const request = asQuantity(m[`${resource}-request`]);
    const limit = asQuantity(m[`${resource}-limit`]);
    if (request !== undefined && limit !== undefined && compareQuantities(request, limit) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: [`${resource}-request`],
        message: `${request.canonical} is more than ${resource}-limit ${limit.canonical}; a request must not exceed its limit`,
      });
    }
  }
  const volumes = objectsIn(m.volumes);
  if (settings.podSecurity === 'restricted') {
    volumes.forEach((volume, i) => {
      if (volume.nfs !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['volumes', i, 'nfs'], message: 'is not allowed by the restricted Pod Security profile (the podSecurity setting); use a persistentVolumeClaim' });
      }
    });
  }
  if (typeof m['svc-account-secret'] === 'string') {
    const credentials = settings.gcpCredentials;
    volumes.forEach((volume, i) => {
      if (volume.name === credentials.volumeName) {
        ctx.addIssue({ code: 'custom', path: ['volumes', i, 'name'], message: `"${volume.name}" is the volume that mounts svc-account-secret; choose another name` });
      }
      if (volume.mountPath === credentials.mountPath) {
        ctx.addIssue({ code: 'custom', path: ['volumes', i, 'mountPath'], message: `"${volume.mountPath}" is where svc-account-secret is mounted; choose another path` });
      }
    });
    objectsIn(m.env).forEach((variable, i) => {
      if (variable.name === GOOGLE_APPLICATION_CREDENTIALS) {
        ctx.addIssue({ code: 'custom', path: ['env', i, 'name'], message: `${GOOGLE_APPLICATION_CREDENTIALS} is set from svc-account-secret; remove it from env` });
      }
    });
  }
}

/** A field's value when it passed its own checks (a parsed quantity), else undefined. */
function asQuantity(value: unknown): Quantity | undefined {
  return typeof value === 'object' && value !== null && typeof (value as Quantity).nanos === 'bigint' ? (value as Quantity) : undefined;
}

/** The items of a list that may still be raw input, with non-objects as empty objects (keeping indexes). */
function objectsIn(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => (typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {}));
}

export { GOOGLE_APPLICATION_CREDENTIALS };

function resourceList(cpu: Quantity | undefined, memory: Quantity | undefined): ResourceList {
  return { cpu: cpu?.canonical, memory: memory?.canonical };
}

function toTask(m: ManifestOutput, settings: Settings): Task {
  const image = m['image-source'] ?? m['image-destination'];
  if (image === undefined) throw new Error('a manifest without an image passed validation');
  const common = {
    name: m.name,
    namespace: m.namespace ?? settings.namespace,
    labels: m.labels,
    image,
    imageBuilt: m['image-source'] === undefined,
    imagePullPolicy: m['image-pull-policy'],
    env: m.env.map(toEnvVar),
    command: m.cmd,
    resources: {
      requests: resourceList(m['cpu-request'], m['memory-request']),
      limits: resourceList(m['cpu-limit'], m['memory-limit']),
    },
    serviceAccountSecret: m['svc-account-secret'],
    volumes: m.volumes.map(toVolume),
    tolerations: m.tolerations.map(toToleration),
    nodeSelector: m['node-selector'],
    args: m.args,
    envFrom: m['env-from'].map(toEnvFromSource),
    serviceAccountName: m['service-account'],
    imagePullSecrets: m['image-pull-secrets'],
    annotations: m.annotations,
    podAnnotations: m['pod-annotations'],
    podLabels: m['pod-labels'],
  };
  const probe = (value: (typeof m)['readiness-probe']) => (value === undefined ? undefined : toProbe(value, m['name-port']));
  const probes = { readiness: probe(m['readiness-probe']), liveness: probe(m['liveness-probe']), startup: probe(m['startup-probe']) };
  switch (m.type) {
    case 'job':
      return m.schedule === undefined
        ? ({ kind: 'job', ...common, job: toJobControls(m) } satisfies JobTask)
        : ({ kind: 'cron-job', ...common, schedule: m.schedule, job: toJobControls(m), cronJob: toCronJobControls(m) } satisfies CronJobTask);
    case 'deployment':
      return { kind: 'deployment', ...common, replicas: m.replicas ?? MANIFEST_DEFAULTS.replicas, probes } satisfies DeploymentTask;
    case 'service': {
      const [portName, containerPort] = [m['name-port'], m['container-port']];
      if (portName === undefined || containerPort === undefined) throw new Error('a service without a port passed validation');
      return {
        kind: 'service',
        ...common,
        replicas: m.replicas ?? MANIFEST_DEFAULTS.replicas,
        port: { name: portName, containerPort },
        published: m.published === undefined ? undefined : toPublished(m.published, m.name),
        probes,
      } satisfies ServiceTask;
    }
  }
}
