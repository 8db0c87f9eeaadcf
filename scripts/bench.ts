/**
 * `npm run bench`: how fast is `npm run synth` compared with the least work
 * any synthesizer must do?
 *
 * For each size N (default 100, 1000, 10000) it generates N valid, realistic
 * manifests of every shape in a temporary folder, runs synth once into a
 * reference folder, and then measures, best of several runs:
 *
 *   synth cold   npm run --silent synth -- --tasks T --out O   (O empty)
 *   synth warm   the same again (nothing changed: every file unchanged)
 *   floor cold   npm run --silent bench:floor -- --tasks T --bundle B --out O
 *   floor warm   the same with --warm
 *
 * The floor (scripts/bench-floor.js) reads every manifest (walk + readFile +
 * JSON.parse) and writes the exact bytes of the reference run (cold), or
 * reads and compares the existing outputs (warm). Both commands go through
 * npm, so npm's own start-up is in both. It also times one task end to end,
 * and prints the targets of the performance issue with PASS/FAIL.
 *
 * Cold runs delete the render cache first (no cache of earlier runs). The
 * V8 code cache that `npm run build` made is part of the program
 * (lib/cli/launch.ts); the report says whether any run rewrote it.
 *
 * Wall time: performance.now() around the child process (spawnSync).
 * Peak memory: the kernel's high-water mark of the resident set (getrusage
 * ru_maxrss) of the node process that runs synth (build/synth.js) or the
 * floor, read at its exit by a tiny `--require` probe passed in NODE_OPTIONS
 * (exact, not sampled; npm's own process is excluded). When GNU time is
 * installed, `/usr/bin/time -f %M` of the whole npm process tree is shown
 * beside it as a cross-check (that is the largest process of the tree, so at
 * small N it is npm itself).
 *
 * Options:
 *   --sizes 100,1000,10000   task counts
 *   --runs K                 runs per measurement (default 5 for N <= 1000, 3 above)
 *   --one-task-runs K        runs for the one-task measurement (default 7; 0 skips it)
 *   --tmp DIR                where to create the temporary folder (default: the OS temp folder)
 *   --keep                   keep the temporary folder
 *   --json FILE              also write every measurement as JSON
 *   --root DIR               package folder where npm runs (default: this checkout)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SYNTH_BUNDLE, SYNTH_CODE_CACHE, SYNTH_ENTRY } from '../lib/cli/build-files';
import { staleSource } from '../lib/cli/freshness';
import { generateTask, writeTask, writeTasks } from './sample-tasks';

// ---------------------------------------------------------------------------
// Options

const USAGE = `Usage: npm run bench -- [--sizes 100,1000,10000] [--runs K] [--one-task-runs K] [--tmp DIR] [--keep] [--json FILE] [--root DIR]`;

interface Options {
  readonly sizes: number[];
  readonly runs: number | undefined;
  readonly oneTaskRuns: number;
  readonly tmp: string;
  readonly keep: boolean;
  readonly json: string | undefined;
  readonly root: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '100,1000,10000' },
      runs: { type: 'string' },
      'one-task-runs': { type: 'string', default: '7' },
      tmp: { type: 'string', default: os.tmpdir() },
      keep: { type: 'boolean', default: false },
      json: { type: 'string' },
      root: { type: 'string', default: path.resolve(__dirname, '..', '..') },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const count = (text: string, what: string, min: number): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`${what}: expected an integer >= ${min}, found ${JSON.stringify(text)}\n${USAGE}`);
    return n;
  };
  return {
    sizes: values.sizes.split(',').map((s) => count(s.trim(), '--sizes', 1)),
    runs: values.runs === undefined ? undefined : count(values.runs, '--runs', 1),
    oneTaskRuns: count(values['one-task-runs'], '--one-task-runs', 0),
    tmp: path.resolve(values.tmp),
    keep: values.keep,
    json: values.json,
    root: path.resolve(values.root),
  };
}

// ---------------------------------------------------------------------------
// Running and measuring one command

interface Measure {
  /** Wall time of the whole command, npm included. */
  readonly ms: number;
  /** Peak RSS (KB) of the node process running synth or the floor. */
  readonly rssKb: number | undefined;
  /** Peak RSS (KB) of the largest process of the tree (GNU time %M), when available. */
  readonly treeRssKb: number | undefined;
  /** synth's own "in X s" (from its summary line), in ms. */
  readonly internalMs: number | undefined;
  readonly stderr: string;
}

