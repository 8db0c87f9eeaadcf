/**
 * What each manifest.json field means, for people: the wording of the
 * user's own format description ("Configuration Jobs & Services"), with its
 * typos fixed, plus the defaults and rules the translation contract adds.
 * `json-schema.ts` puts these into manifest.schema.json, where editors show
 * them on hover and completion.
 */
import { EXTENSION_FIELD_DESCRIPTIONS } from './extension-descriptions';
import type { manifestFields } from './schema';

/** A description of every top-level manifest field, keyed by the field's name in manifest.json. */
export const MANIFEST_FIELD_DESCRIPTIONS: Readonly<Record<keyof typeof manifestFields, string>> = {
  $schema:
    'The JSON Schema of this file, for editors (for example "../../manifest.schema.json"). Ignored when deploying.',
  type:
    'Describes the nature of your deployment: "job", "deployment" or "service". ' +
    'A job is a Kubernetes Job, or a CronJob when "schedule" is set; a deployment is a Kubernetes Deployment; ' +
    'a service is both a Kubernetes Deployment and a Service. Always required.',
  name:
    'Represents the name of your deployment: the name of every Kubernetes object of the task and of its container. ' +
    "Lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters " +
    '(a service\'s name must start with a letter; a cron job\'s name is at most 52 characters). ' +
    'Unique per namespace across all tasks. Always required.',
  namespace:
    'Not required; an extension to the manifest format. The Kubernetes namespace of the task. ' +
    'Defaults to the project setting ("namespace" in datatask.settings.json, itself "default"). ' +
    "Lower-case letters, digits and '-', at most 63 characters.",
  labels:
    'String (key, value): represents the labels of the Kubernetes deployment, acting as the Kubernetes service selector. ' +
    'Written "key:value"; several labels are joined by "," (for example "app:etl,team:data"). ' +
    'Every key and value follows Kubernetes label syntax; two tasks in one namespace must not select each other\'s pods. Always required.',
  'image-source':
    'Docker registry image. If set, this image is used directly to run your application, and "image-destination" is not set. ' +
    'Exactly one of "image-source" and "image-destination" is set ("" means not set).',
  'image-destination':
    'Docker registry image. If set, it is the image and tag produced by the docker build whose context is the code directory beside this manifest.json, ' +
    'and "image-source" is not set. Exactly one of "image-source" and "image-destination" is set ("" means not set).',
  'image-pull-policy': 'Not required, default "Always". Possible values: "Always", "IfNotPresent", "Never".',
  env:
    'List of dicts ("name", "value", both strings). Defines the environment variables of your application, in order. ' +
    'Names are unique and must not start with a digit; values are JSON strings (write "4", not 4). ' +
    'Instead of "value", "valueFrom" reads the value from a Secret, a ConfigMap or the pod (an extension; see Kubernetes EnvVarSource).',
  'svc-account-secret':
    'Not required, default "". Represents the service account that will be used: the name of the secret that holds its key. ' +
    'The secret must be in the same namespace as the task. It is mounted read-only (at /var/secrets/google by default) ' +
    'and GOOGLE_APPLICATION_CREDENTIALS points at its key file (key.json by default).',
  cmd:
    'List of strings. Overrides or defines the command of your image ("image-source" or "image-destination"). ' +
    'An empty list keeps the image\'s own command.',
  'cpu-limit':
    'The limit of CPU units (cores) your application may not go over. A Kubernetes quantity, for example "0.5" or "500m". ' +
    'Not set: no limit.',
  'memory-limit':
    'The limit of memory units (bytes) your application may not go over. A Kubernetes quantity, for example "200Mi" or "1Gi". ' +
    'Not set: no limit.',
  'cpu-request':
    'The requested amount of CPU units (cores) your application starts with. A Kubernetes quantity, for example "0.15" or "150m"; ' +
    'not more than "cpu-limit". Not set: no request.',
  'memory-request':
    'The requested amount of memory units (bytes) your application starts with. A Kubernetes quantity, for example "150Mi"; ' +
    'not more than "memory-limit". Not set: no request.',
  schedule:
    'For a job. Describes the repeating, time-based schedule on which the task is executed, in cron syntax ' +
    '(for example "0 5 * * *": every day at 5 am; macros such as "@daily", and "@every <duration>" such as "@every 48h", are accepted). ' +
    'If set, it makes the difference between a job and a cronjob; "" means a plain job.',
  replicas:
    'Int, for a service or deployment, default 1. Defines the number of copies (replicas) of your deployment.',
  'name-port':
    'String, for a service (required there). Defines the name of the port: at most 15 lower-case letters, digits and \'-\', ' +
    "with at least one letter, not starting or ending with '-'.",
  'container-port': 'Int, for a service (required there). Represents the port of your application (1 to 65535).',
  published:
    'Dict, for a service. Used to configure an exposed service (an Emissary-ingress Mapping). ' +
    'If you want to create a non-exposed service, leave the "published" key empty ({}) or leave it out.',
  volumes:
    'Array. Represents the volume mount configuration: each entry is one Kubernetes volume and its mount, with "name", "mountPath", ' +
    'optional "readOnly" and "subPath", and exactly one source among configMap, secret, persistentVolumeClaim, emptyDir, csi and nfs.',
  tolerations:
    'Array. Represents the Kubernetes taints and tolerations used to configure node affinity: ' +
    'each entry is a Kubernetes Toleration ("key", "operator", "value", "effect", "tolerationSeconds").',
  'node-selector':
    'Dict. Used to assign pods to nodes: a map of node label key to value (for example {"kubernetes.io/os": "linux"}).',
  ...EXTENSION_FIELD_DESCRIPTIONS,
};

