import * as fs from 'node:fs';
import * as path from 'node:path';
import { sha1 } from '../hash';

/** Beside the bundle, `npm run build` writes the SHA-1 of its bytes into this file (scripts/build.ts). */
export const CODE_ID_SUFFIX = '.sha1';

/**
 * A content hash of the code that validates and renders, for the render
 * cache's key.
 *
 * - Run from the bundle (`npm run synth`, `cdk8s synth` in this checkout):
 *   the SHA-1 of the bundle, which holds main.ts (and its hooks), lib/ and
 *   every dependency; written by `npm run build` beside it, else computed now.
 * - Run as a module (`npx ts-node main.ts`, jest; a team's main.ts, which
 *   imports the package): the SHA-1 of
 *   - main's module graph: main and every module it loaded, directly or
 *     through others, outside node_modules (a team's hooks and the helpers
 *     they import, wherever they live), and every module loaded from main's
 *     folder outside node_modules; read from node's module cache when the
 *     hooks are about to run (a module a hook requires only while it runs is
 *     not yet loaded, and not covered: import hooks at the top of main.ts);
 *   - every `.ts` file under lib/ and imports/ beside main (this checkout's
 *     own sources);
 *   - the project's package-lock.json (the dependencies' versions);
 *   - the installed datatask-cdk8s itself when it runs compiled
 *     (build/lib/ and build/imports/ of the package, and its package.json):
 *     a package linked or reinstalled at the same version is another code.
 *
 *   An edit to any of them is another code, so every task is rendered again.
 *
 * @param main the running main file: build/app.js, or main.ts
 * @param modules node's module cache (tests give their own) @default require.cache
 */
export function codeIdentity(main: string, modules: NodeJS.Dict<NodeJS.Module> = require.cache): string {
  if (!main.endsWith('.ts') && modules[main] === undefined) {
    try {
      return fs.readFileSync(main + CODE_ID_SUFFIX, 'utf8').trim();
    } catch {
      return sha1(fs.readFileSync(main, 'latin1'));
    }
  }
  const root = path.dirname(main);
  const own = [main, ...tsFiles(path.join(root, 'lib')), ...tsFiles(path.join(root, 'imports')), ...projectModules(root, modules), ...moduleGraph(main, modules)];
  const files = [...[...new Set(own)].sort(), path.join(root, 'package-lock.json')];
  return sha1([...files.map((file) => `${path.relative(root, file)}\0${readIfPresent(file)}`), `datatask-cdk8s\0${libraryIdentity()}`].join('\0'));
}

/** The modules node has loaded from `root`, outside node_modules: main.ts and what it imports (the team's hooks). */
function projectModules(root: string, modules: NodeJS.Dict<NodeJS.Module>): string[] {
  const inside = `${root}${path.sep}`;
  return Object.keys(modules).filter((file) => file.startsWith(inside) && !inNodeModules(file));
}

/**
 * The files of main's module graph outside node_modules: main, and what it
 * required, transitively (node lists a module among the children of every
 * module that requires it). A package in node_modules is not followed: its
 * code is the lock file's and this library's.
 */
export function moduleGraph(main: string, modules: NodeJS.Dict<NodeJS.Module> = require.cache): string[] {
  const seen = new Set<string>();
  const visit = (module: NodeJS.Module | undefined): void => {
    if (module === undefined || seen.has(module.filename) || inNodeModules(module.filename)) return;
    seen.add(module.filename);
    for (const child of module.children ?? []) visit(child);
  };
  visit(modules[main]);
  return [...seen].sort();
}

const inNodeModules = (file: string): boolean => file.includes(`${path.sep}node_modules${path.sep}`);

/**
 * The code of datatask-cdk8s as it runs here. From source (this checkout,
 * under ts-node or jest) it is lib/ beside main.ts, hashed with the
 * project's files: ''. Compiled (build/lib/ of an installed or linked
 * package), the SHA-1 of its package.json and of every `.js` file under
 * build/lib/ and build/imports/, computed once per process.
 */
function libraryIdentity(): string {
  if (__filename.endsWith('.ts')) return '';
  if (libraryHash === undefined) {
    const build = path.join(__dirname, '..', '..');
    const files = [path.join(build, '..', 'package.json'), ...jsFiles(path.join(build, 'lib')), ...jsFiles(path.join(build, 'imports'))];
    libraryHash = sha1(files.map((file) => `${path.relative(build, file)}\0${readIfPresent(file)}`).join('\0'));
  }
  return libraryHash;
}
let libraryHash: string | undefined;

/** Every `.ts` file below `dir`, sorted. */
export function tsFiles(dir: string): string[] {
  return filesEndingWith(dir, '.ts');
}

/** Every `.js` file below `dir`, sorted. */
function jsFiles(dir: string): string[] {
  return filesEndingWith(dir, '.js');
}

function filesEndingWith(dir: string, extension: '.ts' | '.js'): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return filesEndingWith(full, extension);
      return e.name.endsWith(extension) && !e.name.endsWith('.d.ts') ? [full] : [];
    });
}

function readIfPresent(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
