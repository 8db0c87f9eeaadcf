import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { formatDiagnostic } from '../../lib/diagnostics/diagnostic';
import { mergeOverlay } from '../../lib/environments/overlay-merge';
import { UserError } from '../../lib/errors';
import { readSettings } from '../../lib/settings-file';
import { renderStage, writeStage } from '../../lib/synth';
import { expectValidKubernetesObjects } from '../support/kube-schema';
import { synthesize } from '../support/render-stage';

/*
 * Environments (issue 16, SPEC "Environments"): the merge of an overlay,
 * its located errors, per-environment cross-task rules, the output layout
 * and the guards of the output folder.
 */

describe('an overlay merges over its manifest (RFC 7386; env and volumes by name, as strategic merge patch)', () => {
  const base = {
    type: 'deployment', name: 't', replicas: 1, 'node-selector': { a: '1', b: '2' }, cmd: ['a', 'b'],
    env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
  };
  test('objects by key, null removes, scalars and other lists replace', () => {
    const { value, problems } = mergeOverlay(base, { replicas: 3, 'node-selector': { a: null, c: '3' }, cmd: ['x'] });
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ replicas: 3, 'node-selector': { b: '2', c: '3' }, cmd: ['x'] });
  });
  test('env by name: replaced in place, appended, deleted with $patch', () => {
    const { value } = mergeOverlay(base, { env: [{ name: 'C', value: '3' }, { name: 'A', value: 'one' }, { name: 'B', $patch: 'delete' }] });
    expect(value.env).toEqual([{ name: 'A', value: 'one' }, { name: 'C', value: '3' }]);
  });
  test('the overlay\'s own mistakes', () => {
    const { problems } = mergeOverlay(base, { type: 'job', env: [{ name: 'Q', $patch: 'remove' }, { $patch: 'delete' }, { name: 'BB', $patch: 'delete' }] });
    expect(problems.map((p) => `${p.severity} ${p.path.join('.')}: ${p.message}`)).toEqual([
      'error type: cannot be set in an overlay: a task is of one type in every environment; remove it from this file',
      'error env.0.$patch: expected "delete" (the one directive of an item of env), found "remove"',
      'error env.1: a "$patch": "delete" item names the env item it removes: add its "name"',
      'warning env.2.name: the manifest has no env item named "BB" to delete (did you mean "B"?), so this item does nothing',
    ]);
  });
});

/** A scratch project: files by path, then the render stage over it with its settings. */
function project(files: Record<string, string>): { dir: string; run: (only?: string[]) => ReturnType<typeof renderStage> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-env-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const read = readSettings(path.join(dir, 'datatask.settings.json'), 'datatask.settings.json');
  return {
    dir,
    run: (only) => renderStage({ tasksDir: path.join(dir, 'tasks'), settings: read.settings!, environments: read.environments, only, cwd: dir, allowEmpty: true }),
  };
}

const SETTINGS = JSON.stringify({ environments: { dev: {}, prod: { namespace: 'data-prod' } } });
const JOB = (extra = '') => `{\n  "type": "job",\n  "name": "etl",\n  "labels": "app:etl",\n  "image-source": "busybox:1.36",${extra}\n  "cpu-request": "1"\n}\n`;