/** Each value of `type`, for editors that show one description per value (VS Code's `enumDescriptions`). */
export const TYPE_DESCRIPTIONS: Readonly<Record<'job' | 'deployment' | 'service', string>> = {
  job:
    'Jobs are represented by Kubernetes Job objects: a batch process. With a "schedule", a CronJob, ' +
    'which creates a Job about once per execution time of its schedule.',
  deployment:
    'A Kubernetes Deployment: ensures that one or more instances of your application are available to serve user requests.',
  service:
    'A Kubernetes Service and Deployment: a logical set of the application and a policy by which to access it ' +
    '("name-port" and "container-port" required; "published" to expose it).',
};

/** The keys of `published`: Emissary Mapping fields and portal settings. */
export const PUBLISHED_DESCRIPTIONS: Readonly<Record<string, string>> = {
  access:
    'String. The group you wish to give your application access to. Required unless "bypass_auth" is true (and ignored then).',
  prefix:
    'String, required. The URL prefix your application will be set with; it starts with "/" (for example "/app/"). ' +
    'It is a plain string prefix: "/app" would also match "/apps", so end it with "/".',
  rewrite:
    'String, not required. Rewrites the URL prefix before handing the request off to the service: the matched prefix is replaced by it. ' +
    'Not set keeps Emissary\'s default ("/"); "" disables rewriting.',
  timeout_ms: 'Int, not required, default 6000. The timeout, in milliseconds, for requests through this service.',
  sticky_sessions:
    'Boolean, not required, default false. If your service has several replicas, users will always fall back on the same pods ' +
    '(through a session cookie the gateway sets).',
  bypass_auth: 'Boolean, not required, default false. If set to true, your service will be deployed with public access.',
  displayed_name:
    'String, not required, default: the real name of the service (its "name"). The name of the service that will be displayed on the portal.',
  icon:
    'String, not required, default "import_contacts". The name of the Material icon to be used, or the http(s) link to a custom icon.',
  visible: 'Boolean, not required, default true. Whether the deployed service is visible on the portal.',
};

/** The keys of one `env` entry. */
export const ENV_DESCRIPTIONS: Readonly<Record<string, string>> = {
  name: "The variable's name: letters, digits, '_', '-' and '.', not starting with a digit; unique in the list.",
  value: 'The variable\'s value, always a string (write "4", not 4). Exactly one of "value" and "valueFrom".',
  valueFrom:
    'An extension: read the value from a Secret ("secretKeyRef"), a ConfigMap ("configMapKeyRef"), the pod ("fieldRef") or the container\'s resources ("resourceFieldRef"), ' +
    'as in Kubernetes. Exactly one of "value" and "valueFrom".',
};

/** The keys of one `volumes` entry: the mount, then the one source. */
export const VOLUME_DESCRIPTIONS: Readonly<Record<string, string>> = {
  name:
    "The volume's name: lower-case letters, digits and '-', at most 63 characters; unique in the task, " +
    'and not the name of the volume that mounts "svc-account-secret".',
  mountPath: 'Required. Where the volume is mounted in the container: an absolute path, unique in the task.',
  readOnly: 'Not required, default false. Mounts the volume read-only.',
  subPath: 'Not required. Mounts only this path inside the volume: a relative path without "..".',
  configMap: 'Source: a ConfigMap in the task\'s namespace ("name", optional "items", "defaultMode", "optional"), as in Kubernetes.',
  secret: 'Source: a Secret in the task\'s namespace ("secretName", optional "items", "defaultMode", "optional"), as in Kubernetes.',
  persistentVolumeClaim: 'Source: a PersistentVolumeClaim in the task\'s namespace ("claimName", optional "readOnly"), as in Kubernetes.',
  emptyDir: 'Source: an empty directory that lives as long as the pod (optional "medium": "" or "Memory", and "sizeLimit", a quantity); write {} for the defaults.',
  csi: 'Source: a CSI driver volume ("driver", optional "readOnly", "fsType", "volumeAttributes", "nodePublishSecretRef"), as in Kubernetes.',
  nfs: 'Source: an NFS share ("server", "path", optional "readOnly"), as in Kubernetes.',
};

/** The keys of one `tolerations` entry, as in a Kubernetes Toleration. */
export const TOLERATION_DESCRIPTIONS: Readonly<Record<string, string>> = {
  key: 'The taint key the toleration applies to (a label key). Empty or not set matches every taint, and then "operator" must be "Exists".',
  operator: '"Exists" (any value) or "Equal" (the default in Kubernetes: the taint\'s value must equal "value").',
  value: 'The taint value to match (a label value); empty when "operator" is "Exists".',
  effect: 'The taint effect to match: "NoSchedule", "PreferNoSchedule" or "NoExecute"; not set matches every effect.',
  tolerationSeconds: 'Only with effect "NoExecute": how many seconds the pod stays bound to a node after the taint appears.',
};
