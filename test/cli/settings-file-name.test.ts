import { Workspace, job } from '../support/workspace';

/*
 * Messages that send the user to the settings name the file the run read
 * (--settings), not the default datatask.settings.json.
 */
let ws: Workspace;
beforeEach(() => {
  ws = new Workspace().task('etl/manifest.json', job('etl'));
  ws.write('conf/s.json', '{"namespace": "data"}\n');
});
afterEach(() => ws.remove());

test('--env in a project without environments names the settings file given', () => {
  const r = ws.run('synth', '--settings', 'conf/s.json', '--env', 'dev');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('error: --env: the settings declare no environments (the "environments" setting of conf/s.json)\n\nSee `datatask synth --help`.\n');
});

test('compare in a project without environments names the settings file given', () => {
  const r = ws.run('compare', '--settings', 'conf/s.json', '--from', 'dev', '--to', 'prod');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('the settings declare none (the "environments" setting of conf/s.json)');
});

test('an overlay or pins file of an undeclared environment, and an overlay without environments, name the settings file given', () => {
  ws.task('etl/manifest.prd.json', '{}\n');
  expect(ws.run('synth', '--settings', 'conf/s.json').stderr).toContain('tasks/etl/manifest.prd.json:1:1 error: this overlay is not read: the settings declare no environments; declare "prd" in the "environments" setting of conf/s.json, or remove this file');
  ws.write('conf/s.json', '{"environments": {"dev": {}, "prod": {}}}\n');
  ws.write('pins/prd.json', '{}\n');
  const r = ws.run('synth', '--settings', 'conf/s.json');
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('tasks/etl/manifest.prd.json:1:1 error: this overlay is for environment "prd", which the settings do not declare, so it is not read (did you mean "prod", manifest.prod.json?); rename the file, or declare the environment in conf/s.json');
  expect(r.stderr).toContain('pins/prd.json:1:1 error: this pins file is for environment "prd", which the settings do not declare, so it is not read (did you mean "prod", pins/prod.json?); rename the file, or declare the environment in conf/s.json');
});

test('the removed-environment guard names the settings file given', () => {
  ws.write('conf/s.json', '{"environments": {"dev": {}, "prod": {}}}\n');
  expect(ws.run('synth', '--settings', 'conf/s.json').code).toBe(0);
  ws.write('conf/s.json', '{"environments": {"dev": {}}}\n');
  const r = ws.run('synth', '--settings', 'conf/s.json');
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain('if an environment was renamed or mistyped, declare it again in conf/s.json.');
});

test('a refusal of check under --format github or json is on stdout too, where CI reads (an ::error annotation; an {"error"} line)', () => {
  ws.write('conf/s.json', '{"environments": {"dev": {}, "prod": {}}}\n');
  expect(ws.run('synth', '--settings', 'conf/s.json').code).toBe(0);
  ws.write('conf/s.json', '{"environments": {"dev": {}}}\n');
  const github = ws.run('check', '--settings', 'conf/s.json', '--format', 'github');
  expect(github.code).toBe(1);
  expect(github.stdout).toMatch(/^::error title=datatask check::nothing was written: these folders are not environments the settings declare \("dev"\)[^\n]*%0A  dist\/prod\/: 1 generated file%0A[^\n]*--prune-environments[^\n]*\n$/);
  const json = ws.run('check', '--settings', 'conf/s.json', '--format', 'json');
  expect(json.code).toBe(1);
  const line = JSON.parse(json.stdout);
  expect(line.error.exitCode).toBe(1);
  expect(line.error.message).toContain('dist/prod/: 1 generated file');
});