describe('diagnostics of environments, located and in one round', () => {
  test('a rule broken only by the merge is located at the overlay value, the manifest related, the environment named', () => {
    const { run } = project({ 'datatask.settings.json': SETTINGS, 'tasks/etl/manifest.json': JOB(), 'tasks/etl/manifest.prod.json': '{\n  "cpu-limit": "200m"\n}\n' });
    const result = run();
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'tasks/etl/manifest.prod.json:2:16 error: [prod] cpu-request: 1 is more than cpu-limit 200m; a request must not exceed its limit (tasks/etl/manifest.json:6:18)',
    ]);
    expect(result.diagnostics[0]!.related?.map((r) => `${r.file}:${r.line}:${r.column}`)).toEqual(['tasks/etl/manifest.json:6:18']);
  });

  test('an overlay value\'s own error is located in the overlay; a manifest\'s error once, without an environment', () => {
    const { run } = project({ 'datatask.settings.json': SETTINGS, 'tasks/etl/manifest.json': JOB('\n  "backoff-limit": -1,'), 'tasks/etl/manifest.dev.json': '{\n  "memory-limit": "200MB"\n}\n' });
    expect(run().diagnostics.map(formatDiagnostic)).toEqual([
      'tasks/etl/manifest.dev.json:2:19 error: [dev] memory-limit: "200MB" is not a Kubernetes quantity (did you mean "200M" or "200Mi"?) (tasks/etl/manifest.json:1:1)',
      'tasks/etl/manifest.json:6:20 error: backoff-limit: expected an integer ≥ 0, found -1',
    ]);
  });

  test('one name twice in an overlay\'s env is an error at the second, as it is in a manifest (server-side apply refuses two items of one name)', () => {
    const { run } = project({ 'datatask.settings.json': SETTINGS, 'tasks/etl/manifest.json': JOB(), 'tasks/etl/manifest.dev.json': '{\n  "env": [\n    {"name": "A", "value": "1"},\n    {"name": "A", "value": "2"}\n  ]\n}\n' });
    expect(run().diagnostics.map(formatDiagnostic)).toEqual([
      'tasks/etl/manifest.dev.json:4:14 error: [dev] env[1].name: "A" is the name of env[0] of this overlay too; write each env item once (to remove it, its one item is {"name": "A", "$patch": "delete"})',
    ]);
  });

  test('a duplicate in "environments" is reported beside an invalid name (every error in one run; it was dropped then)', () => {
    const { run } = project({ 'datatask.settings.json': SETTINGS, 'tasks/etl/manifest.json': JOB('\n  "environments": ["dev", "dev", "Prod"],') });
    expect(run().diagnostics.map(formatDiagnostic)).toEqual([
      'tasks/etl/manifest.json:6:27 error: environments[1]: duplicate environment "dev" (also at [0])',
      'tasks/etl/manifest.json:6:34 error: environments[2]: "Prod" is not a declared environment (did you mean "prod"?)',
      'tasks/etl/manifest.json:6:34 error: environments[2]: "Prod" must consist of lower-case letters, digits and \'-\', and start and end with a letter or digit',
    ]);
  });

  test('overlays no run reads, and unknown environments, with a did-you-mean', () => {
    const { run } = project({
      'datatask.settings.json': SETTINGS,
      'tasks/etl/manifest.json': JOB('\n  "environments": ["dev", "prd"],'),
      'tasks/etl/manifest.prd.json': '{}\n',
      'tasks/etl/manifest.prod.json': '{}\n',
      'tasks/orphan/manifest.dev.json': '{}\n',
    });
    expect(run().diagnostics.map(formatDiagnostic)).toEqual([
      'tasks/etl/manifest.json:6:27 error: environments[1]: "prd" is not a declared environment (did you mean "prod"?)',
      'tasks/etl/manifest.prd.json:1:1 error: this overlay is for environment "prd", which the settings do not declare, so it is not read (did you mean "prod", manifest.prod.json?); rename the file, or declare the environment in datatask.settings.json',
      'tasks/etl/manifest.prod.json:1:1 error: this overlay is for environment "prod", where the task does not run (its "environments" lists "dev"), so it is not read; add "prod" to "environments", or remove this file',
      'tasks/orphan/manifest.dev.json:1:1 error: this overlay is not read: an overlay changes the manifest.json beside it, and this folder has none; move it beside its task\'s manifest.json, or remove it',
    ]);
  });

  test('an overlay in a project without environments', () => {
    const { run } = project({ 'datatask.settings.json': '{}', 'tasks/etl/manifest.json': JOB(), 'tasks/etl/manifest.prod.json': '{}\n' });
    expect(run().diagnostics.map(formatDiagnostic)).toEqual([
      'tasks/etl/manifest.prod.json:1:1 error: this overlay is not read: the settings declare no environments; declare "prod" in the "environments" setting of datatask.settings.json, or remove this file',
    ]);
  });

  test('a bad environment name or setting is located in the settings file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-env-'));
    fs.writeFileSync(path.join(dir, 's.json'), '{"environments": {"Prod": {}, "dev": {"namespac": "x", "crds": []}}}');
    expect(readSettings(path.join(dir, 's.json'), 's.json').diagnostics.map(formatDiagnostic)).toEqual([
      's.json:1:19 error: environments.Prod: key "Prod" must consist of lower-case letters, digits and \'-\', and start and end with a letter or digit',
      's.json:1:39 error: environments.dev.namespac: unknown field (did you mean "namespace"?)',
      's.json:1:64 error: environments.dev.crds: is read once for the whole project (the kinds its hooks may emit): set it at the top level of the settings file',
    ]);
  });

  test('cross-task rules run per environment: a route two tasks publish in prod only', () => {
    const service = (name: string, prefix: string) => JSON.stringify({ type: 'service', name, labels: `app:${name}`, 'image-source': 'busybox:1.36', 'name-port': 'web', 'container-port': 80, published: { prefix, access: 'dev' } }, null, 2);
    const { run } = project({
      'datatask.settings.json': SETTINGS,
      'tasks/a/manifest.json': service('a', '/a/'),
      'tasks/b/manifest.json': service('b', '/b/'),
      'tasks/b/manifest.prod.json': '{\n  "published": { "prefix": "/a/" }\n}\n',
    });
    expect(run().diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([
      'tasks/b/manifest.prod.json:2:28 error: [prod] published.prefix: prefix "/a/" on host "*" is already published; two services cannot share a route (tasks/b/manifest.json:9:15)',
    ]);
  });
});

