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
