import * as fs from 'node:fs';
import * as path from 'node:path';
import { bakeFile, bakePlan, targetName } from '../../lib/images/bake';
import { DEFAULT_SETTINGS } from '../../lib/project-settings';
import { synthesize } from '../support/render-stage';
import { job, Workspace } from '../support/workspace';
import { FIXTURES, seedWorkspace } from './support';

let ws: Workspace;
beforeEach(() => (ws = seedWorkspace()));
afterEach(() => ws.remove());

describe('images --format bake', () => {
  test('the seed tasks: the golden bake file (test/fixtures/images/seed.bake.json), contexts and Dockerfiles that exist', () => {
    const { code, stdout, stderr } = ws.run('images', '--format', 'bake', '--tag', '3f2c1d0');
    expect(code).toBe(0);
    expect(stdout).toBe(fs.readFileSync(path.join(FIXTURES, 'seed.bake.json'), 'utf8'));
    const bake = JSON.parse(stdout);
    expect(bake.group.default.targets).toEqual(Object.keys(bake.target));
    for (const [name, target] of Object.entries<{ context: string; dockerfile: string }>(bake.target)) {
      expect(name).toMatch(/^[a-zA-Z0-9_-]+$/);
      // bake resolves `dockerfile` against `context`, and `context` against the folder it runs in (the project folder).
      expect(fs.statSync(path.join(ws.root, target.context, target.dockerfile)).isFile()).toBe(true);
    }
    // gstogs and gstogs-daily push one tag: the warning says which folder the bake file builds.
    expect(stderr).toContain('tasks/gstogs/manifest.json:6:26 warning: image-destination: "gcr.io/affini-tech-datalab/gs_to_gs:3f2c1d0" is also built from tasks/gstogs-daily/; the bake file builds that tag once, from tasks/gstogs-daily/ (not tasks/gstogs/), and this task runs that image');
    expect(stderr).toMatch(/\n2 bake targets\n$/);
  });

  test('without --tag, the manifests\' tags; stdout is nothing but the bake file', () => {
    const { code, stdout } = ws.run('images', '--format', 'bake');
    expect(code).toBe(0);
    expect(Object.values<{ tags: string[] }>(JSON.parse(stdout).target).map((t) => t.tags)).toEqual([['gcr.io/affini-tech-datalab/gs_to_gs:0.1'], ['gcr.io/datataskio/launch_pipeline:0.2']]);
  });

  test('a --tag that is not a Docker tag is a usage error (exit 2)', () => {
    for (const tag of ['-x', '.x', 'a/b', 'a:b', 'x'.repeat(129)]) {
      const run = ws.run('images', '--format', 'bake', `--tag=${tag}`);
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toContain(`error: --tag ${JSON.stringify(tag)} is not a Docker tag`);
    }
    expect(ws.run('images', '--format', 'bake', '--tag', 'x'.repeat(128)).code).toBe(0);
    expect(ws.run('images', '--format', 'bake', '--tag', '_v1.2-rc.3').code).toBe(0);
  });

  test('--tag makes two tags one: the warning comes with it, the bake file builds the first folder', () => {
    const w = new Workspace();
    try {
      w.task('a/manifest.json', job('a', { 'image-source': '', 'image-destination': 'gcr.io/x/app:1' })).write('tasks/a/Dockerfile', 'FROM busybox\n');
      w.task('b/manifest.json', job('b', { 'image-source': '', 'image-destination': 'gcr.io/x/app:2' })).write('tasks/b/Dockerfile', 'FROM busybox\n');
      expect(Object.keys(JSON.parse(w.run('images', '--format', 'bake').stdout).target)).toEqual(['default_a', 'default_b']);
      const { stdout, stderr } = w.run('images', '--format', 'bake', '--tag', 'abc');
      expect(JSON.parse(stdout).target).toEqual({ default_a: { context: 'tasks/a', dockerfile: 'Dockerfile', tags: ['gcr.io/x/app:abc'] } });
      expect(stderr).toContain('tasks/b/manifest.json:6:24 warning: image-destination: "gcr.io/x/app:abc" is also built from tasks/a/; the bake file builds that tag once, from tasks/a/');
    } finally {
      w.remove();
    }
  });
});

describe('the bake plan', () => {
  const seed = () => synthesize({ tasksDir: path.join(ws.root, 'tasks'), settings: DEFAULT_SETTINGS, cwd: ws.root }).tasks;

  test('one target per distinct (context, tag), with every task that runs its image', () => {
    expect(bakePlan(seed(), { root: ws.root, cwd: ws.root })).toEqual([
      { name: 'default_gstogs-daily', context: 'tasks/gstogs-daily', dockerfile: 'Dockerfile', tag: 'gcr.io/affini-tech-datalab/gs_to_gs:0.1', tasks: ['default/gstogs-daily', 'default/gstogs'] },
      { name: 'default_subscriber-launch-pipeline', context: 'tasks/subscriber-launch-pipeline', dockerfile: 'Dockerfile', tag: 'gcr.io/datataskio/launch_pipeline:0.2', tasks: ['default/subscriber-launch-pipeline'] },
    ]);
  });

  test('contexts are relative to the project folder, whatever the working directory the manifests are shown from', () => {
    const sub = path.join(ws.root, 'tasks');
    const tasks = synthesize({ tasksDir: sub, settings: DEFAULT_SETTINGS, cwd: sub }).tasks;
    expect(bakePlan(tasks, { root: ws.root, cwd: sub }).map((t) => t.context)).toEqual(['tasks/gstogs-daily', 'tasks/subscriber-launch-pipeline']);
  });

  test('the source repository (a setting) is the org.opencontainers.image.source label of every target', () => {
    const file = bakeFile(bakePlan(seed(), { root: ws.root, cwd: ws.root, tag: 'v1' }), 'https://github.com/acme/tasks');
    expect(file.target['default_subscriber-launch-pipeline']).toEqual({
      context: 'tasks/subscriber-launch-pipeline',
      dockerfile: 'Dockerfile',
      tags: ['gcr.io/datataskio/launch_pipeline:v1'],
      labels: { 'org.opencontainers.image.source': 'https://github.com/acme/tasks' },
    });
  });

  test('target names: only the characters bake allows', () => {
    expect(targetName('default', 'a.b')).toBe('default_a-b');
    expect(targetName('data', 'etl-2')).toBe('data_etl-2');
  });
});