describe('the three-environment fixture', () => {
  const root = path.join(__dirname, '..', 'fixtures', 'environments');
  const read = readSettings(path.join(root, 'datatask.settings.json'));
  const result = synthesize({ tasksDir: path.join(root, 'tasks'), settings: read.settings!, environments: read.environments, cwd: root });

  test('renders each task in each environment it runs in, with no error', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.files.map((f) => f.path).sort()).toMatchSnapshot();
  });
  test.each(result.files.map((f) => [f.path, f]))('%s matches its golden file and the strict schemas', (_, file) => {
    expect(file.content).toMatchSnapshot();
    expectValidKubernetesObjects(parseAllDocuments(file.content).map((d) => d.toJS()));
  });
});

describe('the output folder is guarded per environment', () => {
  const write = (dir: string, files: ReturnType<typeof renderStage>['files'], layout: Parameters<typeof writeStage>[0]['layout']) =>
    writeStage({ outDir: path.join(dir, 'dist'), shownOut: 'dist', check: false, writeOut: true, layout }, files);

  test('a folder of an environment no longer declared is not pruned without --prune-environments', () => {
    const { dir, run } = project({ 'datatask.settings.json': SETTINGS, 'tasks/etl/manifest.json': JOB() });
    write(dir, run().files, { environments: ['dev', 'prod'], rendered: ['dev', 'prod'] });
    const files = run().files.filter((f) => f.path.startsWith('dev/'));
    const refused = () => write(dir, files, { environments: ['dev'], rendered: ['dev'] });
    expect(refused).toThrow(UserError);
    expect(refused).toThrow(/^nothing was written: these folders are not environments the settings declare \("dev"\)[^]*\n {2}dist\/prod\/: 1 generated file\n[^]*--prune-environments/);
    expect(fs.existsSync(path.join(dir, 'dist/prod/data-prod/etl.k8s.yaml'))).toBe(true);
    write(dir, files, { environments: ['dev'], rendered: ['dev'], pruneEnvironments: true });
    expect(fs.existsSync(path.join(dir, 'dist/prod/data-prod/etl.k8s.yaml'))).toBe(false);
  });

  test('the output from before environments is not pruned without --prune-environments when an environment is named like its namespace folder', () => {
    // Before: dist/default/etl.k8s.yaml; after: environments "default" and "prod" write dist/default/default/… (was pruned silently: "default" is declared).
    const before = project({ 'tasks/etl/manifest.json': JOB() });
    write(before.dir, before.run().files, undefined);
    const { dir, run } = project({ 'datatask.settings.json': JSON.stringify({ environments: { default: {}, prod: {} } }), 'tasks/etl/manifest.json': JOB() });
    fs.cpSync(path.join(before.dir, 'dist'), path.join(dir, 'dist'), { recursive: true });
    expect(fs.existsSync(path.join(dir, 'dist/default/etl.k8s.yaml'))).toBe(true);
    const refused = () => write(dir, run().files, { environments: ['default', 'prod'], rendered: ['default', 'prod'] });
    expect(refused).toThrow(
      'nothing was written: these files are no declared environment\'s ("default", "prod"; an environment writes <environment>/<namespace>/): the output of the project before it had environments, or of an environment removed or renamed, and would be pruned:\n' +
        '  dist/default/: 1 generated file directly in it\n',
    );
    expect(fs.existsSync(path.join(dir, 'dist/default/etl.k8s.yaml'))).toBe(true);
    write(dir, run().files, { environments: ['default', 'prod'], rendered: ['default', 'prod'], pruneEnvironments: true });
    expect(fs.existsSync(path.join(dir, 'dist/default/etl.k8s.yaml'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'dist/default/default/etl.k8s.yaml'))).toBe(true);
  });

  test('an environment without tasks keeps its files unless --allow-empty; --env leaves other folders alone', () => {
    const { dir, run } = project({ 'datatask.settings.json': SETTINGS, 'tasks/etl/manifest.json': JOB() });
    write(dir, run().files, { environments: ['dev', 'prod'], rendered: ['dev', 'prod'] });
    const onlyDev = run().files.filter((f) => f.path.startsWith('dev/'));
    expect(() => write(dir, onlyDev, { environments: ['dev', 'prod'], rendered: ['dev', 'prod'] })).toThrow(/no task runs in environment "prod"[^]*1 generated file in dist\/prod\/ would be pruned/);
    const narrowed = write(dir, run(['dev']).files, { environments: ['dev', 'prod'], rendered: ['dev'], only: ['dev'] });
    expect(narrowed.plan.prune).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'dist/prod/data-prod/etl.k8s.yaml'))).toBe(true);
  });
});

