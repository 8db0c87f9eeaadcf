import { DEFAULT_SETTINGS, type Settings } from './project-settings';
import * as z from './zod';
import { checkedString, nameString } from './manifest/zod-helpers';
import { checkEmissaryHostname } from './validation/emissary-hostname';
import { checkDns1123Label, checkDns1123Subdomain, checkSecretKey } from './validation/kubernetes-names';
import { checkApplyableString } from './validation/server-side-apply';
import { checkSourceUrl } from './images/source-url';
import { checkTimeZone } from './validation/time-zone';

/** The project settings file, read from the working directory when present. */
export { SETTINGS_FILE } from './project-settings';

const dnsLabel = nameString((value) => checkDns1123Label(value));

/** A container mount path: absolute, not "/" itself, written the one way the API server keeps it. */
const mountPath = checkedString((p) => {
  const unreadable = checkApplyableString(p);
  if (unreadable !== undefined) return `${JSON.stringify(p)} ${unreadable}`;
  if (!p.startsWith('/')) return `must be an absolute path (start with "/"), found ${JSON.stringify(p)}`;
  if (p === '/') return 'must not be "/": a volume mounted over the root folder hides the whole image';
  if (p.endsWith('/') || p.includes('//')) return `${JSON.stringify(p)} has a trailing or doubled "/"; did you mean ${JSON.stringify(p.replace(/\/+/g, '/').replace(/\/$/, ''))}?`;
  if (p.split('/').includes('..')) return `${JSON.stringify(p)} must not contain ".."`;
  return undefined;
});

/** A Kubernetes object name (a Secret, a resolver): a DNS-1123 subdomain. */
const resourceName = nameString(checkDns1123Subdomain);

/**
 * The settings of one environment (and of a project without environments):
 * every one optional, every default in ./project-settings.ts. The README's
 * settings reference documents each.
 */
export const environmentSettingsSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Namespace of tasks that do not set their own. */
  namespace: dnsLabel.default(DEFAULT_SETTINGS.namespace),
  mapping: z
    .strictObject({
      /** Emissary Mapping API version. */
      apiVersion: z.enum(['v3alpha1', 'v2']).default(DEFAULT_SETTINGS.mapping.apiVersion),
      /** `spec.hostname` (v3alpha1) / `spec.host` (v2) of every Mapping; `*` matches every host. */
      hostname: checkedString(checkEmissaryHostname).default(DEFAULT_SETTINGS.mapping.hostname),
      /** Emissary resolver used for sticky sessions (cookie affinity needs an endpoint resolver). */
      stickySessionResolver: resourceName.default(DEFAULT_SETTINGS.mapping.stickySessionResolver),
      /** Prefix of the portal annotations (`displayed-name`, `icon`, `visible`). */
      portalAnnotationPrefix: z
        .string()
        .superRefine((value, ctx) => {
          const domain = value.endsWith('/') ? value.slice(0, -1) : undefined;
          const bad = domain === undefined ? 'must end with "/"' : checkDns1123Subdomain(domain);
          if (bad !== undefined) ctx.addIssue(`"${value}" ${bad}`);
        })
        .default(DEFAULT_SETTINGS.mapping.portalAnnotationPrefix),
    })
    .prefault({}),
  gcpCredentials: z
    .strictObject({
      /** Where the `svc-account-secret` volume is mounted. */
      mountPath: mountPath.default(DEFAULT_SETTINGS.gcpCredentials.mountPath),
      /** Key file inside that secret; `GOOGLE_APPLICATION_CREDENTIALS` points at it. */
      keyFile: nameString(checkSecretKey).default(DEFAULT_SETTINGS.gcpCredentials.keyFile),
      /** Name of the pod volume for that secret; task volumes may not reuse it. */
      volumeName: dnsLabel.default(DEFAULT_SETTINGS.gcpCredentials.volumeName),
    })
    .prefault({}),
  cronJob: z
    .strictObject({
      /** IANA time zone for every CronJob's `spec.timeZone`; absent uses the controller's zone (UTC). */
      timeZone: checkedString(checkTimeZone).optional(),
    })
    .prefault({}),
  /** Pod Security Standards profile every pod meets. */
  podSecurity: z.enum(['baseline', 'restricted']).default(DEFAULT_SETTINGS.podSecurity),
  argocd: z
    .strictObject({
      /** Annotate Jobs with `argocd.argoproj.io/sync-options: Force=true,Replace=true`. */
      replaceJobs: z.boolean().default(DEFAULT_SETTINGS.argocd.replaceJobs),
    })
    .prefault({}),
  /** CRD files (paths or globs relative to the settings file's folder) whose kinds hooks may emit; read by ./settings-file.ts. */
  crds: z.array(z.string().min(1)).readonly().optional(),
  images: z
    .strictObject({
      /** The `org.opencontainers.image.source` label of every image `images --format bake` builds (lib/images/bake.ts). */
      source: checkedString(checkSourceUrl)
        .optional()
        .meta({
          description:
            'The URL of the repository the images are built from (http or https, without credentials): the OCI label org.opencontainers.image.source of every target of `images --format bake`, which registries use to link an image to its source. Absent: no label.',
          examples: ['https://github.com/acme/data-tasks'],
          // What JSON Schema can say of checkSourceUrl's rules: the scheme, no white space.
          pattern: '^[Hh][Tt][Tt][Pp][Ss]?://\\S+$',
        }),
    })
    .optional()
    .meta({ description: 'How the images of image-destination tasks are built (`images --format bake`); the project\'s, not an environment\'s.' }),
});

/**
 * What an environment changes: `schema` with every field optional and no
 * default, objects partial in turn (an absent field keeps the shared value).
 */
function overrideOf(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
  if (!(inner instanceof z.ZodObject)) return inner.optional();
  return z.strictObject(Object.fromEntries(Object.entries(inner.shape).map(([key, field]) => [key, overrideOf(field as z.ZodType)]))).optional();
}

const { $schema: _schema, crds: _crds, images: _images, ...sharedShape } = environmentSettingsSchema.shape;

/**
 * One environment's entry of `environments`: a partial settings object
 * merged key by key over the top-level settings. `crds` is the project's
 * (the kinds its hooks may emit), so is `images` (an image is built once,
 * with one source label, and promoted between environments by its
 * digest), and environments do not nest.
 */
export const environmentOverrideSchema = z.strictObject({
  ...Object.fromEntries(Object.entries(sharedShape).map(([key, field]) => [key, overrideOf(field as z.ZodType)])),
  crds: z.never({ error: 'is read once for the whole project (the kinds its hooks may emit): set it at the top level of the settings file' }).optional(),
  images: z.never({ error: 'is the whole project\'s: an image is built once, with one source label, and promoted between environments by its digest; set it at the top level of the settings file' }).optional(),
  environments: z.never({ error: 'environments do not nest: declare every environment at the top level of the settings file' }).optional(),
});

/**
 * An environment's name: a DNS-1123 label, as it names an output folder and
 * an Argo CD Application (and, often, a namespace suffix).
 */
export const environmentName = dnsLabel;

/**
 * The settings file: the shared settings, and the environments (dev,
 * staging, prod) each merged over them (../shared SPEC, "Environments").
 */
export const settingsSchema = environmentSettingsSchema.extend({
  /** Environment name → the settings that differ there. Without it, the project has one environment and no environment folders. */
  environments: z.record(environmentName, environmentOverrideSchema).optional(),
});

/** True only when the validated settings and the constructs' `Settings` are one type (checked by the compiler). */
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const SAME_SHAPE: Exactly<Settings, z.output<typeof environmentSettingsSchema>> = true;
void SAME_SHAPE;
