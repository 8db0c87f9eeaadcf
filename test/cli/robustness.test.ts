import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { job, service, Workspace } from '../support/workspace';

let ws: Workspace;
beforeEach(() => (ws = new Workspace()));
afterEach(() => ws.remove());

const errorsOf = (stderr: string) => stderr.trimEnd().split('\n').filter((l) => / (error|warning): /.test(l));

describe('files that are not manifests', () => {
  test('a folder, an outside symlink, a huge file, invalid UTF-8: each located, none fatal to the others', () => {
    ws.task('ok/manifest.json', job('ok'));
    fs.mkdirSync(path.join(ws.root, 'tasks/dir/manifest.json'), { recursive: true });
    const outside = path.join(os.tmpdir(), `outside-${process.pid}.json`);
    fs.writeFileSync(outside, JSON.stringify(job('evil')));
    fs.mkdirSync(path.join(ws.root, 'tasks/link'));
    fs.symlinkSync(outside, path.join(ws.root, 'tasks/link/manifest.json'));
    ws.task('huge/manifest.json', `{"name": "${'x'.repeat(1024 * 1024)}"}`);
    ws.task('bytes/manifest.json', Buffer.from([0x7b, 0xff, 0x7d]).toString('latin1'));
    fs.writeFileSync(path.join(ws.root, 'tasks/bytes/manifest.json'), Buffer.from([0x7b, 0xff, 0x7d]));
    const { code, stderr } = ws.run();
    fs.rmSync(outside);
    expect(code).toBe(1);
    expect(errorsOf(stderr)).toEqual([
      'tasks/bytes/manifest.json:1:1 error: the manifest is not valid UTF-8 text',
      'tasks/dir/manifest.json:1:1 error: the manifest is a folder, not a file',
      'tasks/huge/manifest.json:1:1 error: the manifest is 1048588 bytes; a manifest may be at most 1 MiB',
      `tasks/link/manifest.json:1:1 error: the manifest is a symbolic link to ${fs.realpathSync(os.tmpdir())}/outside-${process.pid}.json, outside the tasks folder; copy the manifest into the task folder instead`,
    ]);
    expect(ws.files()).toEqual({});
  });

  test('a symlink inside the tasks folder is fine', () => {
    ws.task('a/manifest.json', job('a'));
    fs.mkdirSync(path.join(ws.root, 'tasks/b'));
    fs.writeFileSync(path.join(ws.root, 'tasks/b.json'), JSON.stringify(job('b')));
    fs.symlinkSync(path.join(ws.root, 'tasks/b.json'), path.join(ws.root, 'tasks/b/manifest.json'));
    expect(ws.run().code).toBe(0);
  });
});

describe('warnings', () => {
  test('same located form; exit 0, or 1 with --strict', () => {
    ws.task('a/manifest.json', service('a', {
      'image-source': 'nginx',
      env: [{ name: 'DB_PASSWORD', value: 'hunter2' }, { name: 'TOKEN_URL_PATH', value: '' }, { name: 'MONKEY', value: 'x' }],
      published: { prefix: '/a/', bypass_auth: true, access: 'dev' },
    }));
    ws.task('b/manifest.json', job('b', { 'image-source': '', 'image-destination': 'gcr.io/x/b:latest' }));
    const first = ws.run();
    expect(first.code).toBe(0);
    expect(errorsOf(first.stderr)).toEqual([
      'tasks/a/manifest.json:5:19 warning: image-source: "nginx" has no tag, so it means ":latest", which changes under running pods; pin a version tag or a digest',
      'tasks/a/manifest.json:11:16 warning: env[0].value: DB_PASSWORD looks like a secret, and its value is written in plain text into git and the cluster; keep secrets in a Secret and read it with "valueFrom": {"secretKeyRef": {"name": "<secret>", "key": "<key>"}} instead of "value"',
      'tasks/a/manifest.json:22:16 warning: published: a published service without a readiness-probe gets requests as soon as its container starts, before the application listens; add "readiness-probe": "/healthz" (a path your application answers with a 2xx or 3xx status)',
      'tasks/a/manifest.json:25:15 warning: published.access: is ignored because "bypass_auth" is true (the service is public)',
      'tasks/b/manifest.json:6:24 warning: image-destination: "gcr.io/x/b:latest" uses the "latest" tag, which changes under running pods; pin a version tag or a digest',
      'tasks/b/manifest.json:6:24 warning: image-destination: there is no Dockerfile in tasks/b/; an image-destination is built from the task folder',
    ]);
    expect(Object.keys(ws.files())).toEqual(['default/a.k8s.yaml', 'default/b.k8s.yaml']);
    fs.rmSync(path.join(ws.root, 'dist'), { recursive: true });
    const strict = ws.run('--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/0 error\(s\), 6 warning\(s\) \(--strict: warnings fail the run\): nothing was written to dist in \d+\.\d\d s\n$/);
    expect(ws.files()).toEqual({});
  });
});
