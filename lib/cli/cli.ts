import { parseArgs } from 'node:util';
import { ExitCode, UserError } from '../errors';
import { githubData, githubProperty } from '../diagnostics/formats';
import { fileSystemUserError } from '../file-system-error';
import { didYouMean } from '../validation/suggest';
import type { AppEntry, CliIo, Command, OptionValues } from './command';
import { checkCommand, synthCommand } from './commands/synth';
import { compareCommand } from './commands/compare';
import { imagesCommand } from './commands/images';
import { initCommand } from './commands/init';
import { pinCommand } from './commands/pin';
import { promoteCommand } from './commands/promote';
import { reviewCommand } from './commands/review';
import { routesCommand } from './commands/routes';
import { schemaCommand } from './commands/schema';

/** Every command; the first is the default (`cdk8s synth` runs the app without arguments). */
export const COMMANDS: readonly Command[] = [synthCommand, checkCommand, reviewCommand, compareCommand, routesCommand, imagesCommand, pinCommand, promoteCommand, schemaCommand, initCommand];

/** The CLI's usage text. */
export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: datatask <command> [options]      (npm run <command> -- [options])',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Without a command: ${COMMANDS[0]!.name}. \`datatask <command> --help\` shows its options.`,
    '',
    'Exit codes: 0 success, 1 invalid manifests or settings (nothing written), 2 bad usage,',
    '3 out of date (check), 4 a change the API server would refuse (review),',
    '5 the file system refused (disk full, permission denied; nothing was changed), 6 another run is writing the output folder,',
    '70 internal error (a bug: please report it).',
  ].join('\n');
}

function commandUsage(command: Command): string {
  const notes = command.notes === undefined ? '' : `\n\n${command.notes}`;
  const positional = command.positional === undefined ? '' : ` [${command.positional.toUpperCase()}]`;
  return `Usage: datatask ${command.name}${positional} [options]      (npm run ${command.name} -- [options])\n\n${command.summary}\n\nOptions:\n${command.optionHelp}\n  -h, --help        show this help${notes}`;
}

/**
 * Runs the command line; returns the exit code. One error channel: a
 * user's mistake is one `error:` line on stderr (exit 1, or 2 for bad
 * usage, with the usage text); anything else is a bug, printed with its
 * stack (exit 70).
 */
export function runCli(argv: readonly string[], app: AppEntry, io: CliIo = processIo()): number {
  let command: Command | undefined;
  let format: unknown;
  try {
    if (argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') {
      io.stdout(`${usage()}\n`);
      return ExitCode.OK;
    }
    const named = argv[0] !== undefined && !argv[0].startsWith('-');
    command = named ? COMMANDS.find((c) => c.name === argv[0]) : COMMANDS[0];
    if (command === undefined) throw new UserError(`unknown command ${JSON.stringify(argv[0])}\n\n${usage()}`, ExitCode.USAGE);
    const values = parse(command, named ? argv.slice(1) : argv);
    format = values.format;
    if (values.help === true) {
      io.stdout(`${commandUsage(command)}\n`);
      return ExitCode.OK;
    }
    return command.run(values, io, app);
  } catch (error) {
    const userError = error instanceof UserError ? error : fileSystemUserError(error);
    if (userError !== undefined) {
      io.stderr(`error: ${userError.message}\n`);
      // For programs reading stdout (--format github or json): the refusal where they look, not only on stderr.
      if (format === 'github') io.stdout(`::error title=${githubProperty(`datatask ${command?.name ?? ''}`.trim())}::${githubData(userError.message.split('\n\n')[0]!)}\n`);
      if (format === 'json') io.stdout(`${JSON.stringify({ error: { message: userError.message.split('\n\n')[0], exitCode: userError.exitCode } })}\n`);
      return userError.exitCode;
    }
    io.stderr(`internal error (a bug in datatask-cdk8s; please report it with this trace):\n${(error as Error)?.stack ?? String(error)}\n`);
    return ExitCode.INTERNAL;
  }
}

/** The command's options; a mistake is a usage error (exit 2) that shows the command's usage. */
function parse(command: Command, args: readonly string[]): OptionValues {
  try {
    const { values, positionals, tokens } = parseArgs({
      args: [...args],
      options: { ...command.options, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
    // node keeps the last of an option given twice; which one was meant is the user's to say (`--from dev --from staging`).
    const given = new Map<string, string[]>();
    for (const token of tokens) if (token.kind === 'option') given.set(token.name, [...(given.get(token.name) ?? []), token.value ?? '']);
    for (const [name, seen] of given) {
      const option = (command.options as Record<string, { multiple?: boolean; type: string }>)[name];
      if (option !== undefined && option.multiple !== true && seen.length > 1) {
        throw new Error(`--${name} is given ${seen.length} times${option.type === 'string' ? ` (${seen.map((v) => JSON.stringify(v)).join(', ')})` : ''}; give it once`);
      }
    }
    const allowed = command.positional === undefined ? 0 : 1;
    if (positionals.length > allowed) throw new Error(`unexpected argument ${JSON.stringify(positionals[allowed])}`);
    if (command.positional !== undefined && positionals[0] !== undefined) (values as Record<string, unknown>)[command.positional] = positionals[0];
    for (const [name, option] of Object.entries(command.options)) {
      if (option.type === 'string' && (values as Record<string, unknown>)[name] === '') throw new Error(`--${name} needs a value`);
    }
    return values as OptionValues;
  } catch (error) {
    throw new UserError(`${parseErrorMessage(command, error as Error & { code?: string })}\n\n${commandUsage(command)}`, ExitCode.USAGE);
  }
}

/**
 * node's message for an unknown option goes on about positional arguments,
 * which no command takes: say which option is unknown, and the likely one.
 */
function parseErrorMessage(command: Command, error: Error & { code?: string }): string {
  const unknown = /^Unknown option '([^']*)'/.exec(error.message);
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || unknown === null) return error.message;
  const option = unknown[1]!;
  const known = ['help', ...Object.keys(command.options)].map((name) => `--${name}`);
  const suggestion = didYouMean(option.replace(/=.*$/, ''), known);
  return `unknown option ${option} for \`datatask ${command.name}\`${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}`;
}

/** The process's own streams, folder and environment. */
export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}
