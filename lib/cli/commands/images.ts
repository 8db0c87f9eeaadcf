import { DIAGNOSTIC_FORMATS, renderDiagnostics } from '../../diagnostics/formats';
import { ExitCode, UserError } from '../../errors';
import { bakeFile, bakePlan } from '../../images/bake';
import { sourceRepository } from '../../images/project';
import { DOCKER_TAG } from '../../images/reference';
import { imageBuildDiagnostics, imageBuilds, oncePerImage } from '../../output/image-plan';
import { failed, renderStage, sorted } from '../../synth';
import { type Command, oneOf } from '../command';
import { ENV_OPTION, ENV_OPTION_HELP, PROJECT_OPTION_HELP, PROJECT_OPTIONS, projectPath, projectSettings, renderCache, report, selectedEnvironments, tasksFolder } from '../project';

/** The formats of `images`: the diagnostics formats, and `bake`, a `docker buildx bake` file (lib/images/bake.ts). */
const IMAGES_FORMATS = [...DIAGNOSTIC_FORMATS, 'bake'] as const;

/** `--tag`, checked: a Docker tag, or a usage error. */
export function tagOption(command: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && DOCKER_TAG.test(value)) return value;
  throw new UserError(`--tag ${JSON.stringify(value)} is not a Docker tag: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"\n\nSee \`datatask ${command} --help\`.`, ExitCode.USAGE);
}

/**
 * `datatask images`: the build plan of every `image-destination` task (its
 * build context, the task folder; its Dockerfile; its tag), as text or JSON,
 * for a CI job that builds and pushes them; or, with `--format bake`, a
 * `docker buildx bake` file (lib/images/bake.ts).
 */
export const imagesCommand: Command = {
  name: 'images',
  summary: 'list the images CI builds: context (the task folder), Dockerfile and tag of each image-destination task',
  options: {
    tasks: PROJECT_OPTIONS.tasks,
    settings: PROJECT_OPTIONS.settings,
    ...ENV_OPTION,
    format: { type: 'string', default: 'text' },
    tag: { type: 'string' },
    strict: { type: 'boolean', default: false },
  },
  optionHelp: `${PROJECT_OPTION_HELP.tasks}
${PROJECT_OPTION_HELP.settings}
${ENV_OPTION_HELP}
  --format FORMAT   text (default: one \`docker build\` line per image), json (one
                    JSON array on stdout; diagnostics as JSON lines on stderr)
                    or github (diagnostics as workflow annotations on stdout),
                    bake (a \`docker buildx bake\` JSON file on stdout, for
                    \`docker buildx bake -f - --metadata-file meta.json\`;
                    diagnostics as text on stderr)
  --tag TAG         push every image under TAG (e.g. the commit) instead of the
                    manifest's tag; the repository is kept
  --strict          warnings (one tag pushed by several tasks) fail the run`,
  notes: 'Exit 1, with nothing listed, when a manifest is invalid or a task folder has no Dockerfile.',
  run(values, io, app) {
    const chosen = oneOf('images', 'format', values.format, IMAGES_FORMATS);
    const tag = tagOption('images', values.tag);
    const format = chosen === 'bake' ? 'text' : chosen;
    const tasksDir = tasksFolder(io, app, values.tasks);
    const project = projectSettings(io, app, values.settings, format);
    if (typeof project === 'number') return project;
    const { settings, environments, customResources } = project;
    const only = selectedEnvironments('images', values.env, project);
    // The tasks as synth renders them (hooks included, each environment's overlays), with the render cache of the default output folder.
    const outDir = projectPath(io, app, undefined, 'out').absolute;
    const run = renderStage({ tasksDir, settings, settingsFile: project.file, environments, only, customResources, cwd: io.cwd, allowEmpty: true, customize: app.customize, cache: renderCache(io, app, { settings, environments, tasksDir, outDir, crds: customResources?.hash }) });
    const rendered = { ...run, tasks: oncePerImage(run.tasks) };
    const diagnostics = sorted([...rendered.diagnostics, ...imageBuildDiagnostics(rendered.tasks, io.cwd, { tag, bake: chosen === 'bake' })]);
    // With json, stdout holds one JSON value, the plan: diagnostics go to stderr (as JSON lines).
    if (format === 'json') io.stderr(renderDiagnostics(diagnostics, 'json'));
    else report(diagnostics, format, io);
    if (failed(diagnostics, values.strict === true)) {
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      io.stderr(`${errors} error(s), ${diagnostics.length - errors} warning(s): no build plan\n`);
      return ExitCode.INVALID_INPUT;
    }
    if (chosen === 'bake') {
      const narrowed = bakePlan(rendered.tasks, { root: io.cwd, cwd: io.cwd, tag });
      // Target names as without --env (named after a task's first environment): `pin` maps a metadata file's targets back through that plan, whatever --env it is given.
      const named = only === undefined ? undefined : bakePlan(oncePerImage(renderStage({ tasksDir, settings, settingsFile: project.file, environments, customResources, cwd: io.cwd, allowEmpty: true, customize: app.customize }).tasks), { root: io.cwd, cwd: io.cwd, tag });
      const plan = narrowed.map((t) => ({ ...t, name: named?.find((n) => n.tag === t.tag)?.name ?? t.name })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      io.stdout(`${JSON.stringify(bakeFile(plan, sourceRepository(settings)), null, 2)}\n`);
      io.stderr(`${plan.length} bake target${plan.length === 1 ? '' : 's'}\n`);
      return ExitCode.OK;
    }
    const builds = imageBuilds(rendered.tasks, tag);
    if (format === 'json') io.stdout(`${JSON.stringify(builds, null, 2)}\n`);
    else if (format === 'text') for (const b of builds) io.stdout(`${b.task}: docker build -t ${b.tag} -f ${b.dockerfile} ${b.context}\n`);
    io.stderr(`${builds.length} image${builds.length === 1 ? '' : 's'} to build\n`);
    return ExitCode.OK;
  },
};
