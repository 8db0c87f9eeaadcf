import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareStrings } from '../compare';

/** The file name of a task manifest. */
export const MANIFEST_FILE = 'manifest.json';

/** A manifest found below the tasks folder. */
export interface ManifestEntry {
  /** Path relative to the tasks folder, `/`-separated. */
  readonly relative: string;
  /** Whether it is a symbolic link (to be checked before reading). */
  readonly symlink: boolean;
  /**
   * Whether its folder lists a `Dockerfile` (file or folder), read from the
   * listing the walk already made; `undefined` when only the file system can
   * tell (a symbolic link, or another spelling a case-insensitive one matches).
   */
  readonly dockerfile: boolean | undefined;
  /** The environments of the overlays beside it (`manifest.<env>.json`), sorted: `prod` of manifest.prod.json. */
  readonly overlays: readonly string[];
}

/** An overlay's file name, `manifest.<env>.json`; the environment is its first group. */
const OVERLAY_FILE = /^manifest\.(.+)\.json$/;

/** The file name of the overlay of environment `environment`. */
export function overlayFile(environment: string): string {
  return `manifest.${environment}.json`;
}

/**
 * Every `manifest.json` below `tasksDir`, sorted by path so that output never
 * depends on file-system order. A folder that holds a `manifest.json` is a
 * task, and its subfolders are its build context (a web app's
 * `public/manifest.json` is not a task). Hidden folders and `node_modules`
 * are skipped; symbolic links to folders inside `tasksDir` are followed
 * (see `discoverTaskFiles` for the refused ones); a symbolic link named
 * `manifest.json` is listed (the reader refuses the ones that leave `tasksDir`).
 */
export function discoverManifests(tasksDir: string): ManifestEntry[] {
  return discoverTaskFiles(tasksDir).manifests;
}

/**
 * A file named like a manifest but not exactly `manifest.json`
 * (`Manifest.json`, `manifest.JSON`, `manifest.yaml`, `manifest.jsonc`):
 * never read, so the task it was meant to describe would silently vanish
 * and its output be pruned.
 */
const NEAR_MISS = /^manifest\.(json5?|jsonc|ya?ml)$/i;

/** A path below the tasks folder that discovery could not search, and why (a sentence fragment after the path). */
export interface RefusedPath {
  /** Path relative to the tasks folder, `/`-separated ('' for the tasks folder itself). */
  readonly relative: string;
  readonly problem: string;
}

/**
 * The manifests below `tasksDir` (as `discoverManifests`), the files named
 * like one (`NEAR_MISS`) in folders that hold no manifest, and the paths it
 * could not search, each sorted. A refused path is never silently dropped:
 * its tasks would vanish and their output be pruned (with Argo CD's prune,
 * the running workloads deleted). Refused: a symbolic link leaving
 * `tasksDir`, or looping back to a folder above it; a folder or link the
 * file system will not open (EACCES, ELOOP, ENAMETOOLONG beyond PATH_MAX).
 */
export function discoverTaskFiles(tasksDir: string): { manifests: ManifestEntry[]; misnamed: string[]; refused: RefusedPath[]; orphanOverlays: string[] } {
  const found: ManifestEntry[] = [];
  const misnamed: string[] = [];
  const orphanOverlays: string[] = [];
  const refused: RefusedPath[] = [];
  let root: string | undefined;
  const walk = (relative: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(tasksDir, relative), { withFileTypes: true });
    } catch (error) {
      refused.push({ relative, problem: `cannot be searched for tasks: ${fileSystemReason(error)}` });
      return;
    }
    if (entries.some((entry) => entry.name === MANIFEST_FILE)) {
      // A task folder: everything below it is its build context, not tasks.
      const manifest = entries.find((entry) => entry.name === MANIFEST_FILE)!;
      const docker = entries.find((entry) => entry.name.toLowerCase() === 'dockerfile');
      const dockerfile = docker === undefined ? false : docker.name === 'Dockerfile' && !docker.isSymbolicLink() ? true : undefined;
      const overlays = entries.flatMap((entry) => OVERLAY_FILE.exec(entry.name)?.[1] ?? []).sort(compareStrings);
      found.push({ relative: relative === '' ? MANIFEST_FILE : `${relative}/${MANIFEST_FILE}`, symlink: manifest.isSymbolicLink(), dockerfile, overlays });
      return;
    }
    const nearMisses: string[] = [];
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const searched = !entry.name.startsWith('.') && entry.name !== 'node_modules';
      if (entry.isDirectory() && searched) walk(child);
      else if (entry.isSymbolicLink() && searched) {
        root ??= fs.realpathSync(tasksDir);
        const target = followLink(path.join(tasksDir, child), root);
        if (typeof target === 'object') refused.push({ relative: child, problem: target.problem });
        else if (target === 'folder') walk(child);
      } else if (NEAR_MISS.test(entry.name)) nearMisses.push(child);
      else if (OVERLAY_FILE.test(entry.name)) orphanOverlays.push(child);
    }
    misnamed.push(...nearMisses);
  };
  walk('');
  return {
    manifests: found.sort((a, b) => compareStrings(a.relative, b.relative)),
    misnamed: misnamed.sort(compareStrings),
    refused: refused.sort((a, b) => compareStrings(a.relative, b.relative)),
    orphanOverlays: orphanOverlays.sort(compareStrings),
  };
}

/**
 * What a symbolic link found by the walk leads to: a folder inside the
 * tasks folder (searched), a file (only `manifest.json` files are read, and
 * the reader checks those), or why it is not followed. A link to a folder it is
 * inside would be searched forever.
 */
function followLink(link: string, root: string): 'folder' | 'file' | { problem: string } {
  let target: string;
  let parent: string;
  try {
    target = fs.realpathSync(link);
    parent = fs.realpathSync(path.dirname(link));
    if (!fs.statSync(target).isDirectory()) return 'file';
  } catch (error) {
    return { problem: `is a symbolic link that cannot be followed: ${fileSystemReason(error)}` };
  }
  if (target !== root && !target.startsWith(root + path.sep)) {
    return { problem: `is a symbolic link to ${target}, outside the tasks folder, so its tasks are not read; move or copy the folder into the tasks folder instead` };
  }
  if (parent === target || parent.startsWith(target + path.sep)) {
    return { problem: `is a symbolic link to ${target}, a folder it is inside (searching it would never end); remove the link` };
  }
  return 'folder';
}

/** Why the file system refused a path, in plain words (node's error code, not its stack). */
export function fileSystemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ENOENT': return 'it does not exist (a broken symbolic link?)';
    case 'ELOOP': return 'too many levels of symbolic links (a symbolic link loop)';
    case 'ENAMETOOLONG': return 'the path is longer than the file system allows (4096 characters, or 255 for one name)';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EIO': return 'an input/output error of the disk';
    default: return (error as Error).message;
  }
}

/** A path with `/` separators, as shown to users and as git names files, on every system. */
export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
