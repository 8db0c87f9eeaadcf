import { parseArgs } from 'node:util';
import { DIAGNOSTIC_FORMATS, type DiagnosticFormat } from '../diagnostics/formats';
import { ExitCode, UserError } from '../errors';

/** The command line of `npm run synth` (and of `cdk8s synth` through cdk8s.yaml). */
export interface CliOptions {
  /** @default "tasks" */
  readonly tasks: string;
  /** @default "dist" */
  readonly out: string;
  /** @default "datatask.settings.json" */
  readonly settings: string;
  /** Render and compare, write nothing. @default false */
  readonly check: boolean;
  /** Warnings fail the run. @default false */
  readonly strict: boolean;
  /** Diagnostics as text (stderr), JSON lines or GitHub annotations (stdout). @default "text" */
  readonly format: DiagnosticFormat;
  readonly help: boolean;
}

export const USAGE = `Usage: npm run synth -- [options]

Reads every tasks/**/manifest.json, validates it and writes one Kubernetes
YAML file per task to dist/<namespace>/<task>.k8s.yaml.

Options:
  --tasks DIR       folder searched for manifest.json files (default: tasks)
  --out DIR         output folder, owned by the synthesizer (default: dist)
  --settings FILE   project settings (default: datatask.settings.json, optional)
  --check           write nothing; exit 3 when the output folder is out of date
  --strict          warnings fail the run
  --format FORMAT   diagnostics as text (default, on stderr), json (one object
                    per line) or github (workflow annotations), on stdout
  -h, --help        show this help

Exit codes: 0 success, 1 invalid manifests or settings, 2 bad usage,
3 out of date (--check), 70 internal error (a bug: please report it).`;

/** Parses the arguments; a mistake is a usage error (exit 2). */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        tasks: { type: 'string', default: 'tasks' },
        out: { type: 'string', default: 'dist' },
        settings: { type: 'string', default: 'datatask.settings.json' },
        check: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new Error(`unexpected argument ${JSON.stringify(positionals[0])}`);
    for (const name of ['tasks', 'out', 'settings'] as const) {
      if (values[name] === '') throw new Error(`--${name} needs a value`);
    }
    if (!(DIAGNOSTIC_FORMATS as readonly string[]).includes(values.format)) {
      throw new Error(`--format must be one of ${DIAGNOSTIC_FORMATS.join(', ')} (found ${JSON.stringify(values.format)})`);
    }
    return values as CliOptions;
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n\n${USAGE}`, ExitCode.USAGE);
  }
}
