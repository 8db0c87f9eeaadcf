/**
 * `npm run build` (after `tsc`, which compiled this file): makes what
 * `npm run synth` and `cdk8s synth` run.
 *
 *   build/synth-app.js    main.ts bundled with its dependencies into one
 *                         file: node loads one file ~0.2 s faster than the
 *                         hundreds of modules of cdk8s, cdk8s-plus-27 and zod
 *   build/synth.js        the launcher (lib/cli/synth-launcher.ts), a few KB
 *   build/synth-app.jsc   V8's code cache of the app, made by running the
 *                         launcher once on sample tasks of every shape
 *                         (scripts/sample-tasks.ts) with --check, which
 *                         renders them all and writes no file; see
 *                         lib/cli/launch.ts
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';
import { SYNTH_BUNDLE, SYNTH_CODE_CACHE, SYNTH_ENTRY } from '../lib/cli/build-files';
import { generateTask, SHAPES, writeTask } from './sample-tasks';

const root = path.resolve(__dirname, '..', '..');

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // cdk8s and constructs ship CommonJS; zod's ES modules let esbuild drop what is not imported.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  absWorkingDir: root,
};
bundle('main.ts', SYNTH_BUNDLE);
bundle('lib/cli/synth-launcher.ts', SYNTH_ENTRY);
trainCodeCache();

/**
 * Bundles `entry` into `outfile`, in ASCII only. esbuild escapes non-ASCII
 * characters in code but keeps the comments it preserves as they are (an
 * em dash in one of ours, curly quotes in cdk8s's): one such character makes
 * node decode the whole file into a two-byte string, and reading the 1.2 MB
 * app took 20-26 ms instead of ~14 ms. Escaping them is safe: in a comment
 * it changes nothing that runs, and in a string or regular expression
 * literal `\uXXXX` means the same character.
 */
function bundle(entry: string, outfile: string): void {
  const [output] = buildSync({ ...common, entryPoints: [entry], outfile, write: false }).outputFiles;
  const text = output!.text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  fs.mkdirSync(path.dirname(output!.path), { recursive: true });
  fs.writeFileSync(output!.path, text);
}

function trainCodeCache(): void {
  const cacheFile = path.join(root, SYNTH_CODE_CACHE);
  fs.rmSync(cacheFile, { force: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-build-'));
  try {
    const tasks = path.join(scratch, 'tasks');
    SHAPES.forEach((shape, i) => {
      writeTask(tasks, generateTask(i + 1, shape, true));
      writeTask(tasks, generateTask(i + 1 + SHAPES.length, shape));
    });
    const args = [path.join(root, SYNTH_ENTRY), '--check', '--tasks', tasks, '--out', path.join(scratch, 'out')];
    const run = spawnSync(process.execPath, args, { cwd: scratch, encoding: 'utf8', maxBuffer: 64 << 20 });
    // Exit 3: every file would be added to the empty output folder.
    if (run.status !== 3 || !fs.existsSync(cacheFile)) {
      throw new Error(`training the code cache failed (exit ${run.status}, expected 3):\n${run.stderr}`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
