import * as path from 'node:path';
import type { LoadedTask } from '../manifest/load';

/** One image that CI builds from a task folder and pushes. */
export interface ImageBuild {
  /** `<namespace>/<name>` of the task. */
  readonly task: string;
  /** The build context: the task folder, as shown to the user. */
  readonly context: string;
  readonly dockerfile: string;
  /** The `image-destination` tag. */
  readonly tag: string;
}

/** The build plan of every `image-destination` task, in manifest path order. */
export function imageBuilds(tasks: readonly LoadedTask[]): ImageBuild[] {
  return tasks
    .filter(({ task }) => task.imageBuilt)
    .map(({ task, document }) => {
      const context = path.posix.dirname(document.file);
      return { task: `${task.namespace}/${task.name}`, context, dockerfile: `${context}/Dockerfile`, tag: task.image };
    });
}