class Runner {
  private readonly probe: string;
  private readonly rssFile: string;
  private readonly timeFile: string;
  private readonly gnuTime: boolean;

  constructor(
    private readonly root: string,
    scratch: string,
  ) {
    this.probe = path.join(scratch, 'rss-probe.cjs');
    this.rssFile = path.join(scratch, 'rss.jsonl');
    this.timeFile = path.join(scratch, 'time.out');
    fs.writeFileSync(
      this.probe,
      "'use strict';\n" +
        '// Written by scripts/bench.ts: reports this process\'s peak RSS (getrusage ru_maxrss, KB) at exit.\n' +
        "process.on('exit', () => {\n" +
        '  try {\n' +
        "    require('fs').appendFileSync(process.env.DATATASK_BENCH_RSS_FILE, JSON.stringify({ pid: process.pid, script: process.argv[1] || '', maxRssKb: process.resourceUsage().maxRSS }) + '\\n');\n" +
        '  } catch {}\n' +
        '});\n',
    );
    this.gnuTime = spawnSync('/usr/bin/time', ['-f', '%M', '-o', this.timeFile, 'true']).status === 0 && /^\d+\s*$/.test(readOr(this.timeFile, ''));
  }

  public get memoryMethod(): string {
    return (
      'peak RSS = getrusage ru_maxrss of the synth/floor node process itself (exact kernel high-water mark, read at exit by a --require probe in NODE_OPTIONS; npm excluded)' +
      (this.gnuTime ? '; "tree" = /usr/bin/time -f %M of the npm process tree (its largest process)' : '; /usr/bin/time (GNU) not found: no tree figure')
    );
  }

  /** Runs `npm run --silent <script> -- args` in the package folder. */
  public run(script: string, args: readonly string[], scriptFile: string): Measure {
    fs.rmSync(this.rssFile, { force: true });
    fs.rmSync(this.timeFile, { force: true });
    const npmArgs = ['run', '--silent', script, '--', ...args];
    const [command, commandArgs] = this.gnuTime ? ['/usr/bin/time', ['-f', '%M', '-o', this.timeFile, 'npm', ...npmArgs]] : ['npm', npmArgs];
    const env: NodeJS.ProcessEnv = { ...process.env, DATATASK_BENCH_RSS_FILE: this.rssFile };
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require "${this.probe}"`.trim();
    delete env.CDK8S_OUTDIR; // no mirror copy for cdk8s-cli
    const started = performance.now();
    const child = spawnSync(command, commandArgs, { cwd: this.root, env, encoding: 'utf8', maxBuffer: 64 << 20 });
    const ms = performance.now() - started;
    const stderr = child.stderr ?? '';
    if (child.error !== undefined) throw child.error;
    if (child.status !== 0) throw new Error(`npm run ${script} ${args.join(' ')} failed (exit ${child.status}):\n${stderr.slice(0, 4000)}`);
    if (stderr.includes('is newer than the build')) {
      throw new Error(`synth rebuilt itself during the benchmark (a source file changed): run \`npm run build\` and bench again\n${stderr}`);
    }
    const probes = readOr(this.rssFile, '')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { script: string; maxRssKb: number });
    const own = probes.filter((p) => path.resolve(p.script) === scriptFile || (fs.existsSync(p.script) && fs.realpathSync(p.script) === scriptFile));
    const tree = this.gnuTime ? Number(readOr(this.timeFile, '').trim().split('\n').pop()) : NaN;
    const internal = /in (\d+(?:\.\d+)?) s\s*$/.exec(stderr.trim());
    return {
      ms,
      rssKb: own.length === 0 ? undefined : Math.max(...own.map((p) => p.maxRssKb)),
      treeRssKb: Number.isFinite(tree) ? tree : undefined,
      internalMs: internal === null ? undefined : Number(internal[1]) * 1000,
      stderr,
    };
  }
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

