import type { ParseArgsConfig } from 'node:util';
import type { Customize } from '../customize';
import { ExitCode, UserError } from '../errors';
import type { Rendered, Written } from '../synth';

/** Where a run reads its environment and writes its messages (tests pass their own). */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * Where the render cache lives and the code it is keyed by; `false` runs
   * without one. @default node_modules/.cache/datatask-cdk8s/ of the project, keyed by `codeIdentity(main)`
   */
  readonly renderCache?: false | { readonly dir: string; readonly code: string };
  /** Told what each `synth` or `check` run rendered and wrote (tests: how many charts were rendered). @default none */
  readonly observe?: (outcome: Rendered & Partial<Written>) => void;
}

/** What main.ts gives the command line (`runApp` of lib/index.ts): its file and its hooks. */
export interface AppEntry {
  /** main.ts, or the bundle build/app.js made from it: the project folder's anchor and the render cache's code identity. */
  readonly main: string;
  /** The platform hooks run on every task's chart (README, "Extending"). */
  readonly customize: readonly Customize[];
}

/** The parsed options of one command. */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

/**
 * One command of the CLI (lib/cli/commands/). Adding a command is one such
 * file and one line in lib/cli/cli.ts.
 */
export interface Command {
  readonly name: string;
  /** One line for the CLI's usage text. */
  readonly summary: string;
  /** Its options (node's `parseArgs` format; `--help` is added), and their help lines. */
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly optionHelp: string;
  /** A paragraph after the options (what is printed where, exit codes), if any. */
  readonly notes?: string;
  /** The name of its one optional positional argument (`init [DIR]`), given to `run` as that value; none takes one by default. */
  readonly positional?: string;
  /** Runs the command; returns the exit code. Throws `UserError` for a user's mistake. */
  run(values: OptionValues, io: CliIo, app: AppEntry): number;
}

/** Checks that an option is one of `allowed` (a usage error otherwise). */
export function oneOf<T extends string>(command: string, option: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError(`--${option} must be one of ${allowed.join(', ')} (found ${JSON.stringify(value)})\n\nSee \`datatask ${command} --help\`.`, ExitCode.USAGE);
}
