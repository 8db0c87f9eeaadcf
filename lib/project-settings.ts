/**
 * The project settings as the constructs receive them (validated and
 * defaulted), and their defaults. Plain types and a plain object, so that a
 * cdk8s app using the constructs does not load zod; `settingsSchema` in
 * ./settings.ts validates `datatask.settings.json` into this shape, takes
 * its defaults from here, and a type check there keeps the two in step.
 */

/** Project settings. Every field is documented in the README's settings table. */
export interface Settings {
  readonly $schema?: string;
  /** Namespace of tasks that do not set their own. @default "default" */
  readonly namespace: string;
  readonly mapping: {
    /** Emissary Mapping API version. @default "v3alpha1" */
    readonly apiVersion: 'v3alpha1' | 'v2';
    /** `spec.hostname` (v3alpha1) / `spec.host` (v2) of every Mapping; `*` matches every host. @default "*" */
    readonly hostname: string;
    /** Emissary resolver of sticky-session Mappings (cookie affinity needs an endpoint resolver). @default "endpoint" */
    readonly stickySessionResolver: string;
    /** Prefix of the portal annotations (`displayed-name`, `icon`, `visible`). @default "portal.datatask.io/" */
    readonly portalAnnotationPrefix: string;
  };
  readonly gcpCredentials: {
    /** Where the `svc-account-secret` volume is mounted. @default "/var/secrets/google" */
    readonly mountPath: string;
    /** Key file inside that secret; `GOOGLE_APPLICATION_CREDENTIALS` points at it. @default "key.json" */
    readonly keyFile: string;
    /** Name of the pod volume for that secret. @default "google-cloud-key" */
    readonly volumeName: string;
  };
  readonly cronJob: {
    /** IANA time zone of every CronJob's `spec.timeZone`. @default none (the controller's zone) */
    readonly timeZone?: string;
  };
  /** Pod Security Standards profile every pod meets. @default "baseline" */
  readonly podSecurity: 'baseline' | 'restricted';
  readonly argocd: {
    /** Annotate Jobs with `argocd.argoproj.io/sync-options: Force=true,Replace=true`. @default false */
    readonly replaceJobs: boolean;
  };
  /**
   * CRD files (paths or globs, relative to the settings file's folder) whose
   * kinds platform hooks may emit (lib/output/custom-resources.ts). @default none
   */
  readonly crds?: readonly string[];
  /** How the images of `image-destination` tasks are built (`images --format bake`); the project's, never an environment's. @default none */
  readonly images?: {
    /** The source repository's http(s) URL, the `org.opencontainers.image.source` label of every image built. @default none (no label) */
    readonly source?: string;
  };
}

/** The settings of a project without a settings file: every default, written only here. */
export const DEFAULT_SETTINGS: Settings = {
  namespace: 'default',
  mapping: {
    apiVersion: 'v3alpha1',
    hostname: '*',
    stickySessionResolver: 'endpoint',
    portalAnnotationPrefix: 'portal.datatask.io/',
  },
  gcpCredentials: {
    mountPath: '/var/secrets/google',
    keyFile: 'key.json',
    volumeName: 'google-cloud-key',
  },
  cronJob: {},
  podSecurity: 'baseline',
  argocd: { replaceJobs: false },
};

/**
 * One environment of the `environments` setting (dev, staging, prod): its
 * name (a DNS-1123 label, its output folder) and its settings, the
 * top-level settings with the environment's own merged over them key by key.
 */
export interface Environment {
  readonly name: string;
  readonly settings: Settings;
}

/** The settings file a project has by default, at its root; messages name the file a run read (`--settings`). */
export const SETTINGS_FILE = 'datatask.settings.json';
