import { job, service } from '../support/workspace';
import { ScratchRepo } from './scratch-repo';

/*
 * review --base at a commit from before the project had environments
 * (dist/<namespace>/<task>.k8s.yaml) against a working tree that has
 * them (dist/<env>/<namespace>/…): the migration README "Environments"
 * describes. The base's one folder is what its cluster ran, so each
 * environment is compared with it, as that cluster sees the change once
 * its Application's path is dist/<env>: not every object deleted and
 * created again. Routes are looked up in each environment's own output
 * (each environment is another cluster, with its own gateway).
 */
let repo: ScratchRepo;
let short: string;
beforeAll(() => {
  repo = new ScratchRepo();
  repo.task('web/manifest.json', service('web', { published: { prefix: '/web/', access: 'team' } }));
  repo.task('etl/manifest.json', job('etl'));
  repo.write('datatask.settings.json', '{"namespace": "data"}\n');
  repo.commitBase();
  short = repo.git('rev-parse', '--short=7', 'base').trim();
  repo.write('datatask.settings.json', '{"namespace": "data", "environments": {"dev": {"namespace": "data-dev"}, "prod": {}}}\n');
  repo.task('web/manifest.prod.json', '{"replicas": 3}\n');
  const synth = repo.run('synth', '--prune-environments');
  if (synth.code !== 0) throw new Error(synth.stderr);
});
afterAll(() => repo.remove());

test('each environment is compared with the base: prod sees its one change, dev its move to its own namespace', () => {
  const r = repo.review('--base', 'base');
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n');
  expect(lines[0]).toBe(
    `Review of the tasks in the working tree against dist at base (${short}): it has no environment folders (the output of the project before it had environments), so each environment is compared with it, as the cluster that ran it sees the change once its Application's path is dist/<environment>`,
  );
  expect(r.stdout).toContain('\nchanged prod: data/web (service, tasks/web/manifest.json)\n  change    replicas: 1 → 3\n');
  expect(r.stdout).not.toMatch(/removed prod:|added prod:/);
  expect(r.stdout).toContain('\nremoved dev: data/web (service, was tasks/web/manifest.json)\n');
  expect(r.stdout).toContain('\nadded dev: data-dev/web (service, tasks/web/manifest.json)\n');
  // dev's route moves to dev's own service: not to prod's, which is another cluster's.
  expect(r.stdout).toContain('it goes to web.data-dev:');
  expect(r.stdout).not.toContain('it goes to web.data:');
  expect(lines.at(-2)).toBe('Tasks: 1 changed, 2 added, 2 removed, 1 unchanged; 2 exposure changes, 4 objects deleted');
});

test('--env narrows the migration review to that environment, still compared with the base (it was every object "added", a first deploy)', () => {
  const r = repo.review('--base', 'base', '--env', 'prod');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    `Review of the tasks in the working tree against dist at base (${short}): it has no environment folders (the output of the project before it had environments), so each environment is compared with it, as the cluster that ran it sees the change once its Application's path is dist/<environment>\n` +
      '\n' +
      'changed prod: data/web (service, tasks/web/manifest.json)\n' +
      '  change    replicas: 1 → 3\n' +
      '\n' +
      'Tasks: 1 changed, 0 added, 0 removed, 1 unchanged\n',
  );
});

test('--env naming an environment new since the base: that folder is what does not exist there, not the output folder', () => {
  const other = new ScratchRepo();
  try {
    other.task('etl/manifest.json', job('etl'));
    other.write('datatask.settings.json', '{"environments": {"dev": {}}}\n');
    other.commitBase();
    other.write('datatask.settings.json', '{"environments": {"dev": {}, "staging": {}}}\n');
    const r = other.review('--base', 'base', '--env', 'staging');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      `Review of the tasks in the working tree against dist at base (${other.git('rev-parse', '--short=7', 'base').trim()}): dist/staging does not exist there, so this is a first deploy of staging and every task is new`,
    );
  } finally {
    other.remove();
  }
});

test('an environment named like the namespace folder of the base (dist/data/… before, dist/data/data/… after) is still the migration, not the same objects deleted and created', () => {
  const other = new ScratchRepo();
  try {
    other.task('etl/manifest.json', job('etl'));
    other.write('datatask.settings.json', '{"namespace": "data"}\n');
    other.commitBase();
    other.write('datatask.settings.json', '{"namespace": "data", "environments": {"data": {}, "prod": {}}}\n');
    const synth = other.run('synth', '--prune-environments');
    expect(synth.code).toBe(0);
    const r = other.review('--base', 'base');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Review of the tasks in the working tree against dist at base \(\w+\): it has no environment folders/);
    expect(r.stdout.split('\n').at(-2)).toBe('Tasks: 0 changed, 0 added, 0 removed, 2 unchanged');
  } finally {
    other.remove();
  }
});
