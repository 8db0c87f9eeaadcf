import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ExitCode, UserError } from '../errors';

/** Options `review` and `routes` share with synth, resolved against the working directory. */
export interface CommandOptions<F extends string> {
  readonly help: boolean;
  readonly format: F;
  /** `--base`, for review. */
  readonly base?: string;
  /** The tasks folder, absolute. */
  readonly tasksDir: string;
  /** The output folder, absolute, and as given. */
  readonly outDir: string;
  readonly out: string;
  /** The settings file, absolute. */
  readonly settingsFile: string;
}

/**
 * Parses `argv` of a command; every mistake is a usage error (exit 2) that
 * ends with the command's usage text.
 *
 * @param formats the command's output formats, the first the default
 */
export function parseCommandArgs<F extends string>(argv: readonly string[], cwd: string, usage: string, formats: readonly F[], withBase: boolean): CommandOptions<F> {
  const fail = (message: string) => new UserError(`${message}\n\n${usage}`, ExitCode.USAGE);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        tasks: { type: 'string', default: 'tasks' },
        out: { type: 'string', default: 'dist' },
        settings: { type: 'string', default: 'datatask.settings.json' },
        format: { type: 'string', default: formats[0] },
        help: { type: 'boolean', short: 'h', default: false },
        ...(withBase ? { base: { type: 'string' as const } } : {}),
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  const v = values as Record<string, string | boolean | undefined>;
  if (v.help === true) return { help: true, format: formats[0]!, tasksDir: '', outDir: '', out: '', settingsFile: '' };
  if (positionals.length > 0) throw fail(`unexpected argument ${JSON.stringify(positionals[0])}`);
  for (const name of ['tasks', 'out', 'settings']) if (v[name] === '') throw fail(`--${name} needs a value`);
  if (!(formats as readonly string[]).includes(String(v.format))) throw fail(`--format must be one of ${formats.join(', ')} (found ${JSON.stringify(v.format)})`);
  if (withBase && (v.base === undefined || v.base === '')) throw fail('--base is required: the git ref the output folder is compared with (e.g. --base origin/main)');
  const tasksDir = path.resolve(cwd, String(v.tasks));
  if (!fs.existsSync(tasksDir) || !fs.statSync(tasksDir).isDirectory()) throw new UserError(`the tasks folder ${String(v.tasks)} does not exist (see --tasks)`, ExitCode.USAGE);
  return {
    help: false,
    format: v.format as F,
    base: typeof v.base === 'string' ? v.base : undefined,
    tasksDir,
    outDir: path.resolve(cwd, String(v.out)),
    out: String(v.out),
    settingsFile: path.resolve(cwd, String(v.settings)),
  };
}
