import * as fs from 'node:fs';
import * as path from 'node:path';
import { SYNTH_BUNDLE, SYNTH_ENTRY } from './build-files';

/**
 * `npm run synth` runs the compiled, bundled app (ts-node would add ~2.5 s
 * to every run). After a developer edits lib/, the build is stale: rebuild
 * it once and run the fresh code. Costs a few `stat` calls when up to date.
 *
 * @param compiledMain the running bundle, build/synth-app.js
 * @returns an exit code when the run was delegated to a fresh build, else undefined
 */
export function rerunIfStale(compiledMain: string): number | undefined {
  const root = path.resolve(path.dirname(compiledMain), '..');
  const newer = staleSource(root, compiledMain);
  if (newer === undefined) return undefined;
  process.stderr.write(`${path.relative(process.cwd(), newer)} is newer than the build: running \`npm run build\` first\n`);
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) return build.status ?? 1;
  const rerun = spawnSync(process.execPath, [path.join(root, SYNTH_ENTRY), ...process.argv.slice(2)], { stdio: 'inherit' });
  return rerun.status ?? 1;
}

/**
 * A TypeScript source of the checkout at `root` newer than its compiled
 * bundle, if any; undefined also outside a source checkout.
 */
export function staleSource(root: string, compiled: string = path.join(root, SYNTH_BUNDLE)): string | undefined {
  const main = path.join(root, 'main.ts');
  if (!fs.existsSync(main) || !fs.existsSync(compiled)) return undefined;
  const built = fs.statSync(compiled).mtimeMs;
  const sources = [main, ...tsFiles(path.join(root, 'lib')), ...tsFiles(path.join(root, 'imports'))];
  return sources.find((file) => fs.statSync(file).mtimeMs > built);
}

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}
