import { ExitCode } from '../../errors';
import { publishedRoutes, routesJson, routesMarkdown, routesText } from '../../review/routes-table';
import { renderWorkingTree } from '../../review/working-tree';
import { type Command, oneOf } from '../command';
import { ENV_OPTION, ENV_OPTION_HELP, PROJECT_OPTION_HELP, PROJECT_OPTIONS, tasksPins, projectSettings, report, selectedEnvironments, tasksFolder } from '../project';

const ROUTES_FORMATS = ['text', 'markdown', 'json'] as const;

/** `datatask routes`: every published route, and who may call it. */
export const routesCommand: Command = {
  name: 'routes',
  summary: 'list every published route: hostname, prefix → service:port, rewrite, timeout, access group or PUBLIC, sticky (by environment)',
  options: {
    tasks: PROJECT_OPTIONS.tasks,
    settings: PROJECT_OPTIONS.settings,
    ...ENV_OPTION,
    format: { type: 'string', default: 'text' },
  },
  optionHelp: `${PROJECT_OPTION_HELP.tasks}
${PROJECT_OPTION_HELP.settings}
${ENV_OPTION_HELP}
  --format FORMAT   text (default), markdown or json (one object per route and line)`,
  notes: 'With environments, text and markdown have a section per environment, in name order; each json route names its "environment".',
  run(values, io, app) {
    const format = oneOf('routes', 'format', values.format, ROUTES_FORMATS);
    const tasksDir = tasksFolder(io, app, values.tasks);
    const project = projectSettings(io, app, values.settings, 'text');
    if (typeof project === 'number') return project;
    const { settings, environments, customResources } = project;
    const only = selectedEnvironments('routes', values.env, project);
    const tree = renderWorkingTree({ tasksDir, settings, settingsFile: project.file, environments, only, customResources, cwd: io.cwd, customize: app.customize, pins: tasksPins(io, tasksDir) });
    const errors = tree.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      report(errors, 'text', io);
      return ExitCode.INVALID_INPUT;
    }
    // With environments, a section per environment rendered (every declared one, or those of --env), in name order.
    const sections = only ?? environments.map((e) => e.name);
    const routes = publishedRoutes(tree.files, 'dist', sections.length > 0);
    io.stdout(format === 'json' ? routesJson(routes) : format === 'markdown' ? routesMarkdown(routes, sections) : routesText(routes, sections));
    return ExitCode.OK;
  },
};
