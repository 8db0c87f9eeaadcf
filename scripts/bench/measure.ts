// The measurements: synth and the floor, cold and warm, at one size N and for one task.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INTERNAL_PREFIX } from '../../lib/output/transaction';
import { CLI_ENTRY } from '../build-files';
import { environmentNames, environmentSettings, generateTask, writeTask, writeTasks } from '../sample-tasks';
import { clearRenderCache } from './checkout';
import type { Options } from './options';
import { RunFailure, type Measure, type Runner } from './runner';
import type { Series } from './stats';
import { assertSameTree, readTree, writeBundle } from './trees';

export interface SizeResult {
  readonly n: number;
  readonly runs: number;
  readonly synthCold: Series;
  readonly synthWarm: Series;
  readonly floorCold: Series;
  readonly floorWarm: Series;
  readonly outputBytes: number;
  /** Bytes of the manifests and of their overlays. */
  readonly manifestBytes: number;
  /** Environments mode only (--environments K > 0): absent from a plain run, and from its JSON. */
  readonly environments?: { readonly names: string[]; readonly overlays: number; readonly files: number };
}

/** The folders of one measurement below the scratch folder. */
function layout(scratch: string, name: string) {
  const dir = path.join(scratch, name);
  const at = (child: string): string => path.join(dir, child);
  return { dir, tasks: at('tasks'), settings: at('datatask.settings.json'), reference: at('reference'), bundle: at('reference.bundle'), synthOut: at('synth-out'), floorOut: at('floor-out') };
}

/**
 * The reference synth run, which every later run is checked against. When it
 * fails, the bench stops with one message: what ran, its exit status and the
 * first lines of its stderr (a hint too when synth refused the environments).
 */
function referenceRun(runner: Runner, what: string, args: string[], synthMain: string): Measure {
  try {
    return runner.run('synth', args, synthMain);
  } catch (error) {
    if (!(error instanceof RunFailure)) throw error;
    const lines = error.stderr.trimEnd().split('\n');
    const shown = lines.slice(0, 12).map((line) => `  | ${line}`);
    if (lines.length > shown.length) shown.push(`  | … (${lines.length - shown.length} more lines)`);
    const hint = args.includes('--settings') && /environments: unknown field/.test(error.stderr) ? `\nsynth refused the environments of the generated settings: this build of synth does not support environments yet (bench with --environments 0)` : '';
    throw new Error(`${what}: the reference synth run failed (exit ${error.status}): npm run synth -- ${args.join(' ')}\nits stderr begins:\n${shown.join('\n')}${hint}`);
  }
}

/** Every file below `dir` by its identity (inode, size, mtime): unchanged when nothing was written. */
function statTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      if (entry.name.startsWith(INTERNAL_PREFIX)) continue; // the tool's bookkeeping, as readTree
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else {
        const s = fs.statSync(path.join(dir, child), { bigint: true });
        out.set(child, `${s.ino}:${s.size}:${s.mtimeNs}`);
      }
    }
  };
  walk('');
  return out;
}

/** The scripts the measured npm commands run, as the RSS probe sees them (real paths). */
function entryPoints(root: string): { synthMain: string; floorMain: string } {
  return {
    synthMain: fs.realpathSync(path.join(root, CLI_ENTRY)),
    floorMain: fs.realpathSync(path.join(root, 'scripts', 'bench-floor.js')),
  };
}

