import * as fs from 'node:fs';
import * as path from 'node:path';
import { job, service, Workspace } from '../support/workspace';

let ws: Workspace;
beforeEach(() => (ws = new Workspace()));
afterEach(() => ws.remove());

describe('check: stdout a consumer can parse in every format', () => {
  beforeEach(() => {
    ws.task('a/manifest.json', job('a'));
    ws.task('b/manifest.json', job('b'));
    ws.run();
    ws.task('a/manifest.json', job('a', { cmd: ['true'] }));
    fs.rmSync(path.join(ws.root, 'tasks/b'), { recursive: true });
    ws.task('c/manifest.json', job('c'));
  });

  test('text: the unified diff on stdout, the verdict on stderr', () => {
    const { code, stdout, stderr } = ws.run('check');
    expect(code).toBe(3);
    expect(stdout).toMatch(/^--- a\/dist\/default\/a\.k8s\.yaml\n\+\+\+ b\/dist\/default\/a\.k8s\.yaml\n/);
    expect(stderr).toMatch(/^dist is out of date: 1 changed, 1 added, 1 pruned; run `npm run synth` and commit the result \(\d+\.\d\d s\)\n$/);
  });

  test('json: only JSON lines on stdout, the last one the check with its patch', () => {
    const { code, stdout } = ws.run('check', '--format', 'json');
    expect(code).toBe(3);
    const lines = stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0].check).toMatchObject({ upToDate: false, changed: ['default/a.k8s.yaml'], added: ['default/c.k8s.yaml'], pruned: ['default/b.k8s.yaml'] });
    expect(lines[0].check.patch).toContain('+++ b/dist/default/c.k8s.yaml');
  });

  test('github: only annotations on stdout, the diff on stderr', () => {
    const { code, stdout, stderr } = ws.run('check', '--format', 'github');
    expect(code).toBe(3);
    expect(stdout.trimEnd().split('\n')).toEqual([
      '::error file=dist/default/a.k8s.yaml,title=out of date::dist/default/a.k8s.yaml would be changed by synth; run `npm run synth` and commit the result',
      '::error file=dist/default/c.k8s.yaml,title=out of date::dist/default/c.k8s.yaml would be added by synth; run `npm run synth` and commit the result',
      '::error file=dist/default/b.k8s.yaml,title=out of date::dist/default/b.k8s.yaml would be pruned by synth; run `npm run synth` and commit the result',
    ]);
    expect(stderr).toContain('+++ b/dist/default/c.k8s.yaml');
  });
});

describe('under the cdk8s CLI (CDK8S_OUTDIR)', () => {
  test('`cdk8s synth`: dist/ and a copy in the folder cdk8s.yaml names', () => {
    ws.task('a/manifest.json', job('a'));
    ws.env = { CDK8S_OUTDIR: 'build/cdk8s.out' };
    expect(ws.run().code).toBe(0);
    expect(ws.files('build/cdk8s.out')).toEqual(ws.files('dist'));
    expect(Object.keys(ws.files('dist'))).toEqual(['default/a.k8s.yaml']);
  });

  test('`cdk8s synth --stdout` (a temporary folder) or `--output DIR`: only that folder; dist/ is not written', () => {
    ws.task('a/manifest.json', job('a'));
    ws.env = { CDK8S_OUTDIR: path.join(ws.root, 'cdk8s-tmp') };
    const { code, stderr } = ws.run();
    expect(code).toBe(0);
    expect(stderr).toMatch(/^1 task \(1 job\) → cdk8s-tmp: 1 file for the cdk8s CLI \(dist not written\) in \d+\.\d\d s\n$/);
    expect(Object.keys(ws.files('cdk8s-tmp'))).toEqual(['default/a.k8s.yaml']);
    expect(fs.existsSync(path.join(ws.root, 'dist'))).toBe(false);
  });
});

test('an option given twice (one that does not repeat) is bad usage, naming both values: node would keep the last silently', () => {
  const twice = ws.run('synth', '--out', 'a', '--out', 'b');
  expect(twice.code).toBe(2);
  expect(twice.stderr).toMatch(/^error: --out is given 2 times \("a", "b"\); give it once\n\nUsage: datatask synth/);
  expect(ws.run('synth', '--strict', '--strict').stderr).toMatch(/^error: --strict is given 2 times; give it once\n/);
});

describe('images', () => {
  test('--help, an unknown option, a missing tasks folder: no stack trace', () => {
    expect(ws.run('images', '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: datatask images [options]') });
    const bogus = ws.run('images', '--bogus');
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/^error: unknown option --bogus for `datatask images`\n\nUsage: datatask images/);
    expect(ws.run('images', '--format', 'yaml')).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be one of text, json, github, bake (found "yaml")') });
    expect(ws.run('images')).toEqual({ code: 2, stdout: '', stderr: 'error: the tasks folder tasks does not exist or is not a folder (see --tasks); nothing was written\n' });
    for (const run of [bogus, ws.run('images')]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('a task folder without a Dockerfile is an error: nothing is listed, exit 1', () => {
    ws.task('b/manifest.json', job('b', { 'image-source': '', 'image-destination': 'gcr.io/x/b:1' }));
    const { code, stdout, stderr } = ws.run('images');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('tasks/b/manifest.json:6:24 error: image-destination: there is no Dockerfile in tasks/b/, so this image cannot be built; add one, or use image-source for an image built elsewhere');
  });

  test('two tasks pushing one tag: a warning that names both files (exit 1 with --strict)', () => {
    for (const name of ['a', 'b']) {
      ws.task(`${name}/manifest.json`, job(name, { 'image-source': '', 'image-destination': 'gcr.io/x/shared:1' })).write(`tasks/${name}/Dockerfile`, 'FROM busybox\n');
    }
    const { code, stdout, stderr } = ws.run('images', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((b: { task: string }) => b.task)).toEqual(['default/a', 'default/b']);
    const [warning, summary] = stderr.split('\n');
    expect(JSON.parse(warning!)).toMatchObject({ file: 'tasks/b/manifest.json', severity: 'warning', related: [{ file: 'tasks/a/manifest.json', line: 6, column: 24, message: 'the other build of this tag' }] });
    expect(summary).toBe('2 images to build');
    const text = ws.run('images');
    expect(text.stderr).toContain(
      'tasks/b/manifest.json:6:24 warning: image-destination: "gcr.io/x/shared:1" is also built from tasks/a/; the two builds race to push one tag and the last one wins, so give each folder its own tag unless both build the same image',
    );
    expect(text.stderr).toContain('tasks/a/manifest.json:6:24 note: the other build of this tag');
    expect(ws.run('images', '--strict').code).toBe(1);
  });
});

test('a service task is listed by nothing in images', () => {
  ws.task('s/manifest.json', service('s'));
  expect(ws.run('images')).toEqual({ code: 0, stdout: '', stderr: '0 images to build\n' });
});
