/**
 * The typed, validated, defaulted model of one task. Constructs receive only
 * these values, never raw manifest JSON. Quantities are already canonical.
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

export interface EnvVar {
  readonly name: string;
  readonly value: string;
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
  readonly rewrite?: string;
  /** @default 6000 */
  readonly timeoutMs: number;
  /** @default false */
  readonly bypassAuth: boolean;
  /** The group given access; absent only when `bypassAuth`. */
  readonly access?: string;
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
  readonly serviceAccountSecret?: string;
  readonly volumes: readonly Volume[];
  readonly tolerations: readonly Toleration[];
  readonly nodeSelector: Readonly<Record<string, string>>;
}

export interface JobTask extends TaskCommon {
  readonly kind: 'job';
}

export interface CronJobTask extends TaskCommon {
  readonly kind: 'cron-job';
  readonly schedule: string;
}

export interface DeploymentTask extends TaskCommon {
  readonly kind: 'deployment';
  /** @default 1 */
  readonly replicas: number;
}

export interface ServiceTask extends TaskCommon {
  readonly kind: 'service';
  /** @default 1 */
  readonly replicas: number;
  readonly port: { readonly name: string; readonly containerPort: number };
  readonly published?: Published;
}

export type Task = JobTask | CronJobTask | DeploymentTask | ServiceTask;
