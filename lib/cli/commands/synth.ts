import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIAGNOSTIC_FORMATS, type DiagnosticFormat, githubData, githubProperty } from '../../diagnostics/formats';
import { ExitCode } from '../../errors';
import { CDK8S_CLI_OUTPUT } from '../../output/cdk8s-outdir';
import { taskOutputPath } from '../../output/rendered-file';
import type { DriftReport } from '../../output/drift';
import type { Environment } from '../../project-settings';
import { pinsIdentity } from '../../images/apply-pins';
import { renderStage, type WriteRun, writeStage } from '../../synth';
import { type AppEntry, type CliIo, type Command, oneOf, type OptionValues } from '../command';
import { elapsed, ENV_OPTION, ENV_OPTION_HELP, PROJECT_OPTION_HELP, PROJECT_OPTIONS, projectPath, tasksPins, projectSettings, renderCache, report, selectedEnvironments, tasksFolder } from '../project';
import { countTasks, summaryLine, tasksPhrase } from '../summary';

const OPTIONS = {
  ...PROJECT_OPTIONS,
  ...ENV_OPTION,
  strict: { type: 'boolean', default: false },
  format: { type: 'string', default: 'text' },
  'allow-empty': { type: 'boolean', default: false },
  'prune-environments': { type: 'boolean', default: false },
} as const;

const OPTION_HELP = `${PROJECT_OPTION_HELP.tasks}
${PROJECT_OPTION_HELP.out('output folder, owned by the synthesizer')}
${PROJECT_OPTION_HELP.settings}
                    (paths given are relative to the working directory; the
                    defaults, to the project folder)
  --strict          warnings fail the run
  --format FORMAT   text (default: diagnostics on stderr), json (one JSON object
                    per line on stdout) or github (workflow annotations on stdout)
${ENV_OPTION_HELP}
                    (the other environments' folders are left as they are)
  --allow-empty     a tasks folder without manifests (or an environment without
                    tasks) prunes every generated file (without it, refused)
  --prune-environments
                    prune the folders of environments the settings no longer
                    declare (without it, such a run is refused)`;

export const synthCommand: Command = {
  name: 'synth',
  summary: 'validate every tasks/**/manifest.json and write dist/<namespace>/<task>.k8s.yaml',
  options: { ...OPTIONS, check: { type: 'boolean', default: false } },
  optionHelp: `${OPTION_HELP}\n  --check           the same as \`datatask check\``,
  run: (values, io, app) => runSynth(values, io, app, values.check === true),
};

export const checkCommand: Command = {
  name: 'check',
  summary: 'render in memory and write nothing: exit 0 when dist/ is up to date, 3 when not',
  options: OPTIONS,
  optionHelp: OPTION_HELP,
  notes: 'The differences: with text, a unified diff on stdout; with json, one last line\n{"check": {upToDate, changed, added, pruned, patch}}; with github, one annotation\nper file on stdout and the diff on stderr.',
  run: (values, io, app) => runSynth(values, io, app, true),
};

