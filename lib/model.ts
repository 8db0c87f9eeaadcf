/**
 * The typed, validated, defaulted model of one task. Constructs receive only
 * these values, never raw manifest JSON. Quantities are already canonical.
 *
 * Every key of a task is required, `T | undefined` where the value is
 * optional: a translation (lib/manifest/fields/*.ts `to…`) that leaves one
 * out does not compile.
 */

/** What a task becomes: `job` without a schedule is a Job, with one a CronJob. */
export type TaskKind = 'job' | 'cron-job' | 'deployment' | 'service';

export type ImagePullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** Canonical Kubernetes quantities, only the ones the manifest gave. */
export interface ResourceList {
  readonly cpu?: string;
  readonly memory?: string;
}

export interface Resources {
  readonly requests: ResourceList;
  readonly limits: ResourceList;
}

/** An environment variable: a literal value, or one read from a Secret, a ConfigMap or the pod. */
export type EnvVar =
  | { readonly name: string; readonly value: string; readonly valueFrom?: undefined }
  | { readonly name: string; readonly value?: undefined; readonly valueFrom: EnvVarSource };

/** Where an env var's value comes from, with the Kubernetes field names (exactly one source). */
export interface EnvVarSource {
  readonly secretKeyRef?: KeySelector;
  readonly configMapKeyRef?: KeySelector;
  readonly fieldRef?: { readonly fieldPath: string; readonly apiVersion?: 'v1' };
  /** `divisor` is a canonical quantity. */
  readonly resourceFieldRef?: { readonly resource: string; readonly containerName?: string; readonly divisor?: string };
}

/** A key of a Secret or ConfigMap in the task's namespace. */
export interface KeySelector {
  readonly name: string;
  readonly key: string;
  readonly optional?: boolean;
}

/** An `env-from` entry: every key of one ConfigMap or Secret, optionally prefixed. */
export interface EnvFromSource {
  readonly configMapRef?: { readonly name: string; readonly optional?: boolean };
  readonly secretRef?: { readonly name: string; readonly optional?: boolean };
  readonly prefix?: string;
}

export interface KeyToPath {
  readonly key: string;
  readonly path: string;
  readonly mode?: number;
}

/** The volume sources a task may use, with the Kubernetes field names. */
export type VolumeSource =
  | { readonly configMap: { readonly name: string; readonly items?: readonly KeyToPath[]; readonly defaultMode?: number; readonly optional?: boolean } }
  | { readonly secret: { readonly secretName: string; readonly items?: readonly KeyToPath[]; readonly defaultMode?: number; readonly optional?: boolean } }
  | { readonly persistentVolumeClaim: { readonly claimName: string; readonly readOnly?: boolean } }
  | { readonly emptyDir: { readonly medium?: '' | 'Memory'; readonly sizeLimit?: string } }
  | { readonly csi: { readonly driver: string; readonly readOnly?: boolean; readonly fsType?: string; readonly volumeAttributes?: Readonly<Record<string, string>>; readonly nodePublishSecretRef?: { readonly name: string } } }
  | { readonly nfs: { readonly server: string; readonly path: string; readonly readOnly?: boolean } };

/** One pod volume and its mount in the task's container. */
export interface Volume {
  readonly name: string;
  readonly mountPath: string;
  readonly readOnly?: boolean;
  readonly subPath?: string;
  readonly source: VolumeSource;
}

export interface Toleration {
  readonly key?: string;
  readonly operator?: 'Exists' | 'Equal';
  readonly value?: string;
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  readonly tolerationSeconds?: number;
}

/** How a published service is exposed through Emissary-ingress. */
export interface Published {
  /** URL prefix the Mapping matches; starts with `/`. */
  readonly prefix: string;
  /** Prefix rewrite; absent keeps Emissary's default `/`, `""` disables rewriting. */
  readonly rewrite: string | undefined;
  /** @default 6000 */
  readonly timeoutMs: number;
  /** @default false */
  readonly bypassAuth: boolean;
  /** The group given access; absent only when `bypassAuth`. */
  readonly access: string | undefined;
  /** @default false */
  readonly stickySessions: boolean;
  /** @default the task name */
  readonly displayedName: string;
  /** @default "import_contacts" */
  readonly icon: string;
  /** @default true */
  readonly visible: boolean;
}

