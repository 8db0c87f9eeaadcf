import { ExitCode, UserError } from '../../errors';
import { formatPinChange, pinChanges, renderPins, writePinsFile } from '../../images/pins';
import { environmentTasks, keyIn } from '../../images/environment-keys';
import { declaredEnvironments } from '../../images/project';
import { sameRepository } from '../../images/reference';
import { didYouMean } from '../../validation/suggest';
import type { Command } from '../command';
import { PROJECT_OPTION_HELP, PROJECT_OPTIONS, environmentOption, ENVIRONMENT_PAIR_OPTIONS } from '../project';
import { type EnvironmentsOf, failWith, projectPins, projectTasks, requiredOption } from './pin';

/**
 * `datatask promote --from ENV --to ENV [--task NS/NAME …]`: copies pins
 * (every pin of `pins/<from>.json`, or the named tasks') into
 * `pins/<to>.json`, keeping its other pins, so that the target environment
 * runs the very images the source environment runs (the same digests);
 * made as a pull request, it is the promotion's review.
 */
export function promoteCommandWith(environmentsOf: EnvironmentsOf): Command {
  return {
    name: 'promote',
    summary: 'copy pins from one environment to another (pins/<from>.json → pins/<to>.json): all, or the --task ones',
    options: {
      tasks: PROJECT_OPTIONS.tasks,
      settings: PROJECT_OPTIONS.settings,
      ...ENVIRONMENT_PAIR_OPTIONS,
    },
    optionHelp: `${PROJECT_OPTION_HELP.tasks}
${PROJECT_OPTION_HELP.settings}
  --from ENV        the environment whose pins are copied (required)
  --to ENV          the environment whose pins file is written (required)
  --task NS/NAME    copy only this task's pin (repeatable; default: every pin)`,
    notes: 'Each changed pin is printed on stdout (`ns/task: old → new`, or `(new)`); nothing changed is said on stderr (exit 0). Exit 2 without declared environments, for one environment twice, an undeclared environment or an unknown task; exit 1, nothing written, when a pins file is invalid (errors located file:line:col) or a named task has no pin to copy.',
    run(values, io, app) {
      const fromOption = requiredOption('promote', 'from', values.from, 'ENV');
      const toOption = requiredOption('promote', 'to', values.to, 'ENV');
      const named = (values.task as unknown as readonly string[] | undefined) ?? [];
      let from = '';
      let to = '';
      const project = projectTasks('promote', values, io, app, environmentsOf, (environments) => {
        if (environments.length === 0) throw new UserError('promote copies pins between environments, and the settings declare none (a project without environments has one pins.json)\n\nSee `datatask promote --help`.', ExitCode.USAGE);
        from = environmentOption('promote', 'from', fromOption, environments)!;
        to = environmentOption('promote', 'to', toOption, environments)!;
        if (from === to) throw new UserError(`--from and --to are both ${JSON.stringify(from)}: promote copies pins from one environment to another\n\nSee \`datatask promote --help\`.`, ExitCode.USAGE);
      });
      if (typeof project === 'number') return project;
      // A task's key is of one environment (the namespace settings may differ): the same manifest is the same task.
      const fromTasks = environmentTasks(project.all, from);
      const toTasks = environmentTasks(project.all, to);
      const namedFrom: string[] = [];
      for (const task of named) {
        const key = fromTasks.manifestOf.has(task) ? task : keyIn(task, toTasks, fromTasks);
        if (key !== undefined) {
          namedFrom.push(key);
          continue;
        }
        if (toTasks.manifestOf.has(task)) throw new UserError(`--task ${JSON.stringify(task)} does not run in environment ${JSON.stringify(from)}, so it has no pin there to promote\n\nSee \`datatask promote --help\`.`, ExitCode.USAGE);
        const keys = [...new Set([...fromTasks.manifestOf.keys(), ...toTasks.manifestOf.keys()])];
        // A bare name (as compare's --task takes it) is that task's key, its namespace added; else the nearest key.
        const suggestion = keys.find((k) => !task.includes('/') && k.slice(k.indexOf('/') + 1) === task) ?? didYouMean(task, keys);
        throw new UserError(`--task ${JSON.stringify(task)}: there is no such task${suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`}; a task is named "<namespace>/<name>"\n\nSee \`datatask promote --help\`.`, ExitCode.USAGE);
      }
      const source = projectPins(io, project.root, from, fromTasks.images);
      const target = projectPins(io, project.root, to, toTasks.images);
      const errors = [...source.read.diagnostics, ...target.read.diagnostics];
      if (errors.length > 0) return failWith(errors, io, target.shown);
      const unpinned = namedFrom.filter((task) => !source.read.pins.has(task));
      if (unpinned.length > 0) {
        io.stderr(`error: ${unpinned.join(', ')} ${unpinned.length === 1 ? 'has' : 'have'} no pin in ${source.shown}, so there is nothing to promote; ${target.shown} not written\n`);
        return ExitCode.INVALID_INPUT;
      }
      const selected = namedFrom.length > 0 ? [...new Set(namedFrom)] : [...source.read.pins.keys()];
      const merged = new Map(target.read.pins);
      const notThere: string[] = [];
      const otherRepository: string[] = [];
      for (const task of selected) {
        const key = keyIn(task, fromTasks, toTasks);
        const pin = source.read.pins.get(task)!;
        if (key === undefined) notThere.push(task);
        // An overlay of the target environment may give the task another repository: the pin would not be its image's.
        else if (!sameRepository(pin, toTasks.images.get(key)!)) otherRepository.push(`${task} (${to}: ${toTasks.images.get(key)!})`);
        else merged.set(key, pin);
      }
      if (otherRepository.length > 0 || (named.length > 0 && notThere.length > 0)) {
        const why = [
          ...(notThere.length > 0 ? [`${notThere.join(', ')} ${notThere.length === 1 ? 'does' : 'do'} not run in environment ${JSON.stringify(to)}`] : []),
          ...(otherRepository.length > 0 ? [`the image of ${otherRepository.join(', ')} is of another repository than its pin in ${source.shown}`] : []),
        ];
        io.stderr(`error: ${why.join('; ')}: nothing to promote there; ${target.shown} not written\n`);
        return ExitCode.INVALID_INPUT;
      }
      for (const task of notThere) io.stderr(`note: ${task} does not run in environment ${JSON.stringify(to)}: its pin is not promoted\n`);
      const changes = pinChanges(target.read.pins, merged);
      if (changes.length === 0) {
        const which = named.length > 0 ? `the pin${selected.length === 1 ? '' : 's'} of ${selected.join(', ')}` : `every pin of ${source.shown}`;
        io.stderr(`nothing to promote: ${target.shown} already has ${which}\n`);
        return ExitCode.OK;
      }
      writePinsFile(target.absolute, renderPins(merged, target.read.schema ?? source.read.schema));
      for (const change of changes) io.stdout(`${formatPinChange(change)}\n`);
      io.stderr(`promoted ${changes.length} pin${changes.length === 1 ? '' : 's'} from ${from} to ${to} (${target.shown})\n`);
      return ExitCode.OK;
    },
  };
}

/** `datatask promote`, with the environments of the settings. */
export const promoteCommand: Command = promoteCommandWith(declaredEnvironments);
