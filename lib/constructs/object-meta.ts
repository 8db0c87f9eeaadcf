import type { Task } from '../model';
import type { KubeJson } from './json-api-object';
import type { k8s } from './k8s';

/**
 * `metadata` shared by every object of a task: its name, labels and the
 * manifest's `annotations`, with the object's own `annotations` beside them
 * (validation keeps the two apart).
 */
export function taskMetadata(task: Task, annotations?: Record<string, string>): KubeJson<k8s.ObjectMeta> {
  const all = { ...task.annotations, ...annotations };
  return { name: task.name, labels: { ...task.labels }, annotations: Object.keys(all).length === 0 ? undefined : all };
}