test('a hook sees the chart\'s environment and that environment\'s settings', () => {
  const { dir } = project({ 'datatask.settings.json': SETTINGS, 'tasks/etl/manifest.json': JOB() });
  const read = readSettings(path.join(dir, 'datatask.settings.json'));
  const seen: string[] = [];
  renderStage({
    tasksDir: path.join(dir, 'tasks'), settings: read.settings!, environments: read.environments, cwd: dir,
    customize: [(chart) => void seen.push(`${chart.environment}: ${chart.settings.namespace} ${chart.task.namespace}`)],
  });
  expect(seen).toEqual(['dev: default default', 'prod: data-prod data-prod']);
});

test('review in markdown has a section per environment, and a change of one overlay is reported there alone', () => {
  const { reviewChanges } = require('../../lib/review/review') as typeof import('../../lib/review/review');
  const { reviewMarkdown } = require('../../lib/review/format-markdown') as typeof import('../../lib/review/format-markdown');
  const files = { 'datatask.settings.json': SETTINGS, 'tasks/etl/manifest.json': JOB(), 'tasks/etl/manifest.prod.json': '{\n  "backoff-limit": 2\n}\n' };
  const before = project(files).run();
  const after = project({ ...files, 'tasks/etl/manifest.prod.json': '{\n  "backoff-limit": 3\n}\n' }).run();
  const read = readSettings(path.join(project(files).dir, 'datatask.settings.json'));
  const review = reviewChanges({
    base: { ref: 'main', commit: 'abc1234', files: new Map(before.files.map((f) => [f.path, f.content])) },
    head: after.files, tasks: after.tasks, settings: read.settings!, environments: read.environments, out: 'dist',
  });
  expect(review.changes.map((c) => `${c.environment} ${c.namespace}/${c.name} ${c.status}`)).toEqual(['prod data-prod/etl changed']);
  expect(reviewMarkdown(review).split('\n').filter((l) => l.startsWith('####'))).toEqual(['#### prod']);
});
