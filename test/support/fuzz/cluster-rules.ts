/**
 * Rules checked on rendered objects beyond the OpenAPI schema: what the API
 * server refuses, and the Pod Security profiles.
 */
import type { Settings } from '../../../lib/project-settings';
import type { FixedBug } from './options';

const podSpecsOf = (o: any): any[] => {
  const spec = o?.spec?.template?.spec ?? o?.spec?.jobTemplate?.spec?.template?.spec;
  return spec === undefined ? [] : [spec];
};

/** Volume types the restricted Pod Security profile allows. */
const RESTRICTED_VOLUME_TYPES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

/** A reason the API server would refuse an object; `bug` names the fixed bug of lib/ it once caught. */
export interface ApiServerProblem {
  readonly message: string;
  readonly bug?: FixedBug;
}

/**
 * What the API server refuses beyond the OpenAPI schema (apimachinery and
 * pkg/apis/core/validation), for the fields a task can set, and the Pod
 * Security profile of the settings. Empty when the objects are accepted.
 */
export function apiServerProblems(objects: readonly any[], settings: Settings): ApiServerProblem[] {
  const out: ApiServerProblem[] = [];
  const problem = (message: string, bug?: FixedBug) => out.push({ message, bug });
  for (const o of objects) {
    const where = `${o?.kind} ${o?.metadata?.name}`;
    const annotations: Record<string, string> = o?.metadata?.annotations ?? {};
    const size = Object.entries(annotations).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    if (size > 256 * 1024) problem(`${where}: metadata.annotations total ${size} bytes, more than 256 KiB`, 'annotationSize');
    if (o?.kind === 'CronJob' && typeof o.spec?.timeZone === 'string' && (o.spec.timeZone === '' || o.spec.timeZone.toLowerCase() === 'local')) {
      problem(`${where}: spec.timeZone ${JSON.stringify(o.spec.timeZone)} must be an explicit time zone`);
    }
    for (const pod of podSpecsOf(o)) {
      for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
        for (const e of c.env ?? []) {
          if (e.name === '.' || e.name === '..' || e.name.startsWith('..')) problem(`${where}: env name ${JSON.stringify(e.name)} must not be '.', '..' or start with '..'`, 'envDotName');
        }
        for (const message of containerWorkloadFieldProblems(c)) problem(`${where}: ${message}`);
      }
      for (const v of pod.volumes ?? []) {
        for (const item of v.configMap?.items ?? v.secret?.items ?? []) {
          if (item.path.startsWith('..')) problem(`${where}: volume ${v.name} items path ${JSON.stringify(item.path)} must not start with '..'`, 'itemsDotPath');
        }
        if (v.csi !== undefined && v.csi.driver.length > 63) problem(`${where}: volume ${v.name} csi.driver is ${v.csi.driver.length} characters, at most 63`, 'csiDriverLength');
        if (v.nfs !== undefined && !v.nfs.path.startsWith('/')) problem(`${where}: volume ${v.name} nfs.path ${JSON.stringify(v.nfs.path)} must be an absolute path`, 'nfsRelativePath');
        if (settings.podSecurity === 'restricted') {
          const type = Object.keys(v).find((k) => k !== 'name');
          if (type !== undefined && !RESTRICTED_VOLUME_TYPES.has(type)) {
            problem(`${where}: volume ${v.name} of type ${type} is not allowed by the restricted Pod Security profile`, type === 'nfs' ? 'restrictedNfs' : undefined);
          }
        }
      }
    }
  }
  return out;
}

/** Env fieldRef paths the API server allows (pkg/apis/core/validation validEnvDownwardAPIFieldPathExpressions, 1.27). */
const ENV_FIELD_PATHS = new Set(['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.podIP', 'status.podIPs']);

/**
 * What validateContainers, validateProbe, validateHandler and
 * validateEnvVarValueFrom refuse in the fields of issue 11.
 */
function containerWorkloadFieldProblems(c: any): string[] {
  const out: string[] = [];
  for (const e of c.env ?? []) {
    if (e.valueFrom === undefined) continue;
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => e.valueFrom[k] !== undefined);
    if (sources.length !== 1) out.push(`env ${e.name}: valueFrom has ${sources.length} sources`);
    if (e.value !== undefined && e.value !== '') out.push(`env ${e.name}: valueFrom may not be specified when value is not empty`);
    const path = e.valueFrom.fieldRef?.fieldPath;
    if (path !== undefined && !ENV_FIELD_PATHS.has(path) && !/^metadata\.(labels|annotations)\['.+'\]$/.test(path)) out.push(`env ${e.name}: fieldPath ${JSON.stringify(path)} is not supported`);
  }
  for (const kind of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const probe = c[kind];
    if (probe === undefined) continue;
    const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((k) => probe[k] !== undefined);
    if (handlers.length !== 1) out.push(`${kind} has ${handlers.length} handlers`);
    if (kind !== 'readinessProbe' && probe.successThreshold !== undefined && probe.successThreshold !== 1) out.push(`${kind}.successThreshold must be 1`);
    if (kind === 'readinessProbe' && probe.terminationGracePeriodSeconds !== undefined) out.push('readinessProbe.terminationGracePeriodSeconds must not be set');
    if (probe.exec !== undefined && (probe.exec.command ?? []).length === 0) out.push(`${kind}.exec.command is required`);
    if (probe.httpGet !== undefined && probe.httpGet.path === '') out.push(`${kind}.httpGet.path is required`);
    for (const port of [probe.httpGet?.port, probe.tcpSocket?.port].filter((p) => typeof p === 'string')) {
      if (!(c.ports ?? []).some((p: any) => p.name === port)) out.push(`${kind}: the container has no port named ${JSON.stringify(port)}`);
    }
  }
  return out;
}

/** Pod Security: the baseline always, the restricted profile when the settings ask for it. */
export function podSecurityProblems(objects: readonly any[], settings: Settings): string[] {
  const out: string[] = [];
  for (const o of objects) {
    for (const pod of podSpecsOf(o)) {
      const where = `${o.kind} ${o.metadata?.name}`;
      for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[key] === true) out.push(`${where}: ${key} is true`);
      for (const v of pod.volumes ?? []) if (v.hostPath !== undefined) out.push(`${where}: volume ${v.name} is a hostPath`);
      if (pod.securityContext?.sysctls !== undefined) out.push(`${where}: sysctls are set`);
      for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
        const sc = c.securityContext ?? {};
        if (sc.privileged === true) out.push(`${where}: container ${c.name} is privileged`);
        if ((sc.capabilities?.add ?? []).length > 0) out.push(`${where}: container ${c.name} adds capabilities`);
        if ((c.ports ?? []).some((p: any) => p.hostPort !== undefined)) out.push(`${where}: container ${c.name} uses a hostPort`);
        const seccomp = sc.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type;
        if (seccomp === 'Unconfined') out.push(`${where}: container ${c.name} runs Unconfined`);
        if (settings.podSecurity === 'restricted') {
          if ((sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) !== true) out.push(`${where}: container ${c.name} is not runAsNonRoot`);
          if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') out.push(`${where}: container ${c.name} has no RuntimeDefault seccomp profile`);
          if (!(sc.capabilities?.drop ?? []).includes('ALL')) out.push(`${where}: container ${c.name} does not drop ALL capabilities`);
          if (sc.allowPrivilegeEscalation !== false) out.push(`${where}: container ${c.name} does not set allowPrivilegeEscalation: false`);
          if (sc.runAsUser === 0) out.push(`${where}: container ${c.name} runs as user 0`);
        }
      }
    }
  }
  return out;
}
