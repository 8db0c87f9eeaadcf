import { compareDiagnostics } from '../../diagnostics/diagnostic';
import { DIAGNOSTIC_FORMATS } from '../../diagnostics/formats';
import { ExitCode, UserError } from '../../errors';
import { reviewGithub } from '../../review/format-github';
import { reviewJson } from '../../review/format-json';
import { reviewMarkdown } from '../../review/format-markdown';
import { reviewText } from '../../review/format-text';
import { readFolderAtRef } from '../../review/git-tree';
import { closingLine } from '../../review/model';
import { isGenerated } from '../../review/objects';
import { isMigration, reviewChanges } from '../../review/review';
import { renderWorkingTree } from '../../review/working-tree';
import { type Command, oneOf } from '../command';
import { ENV_OPTION, ENV_OPTION_HELP, PROJECT_OPTION_HELP, PROJECT_OPTIONS, projectPath, tasksPins, projectSettings, report, selectedEnvironments, tasksFolder } from '../project';

const REVIEW_FORMATS = ['text', 'markdown', 'json', 'github'] as const;

/**
 * `datatask review --base REF`: what merging the working tree will do to a
 * cluster that runs the output folder as committed at REF (README, "Review").
 */
export const reviewCommand: Command = {
  name: 'review',
  summary: 'say what the change will do to the cluster, task by task, against dist/ at a git ref (exit 4: the API server would refuse it)',
  options: {
    base: { type: 'string' },
    ...PROJECT_OPTIONS,
    ...ENV_OPTION,
    format: { type: 'string', default: 'text' },
  },
  optionHelp: `  --base REF        git commit, branch or tag to compare with (required), e.g.
                    origin/main; a ref without the output folder is a first deploy
${PROJECT_OPTION_HELP.tasks}
${PROJECT_OPTION_HELP.out('output folder, as committed')}
${PROJECT_OPTION_HELP.settings}
${ENV_OPTION_HELP}
  --format FORMAT   text (default), markdown (a pull-request comment), json (one
                    object per changed task and line) or github (annotations)`,
  run(values, io, app) {
    const format = oneOf('review', 'format', values.format, REVIEW_FORMATS);
    const base = values.base;
    if (typeof base !== 'string' || base === '') {
      throw new UserError('--base is required: the git ref the output folder is compared with (e.g. --base origin/main)\n\nSee `datatask review --help`.', ExitCode.USAGE);
    }
    const diagnosticFormat = format === 'markdown' ? 'text' : oneOf('review', 'format', format, DIAGNOSTIC_FORMATS);
    const tasksDir = tasksFolder(io, app, values.tasks);
    const out = projectPath(io, app, values.out, 'out');
    const project = projectSettings(io, app, values.settings, diagnosticFormat);
    if (typeof project === 'number') return project;
    const { settings, environments, customResources } = project;
    const only = selectedEnvironments('review', values.env, project);
    const whole = readFolderAtRef(io.cwd, base, out.absolute);
    // With --env, only those environments' folders are compared; a base without environment folders (the migration) is every environment's.
    const migration = isMigration(new Map([...whole.files].filter(([, text]) => isGenerated(text))), environments ?? []);
    const atBase = only === undefined || migration ? whole : { ...whole, files: new Map([...whole.files].filter(([file]) => only.some((name) => file.startsWith(`${name}/`)))) };
    const pins = tasksPins(io, tasksDir);
    const tree = renderWorkingTree({ tasksDir, settings, settingsFile: project.file, environments, only, customResources, cwd: io.cwd, customize: app.customize, pins });
    const errors = tree.diagnostics.filter((d) => d.severity === 'error').sort(compareDiagnostics);
    if (errors.length > 0) {
      report(errors, diagnosticFormat, io);
      io.stderr(`${errors.length} error(s): nothing to review\n`);
      return ExitCode.INVALID_INPUT;
    }
    const review = reviewChanges({ base: { ref: base, ...atBase }, head: tree.files, tasks: tree.tasks, settings, environments, out: out.shown, pins, ...(atBase === whole ? {} : { only }) });
    if (format === 'text') io.stdout(reviewText(review));
    else if (format === 'markdown') io.stdout(reviewMarkdown(review));
    else {
      io.stdout(format === 'json' ? reviewJson(review) : reviewGithub(review));
      io.stderr(`${closingLine(review)}\n`);
    }
    return review.changes.some((t) => t.findings.some((f) => f.kind === 'refusal')) ? ExitCode.REFUSED : ExitCode.OK;
  },
};
