import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileSystemReason, type ManifestEntry } from './discover';

/** The largest manifest read; anything bigger is surely not a hand-written task. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

// ignoreBOM keeps a byte order mark in the text, where the parser reports it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads one manifest below `tasksDir`, or says in plain language why it
 * cannot: a folder, a symbolic link leaving the tasks folder, too large,
 * unreadable, not UTF-8.
 */
export function readManifest(tasksDir: string, entry: ManifestEntry): { text: string } | { problem: string } {
  const file = path.join(tasksDir, entry.relative);
  let fd: number | undefined;
  try {
    if (entry.symlink) {
      const target = fs.realpathSync(file);
      const root = fs.realpathSync(tasksDir);
      if (target !== root && !target.startsWith(root + path.sep)) {
        return { problem: `is a symbolic link to ${target}, outside the tasks folder; copy the manifest into the task folder instead` };
      }
    }
    // One open, one fstat, one read: the size check costs no extra system call. O_NONBLOCK: opening
    // a named pipe (FIFO) for reading would otherwise wait for a writer forever (open(2), fifo(7)).
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return { problem: 'is a folder, not a file' };
    if (!stat.isFile()) return { problem: `is ${stat.isFIFO() ? 'a named pipe (FIFO)' : stat.isSocket() ? 'a socket' : 'a device'}, not a regular file; a manifest is a JSON file` };
    if (stat.size > MAX_MANIFEST_BYTES) return { problem: `is ${stat.size} bytes; a manifest may be at most 1 MiB` };
    const bytes = readAll(fd, stat.size);
    try {
      return { text: utf8.decode(bytes) };
    } catch {
      return { problem: 'is not valid UTF-8 text' };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { problem: 'is a folder, not a file' };
    // open(2) of a socket fails with ENXIO.
    if (code === 'ENXIO') return { problem: 'is a socket, not a regular file; a manifest is a JSON file' };
    return { problem: `cannot be read: ${fileSystemReason(error)}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The file's bytes as of its fstat: `readFileSync(fd)` would fstat it a
 * second time. A file that shrinks meanwhile gives what is left.
 */
function readAll(fd: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const n = fs.readSync(fd, bytes, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return bytes.subarray(0, read);
}
