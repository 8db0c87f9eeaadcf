import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExitCode, UserError } from '../errors';
import { compareStrings } from '../compare';
import { INTERNAL_PREFIX } from '../output/transaction';
import { toPosix } from '../manifest/discover';

/** The output folder as it is in a commit, read through git (no checkout). */
export interface FolderAtRef {
  /** The commit the ref names (40 hex digits). */
  readonly commit: string;
  /** Every file below the folder: path relative to the folder (`/`-separated, sorted) → text. Empty when the commit has no such folder (a first deploy). */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Reads `folder` (a path on disk, relative to `cwd`, inside a git work
 * tree) as it is at `ref`: `git rev-parse` names the commit, `git ls-tree` lists
 * the folder's files, one `git cat-file --batch` reads them all.
 *
 * @throws UserError (exit 2) when `cwd` is not in a git work tree, `ref` is
 *   not a commit, or the folder is outside the work tree
 */
export function readFolderAtRef(cwd: string, ref: string, folder: string): FolderAtRef {
  if (ref === '' || ref.startsWith('-')) throw usage(`--base needs a git commit, branch or tag (found ${JSON.stringify(ref)})`);
  // One git run names both the work tree and the commit: exit 128 means no repository, 1 a bad ref.
  // Git runs in the output folder (or its nearest existing parent), so any working directory will do.
  const where = nearestExisting(path.resolve(cwd, folder));
  const named = spawnSync('git', ['rev-parse', '--show-toplevel', '--verify', '--quiet', `${ref}^{commit}`], { cwd: where, encoding: 'utf8' });
  if (named.error !== undefined) throw usage(`cannot run git: ${named.error.message}`);
  if (named.status !== 0 && named.status !== 1) throw usage(`${where} is not inside a git work tree; review compares with a git commit (${named.stderr.trim()})`);
  const [top = '', commit] = named.stdout.split('\n');
  if (named.status === 1 || commit === undefined || commit === '') {
    throw usage(`--base ${ref} is not a commit of this repository (try a branch such as origin/main, a tag or a commit hash; a shallow clone may lack it: fetch it, e.g. actions/checkout with fetch-depth: 0)`);
  }
  const relative = toPosix(path.relative(fs.realpathSync(top), resolveReal(path.resolve(cwd, folder))));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw usage(`the output folder ${folder} is not a folder inside the git work tree ${top}`);
  }
  // `<mode> <type> <object>\t<path>` per entry; blobs are read by object id (paths would make git walk the trees again for each).
  const entries = git(top, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', `${relative}/`])
    .split('\0')
    .map((line) => /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ object: m[1]!, name: m[2]!.slice(relative.length + 1) }))
    // The tool's own bookkeeping (the output marker, lib/output/transaction.ts) is no object of the cluster's.
    .filter((e) => !path.posix.basename(e.name).startsWith(INTERNAL_PREFIX))
    .sort((a, b) => compareStrings(a.name, b.name));
  const contents = catFiles(top, entries.map((e) => e.object));
  const files = new Map(entries.map((e, i) => [e.name, contents[i]!]));
  return { commit, files };
}

/** The texts of the blobs `objects` (object ids), in order, through one `git cat-file --batch`. */
function catFiles(top: string, objects: readonly string[]): string[] {
  if (objects.length === 0) return [];
  const run = spawnSync('git', ['cat-file', '--batch'], { cwd: top, input: `${objects.join('\n')}\n`, maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new UserError(`git cat-file failed: ${run.stderr.toString().trim()}`);
  const out = run.stdout;
  const texts: string[] = [];
  let at = 0;
  for (const name of objects) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString();
    const match = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (match === null) throw new UserError(`git cat-file could not read ${name}: ${header}`);
    const size = Number(match[1]);
    texts.push(out.subarray(eol + 1, eol + 1 + size).toString('utf8'));
    at = eol + 1 + size + 1;
  }
  return texts;
}

/**
 * Runs git and returns its output; a failure is a usage error in git's own words.
 */
function git(cwd: string, args: readonly string[]): string {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error !== undefined) throw usage(`cannot run git: ${run.error.message}`);
  if (run.status !== 0) throw usage(`git ${args[0]} failed: ${run.stderr.trim()}`);
  return run.stdout;
}

function usage(message: string): UserError {
  return new UserError(message, ExitCode.USAGE);
}

/** The real path of `p`, or of its nearest existing ancestor joined with the rest (the folder may not exist in the work tree). */
function resolveReal(p: string): string {
  const existing = nearestExisting(p);
  return path.join(fs.realpathSync(existing), path.relative(existing, p));
}

/** `p` if it exists, else its nearest existing ancestor. */
function nearestExisting(p: string): string {
  let current = p;
  while (!fs.existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}
