import * as fs from 'node:fs';
import * as path from 'node:path';
import { job, Workspace } from '../support/workspace';

let ws: Workspace;
beforeEach(() => (ws = new Workspace()));
afterEach(() => ws.remove());

describe('--check', () => {
  test('exit 0 when dist/ is up to date, writing nothing', () => {
    ws.task('a/manifest.json', job('a', { 'image-source': 'busybox:1.36' }));
    ws.run();
    const before = ws.mtime('dist/default/a.k8s.yaml');
    expect(ws.run('--check')).toEqual({ code: 0, stdout: '', stderr: 'dist is up to date (1 file)\n' });
    expect(ws.mtime('dist/default/a.k8s.yaml')).toBe(before);
  });

  test('exit 3 with a unified diff of changed, added and pruned files; dist/ untouched', () => {
    ws.task('a/manifest.json', job('a', { 'cpu-limit': '0.20' })).task('b/manifest.json', job('b'));
    ws.run();
    const before = ws.files();
    ws.task('a/manifest.json', job('a', { 'cpu-limit': '0.25' })).task('c/manifest.json', job('c'));
    fs.rmSync(path.join(ws.root, 'tasks/b'), { recursive: true });
    const { code, stdout, stderr } = ws.run('--check');
    expect(code).toBe(3);
    expect(stderr).toBe('dist is out of date: 1 changed, 1 added, 1 pruned; run `npm run synth` and commit the result\n');
    expect(stdout).toContain(['--- a/dist/default/a.k8s.yaml', '+++ b/dist/default/a.k8s.yaml'].join('\n'));
    expect(stdout).toContain(['-              cpu: "200m"', '+              cpu: "250m"'].join('\n'));
    expect(stdout).toContain('--- /dev/null\n+++ b/dist/default/c.k8s.yaml');
    expect(stdout).toContain('--- a/dist/default/b.k8s.yaml\n+++ /dev/null');
    expect(stdout).not.toContain('===');
    expect(ws.files()).toEqual(before);
  });
});
