// The measurements: synth and the floor, cold and warm, at one size N and for one task.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI_ENTRY } from '../build-files';
import { generateTask, writeTask, writeTasks } from '../sample-tasks';
import { clearRenderCache } from './checkout';
import type { Options } from './options';
import type { Runner } from './runner';
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
  readonly manifestBytes: number;
}

/** The folders of one measurement below the scratch folder. */
function layout(scratch: string, name: string) {
  const dir = path.join(scratch, name);
  const at = (child: string): string => path.join(dir, child);
  return { dir, tasks: at('tasks'), reference: at('reference'), bundle: at('reference.bundle'), synthOut: at('synth-out'), floorOut: at('floor-out') };
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
  const { dir, tasks, reference: refDir, bundle, synthOut, floorOut } = layout(scratch, `n${n}`);
  const { synthMain, floorMain } = entryPoints(options.root);

  process.stderr.write(`N=${n}: generating ${n} manifests…\n`);
  writeTasks(tasks, n);
  const manifestBytes = [...readTree(tasks)].filter(([p]) => p.endsWith('/manifest.json')).reduce((sum, [, b]) => sum + b.length, 0);

  process.stderr.write(`N=${n}: reference synth run…\n`);
  const reference = runner.run('synth', ['--tasks', tasks, '--out', refDir], synthMain);
  if (!reference.stderr.includes(`→ ${refDir}: ${n} written`)) throw new Error(`reference run did not write ${n} files:\n${reference.stderr.slice(0, 2000)}`);
  const referenceFiles = readTree(refDir);
  if (referenceFiles.size !== n) throw new Error(`reference run wrote ${referenceFiles.size} files, expected ${n}`);
  writeBundle(bundle, referenceFiles);
  const outputBytes = [...referenceFiles.values()].reduce((sum, b) => sum + b.length, 0);

  const floorArgs = (warm: boolean): string[] => ['--tasks', tasks, '--bundle', bundle, '--out', floorOut, ...(warm ? ['--warm'] : [])];
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
  };
  for (let r = 1; r <= runs; r++) {
    process.stderr.write(`N=${n}: run ${r}/${runs}\n`);
    fs.rmSync(synthOut, { recursive: true, force: true });
    clearRenderCache(options.root);
    const cold = runner.run('synth', ['--tasks', tasks, '--out', synthOut], synthMain);
    if (r === 1) assertSameTree(synthOut, referenceFiles, 'synth cold');
    result.synthCold.runs.push(cold);
    const warm = runner.run('synth', ['--tasks', tasks, '--out', synthOut], synthMain);
    if (!warm.stderr.includes(`0 written, ${n} unchanged, 0 pruned`)) throw new Error(`synth warm run was not warm:\n${warm.stderr.slice(0, 2000)}`);
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
  runner.run('synth', ['--tasks', tasks, '--out', reference], synthMain);
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
