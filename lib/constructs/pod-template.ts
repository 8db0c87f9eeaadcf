import type { KeyToPath, Task, Toleration, VolumeSource } from '../model';
import type { Settings } from '../project-settings';
import { omitEmpty, taskContainer } from './container';
import type { KubeJson } from './json-api-object';
import type { k8s } from './k8s';

/** The pod template of a task's Job, CronJob or Deployment. */
export function taskPodTemplate(task: Task, settings: Settings): KubeJson<k8s.PodTemplateSpec> {
  const volumes: KubeJson<k8s.Volume>[] = task.volumes.map((v) => ({ name: v.name, ...volumeSource(v.source) }));
  if (task.serviceAccountSecret !== undefined) {
    volumes.push({ name: settings.gcpCredentials.volumeName, secret: { secretName: task.serviceAccountSecret } });
  }
  const restricted = settings.podSecurity === 'restricted';
  const batch = task.kind === 'job' || task.kind === 'cron-job';
  return {
    metadata: {
      // pod-labels come beside the selector's labels and never change them (validation refuses another value).
      labels: { ...task.podLabels, ...task.labels },
      annotations: nonEmptyMap(task.podAnnotations ?? {}),
    },
    spec: {
      // Restricted pods do not get an API token; baseline keeps the Kubernetes default.
      automountServiceAccountToken: restricted ? false : undefined,
      containers: [taskContainer(task, settings)],
      imagePullSecrets: task.imagePullSecrets?.length ? task.imagePullSecrets.map((name) => ({ name })) : undefined,
      nodeSelector: Object.keys(task.nodeSelector).length === 0 ? undefined : { ...task.nodeSelector },
      priorityClassName: task.priorityClassName,
      // A Deployment's pods may only use the default, Always.
      restartPolicy: batch ? 'Never' : undefined,
      securityContext: restricted ? { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } : undefined,
      serviceAccountName: task.serviceAccountName,
      tolerations: task.tolerations.length === 0 ? undefined : task.tolerations.map(toleration),
      volumes: volumes.length === 0 ? undefined : volumes,
    },
  };
}

function nonEmptyMap(map: Readonly<Record<string, string>>): Record<string, string> | undefined {
  return Object.keys(map).length === 0 ? undefined : { ...map };
}

/**
 * The model's volume source as Kubernetes JSON, without the
 * Go `omitempty` zero values the API server drops (k8s.io/api core/v1:
 * `items: []`, `medium: ""`, non-pointer `readOnly: false`, an empty
 * `volumeAttributes`), so the file is what the cluster stores. Pointer
 * fields (`optional`, `defaultMode`, csi `readOnly`) are kept as given.
 */
function volumeSource(source: VolumeSource): Omit<KubeJson<k8s.Volume>, 'name'> {
  const items = (list: readonly KeyToPath[] | undefined) => (list === undefined || list.length === 0 ? undefined : list.map((i) => ({ ...i })));
  const trueOnly = (flag: boolean | undefined) => (flag === true ? true : undefined);
  if ('emptyDir' in source) {
    const { medium, sizeLimit } = source.emptyDir;
    return { emptyDir: { medium: omitEmpty(medium), sizeLimit } };
  }
  if ('configMap' in source) return { configMap: { ...source.configMap, items: items(source.configMap.items) } };
  if ('secret' in source) return { secret: { ...source.secret, items: items(source.secret.items) } };
  if ('csi' in source) {
    const attributes = source.csi.volumeAttributes;
    return { csi: { ...source.csi, volumeAttributes: attributes === undefined || Object.keys(attributes).length === 0 ? undefined : { ...attributes } } };
  }
  if ('nfs' in source) return { nfs: { ...source.nfs, readOnly: trueOnly(source.nfs.readOnly) } };
  return { persistentVolumeClaim: { ...source.persistentVolumeClaim, readOnly: trueOnly(source.persistentVolumeClaim.readOnly) } };
}

/** A toleration without the empty strings the API server drops (`key`, `operator`, `value`, `effect` are omitempty). */
function toleration(t: Toleration): KubeJson<k8s.Toleration> {
  return { key: omitEmpty(t.key), operator: t.operator, value: omitEmpty(t.value), effect: t.effect, tolerationSeconds: t.tolerationSeconds };
}