interface TaskCommon {
  /** `metadata.name` of every object and the container name. */
  readonly name: string;
  /** The task's namespace (the manifest's own, else the project default). */
  readonly namespace: string;
  /** Labels of every object and pod template; the selector of Deployments and Services. */
  readonly labels: Readonly<Record<string, string>>;
  readonly image: string;
  /** Whether the image comes from `image-destination` (built from the task folder). */
  readonly imageBuilt: boolean;
  /** @default "Always" */
  readonly imagePullPolicy: ImagePullPolicy;
  readonly env: readonly EnvVar[];
  /** Replaces the image entrypoint; empty keeps the image default. */
  readonly command: readonly string[];
  readonly resources: Resources;
  /** Name of the Secret holding a GCP service-account key, mounted read-only. */
  readonly serviceAccountSecret: string | undefined;
  readonly volumes: readonly Volume[];
  readonly tolerations: readonly Toleration[];
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Container `args`; absent or empty keeps the image's own. */
  readonly args: readonly string[] | undefined;
  /** Container `envFrom`: every key of a ConfigMap or Secret as a variable. */
  readonly envFrom: readonly EnvFromSource[] | undefined;
  /** Pod `serviceAccountName`; absent uses the namespace's default. */
  readonly serviceAccountName: string | undefined;
  /** Pod `priorityClassName`; absent: the cluster's default PriorityClass. */
  readonly priorityClassName: string | undefined;
  /** Names of the Secrets pulled images authenticate with. */
  readonly imagePullSecrets: readonly string[] | undefined;
  /** `metadata.annotations` of every object of the task (beside the ones the tool sets). */
  readonly annotations: Readonly<Record<string, string>> | undefined;
  /** Pod template annotations. */
  readonly podAnnotations: Readonly<Record<string, string>> | undefined;
  /** Pod template labels beside `labels`, never part of a selector; a key of `labels` keeps its value. */
  readonly podLabels: Readonly<Record<string, string>> | undefined;
}

/** A container probe, with the Kubernetes field names; exactly one handler. */
export interface Probe {
  readonly exec?: { readonly command: readonly string[] };
  readonly httpGet?: {
    readonly path?: string;
    readonly port: number | string;
    readonly host?: string;
    readonly scheme?: 'HTTP' | 'HTTPS';
    readonly httpHeaders?: readonly { readonly name: string; readonly value: string }[];
  };
  readonly tcpSocket?: { readonly port: number | string; readonly host?: string };
  readonly grpc?: { readonly port: number; readonly service?: string };
  readonly initialDelaySeconds?: number;
  readonly timeoutSeconds?: number;
  readonly periodSeconds?: number;
  readonly successThreshold?: number;
  readonly failureThreshold?: number;
  readonly terminationGracePeriodSeconds?: number;
}

/** The probes of a long-running container; only the ones the manifest gave. */
export interface Probes {
  readonly readiness: Probe | undefined;
  readonly liveness: Probe | undefined;
  readonly startup: Probe | undefined;
}

/** Job `spec` run controls, only the ones the manifest gave. */
export interface JobControls {
  /** Retries before the Job is failed (Kubernetes default 6). */
  readonly backoffLimit: number | undefined;
  /** Seconds the Job may run before it is failed. */
  readonly activeDeadlineSeconds: number | undefined;
}

/** CronJob `spec` fields, only the ones the manifest (or, for `timeZone`, the settings) gave. */
export interface CronJobControls {
  readonly concurrencyPolicy: 'Allow' | 'Forbid' | 'Replace' | undefined;
  readonly suspend: boolean | undefined;
  readonly startingDeadlineSeconds: number | undefined;
  readonly successfulJobsHistoryLimit: number | undefined;
  readonly failedJobsHistoryLimit: number | undefined;
  /** The task's own `time-zone`; absent: the `cronJob.timeZone` setting. */
  readonly timeZone: string | undefined;
}

export interface JobTask extends TaskCommon {
  readonly kind: 'job';
  /** Run controls; absent: the Kubernetes defaults. */
  readonly job: JobControls | undefined;
}

export interface CronJobTask extends TaskCommon {
  readonly kind: 'cron-job';
  readonly schedule: string;
  /** Run controls of each Job (`jobTemplate.spec`); absent: the Kubernetes defaults. */
  readonly job: JobControls | undefined;
  /** CronJob fields; absent: the Kubernetes defaults and the settings' time zone. */
  readonly cronJob: CronJobControls | undefined;
}

export interface DeploymentTask extends TaskCommon {
  readonly kind: 'deployment';
  /** @default 1 */
  readonly replicas: number;
  /** Container probes; absent: none. */
  readonly probes: Probes | undefined;
}

export interface ServiceTask extends TaskCommon {
  readonly kind: 'service';
  /** @default 1 */
  readonly replicas: number;
  readonly port: { readonly name: string; readonly containerPort: number };
  readonly published: Published | undefined;
  /** Container probes; absent: none. */
  readonly probes: Probes | undefined;
}

export type Task = JobTask | CronJobTask | DeploymentTask | ServiceTask;
