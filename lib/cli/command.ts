import type { ParseArgsConfig } from 'node:util';
import type { SynthOutcome, SynthRun } from '../synth';

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
}

/** What main.ts gives the command line: its file (for the project folder and the code's identity) and its stages. */
export interface AppEntry {
  /** main.ts, or the bundle build/app.js made from it. */
  readonly main: string;
  readonly synth: (run: SynthRun) => SynthOutcome;
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
  /** Runs the command; returns the exit code. Throws `UserError` for a user's mistake. */
  run(values: OptionValues, io: CliIo, app: AppEntry): number;
}
