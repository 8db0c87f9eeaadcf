import { renderDiagnostics } from '../diagnostics/formats';
import { ExitCode } from '../errors';
import { publishedRoutes, routesJson, routesMarkdown, routesText } from '../review/routes-table';
import { renderWorkingTree } from '../review/working-tree';
import type { CliIo } from './main';
import { guarded } from './review';
import { parseCommandArgs } from './review-args';

export const ROUTES_FORMATS = ['text', 'markdown', 'json'] as const;
type RoutesFormat = (typeof ROUTES_FORMATS)[number];

export const ROUTES_USAGE = `Usage: npm run routes -- [options]

Every route the tasks publish through Emissary-ingress: hostname, prefix,
the service and port it reaches, rewrite, timeout, who may call it (an
access group, or PUBLIC) and sticky sessions; sorted by hostname and prefix.

Options:
  --tasks DIR       folder searched for manifest.json files (default: tasks)
  --settings FILE   project settings (default: datatask.settings.json, optional)
  --format FORMAT   text (default), markdown or json (one object per route)
  -h, --help        show this help

Exit codes: 0 success, 1 invalid manifests or settings, 2 bad usage,
70 internal error.`;

/** `routes`: the table of published routes; returns the exit code. */
export function runRoutes(argv: readonly string[], io: CliIo): number {
  return guarded(io, () => {
    const options = parseCommandArgs<RoutesFormat>(argv, io.cwd, ROUTES_USAGE, ROUTES_FORMATS, false);
    if (options.help) {
      io.stdout(`${ROUTES_USAGE}\n`);
      return ExitCode.OK;
    }
    const tree = renderWorkingTree(options.tasksDir, options.settingsFile, io.cwd);
    if (tree.errors.length > 0) {
      io.stderr(renderDiagnostics(tree.errors, 'text'));
      return ExitCode.INVALID_INPUT;
    }
    const routes = publishedRoutes(tree.files, options.out);
    io.stdout(options.format === 'json' ? routesJson(routes) : options.format === 'markdown' ? routesMarkdown(routes) : routesText(routes));
    return ExitCode.OK;
  });
}
