/**
 * `volumes`: each entry one pod volume and its mount in the task's
 * container, with the Kubernetes field names (kubernetes
 * pkg/apis/core/validation `ValidateVolumes`, `ValidateVolumeMounts`).
 */
import * as z from '../../zod';
import type { Volume, VolumeSource } from '../../model';
import { parseQuantity } from '../../validation/quantity';
import { checkDns1123Label, checkDns1123Subdomain, checkRenderableKey } from '../../validation/kubernetes-names';
import { ABSOLUTE_PATH_SCHEMA, DNS1123_SUBDOMAIN_SCHEMA, dns1123Label, QUANTITY_SCHEMA, RELATIVE_PATH_SCHEMA } from '../json-schema-patterns';
import { always, nameString, uniqueBy } from '../zod-helpers';
import { atPath, type FieldRule, type Mistakes, objectsIn } from './field';
import { checkMemory } from './resources';

/** The volume sources a task may use. */
export const ALLOWED_VOLUME_SOURCES = ['configMap', 'secret', 'persistentVolumeClaim', 'emptyDir', 'csi', 'nfs'] as const;

/** Kubernetes volume sources that are refused (node access, or not a data-platform need). */
const REFUSED_VOLUME_SOURCES = [
  'hostPath', 'gitRepo', 'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'downwardAPI',
  'ephemeral', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'glusterfs', 'iscsi', 'photonPersistentDisk',
  'portworxVolume', 'projected', 'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume',
] as const;

/** A key that is known, so that it gets its own message, and always refused (manifest.schema.json leaves it out: `refused`). */
const refused = (source: string) =>
  z
    .unknown()
    .superRefine((_, ctx) => ctx.addIssue(`volume source "${source}" is not supported by this tool${source === 'hostPath' ? ' (a data task gets no access to its node)' : ''}; use one of ${ALLOWED_VOLUME_SOURCES.join(', ')}`))
    .optional()
    .meta({ refused: true });

/** A file mode: JSON has no octal numbers, so 0644 is written 420; 644 (0o1204) is refused with the likely value. */
const fileMode = z
  .int()
  .min(0)
  .max(0o777, {
    error: (iss) => {
      const digits = String(iss.input);
      const octal = /^0?[0-7]{3,4}$/.test(digits) && parseInt(digits, 8) <= 0o777 ? `; did you mean ${parseInt(digits, 8)} (0${digits.replace(/^0/, '')})?` : '';
      return `expected a file mode ≤ 511 (0777), found ${digits}: JSON numbers are decimal, so 0644 is written 420${octal}`;
    },
  });
const resourceName = nameString(checkDns1123Subdomain).meta(DNS1123_SUBDOMAIN_SCHEMA);

const keyToPath = z.strictObject({
  key: z.string().min(1),
  path: z.string().min(1).refine((p) => !p.startsWith('/') && !p.startsWith('..') && !p.split('/').includes('..'), {
    error: 'must be a relative path that does not start with ".." or contain ".."',
  }).meta(RELATIVE_PATH_SCHEMA),
  mode: fileMode.optional(),
});

const SOURCE_DESCRIPTIONS = {
  configMap: 'Source: a ConfigMap in the task\'s namespace ("name", optional "items", "defaultMode", "optional"), as in Kubernetes.',
  secret: 'Source: a Secret in the task\'s namespace ("secretName", optional "items", "defaultMode", "optional"), as in Kubernetes.',
  persistentVolumeClaim: 'Source: a PersistentVolumeClaim in the task\'s namespace ("claimName", optional "readOnly"), as in Kubernetes.',
  emptyDir: 'Source: an empty directory that lives as long as the pod (optional "medium": "" or "Memory", and "sizeLimit", a quantity); write {} for the defaults.',
  csi: 'Source: a CSI driver volume ("driver", optional "readOnly", "fsType", "volumeAttributes", "nodePublishSecretRef"), as in Kubernetes.',
  nfs: 'Source: an NFS share ("server", "path", optional "readOnly"), as in Kubernetes.',
} as const;

