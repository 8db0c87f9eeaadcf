// The package folder under test: the prerequisites of a benchmark, and its render cache.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tsFiles } from '../../lib/output/code-identity';
import { APP_BUNDLE, CLI_ENTRY } from '../build-files';

/** Cold means cold: no render cache of earlier runs anywhere (lib/output/render-cache.ts). */
export function clearRenderCache(root: string): void {
  fs.rmSync(path.join(root, 'node_modules', '.cache', 'datatask-cdk8s'), { recursive: true, force: true });
}

export function checkPrerequisites(root: string): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const missing = ['synth', 'bench:floor'].filter((s) => pkg.scripts?.[s] === undefined);
  if (missing.length > 0) {
    throw new Error(`package.json in ${root} has no script ${missing.join(', ')}; add "bench:floor": "node scripts/bench-floor.js"`);
  }
  // A stale build makes synth rebuild itself (bin/datatask.js) inside the timed runs.
  for (const file of [CLI_ENTRY, APP_BUNDLE]) {
    if (!fs.existsSync(path.join(root, file))) throw new Error(`${file} is missing: run \`npm run build\``);
  }
  const built = fs.statSync(path.join(root, APP_BUNDLE)).mtimeMs;
  const sources = [path.join(root, 'main.ts'), ...tsFiles(path.join(root, 'lib')), ...tsFiles(path.join(root, 'imports'))];
  const newer = sources.find((f) => fs.existsSync(f) && fs.statSync(f).mtimeMs > built);
  if (newer !== undefined) throw new Error(`the build is stale (${path.relative(root, newer)} is newer than the build): run \`npm run build\` first`);
}
