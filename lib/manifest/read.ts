import * as fs from 'node:fs';
import * as path from 'node:path';

/** The largest manifest read; anything bigger is surely not a hand-written task. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads one manifest below `tasksDir`, or says in plain language why it
 * cannot: a folder, a symbolic link leaving the tasks folder, too large,
 * unreadable, not UTF-8.
 */
export function readManifest(tasksDir: string, relative: string): { text: string } | { problem: string } {
  const file = path.join(tasksDir, relative);
  try {
    if (fs.lstatSync(file).isSymbolicLink()) {
      const target = fs.realpathSync(file);
      const root = fs.realpathSync(tasksDir);
      if (target !== root && !target.startsWith(root + path.sep)) {
        return { problem: `is a symbolic link to ${target}, outside the tasks folder; copy the manifest into the task folder instead` };
      }
    }
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { problem: 'is a folder, not a file' };
    if (!stat.isFile()) return { problem: 'is not a regular file' };
    if (stat.size > MAX_MANIFEST_BYTES) return { problem: `is ${stat.size} bytes; a manifest may be at most 1 MiB` };
    const bytes = fs.readFileSync(file);
    try {
      return { text: utf8.decode(bytes) };
    } catch {
      return { problem: 'is not valid UTF-8 text' };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'ENOENT' ? 'it does not exist (a broken symbolic link?)'
      : code === 'ELOOP' ? 'a symbolic link loop'
      : (error as Error).message;
    return { problem: `cannot be read: ${reason}` };
  }
}
