import * as fs from 'node:fs';
import * as path from 'node:path';
import { sha1 } from '../hash';

/** Beside the bundle, `npm run build` writes the SHA-1 of its bytes into this file (scripts/build.ts). */
export const CODE_ID_SUFFIX = '.sha1';

/**
 * A content hash of the code that validates and renders, for the render
 * cache's key.
 *
 * - Run from the bundle (`npm run synth`, `cdk8s synth`): the SHA-1 of the
 *   bundle, which holds main.ts (and its hooks), lib/ and every dependency;
 *   written by `npm run build` beside it, else computed now.
 * - Run from source (`npx ts-node main.ts`, jest): the SHA-1 of main.ts and
 *   every `.ts` file under lib/ and imports/, and of package-lock.json (the
 *   dependencies' versions), read now: an edit to any of them is another code;
 *   and of every module loaded from the project outside node_modules (a
 *   team's main.ts imports its hooks from files of its own: editing one must
 *   render every task again).
 *
 * @param main the running main file: build/app.js, or main.ts
 */
export function codeIdentity(main: string): string {
  if (!main.endsWith('.ts')) {
    try {
      return fs.readFileSync(main + CODE_ID_SUFFIX, 'utf8').trim();
    } catch {
      return sha1(fs.readFileSync(main, 'latin1'));
    }
  }
  const root = path.dirname(main);
  const own = [main, ...tsFiles(path.join(root, 'lib')), ...tsFiles(path.join(root, 'imports')), ...projectModules(root)];
  const files = [...[...new Set(own)].sort(), path.join(root, 'package-lock.json')];
  return sha1(files.map((file) => `${path.relative(root, file)}\0${readIfPresent(file)}`).join('\0'));
}

/** The modules node has loaded from `root`, outside node_modules: main.ts and what it imports (the team's hooks). */
function projectModules(root: string): string[] {
  const inside = `${root}${path.sep}`;
  return Object.keys(require.cache).filter((file) => file.startsWith(inside) && !file.includes(`${path.sep}node_modules${path.sep}`));
}

/** Every `.ts` file below `dir`, sorted. */
export function tsFiles(dir: string): string[] {
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
      if (e.isDirectory()) return tsFiles(full);
      return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
    });
}

function readIfPresent(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
