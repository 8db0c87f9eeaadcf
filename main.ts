/**
 * The cdk8s app: `npm run synth` and `cdk8s synth` (through cdk8s.yaml) both
 * run this file, bundled with its dependencies into build/synth-app.js and
 * started by build/synth.js from V8's code cache (scripts/build.ts). See
 * lib/cli/main.ts.
 */
import { rerunIfStale } from './lib/cli/freshness';

const delegated = rerunIfStale(__filename);
if (delegated !== undefined) {
  process.exitCode = delegated;
} else {
  // Loaded only now, so that a stale build never loads its old modules.
  const { runCli } = require('./lib/cli/main') as typeof import('./lib/cli/main');
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const build = fs.statSync(__filename);
  process.exitCode = runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cache: {
      dir: path.join(__dirname, '..', 'node_modules', '.cache', 'datatask-cdk8s'),
      build: `${build.size}:${build.mtimeMs}`,
    },
  });
}