const sources = {
  configMap: z.strictObject({ name: resourceName, items: z.array(keyToPath).optional(), defaultMode: fileMode.optional(), optional: z.boolean().optional() }),
  secret: z.strictObject({ secretName: resourceName, items: z.array(keyToPath).optional(), defaultMode: fileMode.optional(), optional: z.boolean().optional() }),
  persistentVolumeClaim: z.strictObject({ claimName: resourceName, readOnly: z.boolean().optional() }),
  emptyDir: z.strictObject({
    // Kubernetes also accepts HugePages[-<size>], which needs hugepages-<size> resources the format cannot request.
    medium: z
      .enum(['', 'Memory'], {
        error: (iss) =>
          typeof iss.input === 'string' && iss.input.startsWith('HugePages')
            ? `${JSON.stringify(iss.input)} is refused by this tool: a HugePages volume needs hugepages-<size> requests and limits on the container, which a manifest cannot set (the pod would never start); use "" (node disk) or "Memory"`
            : undefined,
      })
      .optional(),
    sizeLimit: z
      .string()
      .transform((s, ctx) => {
        const q = parseQuantity(s);
        if (!q.ok) {
          ctx.addIssue(q.message);
          return z.NEVER;
        }
        return q.value.canonical;
      })
      .meta(QUANTITY_SCHEMA)
      .optional(),
  }),
  csi: z.strictObject({
    // ValidateCSIDriverName: a DNS-1123 subdomain of at most 63 characters.
    driver: nameString((d) => (d.length > 63 ? `must be at most 63 characters (it has ${d.length})` : checkDns1123Subdomain(d))).meta(DNS1123_SUBDOMAIN_SCHEMA),
    readOnly: z.boolean().optional(),
    // Kubernetes stores "" (a pointer) and the driver reads it as no file system type: the tool's rule is to leave the field out.
    fsType: z.string().min(1, { error: 'must not be empty (this tool\'s rule: Kubernetes accepts "" and the driver reads it as no file system type; leave fsType out for the driver\'s default)' }).optional(),
    volumeAttributes: z.record(nameString(checkRenderableKey), z.string()).optional(),
    nodePublishSecretRef: z.strictObject({ name: resourceName }).optional(),
  }),
  nfs: z.strictObject({
    server: z.string().min(1),
    path: z.string().refine((p) => p.startsWith('/'), { error: (iss) => `must be an absolute path (found ${JSON.stringify(iss.input)})` }),
    readOnly: z.boolean().optional(),
  }),
};

const volumeSchema = z
  .strictObject({
    name: nameString(checkDns1123Label).meta({
      description:
        "The volume's name: lower-case letters, digits and '-', at most 63 characters; unique in the task, " +
        'and not the name of the volume that mounts "svc-account-secret".',
      ...dns1123Label(63),
    }),
    mountPath: z
      .string()
      .refine((p) => p.startsWith('/'), { error: (iss) => `must be an absolute path (found ${JSON.stringify(iss.input)})` })
      .meta({ description: 'Required. Where the volume is mounted in the container: an absolute path, unique in the task.', ...ABSOLUTE_PATH_SCHEMA }),
    readOnly: z.boolean().optional().meta({ description: 'Not required, default false. Mounts the volume read-only.' }),
    subPath: z.string().refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), {
      error: 'must be a relative path without ".."',
    }).optional().meta({ description: 'Not required. Mounts only this path inside the volume: a relative path without "..".', ...RELATIVE_PATH_SCHEMA }),
    ...Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, v.optional().meta({ description: SOURCE_DESCRIPTIONS[k as keyof typeof sources] })])) as {
      [K in keyof typeof sources]: z.ZodOptional<(typeof sources)[K]>;
    },
    ...Object.fromEntries(REFUSED_VOLUME_SOURCES.map((k) => [k, refused(k)])),
  })
  .superRefine((volume, ctx) => {
    // Runs even when the volume has other errors (`always`): reads only which keys are present.
    if (typeof volume !== 'object' || volume === null || Array.isArray(volume)) return;
    const given = ALLOWED_VOLUME_SOURCES.filter((source) => volume[source] !== undefined);
    const refusedGiven = REFUSED_VOLUME_SOURCES.some((source) => (volume as Record<string, unknown>)[source] !== undefined);
    if (given.length !== 1 && !refusedGiven) {
      ctx.addIssue({
        code: 'custom',
        path: given.length === 0 ? [] : [given[1]],
        message: `${given.length === 0 ? 'has no source' : `has ${given.length} sources (${given.join(', ')})`}; set exactly one of ${ALLOWED_VOLUME_SOURCES.join(', ')}`,
      });
    }
  }, always)
  .meta({ oneOf: ALLOWED_VOLUME_SOURCES.map((source) => ({ required: [source] })) });

