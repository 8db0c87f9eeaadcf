/**
 * What the day-2 extension fields mean, for people (manifest.schema.json's
 * hover and completion text; see descriptions.ts for the format's own).
 */
/** The day-2 extension fields (issue 11): each an extension to the manifest format, Kubernetes field names inside objects. */
export const EXTENSION_FIELD_DESCRIPTIONS = {
  'env-from':
    'Not required; an extension. Container envFrom: every key of a ConfigMap or Secret becomes an environment variable. ' +
    'Each entry has exactly one of "configMapRef" or "secretRef" ({"name", optional "optional"}) and an optional "prefix" added to every name.',
  args:
    'Not required; an extension. List of strings: the container args, the arguments given to "cmd" (or to the image\'s own entrypoint). ' +
    'An empty list keeps the image\'s own arguments.',
  'service-account':
    'Not required; an extension. The Kubernetes service account the pods run as (pod serviceAccountName), in the task\'s namespace. ' +
    'Not set: the namespace\'s "default". Independent of "svc-account-secret" (a GCP key in a Secret).',
  'image-pull-secrets':
    'Not required; an extension. Names of Secrets (of type kubernetes.io/dockerconfigjson, in the task\'s namespace) used to pull the image from a private registry.',
  annotations:
    'Not required; an extension. Map of annotation key to string value, set on every Kubernetes object of the task (not on its pods: see "pod-annotations"). ' +
    'Keys follow Kubernetes annotation syntax; keys under the portal prefix ("portal.datatask.io/") are set from "published" and refused here.',
  'pod-annotations': 'Not required; an extension. Map of annotation key to string value, set on the pods (pod template metadata.annotations).',
  'pod-labels':
    'Not required; an extension. Extra labels of the pods only, beside "labels"; they are not part of any selector, so adding one never changes an immutable selector. ' +
    'A key of "labels" may not be given another value here.',
  'readiness-probe':
    'For a deployment or service; an extension. Kubernetes readinessProbe: a Probe object with exactly one of "httpGet", "tcpSocket", "exec" or "grpc", ' +
    'and optional timing ("initialDelaySeconds", "periodSeconds", "timeoutSeconds", "successThreshold", "failureThreshold"). ' +
    'For a service, a path such as "/healthz" is short for {"httpGet": {"path": "/healthz", "port": <name-port>}}. Not set: no probe.',
  'liveness-probe':
    'For a deployment or service; an extension. Kubernetes livenessProbe (the container is restarted when it fails): a Probe object, ' +
    'or for a service a path such as "/healthz". "successThreshold" must be 1. Not set: no probe.',
  'startup-probe':
    'For a deployment or service; an extension. Kubernetes startupProbe (other probes wait until it succeeds): a Probe object, ' +
    'or for a service a path such as "/healthz". "successThreshold" must be 1. Not set: no probe.',
  'backoff-limit':
    'Int, for a job (and cron job); an extension. Job spec.backoffLimit: how many times a failed pod is retried before the Job fails (0 or more). ' +
    'Not set: the Kubernetes default, 6.',
  'active-deadline-seconds':
    'Int, for a job (and cron job); an extension. Job spec.activeDeadlineSeconds: the seconds (1 or more) a run may take before it is stopped and failed. Not set: no deadline.',
  'concurrency-policy':
    'For a cron job (a job with "schedule"); an extension. CronJob spec.concurrencyPolicy: "Allow" (runs may overlap), "Forbid" (skip a run while the previous one is running) ' +
    'or "Replace" (stop the previous run). Not set: the Kubernetes default, "Allow".',
  suspend: 'Boolean, for a cron job; an extension. CronJob spec.suspend: true stops future runs (running ones go on). Not set: false.',
  'starting-deadline-seconds':
    'Int, for a cron job; an extension. CronJob spec.startingDeadlineSeconds: how late (in seconds) a missed run may still start; later, it is skipped. ' +
    'Not set: no deadline. Below 10 it may skip runs (the controller checks every 10 seconds).',
  'successful-jobs-history-limit':
    'Int, for a cron job; an extension. CronJob spec.successfulJobsHistoryLimit: how many finished successful Jobs are kept (0 or more). Not set: the Kubernetes default, 3.',
  'failed-jobs-history-limit':
    'Int, for a cron job; an extension. CronJob spec.failedJobsHistoryLimit: how many failed Jobs are kept (0 or more). Not set: the Kubernetes default, 1.',
  'time-zone':
    'For a cron job; an extension. CronJob spec.timeZone: the IANA time zone the schedule is read in, such as "Europe/Paris" (not "Local"). ' +
    'Overrides the project\'s cronJob.timeZone setting for this task. Not set: the setting, else the controller\'s zone (UTC).',
} as const;

/** The keys of a probe object, as in a Kubernetes Probe. */
export const PROBE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  httpGet: 'Handler: an HTTP GET; healthy on a status from 200 to 399. "port" (a number or the service\'s "name-port"), optional "path" (absolute), "host", "scheme" ("HTTP" or "HTTPS"), "httpHeaders".',
  tcpSocket: 'Handler: healthy when a TCP connection to "port" (a number or the service\'s "name-port") opens; optional "host".',
  exec: 'Handler: runs "command" (a list of strings, not through a shell) in the container; healthy when it exits 0.',
  grpc: 'Handler: the gRPC health checking protocol on "port" (a number); optional "service".',
  initialDelaySeconds: 'Seconds after the container starts before the first probe (0 or more). Not set: 0.',
  timeoutSeconds: 'Seconds after which a probe times out (1 or more). Not set: 1.',
  periodSeconds: 'Seconds between probes (1 or more). Not set: 10.',
  successThreshold: 'Consecutive successes that count as healthy after a failure (1 or more; must be 1 for liveness and startup probes). Not set: 1.',
  failureThreshold: 'Consecutive failures that count as unhealthy (1 or more). Not set: 3.',
  terminationGracePeriodSeconds: 'Liveness and startup probes only: seconds the container gets to stop after a failed probe (1 or more). Not set: the pod\'s.',
};

/** The keys of an `env` entry's `valueFrom`: exactly one source. */
export const VALUE_FROM_DESCRIPTIONS: Readonly<Record<string, string>> = {
  secretKeyRef: 'A key of a Secret in the task\'s namespace: {"name", "key", optional "optional"}. The way to pass passwords and tokens.',
  configMapKeyRef: 'A key of a ConfigMap in the task\'s namespace: {"name", "key", optional "optional"}.',
  fieldRef:
    'A field of the pod: {"fieldPath"}, one of metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, ' +
    "status.hostIP, status.podIP, status.podIPs, metadata.labels['<key>'], metadata.annotations['<key>'].",
  resourceFieldRef:
    'A resource of the container: {"resource"}, one of limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory, requests.ephemeral-storage, ' +
    'optional "divisor" (such as "1m" or "1Mi").',
};

/** The keys of one `env-from` entry. */
export const ENV_FROM_DESCRIPTIONS: Readonly<Record<string, string>> = {
  configMapRef: 'A ConfigMap in the task\'s namespace, every key of which becomes a variable: {"name", optional "optional"}.',
  secretRef: 'A Secret in the task\'s namespace, every key of which becomes a variable: {"name", optional "optional"}.',
  prefix: 'Not required. Added before every variable name; a valid variable name itself.',
};
