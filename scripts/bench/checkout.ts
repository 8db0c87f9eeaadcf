// The package folder under test: the prerequisites of a benchmark, its code cache and its render cache.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SYNTH_BUNDLE, SYNTH_CODE_CACHE, SYNTH_ENTRY } from '../../lib/cli/build-files';
import { staleSource } from '../../lib/cli/freshness';

/** Size and time of the code cache: a run that rewrites it (lib/cli/launch.ts) changes them. */
export function codeCacheStamp(root: string): string {
  const stat = fs.statSync(path.join(root, SYNTH_CODE_CACHE), { throwIfNoEntry: false });
  return stat === undefined ? 'missing' : `${stat.size}:${stat.mtimeMs}`;
}

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
  // A stale build makes synth rebuild itself (lib/cli/freshness.ts) inside the timed runs.
  for (const file of [SYNTH_ENTRY, SYNTH_BUNDLE, SYNTH_CODE_CACHE]) {
    if (!fs.existsSync(path.join(root, file))) throw new Error(`${file} is missing: run \`npm run build\``);
  }
  const newer = staleSource(root);
  if (newer !== undefined) throw new Error(`the build is stale (${path.relative(root, newer)} is newer than the build): run \`npm run build\` first`);
}
