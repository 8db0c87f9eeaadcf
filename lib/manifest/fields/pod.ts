/**
 * The pod's identity and placement: `svc-account-secret` (a GCP key in a
 * Secret, mounted), `service-account` (`serviceAccountName`),
 * `priority-class-name`, `tolerations` and `node-selector`, checked as the API server checks them
 * (kubernetes pkg/apis/core/validation: `ValidateServiceAccountName` and
 * Secret names are DNS-1123 subdomains; `ValidateTolerations`;
 * `ValidateNodeSelector` keys and values are label syntax).
 */
import * as z from '../../zod';
import type { Toleration } from '../../model';
import { GOOGLE_APPLICATION_CREDENTIALS } from '../../reserved-names';
import { checkDns1123Subdomain, checkLabelValue, checkQualifiedName, checkRenderableKey } from '../../validation/kubernetes-names';
import { DNS1123_SUBDOMAIN_SCHEMA, LABEL_VALUE_SCHEMA, QUALIFIED_NAME_SCHEMA } from '../json-schema-patterns';
import { always, nameString } from '../zod-helpers';
import { type FieldRule, type Mistakes, objectsIn } from './field';

/** One pod toleration, checked as the API server checks it. */
const tolerationSchema = z
  .strictObject({
    // An empty key (with Exists) matches every taint, as Kubernetes allows.
    key: nameString((k) => (k === '' ? undefined : checkQualifiedName(k))).optional().meta({
      description: 'The taint key the toleration applies to (a label key). Empty or not set matches every taint, and then "operator" must be "Exists".',
      ...QUALIFIED_NAME_SCHEMA,
    }),
    // "" is Kubernetes' own empty value: Equal for operator, every effect for effect.
    operator: z.enum(['', 'Exists', 'Equal']).optional().meta({
      description: '"Exists" (any value) or "Equal" (the default in Kubernetes: the taint\'s value must equal "value").',
    }),
    value: nameString(checkLabelValue).optional().meta({ description: 'The taint value to match (a label value); empty when "operator" is "Exists".', ...LABEL_VALUE_SCHEMA }),
    effect: z.enum(['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional().meta({
      description: 'The taint effect to match: "NoSchedule", "PreferNoSchedule" or "NoExecute"; not set matches every effect.',
    }),
    tolerationSeconds: z.int().optional().meta({ description: 'Only with effect "NoExecute": how many seconds the pod stays bound to a node after the taint appears.' }),
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
  }, always)
  .meta({
    allOf: [
      {
        if: { not: { required: ['key'] } },
        then: { required: ['operator'], properties: { operator: { const: 'Exists', errorMessage: 'must be "Exists" when "key" is empty (it then matches every taint)' } } },
      },
      {
        if: { properties: { operator: { const: 'Exists' } }, required: ['operator'] },
        then: { properties: { value: { const: '', errorMessage: 'must be empty when "operator" is "Exists"' } } },
      },
    ],
    dependencies: {
      tolerationSeconds: {
        properties: { effect: { const: 'NoExecute', errorMessage: '"tolerationSeconds" only applies when "effect" is "NoExecute"' } },
        required: ['effect'],
      },
    },
  });

/** A map of label keys to label values (`node-selector`, and Kubernetes `metadata.labels`). */
export const labelsMapField = z.record(
  nameString((k) => checkQualifiedName(k) ?? checkRenderableKey(k)).meta(QUALIFIED_NAME_SCHEMA),
  nameString(checkLabelValue).meta(LABEL_VALUE_SCHEMA),
);

export const podFields = {
  'svc-account-secret': nameString(checkDns1123Subdomain).optional().meta({
    description:
      'Not required, default "". Represents the service account that will be used: the name of the secret that holds its key. ' +
      'The secret must be in the same namespace as the task. It is mounted read-only (at /var/secrets/google by default) ' +
      'and GOOGLE_APPLICATION_CREDENTIALS points at its key file (key.json by default).',
    examples: ['etl-gcp-key'],
    ...DNS1123_SUBDOMAIN_SCHEMA,
  }),
  'service-account': nameString(checkDns1123Subdomain).optional().meta({
    description:
      'Not required; an extension. The Kubernetes service account the pods run as (pod serviceAccountName), in the task\'s namespace. ' +
      'Not set: the namespace\'s "default". Independent of "svc-account-secret" (a GCP key in a Secret).',
    examples: ['etl-runner'],
    ...DNS1123_SUBDOMAIN_SCHEMA,
  }),
  // ValidatePodSpec (kubernetes pkg/apis/core/validation/validation.go) checks a non-empty priorityClassName
  // with ValidatePriorityClassName, apimachinery's NameIsDNSSubdomain (pkg/apis/scheduling/validation).
  'priority-class-name': nameString(checkDns1123Subdomain).optional().meta({
    description:
      'Not required; an extension. The PriorityClass of the pods (pod spec.priorityClassName): which pods the scheduler places first and preempts last. ' +
      'A PriorityClass name (DNS-1123 subdomain), such as "system-cluster-critical" or one the cluster defines. Not set: the cluster\'s default PriorityClass, else priority 0.',
    examples: ['batch-low'],
    ...DNS1123_SUBDOMAIN_SCHEMA,
  }),
  tolerations: z.array(tolerationSchema).default([]).meta({
    description:
      'Array. Represents the Kubernetes taints and tolerations used to configure node affinity: ' +
      'each entry is a Kubernetes Toleration ("key", "operator", "value", "effect", "tolerationSeconds").',
    examples: [[{ key: 'dedicated', operator: 'Equal', value: 'data', effect: 'NoSchedule' }]],
  }),
  'node-selector': labelsMapField.default({}).meta({
    description: 'Dict. Used to assign pods to nodes: a map of node label key to value (for example {"kubernetes.io/os": "linux"}).',
    examples: [{ 'kubernetes.io/os': 'linux' }],
  }),
};

/** The volume and variable `svc-account-secret` adds are the tool's: a volume or env var may not take them. */
const checkCredentialsClash: FieldRule = (m, settings, ctx) => {
  if (typeof m['svc-account-secret'] !== 'string') return;
  const credentials = settings.gcpCredentials;
  objectsIn(m.volumes).forEach((volume, i) => {
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
};

export const podRules: readonly FieldRule[] = [checkCredentialsClash];

/** A negative tolerationSeconds, which Kubernetes reads as 0. */
export const podMistakes: Mistakes = (task) =>
  task.tolerations.flatMap((t, i) =>
    t.tolerationSeconds !== undefined && t.tolerationSeconds < 0
      ? [{ path: ['tolerations', i, 'tolerationSeconds'], message: `${t.tolerationSeconds} is negative, which Kubernetes reads as 0: the pod is evicted as soon as the taint appears; write 0 if that is meant` }]
      : [],
  );

/** The model of one toleration: the manifest's own object, validated. */
function toToleration(t: z.output<typeof tolerationSchema>): Toleration {
  // "" is what the API server stores as absent (omitempty strings).
  const orUndefined = <T extends string>(value: T | '' | undefined): T | undefined => (value === '' ? undefined : value);
  return { ...t, key: orUndefined(t.key), operator: orUndefined(t.operator), value: orUndefined(t.value), effect: orUndefined(t.effect) };
}

type PodValues = z.output<z.ZodObject<typeof podFields>>;

/** The model of the pod fields. */
export function toPod(m: PodValues) {
  return {
    serviceAccountSecret: m['svc-account-secret'],
    serviceAccountName: m['service-account'],
    priorityClassName: m['priority-class-name'],
    tolerations: m.tolerations.map(toToleration),
    nodeSelector: m['node-selector'],
  };
}
