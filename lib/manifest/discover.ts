import * as fs from 'node:fs';
import * as path from 'node:path';

/** The file name of a task manifest. */
export const MANIFEST_FILE = 'manifest.json';

/** A manifest found below the tasks folder. */
export interface ManifestEntry {
  /** Path relative to the tasks folder, `/`-separated. */
  readonly relative: string;
  /** Whether it is a symbolic link (to be checked before reading). */
  readonly symlink: boolean;
}

/**
 * Every `manifest.json` below `tasksDir`, sorted by path so that output never
 * depends on file-system order. Hidden folders and `node_modules` are
 * skipped; symbolic links are listed (the reader refuses the ones that leave
 * `tasksDir`).
 */
export function discoverManifests(tasksDir: string): ManifestEntry[] {
  const found: ManifestEntry[] = [];
  const walk = (relative: string): void => {
    const entries = fs.readdirSync(path.join(tasksDir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.name === MANIFEST_FILE) found.push({ relative: child, symlink: entry.isSymbolicLink() });
      else if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') walk(child);
    }
  };
  walk('');
  return found.sort((a, b) => compareStrings(a.relative, b.relative));
}

/** Code-unit order, the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
