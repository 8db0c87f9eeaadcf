import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * The bundle that `npm run synth` and `cdk8s synth` run (build/synth.js, made
 * by `npm run build`, which `npm ci` runs) agrees with the committed dist/.
 */
test('build/synth.js --check: the committed dist/ is up to date', () => {
  const root = path.join(__dirname, '../..');
  const run = spawnSync(process.execPath, [path.join(root, 'build/synth.js'), '--check'], { cwd: root, encoding: 'utf8' });
  expect(run.stderr).toMatch(/^dist is up to date \(5 files\) \(\d+\.\d\d s\)$/m);
  expect(run.status).toBe(0);
});
