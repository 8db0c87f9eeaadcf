import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExitCode, UserError } from './errors';

/**
 * What to do about each refusal of the file system, by Node's `code` (the
 * errno name, libuv's `uv_err_name`).
 */
const ADVICE: Readonly<Record<string, string>> = {
  ENOSPC: 'free some space on that file system and run again',
  EDQUOT: 'free some space (a disk quota is full) and run again',
  EACCES: 'give this user the permission, or choose another folder, and run again',
  EPERM: 'give this user the permission, or choose another folder, and run again',
  EROFS: 'the file system is mounted read-only: choose a writable folder and run again',
  ENAMETOOLONG: 'shorten the path (a name is longer than the file system allows)',
  EIO: 'the device reported an I/O error: check the disk and run again',
  EMFILE: 'too many open files: raise the limit (ulimit -n) and run again',
  ENFILE: 'too many open files on this machine: close some and run again',
  ENOTDIR: 'a part of the path is a file, not a folder: move it away and run again',
  EISDIR: 'a folder stands where a file must be written: move it away and run again',
  EBUSY: 'the file is in use: run again once it is free',
  ELOOP: 'the path has a loop of symbolic links: fix the links and run again',
};

/** Node's syscall names, in words. */
const OPERATION: Readonly<Record<string, string>> = {
  open: 'open', write: 'write', read: 'read', rename: 'rename', mkdir: 'create the folder', unlink: 'delete',
  rmdir: 'remove the folder', scandir: 'list the folder', stat: 'read the status of', lstat: 'read the status of',
  fstat: 'read the status of', copyfile: 'copy', fsync: 'flush', close: 'close', rm: 'delete',
};

/**
 * A file system's refusal (a Node `SystemError` with `code`, `syscall` and,
 * for most calls, `path`) as the user's error: one line naming the path, the
 * operation and the system's reason (`ENOSPC: no space left on device`),
 * with what to do; exit 5. Anything else: undefined (a bug).
 */
export function fileSystemUserError(error: unknown): UserError | undefined {
  const e = error as NodeJS.ErrnoException & { dest?: string };
  if (e?.code === 'ENOENT' && e.syscall === 'mkdir' && typeof e.path === 'string') return mkdirUserError(e.path);
  // A recursive mkdir of a path that is a file (`--out` naming a file): the folder cannot be made there.
  if (e?.code === 'EEXIST' && e.syscall === 'mkdir' && typeof e.path === 'string') {
    return new UserError(`cannot create the folder ${e.path}: EEXIST: a file of that name exists; move it away, or choose another folder, and run again`, ExitCode.FILE_SYSTEM);
  }
  if (typeof e?.code !== 'string' || typeof e.syscall !== 'string' || ADVICE[e.code] === undefined) return undefined;
  // Node's message: "ENOSPC: no space left on device, write" or "EACCES: permission denied, open '/x'".
  const reason = /^([A-Z]+: [^,]*)/.exec(e.message)?.[1] ?? e.code;
  const where = e.path === undefined ? '' : ` ${e.path}${e.dest === undefined ? '' : ` to ${e.dest}`}`;
  return new UserError(`cannot ${OPERATION[e.syscall] ?? e.syscall}${where}: ${reason}; ${ADVICE[e.code]}`, ExitCode.FILE_SYSTEM);
}

/**
 * A folder that could not be made. Node's recursive `mkdirSync` reports a
 * parent it may not write to (a read-only file system: EROFS; no permission:
 * EACCES) as ENOENT of the folder itself (src/node_file.cc `MKDirpSync`
 * stats the path after the failed mkdir(2) and returns that error), so the
 * reason is asked of the nearest existing folder above it.
 *
 * @param folder the folder mkdir was asked to make
 * @param access `fs.accessSync` (a parameter for tests: root may write anywhere)
 */
export function mkdirUserError(folder: string, access: (path: string, mode: number) => void = fs.accessSync): UserError {
  let parent = path.dirname(folder);
  while (!fs.existsSync(parent) && path.dirname(parent) !== parent) parent = path.dirname(parent);
  try {
    access(parent, fs.constants.W_OK);
  } catch (error) {
    const refused = fileSystemUserError(error);
    const code = (error as NodeJS.ErrnoException).code;
    if (refused !== undefined && code !== undefined) {
      const reason = /^([A-Z]+: [^,]*)/.exec((error as Error).message)?.[1] ?? code;
      return new UserError(`cannot create the folder ${folder}: ${reason} (${parent}); ${ADVICE[code]}`, ExitCode.FILE_SYSTEM);
    }
  }
  return new UserError(`cannot create the folder ${folder}: ENOENT: no such file or directory (a folder above it vanished or cannot be made); check the path and run again`, ExitCode.FILE_SYSTEM);
}

/**
 * `fs.writeFileSync`, whose failures name the file: Node gives a write(2)
 * error (ENOSPC, EDQUOT, EIO) no `path` (only open(2) errors have one), so
 * `fileSystemUserError` could say only "cannot write".
 *
 * @throws the file system's error, with `path` set to `file`
 */
export function writeFileNamed(file: string, data: string, options?: fs.WriteFileOptions): void {
  try {
    fs.writeFileSync(file, data, options);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (typeof e?.code === 'string' && e.path === undefined) e.path = file;
    throw error;
  }
}
