/**
 * A task's key in a pins file (`<namespace>/<task>`) is of one environment:
 * where environments set different `namespace` settings, one task (one
 * manifest) has another key in each. `pin` and `promote` find a task's key
 * in an environment through its manifest.
 */
import type { LoadedTask } from '../manifest/load';

/** The tasks of one environment by pins key. */
export interface EnvironmentTasks {
  /** `<namespace>/<task>` → the task's image (what `parsePins` checks a pin against). */
  readonly images: ReadonlyMap<string, string>;
  /** The manifest (as shown) → the task's key there. */
  readonly keyOf: ReadonlyMap<string, string>;
  /** The task's key there → its manifest (as shown). */
  readonly manifestOf: ReadonlyMap<string, string>;
}

/** `<namespace>/<task>`. */
export function pinsKey(task: { readonly namespace: string; readonly name: string }): string {
  return `${task.namespace}/${task.name}`;
}

/**
 * The tasks of `environment` among the render stage's tasks (every task of
 * a project without environments, whose tasks have none).
 */
export function environmentTasks(tasks: readonly LoadedTask[], environment: string | undefined): EnvironmentTasks {
  const withEnvironments = tasks.some((t) => t.environment !== undefined);
  return keyTable(withEnvironments ? tasks.filter((t) => t.environment === environment) : tasks);
}

/** `tasks` by key, whatever their environments (the first of a key or a manifest wins): the tasks a bake plan names. */
export function keyTable(tasks: readonly LoadedTask[]): EnvironmentTasks {
  const images = new Map<string, string>();
  const keyOf = new Map<string, string>();
  const manifestOf = new Map<string, string>();
  for (const { task, document } of tasks) {
    const key = pinsKey(task);
    if (!images.has(key)) images.set(key, task.image);
    if (!keyOf.has(document.file)) keyOf.set(document.file, key);
    if (!manifestOf.has(key)) manifestOf.set(key, document.file);
  }
  return { images, keyOf, manifestOf };
}

/** The key in `to` of the task whose key is `key` in `from` (the same manifest); undefined where it does not run in `to`. */
export function keyIn(key: string, from: EnvironmentTasks, to: EnvironmentTasks): string | undefined {
  const manifest = from.manifestOf.get(key);
  return manifest === undefined ? undefined : to.keyOf.get(manifest);
}
