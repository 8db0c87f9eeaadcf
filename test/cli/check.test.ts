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
    const { code, stdout, stderr } = ws.run('--check');
    expect({ code, stdout }).toEqual({ code: 0, stdout: '' });
    expect(stderr).toMatch(/^dist is up to date \(1 file\) \(\d+\.\d\d s\)\n$/);
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
    expect(stderr).toMatch(/^dist is out of date: 1 changed, 1 added, 1 pruned; run `npm run synth` and commit the result \(\d+\.\d\d s\)\n$/);
    expect(stdout).toContain(['--- a/dist/default/a.k8s.yaml', '+++ b/dist/default/a.k8s.yaml'].join('\n'));
    expect(stdout).toContain(['-              cpu: "200m"', '+              cpu: "250m"'].join('\n'));
    expect(stdout).toContain('--- /dev/null\n+++ b/dist/default/c.k8s.yaml');
    expect(stdout).toContain('--- a/dist/default/b.k8s.yaml\n+++ /dev/null');
    expect(stdout).not.toContain('===');
    expect(ws.files()).toEqual(before);
  });
});

describe('--format', () => {
  const bad = () => ws.task('a/manifest.json', '{\n  "type": "job",\n\t"name": "A"\n}\n');

  test('text: the source line and a caret under the range, tabs shown as one space', () => {
    bad();
    const { code, stderr } = ws.run();
    expect(code).toBe(1);
    expect(stderr.split('\n').slice(0, 6)).toEqual([
      'tasks/a/manifest.json:1:1 error: image-source: is required (or "image-destination", for an image built from the task folder)',
      '  1 | {',
      '    | ^',
      'tasks/a/manifest.json:1:1 error: labels: is required',
      '  1 | {',
      '    | ^',
    ]);
    expect(stderr).toContain(['  3 |  "name": "A"', '    |          ^~~'].join('\n'));
  });

  test('json: one object per line on stdout', () => {
    bad();
    const { code, stdout } = ws.run('--format', 'json');
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[2]).toEqual({
      file: 'tasks/a/manifest.json', line: 3, column: 10, length: 3, severity: 'error', path: 'name',
      message: "\"A\" is not valid as a job name: it must consist of lower-case letters, digits and '-', and start and end with a letter or digit",
    });
  });

  test('github: workflow annotations with escaped properties', () => {
    bad();
    const { stdout } = ws.run('--format', 'github');
    expect(stdout.split('\n')[1]).toBe('::error file=tasks/a/manifest.json,line=1,col=1,title=labels::is required');
  });

  test('an unknown format is a usage error', () => {
    expect(ws.run('--format', 'xml').code).toBe(2);
  });
});
