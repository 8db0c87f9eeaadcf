import { compareDiagnostics } from '../../diagnostics/diagnostic';
import { ExitCode, UserError } from '../../errors';
import { compareEnvironments } from '../../review/environment-compare';
import { comparisonJson, comparisonMarkdown, comparisonText } from '../../review/format-environment-compare';
import { renderWorkingTree } from '../../review/working-tree';
import { didYouMean } from '../../validation/suggest';
import { type Command, oneOf } from '../command';
import { PROJECT_OPTION_HELP, PROJECT_OPTIONS, tasksPins, projectSettings, report, tasksFolder, environmentOption, ENVIRONMENT_PAIR_OPTIONS } from '../project';

const COMPARE_FORMATS = ['text', 'markdown', 'json'] as const;

/**
 * `datatask compare --from ENV --to ENV [--task NAME …]`: how two
 * environments differ, task by task, in words (README, "Environments").
 */
export const compareCommand: Command = {
  name: 'compare',
  summary: 'say how two environments differ, task by task, in words (values of secret-looking variables never shown)',
  options: {
    tasks: PROJECT_OPTIONS.tasks,
    settings: PROJECT_OPTIONS.settings,
    ...ENVIRONMENT_PAIR_OPTIONS,
    format: { type: 'string', default: 'text' },
  },
  optionHelp: `${PROJECT_OPTION_HELP.tasks}
${PROJECT_OPTION_HELP.settings}
  --from ENV        the environment compared from (required)
  --to ENV          the environment compared to (required)
  --task NAME       only this task, by its name (repeatable; default: every task)
  --format FORMAT   text (default), markdown (a pull-request comment) or json (one
                    object per task and line, the same ones included)`,
  notes:
    'Tasks are paired by their manifest (the namespace may differ per environment); each difference is said from --from to --to. Exit 2 without declared environments, for one environment twice, an undeclared environment or an unknown task; exit 1 when a manifest is invalid (errors located file:line:col).',
  run(values, io, app) {
    const format = oneOf('compare', 'format', values.format, COMPARE_FORMATS);
    const names = (values.task as unknown as readonly string[] | undefined) ?? [];
    const tasksDir = tasksFolder(io, app, values.tasks);
    const project = projectSettings(io, app, values.settings, format === 'json' ? 'json' : 'text');
    if (typeof project === 'number') return project;
    const { settings, environments, customResources } = project;
    const declared = environments.map((e) => e.name);
    if (declared.length === 0) throw new UserError(`compare compares environments, and the settings declare none (the "environments" setting of ${project.file})\n\nSee \`datatask compare --help\`.`, ExitCode.USAGE);
    const from = environmentOption('compare', 'from', values.from, declared)!;
    const to = environmentOption('compare', 'to', values.to, declared)!;
    if (from === to) throw new UserError(`--from and --to are both ${JSON.stringify(from)}: compare says how one environment differs from another\n\nSee \`datatask compare --help\`.`, ExitCode.USAGE);

    const rendered = renderWorkingTree({ tasksDir, settings, settingsFile: project.file, environments, only: [from, to], customResources, cwd: io.cwd, customize: app.customize, pins: tasksPins(io, tasksDir) });
    const errors = rendered.diagnostics.filter((d) => d.severity === 'error').sort(compareDiagnostics);
    if (errors.length > 0) {
      report(errors, format === 'json' ? 'json' : 'text', io);
      io.stderr(`${errors.length} error(s): nothing to compare\n`);
      return ExitCode.INVALID_INPUT;
    }
    const known = [...new Set(rendered.tasks.map((t) => t.task.name))].sort();
    for (const name of names) {
      if (known.includes(name)) continue;
      // promote's form, <namespace>/<name>: the name in it.
      const bare = name.slice(name.lastIndexOf('/') + 1);
      const suggestion = known.includes(bare) ? bare : didYouMean(name, known);
      throw new UserError(`--task ${JSON.stringify(name)}: no task of that name runs in ${from} or ${to}${suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`}; a task is named by its manifest's "name"\n\nSee \`datatask compare --help\`.`, ExitCode.USAGE);
    }
    const toSettings = environments.find((e) => e.name === to)!.settings;
    const comparison = compareEnvironments({ rendered, from, to, settings: toSettings, ...(names.length === 0 ? {} : { names }) });
    io.stdout(format === 'json' ? comparisonJson(comparison) : format === 'markdown' ? comparisonMarkdown(comparison) : comparisonText(comparison));
    return ExitCode.OK;
  },
};