// ---------------------------------------------------------------------------
// Output folders: listing, comparing, bundling

/** Every file below `root` (relative, `/`-separated) with its bytes, sorted by path. */
function readTree(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else out.set(child, fs.readFileSync(path.join(root, child)));
    }
  };
  if (fs.existsSync(root)) walk('');
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Throws unless `dir` holds exactly the reference files, byte for byte. */
function assertSameTree(dir: string, reference: Map<string, Buffer>, what: string): void {
  const actual = readTree(dir);
  const problems: string[] = [];
  for (const [file, bytes] of reference) {
    const other = actual.get(file);
    if (other === undefined) problems.push(`missing ${file}`);
    else if (!other.equals(bytes)) problems.push(`different ${file}`);
  }
  for (const file of actual.keys()) if (!reference.has(file)) problems.push(`extra ${file}`);
  if (problems.length > 0) throw new Error(`${what}: output differs from the reference run (${problems.length} problem(s)): ${problems.slice(0, 5).join(', ')}`);
}

/** The floor's input: a JSON header line `[[path, byteLength], ...]`, then the contents back to back. */
function writeBundle(file: string, reference: Map<string, Buffer>): void {
  const header = JSON.stringify([...reference].map(([p, bytes]) => [p, bytes.length]));
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`${header}\n`), ...reference.values()]));
}

// ---------------------------------------------------------------------------
// Statistics and formatting

interface Series {
  readonly runs: Measure[];
}

function best(s: Series): number {
  return Math.min(...s.runs.map((r) => r.ms));
}
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
function medianMs(s: Series): number {
  return median(s.runs.map((r) => r.ms));
}
/** Peak RSS over the runs (the largest: conservative), in MB. */
function peakMb(s: Series, field: 'rssKb' | 'treeRssKb' = 'rssKb'): number | undefined {
  const values = s.runs.map((r) => r[field]).filter((v): v is number => v !== undefined);
  return values.length === 0 ? undefined : Math.max(...values) / 1024;
}
function bestInternal(s: Series): number | undefined {
  const values = s.runs.map((r) => r.internalMs).filter((v): v is number => v !== undefined);
  return values.length === 0 ? undefined : Math.min(...values);
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
const mb = (v: number | undefined): string => (v === undefined ? 'n/a' : `${v.toFixed(0)} MB`);
const ratio = (v: number): string => `${v.toFixed(2)}×`;
const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);

function log(line = ''): void {
  process.stdout.write(`${line}\n`);
}

// ---------------------------------------------------------------------------
// The benchmark

interface SizeResult {
  readonly n: number;
  readonly runs: number;
  readonly synthCold: Series;
  readonly synthWarm: Series;
  readonly floorCold: Series;
  readonly floorWarm: Series;
  readonly outputBytes: number;
  readonly manifestBytes: number;
}

