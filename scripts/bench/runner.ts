// Runs one npm command of the benchmark and measures its wall time and peak RSS.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Measure {
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

/** A measured command that exited non-zero (its message is the one the bench printed before). */
export class RunFailure extends Error {
  constructor(
    public readonly script: string,
    public readonly args: readonly string[],
    public readonly status: number | null,
    public readonly stderr: string,
  ) {
    super(`npm run ${script} ${args.join(' ')} failed (exit ${status}):\n${stderr.slice(0, 4000)}`);
  }
}

export class Runner {
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
    if (child.status !== 0) throw new RunFailure(script, args, child.status, stderr);
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
