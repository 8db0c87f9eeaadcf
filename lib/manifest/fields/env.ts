/**
 * `env` entries with a literal `value` or a `valueFrom` source, and
 * `env-from`, checked as the API server checks them (kubernetes
 * pkg/apis/core/validation: `ValidateEnv`, `validateEnvVarValueFrom`,
 * `validateObjectFieldSelector`, `validateContainerResourceFieldSelector`,
 * `validateContainerResourceDivisor`, `ValidateEnvFrom`; key syntax from
 * apimachinery `IsConfigMapKey`).
 */
import * as z from '../../zod';
import type { EnvFromSource, EnvVar } from '../../model';
import { checkDns1123Subdomain, checkEnvVarName, checkQualifiedName } from '../../validation/kubernetes-names';
import { parseQuantity } from '../../validation/quantity';
import { didYouMean } from '../../validation/suggest';
import { DNS1123_SUBDOMAIN_SCHEMA, ENV_VAR_NAME_SCHEMA } from '../json-schema-patterns';
import { always, checkedString, exactlyOneOf, isObjectPayload, nameString, uniqueBy } from '../zod-helpers';
import type { FieldRule } from './field';

/** The pod fields an env var may read (`validEnvDownwardAPIFieldPathExpressions`, Kubernetes 1.27). */
export const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.podIP', 'status.podIPs',
] as const;

/** The container resources an env var may read (`validContainerResourceFieldPathExpressions`). */
export const ENV_RESOURCES = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'] as const;

/** The divisors the API server accepts, per resource (`validContainerResourceDivisorFor*`). */
const CPU_DIVISORS = ['1m', '1'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

/** A ConfigMap or Secret key: `[-._a-zA-Z0-9]+`, at most 253, not "." or "..", not starting with "..". */
export function checkConfigMapKey(key: string): string | undefined {
  if (key.length > 253) return `must be at most 253 characters (it has ${key.length})`;
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) return "must consist of letters, digits, '-', '_' and '.'";
  if (key === '.' || key === '..' || key.startsWith('..')) return 'must not be "." or ".." or start with ".."';
  return undefined;
}

const resourceName = nameString(checkDns1123Subdomain).meta(DNS1123_SUBDOMAIN_SCHEMA);
const keySelector = z.strictObject({
  name: resourceName,
  key: nameString(checkConfigMapKey).meta({ pattern: '^[-._a-zA-Z0-9]+$', maxLength: 253 }),
  optional: z.boolean().optional(),
});

/** `fieldPath`: a field of the list, or `metadata.labels['key']` / `metadata.annotations['key']`. */
const fieldPath = checkedString((path) => {
  const subscript = /^(metadata\.labels|metadata\.annotations)\['(.*)'\]$/.exec(path);
  if (subscript !== null) {
    const bad = checkQualifiedName(subscript[1] === 'metadata.annotations' ? subscript[2].toLowerCase() : subscript[2]);
    return bad === undefined ? undefined : `${JSON.stringify(path)}: the key ${JSON.stringify(subscript[2])} ${bad}`;
  }
  if ((ENV_FIELD_PATHS as readonly string[]).includes(path)) return undefined;
  const all = [...ENV_FIELD_PATHS, "metadata.labels['<key>']", "metadata.annotations['<key>']"];
  const hint = path === 'spec.host' ? ' (did you mean "spec.nodeName"?)' : suggestion(path, all);
  return `${JSON.stringify(path)} is not a pod field an environment variable can read; use one of ${all.join(', ')}${hint}`;
}).meta({ anyOf: [{ enum: [...ENV_FIELD_PATHS] }, { pattern: "^metadata\\.(labels|annotations)\\['.+'\\]$" }] });

