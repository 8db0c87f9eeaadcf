import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { type DiagnosticFormat, renderDiagnostics } from '../diagnostics/formats';
import { ExitCode, UserError } from '../errors';
import type { Settings } from '../project-settings';
import { readSettings } from '../settings-file';
import type { CliIo } from './command';

/** The tasks folder, absolute; a missing one is a usage error (exit 2): a mistyped or vanished folder must not look like "no tasks". */
export function tasksFolder(io: CliIo, option: string): string {
  const dir = path.resolve(io.cwd, option);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UserError(`the tasks folder ${option} does not exist or is not a folder (see --tasks); nothing was written`, ExitCode.USAGE);
  }
  return dir;
}

/** The project settings; invalid settings are printed (in `format`) and end the run with exit 1. */
export function projectSettings(io: CliIo, option: string, format: DiagnosticFormat): Settings | number {
  const file = path.resolve(io.cwd, option);
  const { settings, diagnostics } = readSettings(file, path.relative(io.cwd, file));
  if (settings !== undefined) return settings;
  report(diagnostics, format, io);
  return ExitCode.INVALID_INPUT;
}

/** Prints diagnostics: text on stderr (for people); json and github on stdout (for programs), nothing else there but their own lines. */
export function report(diagnostics: readonly Diagnostic[], format: DiagnosticFormat, io: CliIo): void {
  if (diagnostics.length === 0) return;
  const rendered = renderDiagnostics(diagnostics, format);
  if (format === 'text') io.stderr(rendered);
  else io.stdout(rendered);
}

/** The folder of the project that holds `main` (main.ts, or build/app.js): the nearest with a package.json. */
export function projectRoot(main: string): string {
  for (let dir = path.dirname(main); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.dirname(main);
  }
}

/** Seconds since `started` (a `process.hrtime.bigint()`), two decimals. */
export function elapsed(started: bigint): string {
  return (Number((process.hrtime.bigint() - started) / 1000000n) / 1000).toFixed(2);
}