function benchSize(runner: Runner, options: Options, scratch: string, n: number): SizeResult {
  const runs = options.runs ?? (n <= 1000 ? 5 : 3);
  const dir = path.join(scratch, `n${n}`);
  const tasks = path.join(dir, 'tasks');
  const refDir = path.join(dir, 'reference');
  const bundle = path.join(dir, 'reference.bundle');
  const synthOut = path.join(dir, 'synth-out');
  const floorOut = path.join(dir, 'floor-out');
  const synthMain = fs.realpathSync(path.join(options.root, SYNTH_ENTRY));
  const floorMain = fs.realpathSync(path.join(options.root, 'scripts', 'bench-floor.js'));

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

interface OneTaskResult {
  readonly runs: number;
  readonly synthCold: Series;
  readonly synthWarm: Series;
  readonly floorCold: Series;
}

function benchOneTask(runner: Runner, options: Options, scratch: string): OneTaskResult {
  const runs = options.oneTaskRuns;
  const dir = path.join(scratch, 'one');
  const tasks = path.join(dir, 'tasks');
  const out = path.join(dir, 'synth-out');
  const floorOut = path.join(dir, 'floor-out');
  const bundle = path.join(dir, 'reference.bundle');
  const synthMain = fs.realpathSync(path.join(options.root, SYNTH_ENTRY));
  const floorMain = fs.realpathSync(path.join(options.root, 'scripts', 'bench-floor.js'));
  // The heaviest shape: a published service with env, resources, secret and volumes (loads every module).
  writeTask(tasks, generateTask(1, 'published-service', true));
  process.stderr.write('one task: reference run…\n');
  runner.run('synth', ['--tasks', tasks, '--out', path.join(dir, 'reference')], synthMain);
  writeBundle(bundle, readTree(path.join(dir, 'reference')));
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

/** Size and time of the code cache: a run that rewrites it (lib/cli/launch.ts) changes them. */
function codeCacheStamp(root: string): string {
  const stat = fs.statSync(path.join(root, SYNTH_CODE_CACHE), { throwIfNoEntry: false });
  return stat === undefined ? 'missing' : `${stat.size}:${stat.mtimeMs}`;
}

/** Cold means cold: no render cache of earlier runs anywhere (lib/output/render-cache.ts). */
function clearRenderCache(root: string): void {
  fs.rmSync(path.join(root, 'node_modules', '.cache', 'datatask-cdk8s'), { recursive: true, force: true });
}

function checkPrerequisites(root: string): void {
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

// ---------------------------------------------------------------------------
// Report

function printSize(r: SizeResult): void {
  log(`N = ${r.n}  (${r.runs} runs; manifests ${(r.manifestBytes / 1024).toFixed(0)} KB, output ${(r.outputBytes / 1024).toFixed(0)} KB)`);
  log(`  ${pad('', 6)}${lpad('synth best', 11)}${lpad('(median)', 10)}${lpad('in-proc', 10)}${lpad('floor best', 12)}${lpad('(median)', 10)}${lpad('synth/floor', 13)}${lpad('synth RSS', 11)}${lpad('floor RSS', 11)}${lpad('tree RSS s/f', 16)}`);
  for (const [label, synth, floor] of [['cold', r.synthCold, r.floorCold], ['warm', r.synthWarm, r.floorWarm]] as const) {
    const internal = bestInternal(synth);
    log(
      `  ${pad(label, 6)}${lpad(sec(best(synth)), 11)}${lpad(`(${(medianMs(synth) / 1000).toFixed(3)})`, 10)}${lpad(internal === undefined ? 'n/a' : sec(internal), 10)}` +
        `${lpad(sec(best(floor)), 12)}${lpad(`(${(medianMs(floor) / 1000).toFixed(3)})`, 10)}${lpad(ratio(best(synth) / best(floor)), 13)}` +
        `${lpad(mb(peakMb(synth)), 11)}${lpad(mb(peakMb(floor)), 11)}${lpad(`${mb(peakMb(synth, 'treeRssKb'))}/${mb(peakMb(floor, 'treeRssKb'))}`, 16)}`,
    );
  }
  log();
}

interface Target {
  readonly name: string;
  readonly value: string;
  readonly pass: boolean | undefined;
}

function targets(results: readonly SizeResult[], one: OneTaskResult | undefined): Target[] {
  const at = (n: number): SizeResult | undefined => results.find((r) => r.n === n);
  const k1 = at(1000);
  const k10 = at(10000);
  const out: Target[] = [];
  const push = (name: string, compute: () => [string, boolean] | undefined): void => {
    const v = compute();
    out.push({ name, value: v?.[0] ?? 'n/a (size not run)', pass: v?.[1] });
  };
  push('1000 cold ≤ 2.5× floor', () => k1 && [ratio(best(k1.synthCold) / best(k1.floorCold)), best(k1.synthCold) / best(k1.floorCold) <= 2.5]);
  push('1000 warm ≤ 2× floor', () => k1 && [ratio(best(k1.synthWarm) / best(k1.floorWarm)), best(k1.synthWarm) / best(k1.floorWarm) <= 2]);
  push('10,000 cold time ≤ 11× 1000 cold', () => k1 && k10 && [ratio(best(k10.synthCold) / best(k1.synthCold)), best(k10.synthCold) / best(k1.synthCold) <= 11]);
  push('10,000 warm time ≤ 11× 1000 warm', () => k1 && k10 && [ratio(best(k10.synthWarm) / best(k1.synthWarm)), best(k10.synthWarm) / best(k1.synthWarm) <= 11]);
  push('10,000 peak RSS ≤ 400 MB', () => {
    if (k10 === undefined) return undefined;
    const peak = Math.max(peakMb(k10.synthCold) ?? NaN, peakMb(k10.synthWarm) ?? NaN);
    return [mb(peak), peak <= 400];
  });
  push('one task < 0.6 s (cold)', () => one && one.runs > 0 ? [sec(best(one.synthCold)), best(one.synthCold) < 600] : undefined);
  return out;
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  checkPrerequisites(options.root);
  fs.mkdirSync(options.tmp, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(options.tmp, 'datatask-bench-'));
  const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const codeCacheBefore = codeCacheStamp(options.root);
  try {
    const runner = new Runner(options.root, scratch);
    const results: SizeResult[] = [];
    for (const n of options.sizes) results.push(benchSize(runner, options, scratch, n));
    const one = options.oneTaskRuns > 0 ? benchOneTask(runner, options, scratch) : undefined;

    log(`datatask-cdk8s synth benchmark — node ${process.version}, ${os.cpus().length} CPU(s), load average ${loadBefore} before, ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} after`);
    log(`synth = npm run --silent synth -- --tasks T --out O; floor = npm run --silent bench:floor -- … (read manifests + write/compare the same bytes)`);
    log(`time = wall time of the npm command, best of the runs (median in brackets); in-proc = synth's own "in X s" (after module loading)`);
    log(runner.memoryMethod + '; the largest over the runs');
    log(
      codeCacheStamp(options.root) === codeCacheBefore
        ? `code cache: ${SYNTH_CODE_CACHE} as \`npm run build\` made it, taken by every run (no run rewrote it)`
        : `WARNING: a run rewrote ${SYNTH_CODE_CACHE}: V8 refused the build's cache (other node flags?), so later runs started from a cache a run made`,
    );
    log();
    for (const r of results) printSize(r);
    if (results.length >= 2) {
      const rows = results.slice(1).map((r, i) => {
        const prev = results[i]!;
        return `  ${r.n}/${prev.n}: cold ${ratio(best(r.synthCold) / best(prev.synthCold))} (floor ${ratio(best(r.floorCold) / best(prev.floorCold))}), warm ${ratio(best(r.synthWarm) / best(prev.synthWarm))} (floor ${ratio(best(r.floorWarm) / best(prev.floorWarm))})`;
      });
      log('Scaling (best time ratios):');
      for (const row of rows) log(row);
      log();
    }
    if (one !== undefined) {
      const internal = bestInternal(one.synthCold);
      log(`One task (a published service with env, resources, secret, volumes; ${one.runs} runs):`);
      log(`  synth cold ${sec(best(one.synthCold))} (median ${sec(medianMs(one.synthCold))}; in-proc ${internal === undefined ? 'n/a' : sec(internal)}), warm ${sec(best(one.synthWarm))}, RSS ${mb(peakMb(one.synthCold))}`);
      log(`  floor cold ${sec(best(one.floorCold))} (npm + node start-up + I/O), RSS ${mb(peakMb(one.floorCold))}`);
      log();
    }
    log('Targets:');
    for (const t of targets(results, one)) log(`  ${pad(t.name, 36)}${lpad(t.value, 18)}   ${t.pass === undefined ? '-' : t.pass ? 'PASS' : 'FAIL'}`);
    if (options.json !== undefined) {
      const strip = (s: Series) => s.runs.map(({ stderr: _stderr, ...rest }) => rest);
      const json = {
        node: process.version,
        results: results.map((r) => ({ ...r, synthCold: strip(r.synthCold), synthWarm: strip(r.synthWarm), floorCold: strip(r.floorCold), floorWarm: strip(r.floorWarm) })),
        oneTask: one && { runs: one.runs, synthCold: strip(one.synthCold), synthWarm: strip(one.synthWarm), floorCold: strip(one.floorCold) },
        targets: targets(results, one),
      };
      fs.writeFileSync(options.json, `${JSON.stringify(json, null, 2)}\n`);
    }
  } finally {
    if (!options.keep) fs.rmSync(scratch, { recursive: true, force: true });
    else process.stderr.write(`kept ${scratch}\n`);
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
