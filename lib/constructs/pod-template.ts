import type { Task, VolumeSource } from '../model';
import type { Settings } from '../settings';
import { taskContainer } from './container';
import { k8s } from './k8s';

/** The pod template of a task's Job, CronJob or Deployment. */
export function taskPodTemplate(task: Task, settings: Settings): k8s.PodTemplateSpec {
  const volumes: k8s.Volume[] = task.volumes.map((v) => ({ name: v.name, ...volumeSource(v.source) }));
  if (task.serviceAccountSecret !== undefined) {
    volumes.push({ name: settings.gcpCredentials.volumeName, secret: { secretName: task.serviceAccountSecret } });
  }
  const restricted = settings.podSecurity === 'restricted';
  const batch = task.kind === 'job' || task.kind === 'cron-job';
  return {
    metadata: {
      // pod-labels come beside the selector's labels and never change them (validation refuses another value).
      labels: { ...task.podLabels, ...task.labels },
      annotations: nonEmptyMap(task.podAnnotations),
    },
    spec: {
      // Restricted pods do not get an API token; baseline keeps the Kubernetes default.
      automountServiceAccountToken: restricted ? false : undefined,
      containers: [taskContainer(task, settings)],
      imagePullSecrets: task.imagePullSecrets.length === 0 ? undefined : task.imagePullSecrets.map((name) => ({ name })),
      nodeSelector: Object.keys(task.nodeSelector).length === 0 ? undefined : { ...task.nodeSelector },
      // A Deployment's pods may only use the default, Always.
      restartPolicy: batch ? 'Never' : undefined,
      securityContext: restricted ? { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } : undefined,
      serviceAccountName: task.serviceAccountName,
      tolerations: task.tolerations.length === 0 ? undefined : task.tolerations.map((t) => ({ ...t })),
      volumes: volumes.length === 0 ? undefined : volumes,
    },
  };
}

function nonEmptyMap(map: Readonly<Record<string, string>>): Record<string, string> | undefined {
  return Object.keys(map).length === 0 ? undefined : { ...map };
}

/** The model's volume source as the typed Kubernetes structure. */
function volumeSource(source: VolumeSource): Omit<k8s.Volume, 'name'> {
  if ('emptyDir' in source) {
    const { medium, sizeLimit } = source.emptyDir;
    return { emptyDir: { medium, sizeLimit: sizeLimit === undefined ? undefined : k8s.Quantity.fromString(sizeLimit) } };
  }
  if ('configMap' in source) return { configMap: { ...source.configMap, items: source.configMap.items?.map((i) => ({ ...i })) } };
  if ('secret' in source) return { secret: { ...source.secret, items: source.secret.items?.map((i) => ({ ...i })) } };
  if ('csi' in source) return { csi: { ...source.csi, volumeAttributes: source.csi.volumeAttributes && { ...source.csi.volumeAttributes } } };
  if ('nfs' in source) return { nfs: { ...source.nfs } };
  return { persistentVolumeClaim: { ...source.persistentVolumeClaim } };
}
