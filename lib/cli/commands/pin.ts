import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic';
import { ExitCode, UserError } from '../../errors';
import { bakePlan } from '../../images/bake';
import { pinsFromMetadata } from '../../images/metadata';
import { formatPinChange, pinChanges, type PinsRead, readPinsFile, renderPins, writePinsFile } from '../../images/pins';
import { environmentTasks, keyIn, keyTable } from '../../images/environment-keys';
import { declaredEnvironments, pinsFile } from '../../images/project';
import { sameRepository } from '../../images/reference';
import type { LoadedTask } from '../../manifest/load';
import type { Settings } from '../../project-settings';
import { renderStage, sorted } from '../../synth';
import { oncePerImage } from '../../output/image-plan';
import type { AppEntry, CliIo, Command, OptionValues } from '../command';
import { tagOption } from './images';
import { environmentOption, PROJECT_OPTION_HELP, PROJECT_OPTIONS, projectPath, tasksRoot, projectSettings, renderCache, report, tasksFolder } from '../project';

/** The declared environments of the settings (empty: none); the commands take it as a parameter so that tests and the settings wiring choose. */
export type EnvironmentsOf = (settings: Settings) => readonly string[];

/** A required string option, or a usage error. */
export function requiredOption(command: string, option: string, value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  throw new UserError(`--${option} ${what} is required\n\nSee \`datatask ${command} --help\`.`, ExitCode.USAGE);
}


/**
 * The tasks of the project as synth renders them, or the exit code after
 * printing their errors. `checkUsage` sees the declared environments before
 * the (slower) render, to refuse a bad command line first.
 */
export function projectTasks(command: string, values: OptionValues, io: CliIo, app: AppEntry, environmentsOf: EnvironmentsOf, checkUsage: (environments: readonly string[]) => void = () => {}): ProjectTasks | number {
  const tasksDir = tasksFolder(io, app, values.tasks);
  const project = projectSettings(io, app, values.settings, 'text');
  if (typeof project === 'number') return project;
  const { settings, customResources } = project;
  const declared = project.environments;
  const environments = declared.length > 0 ? declared.map((e) => e.name) : environmentsOf(settings);
  checkUsage(environments);
  const outDir = projectPath(io, app, undefined, 'out').absolute;
  const run = renderStage({ tasksDir, settings, settingsFile: project.file, environments: declared, customResources, cwd: io.cwd, allowEmpty: true, customize: app.customize, cache: renderCache(io, app, { settings, environments: declared, tasksDir, outDir, crds: customResources?.hash }) });
  const rendered = { ...run, tasks: oncePerImage(run.tasks) };
  const errors = sorted(rendered.diagnostics.filter((d) => d.severity === 'error'));
  if (errors.length > 0) {
    report(errors, 'text', io);
    io.stderr(`${errors.length} error(s) in the manifests: nothing was written (\`datatask ${command}\` reads the tasks as synth does)\n`);
    return ExitCode.INVALID_INPUT;
  }
  return { settings, tasks: rendered.tasks, all: run.tasks, environments, root: tasksRoot(tasksDir) };
}

/** The tasks of the project, as `pin` and `promote` read them. */
export interface ProjectTasks {
  readonly settings: Settings;
  /** Once per image (lib/output/image-plan.ts `oncePerImage`): what the bake plan is made of. */
  readonly tasks: readonly LoadedTask[];
  /** Every task in every environment it runs in (lib/images/environment-keys.ts). */
  readonly all: readonly LoadedTask[];
  readonly environments: readonly string[];
  /** The folder that holds the tasks folder, absolute (`tasksRoot`): where the pins files are. */
  readonly root: string;
}

/** A pins file of the project, read located against the tasks of its environment (as synth reads it): its absolute path, shown path and contents. */
export function projectPins(io: CliIo, root: string, environment: string | undefined, images: ReadonlyMap<string, string>): { absolute: string; shown: string; read: PinsRead } {
  const absolute = path.join(root, pinsFile(environment));
  const shown = path.relative(io.cwd, absolute).split(path.sep).join('/');
  return { absolute, shown, read: readPinsFile(absolute, shown, images, environment === undefined ? {} : { environment }) };
}

