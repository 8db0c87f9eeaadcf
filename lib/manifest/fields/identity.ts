/**
 * What a task is and what it is called: `$schema`, `type`, `name`,
 * `namespace` and `labels` (the selector of its pods). Names are checked as
 * the API server checks them (apimachinery pkg/util/validation:
 * `IsDNS1123Label`, `IsDNS1035Label` for a Service, `IsQualifiedName` and
 * `IsValidLabelValue` for labels; a CronJob's name is at most 52 characters,
 * pkg/apis/batch/validation `ValidateCronJobCreate`).
 */
import * as z from '../../zod';
import { checkDns1035Label, checkDns1123Label } from '../../validation/kubernetes-names';
import type { Result } from '../../validation/result';
import { DNS1035_LABEL_SCHEMA, dns1123Label, LABELS_SCHEMA } from '../json-schema-patterns';
import { parseLabels } from '../labels';
import { nameString } from '../zod-helpers';
import { type FieldRule, manifestType } from './field';

/** The longest CronJob name: the controller appends an 11-character suffix to Job names. */
export const MAX_CRON_JOB_NAME = 52;

/** Each value of `type`, for editors that show one description per value (VS Code's `enumDescriptions`). */
const TYPE_DESCRIPTIONS = {
  job:
    'Jobs are represented by Kubernetes Job objects: a batch process. With a "schedule", a CronJob, ' +
    'which creates a Job about once per execution time of its schedule.',
  deployment:
    'A Kubernetes Deployment: ensures that one or more instances of your application are available to serve user requests.',
  service:
    'A Kubernetes Service and Deployment: a logical set of the application and a policy by which to access it ' +
    '("name-port" and "container-port" required; "published" to expose it).',
} as const;

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

export const identityFields = {
  $schema: z.string().optional().meta({
    description: 'The JSON Schema of this file, for editors (for example "../../manifest.schema.json"). Ignored when deploying.',
    examples: ['../../manifest.schema.json'],
  }),
  type: z.enum(['job', 'deployment', 'service']).meta({
    description:
      'Describes the nature of your deployment: "job", "deployment" or "service". ' +
      'A job is a Kubernetes Job, or a CronJob when "schedule" is set; a deployment is a Kubernetes Deployment; ' +
      'a service is both a Kubernetes Deployment and a Service. Always required.',
    enumDescriptions: Object.values(TYPE_DESCRIPTIONS),
    examples: ['deployment'],
  }),
  name: z.string().meta({
    description:
      'Represents the name of your deployment: the name of every Kubernetes object of the task and of its container. ' +
      "Lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters " +
      '(a service\'s name must start with a letter; a cron job\'s name is at most 52 characters). ' +
      'Unique per namespace across all tasks. Always required.',
    examples: ['orders-api'],
    ...dns1123Label(63),
  }),
  namespace: nameString(checkDns1123Label).optional().meta({
    description:
      'Not required; an extension to the manifest format. The Kubernetes namespace of the task. ' +
      'Defaults to the project setting ("namespace" in datatask.settings.json, itself "default"). ' +
      "Lower-case letters, digits and '-', at most 63 characters.",
    examples: ['data-platform'],
    ...dns1123Label(63),
  }),
  /** `"app:etl,team:data"` → `{ app: "etl", team: "data" }`. */
  labels: parsedString(parseLabels).meta({
    description:
      'String (key, value): represents the labels of the Kubernetes deployment, acting as the Kubernetes service selector. ' +
      'Written "key:value"; several labels are joined by "," (for example "app:etl,team:data"). ' +
      'Every key and value follows Kubernetes label syntax; two tasks in one namespace must not select each other\'s pods. Always required.',
    examples: ['app:etl,team:data'],
    ...LABELS_SCHEMA,
  }),
};

/** The JSON Schema of a service's name, beside `name`'s own (a DNS-1035 label). */
export const SERVICE_NAME_SCHEMA = DNS1035_LABEL_SCHEMA;

/** The name syntax of each kind: a Service's is a DNS-1035 label, a CronJob's at most 52 characters. */
const checkName: FieldRule = (raw, _settings, ctx) => {
  const type = manifestType(raw);
  if (type === undefined || typeof raw.name !== 'string') return;
  const hasSchedule = raw.schedule !== undefined;
  const bad = type === 'service' ? checkDns1035Label(raw.name) : checkDns1123Label(raw.name, type === 'job' && hasSchedule ? MAX_CRON_JOB_NAME : 63);
  if (bad !== undefined) {
    const what = type === 'service' ? 'a service name' : hasSchedule ? 'a cron job name' : `a ${type} name`;
    ctx.addIssue({ code: 'custom', path: ['name'], message: `${JSON.stringify(raw.name)} is not valid as ${what}: it ${bad}` });
  }
};

export const identityRules: readonly FieldRule[] = [checkName];

type IdentityValues = z.output<z.ZodObject<typeof identityFields>>;

/** The model of the identity fields; `namespace` defaults to the project's (`defaultNamespace`, the namespace setting). */
export function toIdentity(m: IdentityValues, defaultNamespace: string) {
  return { name: m.name, namespace: m.namespace ?? defaultNamespace, labels: m.labels };
}
