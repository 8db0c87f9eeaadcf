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
 * With --environments K (K > 0) every generated tree also gets a settings
 * file S with K environments (dev, staging, prod, then env4, …; each its own
 * namespace and Mapping hostname) and, on every third task, overlays
 * `manifest.<env>.json` for one or two of them (replicas, LOG_LEVEL/WORKERS
 * by name, cpu-limit, a published service's timeout or visibility). Synth
 * runs as `… synth -- --tasks T --settings S --out O` and must write K × N
 * files, O/<env>/<namespace>/<task>.k8s.yaml; the floor gets `--settings S`
 * and reads the settings and every overlay as well. Targets then: 1000 cold
 * ≤ 2.5× and warm ≤ 2× the floor, 10,000 peak RSS ≤ 400 MB (the one-task
 * measurement stays without environments). A reference synth run that
 * fails (e.g. a synth without environments: "environments: unknown field")
 * stops the bench with the first lines of its stderr.
 *
 * The floor (scripts/bench-floor.js) reads every manifest (walk + readFile +
 * JSON.parse) and writes the exact bytes of the reference run (cold), or
 * reads and compares the existing outputs (warm). Both commands go through
 * npm, so npm's own start-up is in both. It also times one task end to end,
 * and prints the targets of the performance issue with PASS/FAIL.
 *
 * Cold runs delete the render cache first (no cache of earlier runs).
 *
 * Wall time: performance.now() around the child process (spawnSync).
 * Peak memory: the kernel's high-water mark of the resident set (getrusage
 * ru_maxrss) of the node process that runs synth (bin/datatask.js) or the
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
 *   --environments K         environments of the generated trees (default 0: none, the plain run)
 *   --tmp DIR                where to create the temporary folder (default: the OS temp folder)
 *   --keep                   keep the temporary folder
 *   --json FILE              also write every measurement as JSON
 *   --root DIR               package folder where npm runs (default: this checkout)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkPrerequisites } from './bench/checkout';
import { benchOneTask, benchSize, type SizeResult } from './bench/measure';
import { parseOptions } from './bench/options';
import { environmentNames } from './sample-tasks';
import { printSize, targets } from './bench/report';
import { Runner } from './bench/runner';
import { best, bestInternal, lpad, log, mb, medianMs, pad, peakMb, ratio, sec, type Series } from './bench/stats';

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  checkPrerequisites(options.root);
  fs.mkdirSync(options.tmp, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(options.tmp, 'datatask-bench-'));
  const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  try {
    const runner = new Runner(options.root, scratch);
    const results: SizeResult[] = [];
    for (const n of options.sizes) results.push(benchSize(runner, options, scratch, n));
    const one = options.oneTaskRuns > 0 ? benchOneTask(runner, options, scratch) : undefined;

    log(`datatask-cdk8s synth benchmark — node ${process.version}, ${os.cpus().length} CPU(s), load average ${loadBefore} before, ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} after`);
    if (options.environments === 0) log(`synth = npm run --silent synth -- --tasks T --out O; floor = npm run --silent bench:floor -- … (read manifests + write/compare the same bytes)`);
    else {
      log(`synth = npm run --silent synth -- --tasks T --settings S --out O, S with ${options.environments} environment(s) (${environmentNames(options.environments).join(', ')}), overlays on every third task;`);
      log(`floor = npm run --silent bench:floor -- … --settings S (read settings, manifests and overlays + write/compare the same bytes, O/<env>/<namespace>/…)`);
    }
    log(`time = wall time of the npm command, best of the runs (median in brackets); in-proc = synth's own "in X s" (after module loading)`);
    log(runner.memoryMethod + '; the largest over the runs');
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
    for (const t of targets(results, one, options.environments)) log(`  ${pad(t.name, 36)}${lpad(t.value, 18)}   ${t.pass === undefined ? '-' : t.pass ? 'PASS' : 'FAIL'}`);
    if (options.json !== undefined) {
      const strip = (s: Series) => s.runs.map(({ stderr: _stderr, ...rest }) => rest);
      const json = {
        node: process.version,
        ...(options.environments > 0 ? { environments: environmentNames(options.environments) } : {}),
        results: results.map((r) => ({ ...r, synthCold: strip(r.synthCold), synthWarm: strip(r.synthWarm), floorCold: strip(r.floorCold), floorWarm: strip(r.floorWarm) })),
        oneTask: one && { runs: one.runs, synthCold: strip(one.synthCold), synthWarm: strip(one.synthWarm), floorCold: strip(one.floorCold) },
        targets: targets(results, one, options.environments),
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
