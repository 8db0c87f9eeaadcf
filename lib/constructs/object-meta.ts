import type { Task } from '../model';
import type { k8s } from './k8s';

/** `metadata` shared by every object of a task: its name and labels. */
export function taskMetadata(task: Task, annotations?: Record<string, string>): k8s.ObjectMeta {
  return { name: task.name, labels: { ...task.labels }, annotations };
}
