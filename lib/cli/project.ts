import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { type DiagnosticFormat, renderDiagnostics } from '../diagnostics/formats';
import { ExitCode, UserError } from '../errors';
import { codeIdentity } from '../output/code-identity';
import { RenderCache, type RenderCacheKey } from '../output/render-cache';
import type { CustomResourceDefinitions } from '../output/custom-resource-definitions';
import type { Environment, Settings } from '../project-settings';
import { type PinsFileText, readProjectPins } from '../images/apply-pins';
import { pinsFile } from '../images/project';
import { didYouMean } from '../validation/suggest';
import { readSettings } from '../settings-file';
import type { AppEntry, CliIo } from './command';

/** The folders and files a run uses when the command line does not name them, relative to the project folder. */
export const PROJECT_DEFAULTS = { tasks: 'tasks', out: 'dist', settings: 'datatask.settings.json' } as const;

/** The options of every command that reads the tasks (defaults: PROJECT_DEFAULTS), for node's `parseArgs`. */
export const PROJECT_OPTIONS = { tasks: { type: 'string' }, out: { type: 'string' }, settings: { type: 'string' } } as const;

/** Their help lines; `--out` says what the folder is to the command. */
export const PROJECT_OPTION_HELP = {
  tasks: `  --tasks DIR       folder searched for manifest.json files (default: ${PROJECT_DEFAULTS.tasks})`,
  out: (what: string) => `  --out DIR         ${what} (default: ${PROJECT_DEFAULTS.out})`,
  settings: `  --settings FILE   project settings (default: ${PROJECT_DEFAULTS.settings}, optional)`,
} as const;

/**
 * A path option, absolute: as given, relative to the working directory; by
 * default, relative to the project folder (where `npm run` runs), so that
 * `npx ts-node main.ts` from any folder reads and writes what `npm run
 * synth` does.
 */
export function projectPath(io: CliIo, app: AppEntry, given: unknown, option: keyof typeof PROJECT_DEFAULTS): { readonly absolute: string; readonly shown: string } {
  const absolute = typeof given === 'string' ? path.resolve(io.cwd, given) : path.join(tasksProject(app.main, io.cwd), PROJECT_DEFAULTS[option]);
  return { absolute, shown: typeof given === 'string' ? given : path.relative(io.cwd, absolute) || '.' };
}

/** The tasks folder, absolute; a missing one is a usage error (exit 2): a mistyped or vanished folder must not look like "no tasks". */
export function tasksFolder(io: CliIo, app: AppEntry, option: unknown): string {
  const { absolute, shown } = projectPath(io, app, option, 'tasks');
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) {
    throw new UserError(`the tasks folder ${shown} does not exist or is not a folder (see --tasks); nothing was written`, ExitCode.USAGE);
  }
  return absolute;
}

/**
 * The project settings (the `--settings` file, or the defaults) and the CRDs
 * its `crds` setting lists; or, after printing the file's diagnostics, the
 * exit code.
 */
export function projectSettings(io: CliIo, app: AppEntry, option: unknown, format: DiagnosticFormat): ProjectSettings | number {
  const { absolute: file, shown } = projectPath(io, app, option, 'settings');
  if (typeof option === 'string' && !fs.existsSync(file)) {
    throw new UserError(`the settings file ${shown} does not exist (see --settings); nothing was written`, ExitCode.USAGE);
  }
  // A folder would end in a pathless 'cannot read: EISDIR' from the read below.
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() === true) {
    const given = typeof option === 'string';
    throw new UserError(`the settings file ${shown} is a folder, not a file${given ? ' (see --settings)' : ''}; nothing was written`, given ? ExitCode.USAGE : ExitCode.INVALID_INPUT);
  }
  const relative = path.relative(io.cwd, file);
  const { settings, environments, customResources, diagnostics } = readSettings(file, relative);
  if (settings !== undefined) return { settings, environments, customResources, file: relative || file };
  report(diagnostics, format, io);
  return ExitCode.INVALID_INPUT;
}

/** The settings file, read: the top-level settings, the environments, the CRDs of `crds`. */
export interface ProjectSettings {
  readonly settings: Settings;
  /** Sorted by name; none in a project without environments. */
  readonly environments: readonly Environment[];
  readonly customResources?: CustomResourceDefinitions;
  /** The settings file as shown in messages (relative to the working directory), whether or not it exists. */
  readonly file: string;
}

/** The option that narrows a command to some environments (repeatable). */
export const ENV_OPTION = { env: { type: 'string', multiple: true } } as const;
export const ENV_OPTION_HELP = '  --env NAME        only this environment (repeatable; default: every one the settings declare)';

/**
 * The environments of `--env` (each a declared one), or undefined for
 * every one; a usage error (exit 2) for an undeclared name or in a project
 * without environments.
 */
export function selectedEnvironments(command: string, option: unknown, project: Pick<ProjectSettings, 'environments' | 'file'>): readonly string[] | undefined {
  if (option === undefined) return undefined;
  const names = (Array.isArray(option) ? option : [option]) as string[];
  const declared = project.environments.map((e) => e.name);
  if (declared.length === 0) throw new UserError(`--env: the settings declare no environments (the "environments" setting of ${project.file})\n\nSee \`datatask ${command} --help\`.`, ExitCode.USAGE);
  for (const name of names) {
    if (declared.includes(name)) continue;
    const suggestion = didYouMean(name, declared);
    const hint = suggestion === undefined ? `the settings declare ${declared.map((d) => JSON.stringify(d)).join(', ')}` : `did you mean "${suggestion}"?`;
    throw new UserError(`--env ${JSON.stringify(name)} is not a declared environment (${hint})\n\nSee \`datatask ${command} --help\`.`, ExitCode.USAGE);
  }
  return declared.filter((name) => names.includes(name));
}

