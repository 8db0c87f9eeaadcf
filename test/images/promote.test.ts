import * as fs from 'node:fs';
import * as path from 'node:path';
import { promoteCommandWith } from '../../lib/cli/commands/promote';
import type { Workspace } from '../support/workspace';
import { hex, runCommand, seedWorkspace } from './support';

let ws: Workspace;
beforeEach(() => (ws = seedWorkspace()));
afterEach(() => ws.remove());

const GS = 'gcr.io/affini-tech-datalab/gs_to_gs';
const LAUNCH = 'gcr.io/datataskio/launch_pipeline';
const FLASK = 'quay.io/gilles/flask-team';
const promote = promoteCommandWith(() => ['dev', 'prod', 'staging']);
const read = (file: string) => fs.readFileSync(path.join(ws.root, file), 'utf8');
const pins = (o: Record<string, string>) => `${JSON.stringify(o, null, 2)}\n`;

const STAGING = {
  'default/gstogs': `${GS}:new@sha256:${hex('a')}`,
  'default/gstogs-daily': `${GS}:new@sha256:${hex('a')}`,
  'default/subscriber-launch-pipeline': `${LAUNCH}:new@sha256:${hex('b')}`,
};
const PROD = {
  'default/app-flask': `${FLASK}@sha256:${hex('f')}`,
  'default/gstogs': `${GS}:old@sha256:${hex('0')}`,
};

beforeEach(() => {
  ws.write('pins/staging.json', pins(STAGING));
  ws.write('pins/prod.json', pins(PROD));
});

test('every pin: old → new, (new), the target environment\'s own pins kept', () => {
  const { code, stdout, stderr } = runCommand(ws, promote, { from: 'staging', to: 'prod' });
  expect(code).toBe(0);
  expect(stdout).toBe(
    [
      `default/gstogs: ${GS}:old@sha256:${hex('0')} → ${GS}:new@sha256:${hex('a')}`,
      `default/gstogs-daily: (new) ${GS}:new@sha256:${hex('a')}`,
      `default/subscriber-launch-pipeline: (new) ${LAUNCH}:new@sha256:${hex('b')}`,
      '',
    ].join('\n'),
  );
  expect(stderr).toBe('promoted 3 pins from staging to prod (pins/prod.json)\n');
  expect(read('pins/prod.json')).toBe(pins({ 'default/app-flask': PROD['default/app-flask'], ...STAGING }));
  expect(read('pins/staging.json')).toBe(pins(STAGING));
  // Again: nothing changed, said so, exit 0, the file untouched.
  expect(runCommand(ws, promote, { from: 'staging', to: 'prod' })).toEqual({ code: 0, stdout: '', stderr: 'nothing to promote: pins/prod.json already has every pin of pins/staging.json\n' });
});

test('one task (--task, repeatable)', () => {
  const { code, stdout } = runCommand(ws, promote, { from: 'staging', to: 'prod', task: ['default/subscriber-launch-pipeline'] });
  expect(code).toBe(0);
  expect(stdout).toBe(`default/subscriber-launch-pipeline: (new) ${LAUNCH}:new@sha256:${hex('b')}\n`);
  expect(JSON.parse(read('pins/prod.json'))).toEqual({ ...PROD, 'default/subscriber-launch-pipeline': STAGING['default/subscriber-launch-pipeline'] });
  expect(runCommand(ws, promote, { from: 'staging', to: 'prod', task: ['default/subscriber-launch-pipeline'] }).stderr).toBe('nothing to promote: pins/prod.json already has the pin of default/subscriber-launch-pipeline\n');
  expect(runCommand(ws, promote, { from: 'staging', to: 'prod', task: ['default/gstogs', 'default/gstogs-daily'] }).stdout.split('\n')).toHaveLength(3);
});

test('into an environment without a pins file yet: it is made', () => {
  expect(runCommand(ws, promote, { from: 'staging', to: 'dev' }).code).toBe(0);
  expect(read('pins/dev.json')).toBe(pins(STAGING));
});

test('an unknown task: a usage error with a did-you-mean; a task without a pin to copy: exit 1; nothing written', () => {
  const before = read('pins/prod.json');
  expect(runCommand(ws, promote, { from: 'staging', to: 'prod', task: ['default/gstog'] })).toMatchObject({ code: 2, stderr: expect.stringContaining('error: --task "default/gstog": there is no such task (did you mean "default/gstogs"?)') });
  // A bare task name (compare's --task form) gets its key, the namespace added: the nearest key was too far from a short name.
  expect(runCommand(ws, promote, { from: 'staging', to: 'prod', task: ['gstogs'] })).toMatchObject({ code: 2, stderr: expect.stringContaining('error: --task "gstogs": there is no such task (did you mean "default/gstogs"?); a task is named "<namespace>/<name>"') });
  expect(runCommand(ws, promote, { from: 'staging', to: 'prod', task: ['default/app-flask'] })).toMatchObject({ code: 1, stderr: 'error: default/app-flask has no pin in pins/staging.json, so there is nothing to promote; pins/prod.json not written\n' });
  expect(read('pins/prod.json')).toBe(before);
});

test('usage errors (exit 2): one environment twice, an undeclared one, a missing option, no environments', () => {
  expect(runCommand(ws, promote, { from: 'prod', to: 'prod' })).toMatchObject({ code: 2, stderr: expect.stringContaining('error: --from and --to are both "prod"') });
  expect(runCommand(ws, promote, { from: 'stagin', to: 'prod' })).toMatchObject({ code: 2, stderr: expect.stringContaining('error: --from "stagin" is not a declared environment (did you mean "staging"?)') });
  expect(runCommand(ws, promote, { from: 'staging' })).toMatchObject({ code: 2, stderr: expect.stringContaining('error: --to ENV is required') });
  // The registered command reads the settings, which declare no environments here.
  expect(ws.run('promote', '--from', 'staging', '--to', 'prod')).toMatchObject({ code: 2, stderr: expect.stringContaining('error: promote copies pins between environments, and the settings declare none') });
  expect(ws.run('promote', '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: datatask promote [options]') });
  expect(ws.run('promote', '--from', 'a', '--to', 'b', '--tsk', 'x')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --tsk for `datatask promote` (did you mean --task?)') });
});

test('a malformed pins file: located errors, exit 1, nothing written', () => {
  ws.write('pins/staging.json', `{\n  "default/gstogs": "${GS}:new@sha256:${'a'.repeat(65)}"\n}\n`);
  const { code, stdout, stderr } = runCommand(ws, promote, { from: 'staging', to: 'prod' });
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toContain(`pins/staging.json:2:21 error: ["default/gstogs"]: the digest of "${GS}:new@sha256:${'a'.repeat(65)}" has 65 hex digits after "sha256:"; a sha256 digest has 64`);
  expect(stderr).toMatch(/1 error\(s\): pins\/prod.json not written\n$/);
  expect(read('pins/prod.json')).toBe(pins(PROD));
});
