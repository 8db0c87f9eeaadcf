import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { type DiagnosticFormat, renderDiagnostics } from '../diagnostics/formats';
import { ExitCode, UserError } from '../errors';
import { applyDist, planDist } from '../output/dist';
import { RenderCache, sha1 } from '../output/render-cache';
import type { RenderedFile } from '../output/rendered-file';
import { readSettings } from '../settings-file';
import { synthesize } from '../synth';
import { parseCliArgs, USAGE } from './args';
import { driftReport } from './check';
import { summaryLine } from './summary';

/** Where a run reads its environment and writes its messages (tests pass their own). */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * Where to keep the render cache, and what names the running build (its
   * size and time); without it, every run validates and renders everything.
   */
  readonly cache?: { readonly dir: string; readonly build: string };
}

/** Runs the synthesizer; returns the exit code. A user's mistake is printed without a stack. */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    return run(argv, io);
  } catch (error) {
    if (error instanceof UserError) {
      io.stderr(`error: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`internal error (a bug in datatask-cdk8s; please report it with this trace):\n${(error as Error).stack ?? String(error)}\n`);
    return ExitCode.INTERNAL;
  }
}

function run(argv: readonly string[], io: CliIo): number {
  const started = process.hrtime.bigint();
  const options = parseCliArgs(argv);
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return ExitCode.OK;
  }
  const tasksDir = path.resolve(io.cwd, options.tasks);
  const outDir = path.resolve(io.cwd, options.out);
  if (!fs.existsSync(tasksDir) || !fs.statSync(tasksDir).isDirectory()) {
    throw new UserError(`the tasks folder ${options.tasks} does not exist (see --tasks)`, ExitCode.USAGE);
  }

  const settingsFile = path.resolve(io.cwd, options.settings);
  const { settings, diagnostics: settingsDiagnostics } = readSettings(settingsFile, path.relative(io.cwd, settingsFile));
  if (settings === undefined) {
    report(settingsDiagnostics, options.format, io);
    return ExitCode.INVALID_INPUT;
  }

  const cache =
    io.cache === undefined
      ? undefined
      : RenderCache.open(
          path.join(io.cache.dir, `${sha1(outDir)}.json`),
          sha1(JSON.stringify({ build: io.cache.build, settings, tasksDir, cwd: io.cwd })),
        );
  const result = synthesize({ tasksDir, settings, cwd: io.cwd, cache });
  report(result.diagnostics, options.format, io);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (errors > 0 || (options.strict && warnings > 0)) {
    io.stderr(`${errors} error(s), ${warnings} warning(s): nothing was written to ${options.out} in ${elapsed(started)} s\n`);
    return ExitCode.INVALID_INPUT;
  }

  const plan = planDist(outDir, result.files);
  if (options.check) {
    const drift = driftReport(outDir, options.out, plan);
    io.stdout(drift.patch);
    io.stderr(`${drift.verdict} (${elapsed(started)} s)\n`);
    return drift.upToDate ? ExitCode.OK : ExitCode.DRIFT;
  }
  applyDist(outDir, plan);
  if (cache !== undefined) {
    for (const r of result.cacheRecords) {
      cache.set(r.key, { textHash: r.textHash, task: r.task, contentHash: r.file.contentHash ?? sha1(r.file.content) });
    }
    cache.save();
  }
  const cliOutDir = io.env.CDK8S_OUTDIR;
  if (cliOutDir !== undefined && cliOutDir !== '' && path.resolve(io.cwd, cliOutDir) !== outDir) {
    mirrorForCdk8sCli(path.resolve(io.cwd, cliOutDir), result.files);
  }
  io.stderr(`${summaryLine({ counts: result.counts, plan, out: options.out, warnings, seconds: elapsed(started) })}\n`);
  return ExitCode.OK;
}

/** Seconds since `started`, two decimals. */
function elapsed(started: bigint): string {
  return (Number((process.hrtime.bigint() - started) / 1000000n) / 1000).toFixed(2);
}

function report(diagnostics: readonly Diagnostic[], format: DiagnosticFormat, io: CliIo): void {
  if (diagnostics.length === 0) return;
  const rendered = renderDiagnostics(diagnostics, format);
  if (format === 'text') io.stderr(rendered);
  else io.stdout(rendered);
}

/**
 * Under `cdk8s synth`, also writes the files into the CLI's own output
 * folder (which the CLI empties before each run), so that its listing,
 * `--stdout` and validation plugins see them. `dist/` itself was already
 * written safely above.
 */
function mirrorForCdk8sCli(dir: string, files: readonly RenderedFile[]): void {
  for (const file of files) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
}