export function benchSize(runner: Runner, options: Options, scratch: string, n: number): SizeResult {
  const runs = options.runs ?? (n <= 1000 ? 5 : 3);
  const envs = environmentNames(options.environments);
  const withEnvs = envs.length > 0;
  const label = withEnvs ? `N=${n} × ${envs.length} environments` : `N=${n}`;
  const { dir, tasks, settings, reference: refDir, bundle, synthOut, floorOut } = layout(scratch, withEnvs ? `n${n}-e${envs.length}` : `n${n}`);
  const { synthMain, floorMain } = entryPoints(options.root);

  process.stderr.write(`${label}: generating ${n} manifests…\n`);
  const overlays = writeTasks(tasks, n, envs);
  if (withEnvs) fs.writeFileSync(settings, `${JSON.stringify(environmentSettings(envs), null, 2)}\n`);
  const manifestBytes = [...readTree(tasks)].filter(([p]) => /\/manifest(\.[^/]+)?\.json$/.test(p)).reduce((sum, [, b]) => sum + b.length, 0);
  // One file per task and environment: O/<env>/<namespace>/<task>.k8s.yaml with environments.
  const expected = n * Math.max(1, envs.length);
  const synthArgs = (out: string): string[] => ['--tasks', tasks, ...(withEnvs ? ['--settings', settings] : []), '--out', out];

  process.stderr.write(`${label}: reference synth run…\n`);
  const reference = referenceRun(runner, label, synthArgs(refDir), synthMain);
  // The summary line's wording with environments is synth's to choose: there, the files are counted instead.
  if (!withEnvs && !reference.stderr.includes(`→ ${refDir}: ${n} written`)) throw new Error(`reference run did not write ${n} files:\n${reference.stderr.slice(0, 2000)}`);
  const referenceFiles = readTree(refDir);
  if (referenceFiles.size !== expected) throw new Error(`reference run wrote ${referenceFiles.size} files, expected ${expected}`);
  for (const env of envs) {
    const inEnv = [...referenceFiles.keys()].filter((p) => p.startsWith(`${env}/`)).length;
    if (inEnv !== n) throw new Error(`reference run wrote ${inEnv} files below ${env}/, expected ${n} (one per task in ${refDir}/<environment>/<namespace>/)`);
  }
  writeBundle(bundle, referenceFiles);
  const outputBytes = [...referenceFiles.values()].reduce((sum, b) => sum + b.length, 0);

  const floorArgs = (warm: boolean): string[] => ['--tasks', tasks, '--bundle', bundle, ...(withEnvs ? ['--settings', settings] : []), '--out', floorOut, ...(warm ? ['--warm'] : [])];
  // Warm-up of the floor (the reference run was synth's), checked once.
  fs.rmSync(floorOut, { recursive: true, force: true });
  runner.run('bench:floor', floorArgs(false), floorMain);
  assertSameTree(floorOut, referenceFiles, 'floor');

  const result: SizeResult = {
    n,
    runs,
    synthCold: { runs: [] },
    synthWarm: { runs: [] },
    floorCold: { runs: [] },
    floorWarm: { runs: [] },
    outputBytes,
    manifestBytes,
    ...(withEnvs ? { environments: { names: envs, overlays, files: expected } } : {}),
  };
  for (let r = 1; r <= runs; r++) {
    process.stderr.write(`${label}: run ${r}/${runs}\n`);
    fs.rmSync(synthOut, { recursive: true, force: true });
    clearRenderCache(options.root);
    const cold = runner.run('synth', synthArgs(synthOut), synthMain);
    if (r === 1) assertSameTree(synthOut, referenceFiles, 'synth cold');
    result.synthCold.runs.push(cold);
    const before = withEnvs ? statTree(synthOut) : undefined;
    const warm = runner.run('synth', synthArgs(synthOut), synthMain);
    if (before === undefined) {
      if (!warm.stderr.includes(`0 written, ${n} unchanged, 0 pruned`)) throw new Error(`synth warm run was not warm:\n${warm.stderr.slice(0, 2000)}`);
    } else {
      // Warm = no file written, replaced or removed (whatever the summary's wording per environment).
      const after = statTree(synthOut);
      const touched = [...before].filter(([p, id]) => after.get(p) !== id).map(([p]) => p);
      touched.push(...[...after.keys()].filter((p) => !before.has(p)));
      if (touched.length > 0 || /\b[1-9]\d* written\b/.test(warm.stderr)) throw new Error(`synth warm run was not warm (${touched.length} file(s) written or removed, e.g. ${touched.slice(0, 3).join(', ')}):\n${warm.stderr.slice(0, 2000)}`);
    }
    result.synthWarm.runs.push(warm);

    fs.rmSync(floorOut, { recursive: true, force: true });
    result.floorCold.runs.push(runner.run('bench:floor', floorArgs(false), floorMain));
    result.floorWarm.runs.push(runner.run('bench:floor', floorArgs(true), floorMain));
  }
  if (!options.keep) fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

export interface OneTaskResult {
  readonly runs: number;
  readonly synthCold: Series;
  readonly synthWarm: Series;
  readonly floorCold: Series;
}

export function benchOneTask(runner: Runner, options: Options, scratch: string): OneTaskResult {
  const runs = options.oneTaskRuns;
  const { dir, tasks, reference, bundle, synthOut: out, floorOut } = layout(scratch, 'one');
  const { synthMain, floorMain } = entryPoints(options.root);
  // The heaviest shape: a published service with env, resources, secret and volumes (loads every module).
  writeTask(tasks, generateTask(1, 'published-service', true));
  process.stderr.write('one task: reference run…\n');
  referenceRun(runner, 'one task', ['--tasks', tasks, '--out', reference], synthMain);
  writeBundle(bundle, readTree(reference));
  const result: OneTaskResult = { runs, synthCold: { runs: [] }, synthWarm: { runs: [] }, floorCold: { runs: [] } };
  for (let r = 1; r <= runs; r++) {
    fs.rmSync(out, { recursive: true, force: true });
    clearRenderCache(options.root);
    result.synthCold.runs.push(runner.run('synth', ['--tasks', tasks, '--out', out], synthMain));
    result.synthWarm.runs.push(runner.run('synth', ['--tasks', tasks, '--out', out], synthMain));
    fs.rmSync(floorOut, { recursive: true, force: true });
    result.floorCold.runs.push(runner.run('bench:floor', ['--tasks', tasks, '--bundle', bundle, '--out', floorOut], floorMain));
  }
  if (!options.keep) fs.rmSync(dir, { recursive: true, force: true });
  return result;
}
