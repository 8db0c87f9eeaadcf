import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
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

/**
 * What stands in the way of the build plan. An error: a task folder without
 * a Dockerfile (the build would fail). A warning: several tasks pushing one
 * tag (the builds race and the last push wins, so a task may run another
 * folder's image); fine only when the folders build the same image.
 *
 * @param cwd the folder the manifests' shown paths are relative to
 */
export function imageBuildDiagnostics(tasks: readonly LoadedTask[], cwd: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byTag = new Map<string, LoadedTask>();
  for (const loaded of tasks) {
    const { task, document } = loaded;
    if (!task.imageBuilt) continue;
    const folder = path.posix.dirname(document.file);
    if (!fs.existsSync(path.join(cwd, folder, 'Dockerfile'))) {
      out.push(document.diagnostic(['image-destination'], `there is no Dockerfile in ${folder}/, so this image cannot be built; add one, or use image-source for an image built elsewhere`));
    }
    const first = byTag.get(task.image);
    if (first === undefined) byTag.set(task.image, loaded);
    else {
      const at = first.document.locate(['image-destination']);
      out.push({
        ...document.diagnostic(['image-destination'], `${JSON.stringify(task.image)} is also built from ${path.posix.dirname(first.document.file)}/; the two builds race to push one tag and the last one wins, so give each folder its own tag unless both build the same image`, { severity: 'warning' }),
        related: [{ ...at, message: 'the other build of this tag' }],
      });
    }
  }
  return out;
}