const resourceFieldRef = z
  .strictObject({
    resource: checkedString((r) =>
      (ENV_RESOURCES as readonly string[]).includes(r) ? undefined : `${JSON.stringify(r)} is not a container resource; use one of ${ENV_RESOURCES.join(', ')}${suggestion(r, ENV_RESOURCES)}`,
    ).meta({ enum: [...ENV_RESOURCES] }),
    containerName: z.string().optional(),
    divisor: z.string().optional(),
  })
  .transform((ref, ctx) => {
    if (ref.divisor === undefined) return { ...ref, divisor: undefined };
    const q = parseQuantity(ref.divisor);
    if (!q.ok) {
      ctx.addIssue({ code: 'custom', path: ['divisor'], message: q.message });
      return z.NEVER;
    }
    const allowed = ref.resource.endsWith('.cpu') ? CPU_DIVISORS : BYTE_DIVISORS;
    if (!allowed.includes(q.value.canonical)) {
      ctx.addIssue({ code: 'custom', path: ['divisor'], message: `${JSON.stringify(ref.divisor)} is not a divisor of ${ref.resource}; use one of ${allowed.join(', ')}` });
      return z.NEVER;
    }
    // The API server stores the canonical form (1000m → 1).
    return { ...ref, divisor: q.value.canonical };
  });

const VALUE_SOURCES = ['secretKeyRef', 'configMapKeyRef', 'fieldRef', 'resourceFieldRef'] as const;

const valueFrom = z
  .strictObject({
    secretKeyRef: keySelector.optional().meta({
      description: 'A key of a Secret in the task\'s namespace: {"name", "key", optional "optional"}. The way to pass passwords and tokens.',
    }),
    configMapKeyRef: keySelector.optional().meta({ description: 'A key of a ConfigMap in the task\'s namespace: {"name", "key", optional "optional"}.' }),
    fieldRef: z.strictObject({ fieldPath, apiVersion: z.literal('v1').optional() }).optional().meta({
      description:
        'A field of the pod: {"fieldPath"}, one of metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, ' +
        "status.hostIP, status.podIP, status.podIPs, metadata.labels['<key>'], metadata.annotations['<key>'].",
    }),
    resourceFieldRef: resourceFieldRef.optional().meta({
      description:
        'A resource of the container: {"resource"}, one of limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory, requests.ephemeral-storage, ' +
        'optional "divisor" (such as "1m" or "1Mi").',
    }),
  })
  .superRefine(exactlyOneOf(VALUE_SOURCES, 'source'), { when: isObjectPayload })
  .meta({ oneOf: VALUE_SOURCES.map((source) => ({ required: [source] })) });

const envVar = z
  .strictObject({
    name: nameString(checkEnvVarName).meta({
      description: "The variable's name: letters, digits, '_', '-' and '.', not starting with a digit; unique in the list.",
      ...ENV_VAR_NAME_SCHEMA,
    }),
    value: z.string().optional().meta({ description: 'The variable\'s value, always a string (write "4", not 4). Exactly one of "value" and "valueFrom".' }),
    valueFrom: valueFrom.optional().meta({
      description:
        'An extension: read the value from a Secret ("secretKeyRef"), a ConfigMap ("configMapKeyRef"), the pod ("fieldRef") or the container\'s resources ("resourceFieldRef"), ' +
        'as in Kubernetes. Exactly one of "value" and "valueFrom".',
    }),
  })
  .superRefine((v, ctx) => {
    // pkg/apis/core/validation validateEnvVarValueFrom: "may not be specified when `value` is not empty"; "" is no value.
    if (v.value !== undefined && v.value !== '' && v.valueFrom !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['valueFrom'], message: 'cannot be set together with "value"; set exactly one of them' });
    } else if (v.value === undefined && v.valueFrom === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'is required (or "valueFrom", to read the value from a Secret, a ConfigMap or the pod)' });
    }
  }, { when: isObjectPayload })
  // As the API server: a `valueFrom` may not come with a non-empty `value` ("" is no value).
  .meta({ anyOf: [{ required: ['value'] }, { required: ['valueFrom'] }], not: { required: ['value', 'valueFrom'], properties: { value: { minLength: 1 } } } });

/**
 * Kubernetes accepts two variables of one name (the container sees the
 * last), but server-side apply merges `env` by name and refuses duplicates:
 * this tool's rule, said in the message.
 */