function runSynth(values: OptionValues, io: CliIo, app: AppEntry, check: boolean): number {
  const started = process.hrtime.bigint();
  const format = oneOf(check ? 'check' : 'synth', 'format', values.format, DIAGNOSTIC_FORMATS);
  const tasksDir = tasksFolder(io, app, values.tasks);
  const project = projectSettings(io, app, values.settings, format);
  if (typeof project === 'number') return project;
  const { settings, environments, customResources } = project;
  const only = selectedEnvironments(check ? 'check' : 'synth', values.env, project);
  const { absolute: outDir, shown: shownOut } = projectPath(io, app, values.out, 'out');
  const cdk8s = cdk8sOutput(io);
  const strict = values.strict === true;
  const pins = tasksPins(io, tasksDir);

  const rendered = renderStage({
    tasksDir, settings, settingsFile: project.file, environments, only, customResources, cwd: io.cwd, strict, pins,
    deployed: (namespace, name, environment) => fs.existsSync(path.join(outDir, taskOutputPath(namespace, name, environment))),
    customize: app.customize,
    allowEmpty: values['allow-empty'] === true,
    cache: renderCache(io, app, { settings, environments, tasksDir, outDir, crds: customResources?.hash, pins: pinsIdentity(pins) }),
  });
  report(rendered.diagnostics, format, io);
  const errors = rendered.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = rendered.diagnostics.length - errors;
  if (rendered.stopped) {
    io.observe?.(rendered);
    const byStrict = errors === 0 && warnings > 0 ? ' (--strict: warnings fail the run)' : '';
    io.stderr(`${errors} error(s), ${warnings} warning(s)${byStrict}: nothing was written to ${shownOut} in ${elapsed(started)} s\n`);
    return ExitCode.INVALID_INPUT;
  }
  const written = writeStage({
    outDir, shownOut, check,
    writeOut: cdk8s === undefined || cdk8s.writesDist,
    cdk8sOutDir: cdk8s === undefined || cdk8s.dir === outDir ? undefined : cdk8s.dir,
    layout: outputLayout(environments, only, values, project.file),
  }, rendered.files);
  io.observe?.({ ...rendered, ...written });
  if (written.drift !== undefined) {
    reportDrift(written.drift, shownOut, format, io);
    io.stderr(`${written.drift.verdict} (${elapsed(started)} s)\n`);
    return written.drift.upToDate ? ExitCode.OK : ExitCode.DRIFT;
  }
  const counts = countTasks(rendered.tasks);
  if (cdk8s !== undefined && !cdk8s.writesDist) {
    // The plan compares with dist/, which this run did not write: say what was written, and where.
    const files = written.plan.write.length + written.plan.unchanged.length;
    const cliDir = path.relative(io.cwd, cdk8s.dir) || '.';
    io.stderr(`${tasksPhrase(counts)} → ${cliDir}: ${files} file${files === 1 ? '' : 's'} for the cdk8s CLI (${shownOut} not written) in ${elapsed(started)} s\n`);
    return ExitCode.OK;
  }
  io.stderr(`${summaryLine({ counts, plan: written.plan, out: shownOut, warnings, seconds: elapsed(started), ...(environments.length === 0 ? {} : { environments: (only ?? environments).length }) })}\n`);
  return ExitCode.OK;
}

/** The output folder's environments, and what this run may prune. */
function outputLayout(environments: readonly Environment[], only: readonly string[] | undefined, values: OptionValues, settingsFile: string): WriteRun['layout'] {
  const flags = { allowEmpty: values['allow-empty'] === true, pruneEnvironments: values['prune-environments'] === true, settingsFile };
  if (environments.length === 0) return flags;
  const declared = environments.map((e) => e.name);
  // With --env, only those folders are planned: no other folder is pruned, removed environments' included.
  return { ...flags, environments: declared, rendered: only ?? declared, ...(only === undefined ? {} : { only }) };
}

/**
 * Under `cdk8s synth` (which sets `CDK8S_OUTDIR`): the CLI's folder, and
 * whether this run also writes dist/, which it does only when that folder
 * is the one cdk8s.yaml names (see lib/output/cdk8s-outdir.ts).
 */
function cdk8sOutput(io: CliIo): { readonly dir: string; readonly writesDist: boolean } | undefined {
  const dir = io.env.CDK8S_OUTDIR;
  if (dir === undefined || dir === '') return undefined;
  const resolved = path.resolve(io.cwd, dir);
  return { dir: resolved, writesDist: resolved === path.resolve(io.cwd, CDK8S_CLI_OUTPUT) };
}

/** How `check` shows the differences in each format; stdout stays parseable in every one. */
function reportDrift(drift: DriftReport, shownOut: string, format: DiagnosticFormat, io: CliIo): void {
  if (format === 'text') io.stdout(drift.patch);
  else if (format === 'json') {
    const { upToDate, changed, added, pruned, patch } = drift;
    io.stdout(`${JSON.stringify({ check: { upToDate, changed, added, pruned, patch } })}\n`);
  } else {
    const lines = [
      ...drift.changed.map((p) => [p, 'changed'] as const),
      ...drift.added.map((p) => [p, 'added'] as const),
      ...drift.pruned.map((p) => [p, 'pruned'] as const),
    ].map(([p, how]) => `::error file=${githubProperty(`${shownOut}/${p}`)},title=out of date::${githubData(`${shownOut}/${p} would be ${how} by synth; run \`npm run synth\` and commit the result`)}\n`);
    io.stdout(lines.join(''));
    io.stderr(drift.patch);
  }
}