/** The `volumes` list: unique names, each one volume and its mount. */
const volumesSchema = z
  .array(volumeSchema)
  .superRefine(uniqueBy((v) => v.name, 'name', 'volume name'), always)
  .superRefine(uniqueBy((v) => v.mountPath, 'mountPath', 'mount path'), always);

export const volumeFields = {
  volumes: volumesSchema.default([]).meta({
    description:
      'Array. Represents the volume mount configuration: each entry is one Kubernetes volume and its mount, with "name", "mountPath", ' +
      'optional "readOnly" and "subPath", and exactly one source among configMap, secret, persistentVolumeClaim, emptyDir, csi and nfs.',
    examples: [[{ name: 'config', mountPath: '/etc/etl', readOnly: true, configMap: { name: 'etl-config' } }]],
  }),
};

/** NFS mounts a share from outside the cluster, which the restricted Pod Security profile forbids. */
const checkRestrictedSources: FieldRule = (m, settings, ctx) => {
  if (settings.podSecurity !== 'restricted') return;
  objectsIn(m.volumes).forEach((volume, i) => {
    if (volume.nfs !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['volumes', i, 'nfs'], message: 'is not allowed by the restricted Pod Security profile (the podSecurity setting); use a persistentVolumeClaim' });
    }
  });
};

export const volumeRules: readonly FieldRule[] = [checkRestrictedSources];

/** The model of the `volumes` field. */
export function toVolumes(m: z.output<z.ZodObject<typeof volumeFields>>) {
  return { volumes: m.volumes.map(toVolume) };
}

/** The model of one `volumes` entry. */
function toVolume(v: z.output<typeof volumeSchema>): Volume {
  const source = ALLOWED_VOLUME_SOURCES.find((s) => v[s] !== undefined);
  if (source === undefined) throw new Error(`volume ${v.name} has no source after validation`);
  return {
    name: v.name,
    mountPath: v.mountPath,
    readOnly: v.readOnly,
    subPath: v.subPath,
    source: { [source]: v[source] } as unknown as VolumeSource,
  };
}

/** File modes people use; a decimal number that reads as one of these in octal was probably written in octal. */
const USUAL_MODES = new Set([0o400, 0o440, 0o444, 0o500, 0o550, 0o555, 0o600, 0o640, 0o644, 0o660, 0o664, 0o666, 0o700, 0o750, 0o755, 0o770, 0o775, 0o777]);

/** An emptyDir size in milli-bytes (it is bytes, like memory); file modes written in octal. */
export const volumeMistakes: Mistakes = (task) =>
  task.volumes.flatMap((volume, i) => {
    const source = volume.source;
    if ('emptyDir' in source) {
      const size = source.emptyDir.sizeLimit;
      return size === undefined ? [] : checkMemory(size, false, 'volume').map(atPath(['volumes', i, 'emptyDir', 'sizeLimit']));
    }
    const found = 'configMap' in source ? (['configMap', source.configMap] as const) : 'secret' in source ? (['secret', source.secret] as const) : undefined;
    if (found === undefined) return [];
    const [kind, spec] = found;
    return [
      ...(spec.defaultMode === undefined ? [] : checkMode(spec.defaultMode).map(atPath(['volumes', i, kind, 'defaultMode']))),
      ...(spec.items ?? []).flatMap((item, j) => (item.mode === undefined ? [] : checkMode(item.mode).map(atPath(['volumes', i, kind, 'items', j, 'mode'])))),
    ];
  });

/**
 * JSON has no octal numbers, so file modes are decimal: 420 is 0644. A mode
 * above 0777 is refused by the schema; one whose decimal digits read as a
 * usual octal mode, while its value is not one, was probably written in octal.
 */
function checkMode(mode: number): string[] {
  const digits = String(mode);
  if (USUAL_MODES.has(mode) || !/^[0-7]{3}$/.test(digits)) return [];
  const meant = parseInt(digits, 8);
  if (!USUAL_MODES.has(meant)) return [];
  const octal = (n: number) => `0${n.toString(8).padStart(3, '0')}`;
  return [`${mode} is the file mode ${octal(mode)} (JSON numbers are decimal); did you mean ${meant} (${octal(meant)})?`];
}