const DUPLICATE_ENV = '; Kubernetes would keep only the last value, and server-side apply refuses two entries of one name, so this tool refuses it';

/** The container's environment: unique, valid names; a string `value` or a `valueFrom` source each. */
const envField = z.array(envVar).superRefine(uniqueBy((v) => v.name, 'name', 'environment variable', DUPLICATE_ENV), always);

const ENV_FROM_SOURCES = ['configMapRef', 'secretRef'] as const;

const envFromSource = z
  .strictObject({
    configMapRef: z.strictObject({ name: resourceName, optional: z.boolean().optional() }).optional().meta({
      description: 'A ConfigMap in the task\'s namespace, every key of which becomes a variable: {"name", optional "optional"}.',
    }),
    secretRef: z.strictObject({ name: resourceName, optional: z.boolean().optional() }).optional().meta({
      description: 'A Secret in the task\'s namespace, every key of which becomes a variable: {"name", optional "optional"}.',
    }),
    // ValidateEnvFrom (pkg/apis/core/validation/validation.go) checks the prefix only when it is not empty, and the
    // API server stores "" as no prefix (omitempty): accepted, and not written.
    prefix: nameString((value) => (value === '' ? undefined : checkEnvVarName(value))).optional().meta({
      description: 'Not required. Added before every variable name; a valid variable name itself ("" is no prefix).',
      pattern: `^$|${ENV_VAR_NAME_SCHEMA.pattern}`,
      patternErrorMessage: ENV_VAR_NAME_SCHEMA.patternErrorMessage,
    }),
  })
  .superRefine(exactlyOneOf(ENV_FROM_SOURCES, 'source'), { when: isObjectPayload })
  .meta({ oneOf: ENV_FROM_SOURCES.map((source) => ({ required: [source] })) });

export const envFields = {
  env: envField.default([]).meta({
    description:
      'List of dicts ("name", "value", both strings). Defines the environment variables of your application, in order. ' +
      'Names are unique and must not start with a digit; values are JSON strings (write "4", not 4). ' +
      'Instead of "value", "valueFrom" reads the value from a Secret, a ConfigMap or the pod (an extension; see Kubernetes EnvVarSource).',
    examples: [[{ name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } }]],
  }),
  /** Every key of a ConfigMap or Secret as environment variables, with an optional name prefix. */
  'env-from': z.array(envFromSource).default([]).meta({
    description:
      'Not required; an extension. Container envFrom: every key of a ConfigMap or Secret becomes an environment variable. ' +
      'Each entry has exactly one of "configMapRef" or "secretRef" ({"name", optional "optional"}) and an optional "prefix" added to every name.',
    examples: [[{ secretRef: { name: 'etl-credentials' } }, { configMapRef: { name: 'etl-config' }, prefix: 'ETL_' }]],
  }),
};

/** A `resourceFieldRef.containerName` names the task's one container. */
const checkContainerName: FieldRule = (raw, _settings, ctx) => {
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
};

export const envRules: readonly FieldRule[] = [checkContainerName];

type EnvValues = z.output<z.ZodObject<typeof envFields>>;

/** The model of the env fields. */
export function toEnv(m: EnvValues) {
  return { env: m.env.map(toEnvVar), envFrom: m['env-from'].map(toEnvFromSource) };
}

/** The model of one env var. */
function toEnvVar(v: z.output<typeof envVar>): EnvVar {
  return v.valueFrom === undefined ? { name: v.name, value: v.value ?? '' } : { name: v.name, valueFrom: v.valueFrom };
}

/** The model of one `env-from` entry. */
function toEnvFromSource(s: z.output<typeof envFromSource>): EnvFromSource {
  // "" is no prefix, as the API server stores it.
  if (s.prefix !== '') return s;
  const { prefix: _empty, ...rest } = s;
  return rest;
}

function suggestion(input: string, candidates: readonly string[]): string {
  const best = didYouMean(input, candidates);
  return best === undefined ? '' : ` (did you mean ${JSON.stringify(best)}?)`;
}