/**
 * The render cache of a run (the render stage uses it): `io.renderCache`,
 * by default in node_modules/.cache/datatask-cdk8s/ of the project, keyed
 * by the code identity of `app.main`.
 */
export function renderCache(io: CliIo, app: AppEntry, key: Omit<RenderCacheKey, 'code'>): RenderCache {
  const option = io.renderCache ?? { dir: path.join(projectRoot(app.main, io.cwd), 'node_modules', '.cache', 'datatask-cdk8s'), code: codeIdentity(app.main) };
  return option === false ? RenderCache.NONE : RenderCache.open(option.dir, { ...key, code: option.code });
}

/** Prints diagnostics: text on stderr (for people); json and github on stdout (for programs), nothing else there but their own lines. */
export function report(diagnostics: readonly Diagnostic[], format: DiagnosticFormat, io: CliIo): void {
  if (diagnostics.length === 0) return;
  const rendered = renderDiagnostics(diagnostics, format);
  if (format === 'text') io.stderr(rendered);
  else io.stdout(rendered);
}

/**
 * The project folder, where the default `tasks/`, `dist/` and settings live.
 * In a checkout of this project it is the folder that holds `main` (main.ts
 * or build/app.js): the nearest with a package.json, whatever the working
 * directory. When `main` is an installed package (a path through
 * `node_modules`, e.g. `npx datatask synth` in a team's repository), the
 * project is the one being worked in: the nearest folder at or above `cwd`
 * with a package.json, else `cwd` itself.
 */
export function projectRoot(main: string, cwd: string): string {
  const installed = path.resolve(main).split(path.sep).includes('node_modules');
  const from = installed ? path.resolve(cwd) : path.dirname(main);
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return from;
  }
}

/**
 * The folder of the default `tasks/`, `dist/` and settings file: the
 * project folder (`projectRoot`), except when this checkout's command is
 * run from a folder outside it that is a tasks repository of its own (it,
 * or a folder above it, holds a `datatask.settings.json` or a `tasks/`
 * folder): then that repository, so that `node ~/datatask-cdk8s/bin/datatask.js
 * synth` in a team's repository renders that repository's tasks, not this
 * checkout's examples.
 */
export function tasksProject(main: string, cwd: string): string {
  const root = projectRoot(main, cwd);
  const here = path.resolve(cwd);
  const inside = here === root || here.startsWith(`${root}${path.sep}`);
  if (inside || path.resolve(main).split(path.sep).includes('node_modules')) return root;
  for (let dir = here; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, PROJECT_DEFAULTS.settings)) || fs.statSync(path.join(dir, PROJECT_DEFAULTS.tasks), { throwIfNoEntry: false })?.isDirectory() === true) return dir;
    if (path.dirname(dir) === dir) return root;
  }
}

/**
 * The folder that holds the tasks folder (a tasks repository's root): the
 * output headers name sources relative to it, and the pins files live in
 * it (`pins.json`, `pins/<env>.json`). It follows `--tasks`, so that a run
 * over another repository's tasks (`--tasks ../team/tasks`) reads and
 * writes that repository's pins, never this checkout's.
 */
export function tasksRoot(tasksDir: string): string {
  return path.dirname(tasksDir);
}

/** The pins files beside the tasks folder (`tasksRoot`), read for the render stage. */
export function tasksPins(io: CliIo, tasksDir: string): PinsFileText[] {
  return readProjectPins(tasksRoot(tasksDir), io.cwd);
}

/** Seconds since `started` (a `process.hrtime.bigint()`), two decimals. */
export function elapsed(started: bigint): string {
  return (Number((process.hrtime.bigint() - started) / 1000000n) / 1000).toFixed(2);
}

/** The options of a command between two environments (`promote`, `compare`): `--from ENV --to ENV [--task …]`. */
export const ENVIRONMENT_PAIR_OPTIONS = { from: { type: 'string' }, to: { type: 'string' }, task: { type: 'string', multiple: true } } as const;

/** An environment option (`--env`, `--from`, `--to`) checked against the declared environments: required with environments, refused without; a usage error (exit 2) otherwise. */
export function environmentOption(command: string, option: string, value: unknown, environments: readonly string[]): string | undefined {
  const see = `\n\nSee \`datatask ${command} --help\`.`;
  if (environments.length === 0) {
    if (value === undefined) return undefined;
    throw new UserError(`--${option} ${JSON.stringify(value)}: the settings declare no environments (the pins file is ${pinsFile(undefined)})${see}`, ExitCode.USAGE);
  }
  if (value === undefined) throw new UserError(`--${option} ENV is required: the settings declare the environments ${environments.join(', ')}${see}`, ExitCode.USAGE);
  if (typeof value === 'string' && environments.includes(value)) return value;
  const suggestion = didYouMean(String(value), environments);
  throw new UserError(`--${option} ${JSON.stringify(value)} is not a declared environment${suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`}; the settings declare ${environments.join(', ')}${see}`, ExitCode.USAGE);
}
