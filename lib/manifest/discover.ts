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
}

/**
 * Every `manifest.json` below `tasksDir`, sorted by path so that output never
 * depends on file-system order. Hidden folders and `node_modules` are
 * skipped; symbolic links are listed (the reader refuses the ones that leave
 * `tasksDir`).
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

/**
 * The manifests below `tasksDir` (as `discoverManifests`), and the files
 * named like one (`NEAR_MISS`) in folders that hold no manifest, sorted.
 */
export function discoverTaskFiles(tasksDir: string): { manifests: ManifestEntry[]; misnamed: string[] } {
  const found: ManifestEntry[] = [];
  const misnamed: string[] = [];
  const walk = (relative: string): void => {
    const entries = fs.readdirSync(path.join(tasksDir, relative), { withFileTypes: true });
    const nearMisses: string[] = [];
    let manifest: Omit<ManifestEntry, 'dockerfile'> | undefined;
    let dockerfile: boolean | undefined = false;
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.name.toLowerCase() === 'dockerfile') dockerfile = entry.name === 'Dockerfile' && !entry.isSymbolicLink() ? true : undefined;
      if (entry.name === MANIFEST_FILE) {
        manifest = { relative: child, symlink: entry.isSymbolicLink() };
      } else if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') walk(child);
      else if (NEAR_MISS.test(entry.name)) nearMisses.push(child);
    }
    if (manifest !== undefined) found.push({ ...manifest, dockerfile });
    else misnamed.push(...nearMisses);
  };
  walk('');
  return { manifests: found.sort((a, b) => compareStrings(a.relative, b.relative)), misnamed: misnamed.sort(compareStrings) };
}

/** A path with `/` separators, as shown to users and as git names files, on every system. */
export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
