import type { Task } from '../model';
import type { Settings } from '../project-settings';
import { GOOGLE_APPLICATION_CREDENTIALS } from '../reserved-names';
import type { KubeJson } from './json-api-object';
import type { k8s } from './k8s';
import { containerEnvVar } from './env-var';
import { containerProbe } from './probe';

/** The task's one container: image, command, env, resources, ports and mounts. */
export function taskContainer(task: Task, settings: Settings): KubeJson<k8s.Container> {
  const credentials = settings.gcpCredentials;
  // The API server drops Go `omitempty` zero values (EnvVar.value "", VolumeMount
  // readOnly false and subPath ""): they are not written, so the file is what it stores.
  const env: KubeJson<k8s.EnvVar>[] = task.env.map(containerEnvVar);
  const volumeMounts: KubeJson<k8s.VolumeMount>[] = task.volumes.map((v) => ({
    name: v.name,
    mountPath: v.mountPath,
    readOnly: v.readOnly === true ? true : undefined,
    subPath: omitEmpty(v.subPath),
  }));
  if (task.serviceAccountSecret !== undefined) {
    env.push({ name: GOOGLE_APPLICATION_CREDENTIALS, value: `${credentials.mountPath}/${credentials.keyFile}` });
    volumeMounts.push({ name: credentials.volumeName, mountPath: credentials.mountPath, readOnly: true });
  }
  return {
    name: task.name,
    image: task.image,
    imagePullPolicy: task.imagePullPolicy,
    command: nonEmpty(task.command),
    args: nonEmpty(task.args ?? []),
    env: nonEmpty(env),
    envFrom: nonEmpty((task.envFrom ?? []).map((s) => ({ ...s }))),
    ports: task.kind === 'service' ? [{ name: task.port.name, containerPort: task.port.containerPort }] : undefined,
    resources: resources(task),
    volumeMounts: nonEmpty(volumeMounts),
    securityContext: containerSecurityContext(settings),
    ...(task.kind === 'deployment' || task.kind === 'service'
      ? {
          readinessProbe: containerProbe(task.probes?.readiness),
          livenessProbe: containerProbe(task.probes?.liveness),
          startupProbe: containerProbe(task.probes?.startup),
        }
      : {}),
  };
}

/** Only the requests and limits the manifest gave; nothing is injected. */
function resources(task: Task): KubeJson<k8s.ResourceRequirements> | undefined {
  const list = (r: { cpu?: string; memory?: string }): Record<string, string> | undefined => {
    const out: Record<string, string> = {};
    if (r.cpu !== undefined) out.cpu = r.cpu;
    if (r.memory !== undefined) out.memory = r.memory;
    return Object.keys(out).length === 0 ? undefined : out;
  };
  const requests = list(task.resources.requests);
  const limits = list(task.resources.limits);
  return requests === undefined && limits === undefined ? undefined : { requests, limits };
}

/**
 * Baseline: hardening that cannot change how an image runs. Restricted adds
 * what the Pod Security "restricted" profile requires of a container.
 */
function containerSecurityContext(settings: Settings): KubeJson<k8s.SecurityContext> {
  if (settings.podSecurity === 'restricted') {
    return {
      allowPrivilegeEscalation: false,
      privileged: false,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    };
  }
  return { allowPrivilegeEscalation: false, privileged: false };
}

/** `undefined` for "" (a Go `omitempty` string the API server drops). */
export function omitEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

function nonEmpty<T>(items: readonly T[]): T[] | undefined {
  return items.length === 0 ? undefined : [...items];
}
