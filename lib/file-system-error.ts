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
  if (typeof e?.code !== 'string' || typeof e.syscall !== 'string' || ADVICE[e.code] === undefined) return undefined;
  // Node's message: "ENOSPC: no space left on device, write" or "EACCES: permission denied, open '/x'".
  const reason = /^([A-Z]+: [^,]*)/.exec(e.message)?.[1] ?? e.code;
  const where = e.path === undefined ? '' : ` ${e.path}${e.dest === undefined ? '' : ` to ${e.dest}`}`;
  return new UserError(`cannot ${OPERATION[e.syscall] ?? e.syscall}${where}: ${reason}; ${ADVICE[e.code]}`, ExitCode.FILE_SYSTEM);
}
