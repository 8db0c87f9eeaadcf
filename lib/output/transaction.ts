import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ExitCode, UserError } from '../errors';
import { writeFileNamed } from '../file-system-error';
import type { RenderedFile } from './rendered-file';

/**
 * The output folder as a transaction (README, "Design: the output folder
 * as a transaction"). Every name the tool keeps in an output folder for
 * itself starts with `.datatask-` and has no `.yaml`/`.yml`/`.json`
 * extension, so neither Argo CD nor `kubectl apply -R` reads it:
 *
 * - `.datatask-output`: the marker of an output folder. A folder inside
 *   another that holds one is another run's, never pruned by the outer run.
 * - `.datatask-lock`: `{pid, host}` of the run writing the folder.
 * - `.datatask-staging/`: the new files, written in full before any of them
 *   replaces an old one.
 * - `.datatask-journal`: written (atomically, by rename) once every new file
 *   is staged; lists the renames and deletions of the commit. A run that
 *   finds one (its writer was killed) finishes that commit first.
 */
export const INTERNAL_PREFIX = '.datatask-';
export const OUTPUT_MARKER = `${INTERNAL_PREFIX}output`;
const LOCK = `${INTERNAL_PREFIX}lock`;
const STAGING = `${INTERNAL_PREFIX}staging`;
const JOURNAL = `${INTERNAL_PREFIX}journal`;

/** What a commit does, in the order it does it. */
interface Journal {
  /** [staged name in STAGING, target path below the output folder] */
  readonly renames: readonly (readonly [string, string])[];
  /** Paths below the output folder to delete. */
  readonly deletions: readonly string[];
}

/**
 * Test seams: `N:SIGNAL`, the process sends itself SIGNAL after N renames of
 * a commit; `N:CODE` (ENOSPC or EACCES), writing the Nth staged file fails
 * as the file system would fail it.
 */
const [SIGNAL_AFTER_RENAMES, SELF_SIGNAL] = (process.env.DATATASK_TEST_SIGNAL_AFTER_RENAMES ?? '').split(':');
const [FAIL_AT_STAGED_FILE, FAIL_CODE] = (process.env.DATATASK_TEST_FAIL_AT_STAGED_FILE ?? '').split(':');

/**
 * Runs `fn` holding the output folder's lock: a second run into the same
 * folder is refused while the first lives; the lock of a process that no
 * longer exists (on this host) is taken over.
 *
 * @throws UserError (exit 6) when another live run holds the lock
 */
export function withOutputLock<T>(outDir: string, shownOut: string, fn: () => T): T {
  // A folder this run made only for its lock goes again if the run writes nothing.
  const made = fs.mkdirSync(outDir, { recursive: true }) !== undefined;
  const lock = path.join(outDir, LOCK);
  const me = JSON.stringify({ pid: process.pid, host: os.hostname() });
  for (let attempt = 0; ; attempt++) {
    try {
      takeLock(lock, me);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw lockError(error, lock, shownOut);
      const holder = readLock(lock);
      if (holder !== undefined && isAlive(holder)) {
        throw new UserError(
          `${shownOut}/ is being written by another datatask run (pid ${holder.pid} on ${holder.host}, see ${shownOut}/${LOCK}); nothing was written: wait for it to finish and run again`,
          ExitCode.BUSY,
        );
      }
      // The holder is gone (killed), or the lock is unreadable (takeLock never leaves one so; an older
      // version of the tool could, on a full disk): it is stale. Take it over.
      fs.rmSync(lock, { force: true });
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
    if (made && fs.readdirSync(outDir).length === 0) fs.rmdirSync(outDir);
  }
}

/**
 * Creates the lock with its content in one step: the content is written to
 * a file of this run's own, then hard-linked to the lock's name (link(2)
 * fails with EEXIST when the name exists). A lock is never seen empty, and
 * a write that fails (a full disk) leaves no lock behind to block later runs.
 *
 * @throws EEXIST when another run holds the lock; the file system's error otherwise
 */
function takeLock(lock: string, content: string): void {
  const own = `${lock}.${process.pid}`;
  try {
    writeFileNamed(own, content);
    fs.linkSync(own, lock);
  } finally {
    fs.rmSync(own, { force: true });
  }
}

function lockError(error: unknown, lock: string, shownOut: string): unknown {
  if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
    return new UserError(`${shownOut}/ is being written by another datatask run (${lock} appeared again); nothing was written: run again`, ExitCode.BUSY);
  }
  return error;
}

