import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { LoadedTask } from '../manifest/load';
import { pushedReference } from '../images/reference';

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

/**
 * The build plan of every `image-destination` task, in manifest path order.
 *
 * @param tag replaces the tag of every image (`images --tag`)
 */
export function imageBuilds(tasks: readonly LoadedTask[], tag?: string): ImageBuild[] {
  return tasks
    .filter(({ task }) => task.imageBuilt)
    .map(({ task, document }) => {
      const context = path.posix.dirname(document.file);
      return { task: `${task.namespace}/${task.name}`, context, dockerfile: `${context}/Dockerfile`, tag: pushedReference(task.image, tag) };
    });
}

/**
 * What stands in the way of the build plan. An error: a task folder without
 * a Dockerfile (the build would fail). A warning: several tasks pushing one
 * tag (the builds race and the last push wins, so a task may run another
 * folder's image); fine only when the folders build the same image.
 *
 * @param cwd the folder the manifests' shown paths are relative to
 * @param options `tag`: the `--tag` that replaces every manifest's tag (two
 *   tags may become one); `bake`: for `images --format bake`, whose warning
 *   says which folder the bake file builds (the first)
 */
export function imageBuildDiagnostics(tasks: readonly LoadedTask[], cwd: string, options: { readonly tag?: string; readonly bake?: boolean } = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byTag = new Map<string, LoadedTask>();
  for (const loaded of tasks) {
    const { task, document } = loaded;
    if (!task.imageBuilt) continue;
    const folder = path.posix.dirname(document.file);
    if (!fs.existsSync(path.join(cwd, folder, 'Dockerfile'))) {
      out.push(document.diagnostic(['image-destination'], `there is no Dockerfile in ${folder}/, so this image cannot be built; add one, or use image-source for an image built elsewhere`));
    }
    const tag = options.tag === undefined ? task.image : pushedReference(task.image, options.tag);
    const first = byTag.get(tag);
    if (first === undefined) byTag.set(tag, loaded);
    else {
      const at = first.document.locate(['image-destination']);
      const firstFolder = path.posix.dirname(first.document.file);
      const message = options.bake !== true
        ? `${JSON.stringify(tag)} is also built from ${firstFolder}/; the two builds race to push one tag and the last one wins, so give each folder its own tag unless both build the same image`
        : `${JSON.stringify(tag)} is also built from ${firstFolder}/; the bake file builds that tag once, from ${firstFolder}/ (not ${path.posix.dirname(document.file)}/), and this task runs that image, so give each folder its own tag unless both build the same image`;
      out.push({
        ...document.diagnostic(['image-destination'], message, { severity: 'warning' }),
        related: [{ ...at, message: 'the other build of this tag' }],
      });
    }
  }
  return out;
}

/**
 * The tasks of a run with environments once per image: a task renders once
 * per environment, and builds its image from its folder once, whatever the
 * number of environments (an overlay that changes the image adds a build).
 * In manifest path order; a project without environments is unchanged.
 */
export function oncePerImage<T extends LoadedTask>(tasks: readonly T[]): T[] {
  const seen = new Set<string>();
  return tasks.filter(({ task, document }) => {
    const key = `${document.file}\0${task.image}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
