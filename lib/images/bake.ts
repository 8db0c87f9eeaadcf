/**
 * The bake plan: the `image-destination` tasks as targets of a
 * `docker buildx bake` file.
 *
 * Docker's bake file reference (https://docs.docker.com/build/bake/reference/)
 * defines the JSON form written here: a top-level `group` (the `default`
 * group is what `docker buildx bake` builds without a target argument) and
 * `target` objects keyed by target name, each with
 * - `context`: the build context, a path relative to the folder bake runs in
 *   (here: the project folder, where `npm run` and CI run);
 * - `dockerfile`: the Dockerfile, a path relative to the context (the
 *   reference's `target.dockerfile`; docker/docs#22199 asks it to say so);
 * - `tags`: the names the image is pushed under;
 * - `labels`: image labels; `org.opencontainers.image.source` is the
 *   annotation key the OCI image spec (annotations.md, "Pre-Defined
 *   Annotation Keys") gives to the URL of the source code the image was
 *   built from.
 *
 * `docker buildx bake --metadata-file FILE` then writes, per target name, the
 * result of its build (lib/images/metadata.ts): target names are how a
 * digest finds its way back to tasks, so they are stable (derived from the
 * task, not from the order of a run), sorted, unique, and of the
 * characters bake allows in a name (buildx bake/bake.go, `targetNamePattern`:
 * `^[a-zA-Z0-9_-]+$`).
 */
import * as path from 'node:path';
import type { LoadedTask } from '../manifest/load';
import { pushedReference } from './reference';

/** The OCI annotation (and image label) naming the source repository URL. */
export const OCI_SOURCE_LABEL = 'org.opencontainers.image.source';

/** One target of the bake file and the tasks that run its image. */
export interface BakeTarget {
  /** The bake target name (`<namespace>_<task>` of its first task). */
  readonly name: string;
  /** The task folder, relative to the project folder, `/`-separated. */
  readonly context: string;
  /** Relative to `context`, as bake reads it. */
  readonly dockerfile: string;
  /** The one reference pushed (the manifest's repository; its tag, or `--tag`). */
  readonly tag: string;
  /**
   * `<namespace>/<name>` of every task whose image this target pushes, in
   * manifest order: the task of `context`, and any task of another folder
   * whose image has the same tag (the bake file builds that tag once, from
   * the first folder: the warning of lib/output/image-plan.ts says so).
   */
  readonly tasks: readonly string[];
}

export interface BakeOptions {
  /**
   * The folder bake runs in, absolute: contexts are relative to it, as
   * `docker buildx bake` resolves a local context from its working directory
   * (its default; `BUILDX_BAKE_FILE_RELATIVE_PATHS=1` opts into the bake
   * file's folder: docker/buildx#1028, #3935). `images` gives its own.
   */
  readonly root: string;
  /** The folder the manifests' shown paths (`document.file`) are relative to, absolute. */
  readonly cwd: string;
  /** Replaces the tag of every manifest's `image-destination` (the repository is kept). */
  readonly tag?: string;
}

/** The bake targets of the `image-destination` tasks, sorted by name. */
export function bakePlan(tasks: readonly LoadedTask[], options: BakeOptions): BakeTarget[] {
  const byTag = new Map<string, { context: string; first: LoadedTask; tasks: string[] }>();
  for (const loaded of tasks) {
    const { task, document } = loaded;
    if (!task.imageBuilt) continue;
    const tag = pushedReference(task.image, options.tag);
    const folder = path.resolve(options.cwd, path.dirname(document.file));
    const context = path.relative(options.root, folder).split(path.sep).join('/') || '.';
    const entry = byTag.get(tag);
    const id = `${task.namespace}/${task.name}`;
    if (entry === undefined) byTag.set(tag, { context, first: loaded, tasks: [id] });
    else entry.tasks.push(id);
  }
  const taken = new Set<string>();
  const targets: BakeTarget[] = [];
  // Named in manifest order of first tasks, so a collision's suffix does not depend on the tags.
  for (const [tag, { context, first, tasks: ids }] of byTag) {
    const name = uniqueName(targetName(first.task.namespace, first.task.name), taken);
    targets.push({ name, context, dockerfile: 'Dockerfile', tag, tasks: ids });
  }
  return targets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `<namespace>_<task>`, every character bake does not allow in a target name replaced by `-`. */
export function targetName(namespace: string, name: string): string {
  return `${namespace}_${name}`.replace(/[^a-zA-Z0-9_-]/g, '-');
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}

/** The bake file (JSON), as Docker's bake reference defines it. */
export interface BakeFile {
  readonly group: { readonly default: { readonly targets: readonly string[] } };
  readonly target: Readonly<Record<string, { readonly context: string; readonly dockerfile: string; readonly tags: readonly string[]; readonly labels?: Readonly<Record<string, string>> }>>;
}

/**
 * The bake file of a plan.
 *
 * @param repository the URL of the source repository (a setting), written as
 *   the `org.opencontainers.image.source` label of every target; no label without it
 */
export function bakeFile(plan: readonly BakeTarget[], repository?: string): BakeFile {
  const target: Record<string, BakeFile['target'][string]> = {};
  for (const t of plan) {
    target[t.name] = { context: t.context, dockerfile: t.dockerfile, tags: [t.tag], ...(repository === undefined ? {} : { labels: { [OCI_SOURCE_LABEL]: repository } }) };
  }
  return { group: { default: { targets: plan.map((t) => t.name) } }, target };
}