function readLock(lock: string): { pid: number; host: string } | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(lock, 'utf8'));
    return typeof holder?.pid === 'number' && typeof holder?.host === 'string' ? holder : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a lock's holder still runs: a process of another host is taken as alive (its pid means nothing here). */
function isAlive(holder: { pid: number; host: string }): boolean {
  if (holder.host !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Finishes the commit of a run that was killed in the middle of it (a
 * journal is there: every new file was staged), and removes what a run
 * killed before its commit left (a staging folder without a journal). Call
 * holding the lock.
 *
 * @returns whether an interrupted commit was finished
 */
export function recoverOutput(outDir: string): boolean {
  const journalFile = path.join(outDir, JOURNAL);
  const staging = path.join(outDir, STAGING);
  let finished = false;
  if (fs.existsSync(journalFile)) {
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Journal;
    for (const [staged, target] of journal.renames) {
      // A rename already done has no staged file left.
      if (fs.existsSync(path.join(staging, staged))) renameInto(outDir, path.join(staging, staged), target);
    }
    deleteFiles(outDir, journal.deletions);
    fs.rmSync(journalFile, { force: true });
    markOutput(outDir);
    finished = true;
  }
  fs.rmSync(staging, { recursive: true, force: true });
  return finished;
}

/**
 * Replaces the output folder's files as one transaction: stages every new
 * file, writes the journal, renames, deletes. A failure while staging (a
 * full disk, a folder it may not write) leaves every file as it was; once
 * the journal is written the commit is finished by this run or, if it is
 * killed, by the next one.
 */
export function commitFiles(outDir: string, write: readonly RenderedFile[], deletions: readonly string[]): void {
  if (write.length === 0 && deletions.length === 0) return markOutput(outDir);
  const staging = path.join(outDir, STAGING);
  const renames: [string, string][] = [];
  try {
    fs.mkdirSync(staging, { recursive: true });
    write.forEach((file, i) => {
      const staged = String(i);
      if (FAIL_CODE !== undefined && i === Number(FAIL_AT_STAGED_FILE)) throw systemError(FAIL_CODE, path.join(staging, staged));
      writeFileNamed(path.join(staging, staged), file.content);
      renames.push([staged, file.path]);
    });
    // Every folder a rename needs exists before the commit starts: mkdir can fail (permissions) where rename would not.
    for (const folder of new Set(write.map((f) => path.dirname(path.join(outDir, f.path))))) fs.mkdirSync(folder, { recursive: true });
    const journal: Journal = { renames, deletions };
    writeFileNamed(path.join(staging, 'journal'), JSON.stringify(journal));
    fs.renameSync(path.join(staging, 'journal'), path.join(outDir, JOURNAL));
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  let done = 0;
  // Every target folder was made above; renameInto (which makes it) is for the recovery of a commit of another run.
  for (const [staged, target] of renames) {
    fs.renameSync(path.join(staging, staged), path.join(outDir, target));
    if (SELF_SIGNAL !== undefined && ++done === Number(SIGNAL_AFTER_RENAMES)) process.kill(process.pid, SELF_SIGNAL);
  }
  deleteFiles(outDir, deletions);
  fs.rmSync(path.join(outDir, JOURNAL), { force: true });
  fs.rmSync(staging, { recursive: true, force: true });
  markOutput(outDir);
}

/** Marks `outDir` as an output folder (see OUTPUT_MARKER), once. */
function markOutput(outDir: string): void {
  const marker = path.join(outDir, OUTPUT_MARKER);
  if (!fs.existsSync(marker)) writeFileNamed(marker, '');
}

function renameInto(outDir: string, from: string, target: string): void {
  const to = path.join(outDir, target);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.renameSync(from, to);
}

/** Deletes files, then the folders they leave empty (up to the output folder). */
function deleteFiles(outDir: string, files: readonly string[]): void {
  const emptied = new Set<string>();
  for (const file of files) {
    fs.rmSync(path.join(outDir, file), { force: true });
    emptied.add(path.dirname(path.join(outDir, file)));
  }
  for (const folder of [...emptied].sort().reverse()) {
    let current = folder;
    while (path.resolve(current) !== path.resolve(outDir) && fs.existsSync(current) && fs.readdirSync(current).length === 0) {
      fs.rmdirSync(current);
      current = path.dirname(current);
    }
  }
}

/** The error node throws when the file system refuses to open a file for writing (for the test seam). */
function systemError(code: string, file: string): NodeJS.ErrnoException {
  const [errno, reason] = code === 'EACCES' ? [-13, 'permission denied'] : [-28, 'no space left on device'];
  return Object.assign(new Error(`${code}: ${reason}, open '${file}'`), { code, errno, syscall: 'open', path: file });
}
