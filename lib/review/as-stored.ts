import { parseQuantity, roundedUpToMilli } from '../validation/quantity';
import { isRecord } from './diff';
import { apiGroup, type KubeObject } from './objects';

/** Where each workload keeps its pod spec. */
const POD_SPECS: Readonly<Record<string, readonly string[]>> = {
  'apps/Deployment': ['spec', 'template', 'spec'],
  'batch/Job': ['spec', 'template', 'spec'],
  'batch/CronJob': ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/**
 * An object as the API server stores it, so that a file written by an older
 * version of datatask-cdk8s (or by hand) and one written today compare equal
 * when the cluster cannot tell them apart:
 *
 * - Go `omitempty` zero values are dropped (k8s.io/api core/v1): EnvVar
 *   `value: ""`; VolumeMount `readOnly: false` and `subPath: ""`; `items: []`
 *   of configMap and secret volumes; emptyDir `medium: ""`; the non-pointer
 *   `readOnly: false` of persistentVolumeClaim and nfs; an empty csi
 *   `volumeAttributes`; Toleration `key`, `operator`, `value`, `effect` `""`.
 *   Pointer fields (`optional`, `defaultMode`, csi `readOnly`, a security
 *   context's booleans) keep their `false` and `0`.
 * - Resource quantities are canonical and rounded up to milli units
 *   (`SetDefaults_ResourceList`); an emptyDir `sizeLimit` is canonical.
 *
 * @returns a copy; `o` is not changed
 */
export function asStored(o: KubeObject): KubeObject {
  const steps = POD_SPECS[`${apiGroup(o.apiVersion)}/${o.kind}`];
  if (steps === undefined) return o;
  const body = structuredClone(o.body) as Record<string, unknown>;
  let pod: unknown = body;
  for (const step of steps) pod = isRecord(pod) ? pod[step] : undefined;
  if (isRecord(pod)) storePodSpec(pod);
  return { ...o, body };
}

function storePodSpec(pod: Record<string, unknown>): void {
  for (const container of list(pod.containers)) {
    for (const env of list(container.env)) dropIf(env, 'value', '');
    for (const mount of list(container.volumeMounts)) {
      dropIf(mount, 'readOnly', false);
      dropIf(mount, 'subPath', '');
    }
    if (isRecord(container.resources)) {
      for (const key of ['requests', 'limits']) {
        const resources = container.resources[key];
        if (isRecord(resources)) for (const name of Object.keys(resources)) resources[name] = storedQuantity(resources[name], true);
      }
    }
  }
  for (const volume of list(pod.volumes)) {
    for (const source of ['configMap', 'secret'] as const) if (isRecord(volume[source]) && sameEmptyList(volume[source].items)) delete volume[source].items;
    if (isRecord(volume.emptyDir)) {
      dropIf(volume.emptyDir, 'medium', '');
      if (volume.emptyDir.sizeLimit !== undefined) volume.emptyDir.sizeLimit = storedQuantity(volume.emptyDir.sizeLimit, false);
    }
    for (const source of ['persistentVolumeClaim', 'nfs'] as const) if (isRecord(volume[source])) dropIf(volume[source], 'readOnly', false);
    if (isRecord(volume.csi) && isRecord(volume.csi.volumeAttributes) && Object.keys(volume.csi.volumeAttributes).length === 0) delete volume.csi.volumeAttributes;
  }
  for (const toleration of list(pod.tolerations)) for (const key of ['key', 'operator', 'value', 'effect']) dropIf(toleration, key, '');
}

function storedQuantity(value: unknown, roundUp: boolean): unknown {
  const parsed = parseQuantity(String(value));
  if (!parsed.ok) return value;
  return (roundUp ? roundedUpToMilli(parsed.value.canonical) : undefined) ?? parsed.value.canonical;
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function dropIf(o: Record<string, unknown>, key: string, zero: unknown): void {
  if (o[key] === zero) delete o[key];
}

function sameEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}
