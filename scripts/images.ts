/**
 * `npm run images`: the build plan of every `image-destination` task — its
 * build context (the task folder), Dockerfile and target tag — as text or,
 * with `--format json`, as JSON, so that a CI job can build and push them.
 * Exits 1 (with the diagnostics) when the manifests are invalid.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { renderDiagnostics } from '../lib/diagnostics/formats';
import { imageBuilds } from '../lib/output/image-plan';
import { readSettings } from '../lib/settings-file';
import { synthesize } from '../lib/synth';

function main(): number {
  const { values } = parseArgs({
    options: {
      tasks: { type: 'string', default: 'tasks' },
      settings: { type: 'string', default: 'datatask.settings.json' },
      format: { type: 'string', default: 'text' },
    },
  });
  const cwd = process.cwd();
  const { settings, diagnostics } = readSettings(path.resolve(cwd, values.settings), values.settings);
  if (settings === undefined) {
    process.stderr.write(renderDiagnostics(diagnostics, 'text'));
    return 1;
  }
  const result = synthesize({ tasksDir: path.resolve(cwd, values.tasks), settings, cwd });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    process.stderr.write(renderDiagnostics(errors, 'text'));
    return 1;
  }
  const builds = imageBuilds(result.tasks);
  if (values.format === 'json') process.stdout.write(`${JSON.stringify(builds, null, 2)}\n`);
  else for (const b of builds) process.stdout.write(`${b.task}: docker build -t ${b.tag} -f ${b.dockerfile} ${b.context}\n`);
  return 0;
}

process.exitCode = main();
