import * as fs from 'node:fs';
import * as path from 'node:path';
import { job, Workspace } from '../support/workspace';
import { hex } from './support';

/*
 * Environments whose `namespace` settings differ give one task another
 * pins key in each (`data-dev/etl` in dev, `default/etl` in prod): `pin`
 * and `promote` find a task's key in an environment through its manifest,
 * so that what they write is what synth reads.
 */

let ws: Workspace;
const ETL = 'gcr.io/acme/etl';
const read = (file: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ws.root, file), 'utf8'));

beforeEach(() => {
  ws = new Workspace();
  ws.write('datatask.settings.json', JSON.stringify({ environments: { dev: { namespace: 'data-dev' }, prod: {} } }));
  ws.task('etl/manifest.json', job('etl', { 'image-source': '', 'image-destination': `${ETL}:1.0` })).write('tasks/etl/Dockerfile', 'FROM busybox\n');
  ws.task('web/manifest.json', job('web', { 'image-source': 'nginx:1.27', environments: ['dev'] }));
  // What `docker buildx bake --metadata-file` writes for the bake file of `images --format bake --tag abc123`.
  const bake = JSON.parse(ws.run('images', '--format', 'bake', '--tag', 'abc123').stdout);
  expect(Object.keys(bake.target)).toEqual(['data-dev_etl']);
  ws.write('meta.json', JSON.stringify({ 'data-dev_etl': { 'containerimage.digest': `sha256:${hex('d')}`, 'image.name': `${ETL}:abc123` } }));
});
afterEach(() => ws.remove());

test('pin writes each environment\'s key; synth applies it', () => {
  expect(ws.run('pin', '--from', 'meta.json', '--env', 'dev', '--tag', 'abc123').code).toBe(0);
  expect(ws.run('pin', '--from', 'meta.json', '--env', 'prod', '--tag', 'abc123').code).toBe(0);
  expect(read('pins/dev.json')).toEqual({ 'data-dev/etl': `${ETL}:abc123@sha256:${hex('d')}` });
  expect(read('pins/prod.json')).toEqual({ 'default/etl': `${ETL}:abc123@sha256:${hex('d')}` });
  expect(ws.run('synth').code).toBe(0);
  expect(ws.files()['prod/default/etl.k8s.yaml']).toContain(`image: ${ETL}:abc123@sha256:${hex('d')}`);
});

test('promote copies a pin to the task\'s key in the target environment; a task that does not run there is said, not copied', () => {
  ws.write('pins/dev.json', JSON.stringify({ 'data-dev/etl': `${ETL}:abc123@sha256:${hex('d')}`, 'data-dev/web': `docker.io/library/nginx:1.27@sha256:${hex('e')}` }));
  const { code, stdout, stderr } = ws.run('promote', '--from', 'dev', '--to', 'prod');
  expect(code).toBe(0);
  expect(stdout).toBe(`default/etl: (new) ${ETL}:abc123@sha256:${hex('d')}\n`);
  expect(stderr).toBe('note: data-dev/web does not run in environment "prod": its pin is not promoted\npromoted 1 pin from dev to prod (pins/prod.json)\n');
  expect(read('pins/prod.json')).toEqual({ 'default/etl': `${ETL}:abc123@sha256:${hex('d')}` });
  expect(ws.run('synth').code).toBe(0);
});

test('promote --task takes the task\'s key in either environment; one that does not run in the target is an error, nothing written', () => {
  ws.write('pins/dev.json', JSON.stringify({ 'data-dev/etl': `${ETL}:abc123@sha256:${hex('d')}`, 'data-dev/web': `docker.io/library/nginx:1.27@sha256:${hex('e')}` }));
  expect(ws.run('promote', '--from', 'dev', '--to', 'prod', '--task', 'default/etl').stdout).toBe(`default/etl: (new) ${ETL}:abc123@sha256:${hex('d')}\n`);
  fs.rmSync(path.join(ws.root, 'pins/prod.json'));
  expect(ws.run('promote', '--from', 'dev', '--to', 'prod', '--task', 'data-dev/etl').code).toBe(0);
  expect(ws.run('promote', '--from', 'dev', '--to', 'prod', '--task', 'data-dev/web')).toEqual({
    code: 1,
    stdout: '',
    stderr: 'error: data-dev/web does not run in environment "prod": nothing to promote there; pins/prod.json not written\n',
  });
});

test('promote refuses a pin of another repository than the target environment\'s image (an overlay changed it)', () => {
  ws.task('etl/manifest.prod.json', { 'image-destination': 'gcr.io/acme/etl-prod:1.0' });
  ws.write('pins/dev.json', JSON.stringify({ 'data-dev/etl': `${ETL}:abc123@sha256:${hex('d')}` }));
  expect(ws.run('promote', '--from', 'dev', '--to', 'prod')).toEqual({
    code: 1,
    stdout: '',
    stderr: 'error: the image of data-dev/etl (prod: gcr.io/acme/etl-prod:1.0) is of another repository than its pin in pins/dev.json: nothing to promote there; pins/prod.json not written\n',
  });
  expect(fs.existsSync(path.join(ws.root, 'pins/prod.json'))).toBe(false);
});