/** Prints errors and says nothing was written; the exit code. */
export function failWith(diagnostics: readonly Diagnostic[], io: CliIo, what: string): number {
  const all = sorted([...diagnostics]);
  report(all, 'text', io);
  io.stderr(`${all.filter((d) => d.severity === 'error').length} error(s): ${what} not written\n`);
  return ExitCode.INVALID_INPUT;
}

/**
 * `datatask pin --from FILE [--env ENV]`: the digests of a bake run
 * (`docker buildx bake --metadata-file FILE`, lib/images/metadata.ts),
 * written as pins of the tasks each target built, in `pins/<env>.json`
 * (`pins.json` without environments); other pins are kept.
 */
export function pinCommandWith(environmentsOf: EnvironmentsOf): Command {
  return {
    name: 'pin',
    summary: 'record the digests of a `docker buildx bake --metadata-file` run as the pins of the tasks built (pins/<env>.json, or pins.json)',
    options: {
      tasks: PROJECT_OPTIONS.tasks,
      settings: PROJECT_OPTIONS.settings,
      from: { type: 'string' },
      env: { type: 'string' },
      tag: { type: 'string' },
    },
    optionHelp: `${PROJECT_OPTION_HELP.tasks}
${PROJECT_OPTION_HELP.settings}
  --from FILE       the metadata file \`docker buildx bake --metadata-file FILE\` wrote
                    from the bake file of \`images --format bake\` (required)
  --env ENV         the environment whose pins file (pins/ENV.json) is written;
                    required when the settings declare environments, refused when not
  --tag TAG         the --tag given to \`images --format bake\` (the same targets)`,
    notes: 'Each changed pin is printed on stdout (`ns/task: old → new`, or `(new)`); pins of other tasks are kept. Exit 1, with nothing written, when the metadata, the pins file or a manifest is invalid (errors located file:line:col).',
    run(values, io, app) {
      const from = requiredOption('pin', 'from', values.from, 'FILE');
      const tag = tagOption('pin', values.tag);
      let environment: string | undefined;
      const project = projectTasks('pin', values, io, app, environmentsOf, (environments) => (environment = environmentOption('pin', 'env', values.env, environments)));
      if (typeof project === 'number') return project;
      const { tasks, root } = project;
      const here = environmentTasks(project.all, environment);
      const metadataFile = path.resolve(io.cwd, from);
      if (!fs.existsSync(metadataFile)) throw new UserError(`the metadata file ${from} does not exist (see --from)`, ExitCode.USAGE);
      const plan = bakePlan(tasks, { root, cwd: io.cwd, tag });
      const planned = keyTable(tasks);
      const built = pinsFromMetadata(from, fs.readFileSync(metadataFile, 'utf8'), plan, planned.images);
      const pins = projectPins(io, root, environment, here.images);
      const errors = [...built.diagnostics, ...pins.read.diagnostics];
      if (errors.length > 0) return failWith(errors, io, pins.shown);
      for (const target of built.missing) {
        io.stderr(`warning: ${from} has no target ${JSON.stringify(target.name)}; ${target.tasks.join(', ')} keep${target.tasks.length === 1 ? 's' : ''} ${target.tasks.length === 1 ? 'its' : 'their'} pin (was the bake file made with another --tag, or a target left out?)\n`);
      }
      const merged = new Map(pins.read.pins);
      // The plan names each task by its key in one environment; the pins file, by its key in this one (the same manifest).
      for (const [task, pin] of built.pins) {
        const key = keyIn(task, planned, here);
        if (key !== undefined && sameRepository(pin, here.images.get(key)!)) merged.set(key, pin);
      }
      const changes = pinChanges(pins.read.pins, merged);
      if (changes.length === 0) {
        io.stderr(`${pins.shown}: nothing changed (${merged.size} pin${merged.size === 1 ? '' : 's'})\n`);
        return ExitCode.OK;
      }
      writePinsFile(pins.absolute, renderPins(merged, pins.read.schema));
      for (const change of changes) io.stdout(`${formatPinChange(change)}\n`);
      const added = changes.filter((c) => c.before === undefined).length;
      io.stderr(`${pins.shown}: ${changes.length - added} changed, ${added} new (${merged.size} pin${merged.size === 1 ? '' : 's'})\n`);
      return ExitCode.OK;
    },
  };
}

/** `datatask pin`, with the environments of the settings. */
export const pinCommand: Command = pinCommandWith(declaredEnvironments);
