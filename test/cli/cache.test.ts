import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeIdentity } from '../../lib/output/code-identity';
import { sha1 } from '../../lib/hash';
import { job, service, Workspace } from '../support/workspace';

let ws: Workspace;
let plain: Workspace;
beforeEach(() => {
  ws = new Workspace();
  ws.cacheBuild = 'build-1';
  plain = new Workspace();
});
afterEach(() => {
  ws.remove();
  plain.remove();
});

/** Writes the same task in both workspaces. */
const both = (relative: string, content: Record<string, unknown>) => {
  ws.task(relative, content);
  plain.task(relative, content);
};

describe('the render cache', () => {
  test('a run where nothing changed rewrites nothing, and every run equals a run without cache', () => {
    both('a/manifest.json', job('a'));
    both('b/manifest.json', service('b', { published: { access: 'dev', prefix: '/b/' } }));
    expect(ws.run().code).toBe(0);
    expect(fs.readdirSync(path.join(ws.root, '.cache'))).toHaveLength(1);
    expect(ws.run().stderr).toContain('0 written, 2 unchanged, 0 pruned');

    both('a/manifest.json', job('a', { 'cpu-limit': '0.5' }));
    expect(ws.run().stderr).toContain('1 written, 1 unchanged, 0 pruned');
    plain.run();
    expect(ws.files()).toEqual(plain.files());
  });

  test('a hit: a second run validates and renders nothing; a miss after a code change or a settings change renders every task', () => {
    both('a/manifest.json', job('a'));
    both('b/manifest.json', service('b'));
    ws.run();
    expect(ws.outcome?.rendered).toBe(2);
    expect(ws.run().stderr).toContain('0 written, 2 unchanged');
    expect(ws.outcome?.rendered).toBe(0);

    ws.cacheBuild = 'build-2';
    expect(ws.run().stderr).toContain('0 written, 2 unchanged');
    expect(ws.outcome?.rendered).toBe(2);

    ws.write('datatask.settings.json', '{"mapping": {"hostname": "x.example.com"}}');
    ws.run();
    expect(ws.outcome?.rendered).toBe(2);
    expect(ws.run().stderr).toContain('0 written, 2 unchanged');
    expect(ws.outcome?.rendered).toBe(0);
  });

  test('the cache of an output folder that no longer exists is deleted by the next run', () => {
    both('a/manifest.json', job('a'));
    ws.run('--out', 'one');
    ws.run('--out', 'two');
    const cacheDir = path.join(ws.root, '.cache');
    expect(fs.readdirSync(cacheDir)).toHaveLength(2);
    fs.rmSync(path.join(ws.root, 'one'), { recursive: true });
    ws.run('--out', 'two');
    const [left] = fs.readdirSync(cacheDir);
    expect(fs.readdirSync(cacheDir)).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(path.join(cacheDir, left!), 'utf8').split('\n')[0]!).outDir).toBe(path.join(ws.root, 'two'));
  });

  test('the code identity is a content hash: of the bundle (written by the build), or of the sources under ts-node', () => {
    const project = new Workspace();
    try {
      project.write('main.ts', 'export {};\n').write('lib/a.ts', 'export const a = 1;\n').write('package-lock.json', '{}\n');
      const main = path.join(project.root, 'main.ts');
      const first = codeIdentity(main);
      expect(codeIdentity(main)).toBe(first);
      const mtime = fs.statSync(path.join(project.root, 'lib/a.ts')).mtime;
      project.write('lib/a.ts', 'export const a = 2;\n');
      fs.utimesSync(path.join(project.root, 'lib/a.ts'), mtime, mtime);
      expect(codeIdentity(main)).not.toBe(first);

      project.write('build/app.js', 'bundle 1').write('build/app.js.sha1', 'abc\n');
      expect(codeIdentity(path.join(project.root, 'build/app.js'))).toBe('abc');
      fs.rmSync(path.join(project.root, 'build/app.js.sha1'));
      expect(codeIdentity(path.join(project.root, 'build/app.js'))).toBe(sha1('bundle 1'));
    } finally {
      project.remove();
    }
  });

  test('a deleted or hand-edited output file is written again', () => {
    both('a/manifest.json', job('a'));
    ws.run();
    plain.run();
    fs.rmSync(path.join(ws.root, 'dist/default/a.k8s.yaml'));
    expect(ws.run().stderr).toContain('1 written');
    fs.appendFileSync(path.join(ws.root, 'dist/default/a.k8s.yaml'), '# edited\n');
    expect(ws.run().stderr).toContain('1 written');
    expect(ws.files()).toEqual(plain.files());
  });

  test('other settings or another build do not use the cache', () => {
    both('a/manifest.json', job('a'));
    ws.run();
    ws.write('datatask.settings.json', '{"namespace": "data"}');
    plain.write('datatask.settings.json', '{"namespace": "data"}');
    expect(ws.run().stderr).toContain('1 written, 0 unchanged, 1 pruned');
    plain.run();
    expect(ws.files()).toEqual(plain.files());
    const cacheFile = path.join(ws.root, '.cache', fs.readdirSync(path.join(ws.root, '.cache'))[0]);
    const before = fs.readFileSync(cacheFile, 'utf8');
    ws.cacheBuild = 'build-2';
    fs.rmSync(path.join(ws.root, 'dist'), { recursive: true });
    expect(ws.run().code).toBe(0);
    expect(fs.readFileSync(cacheFile, 'utf8')).not.toBe(before);
  });

  test('cross-task rules and warnings still apply to cached tasks', () => {
    both('a/manifest.json', service('a', { labels: 'app:x', 'image-source': 'nginx' }));
    expect(ws.run().code).toBe(0);
    ws.task('b/manifest.json', service('b', { labels: 'app:x' }));
    const { code, stderr } = ws.run();
    expect(code).toBe(1);
    expect(stderr).toContain('tasks/a/manifest.json:5:19 warning: image-source: "nginx" has no tag');
    // a (cached) is deployed, so the clash is located at the new task b (issue 18: a deployed selector cannot change).
    expect(stderr).toContain('tasks/b/manifest.json:2:13 error: labels: selector app=x also matches the pods of task "a"');
  });

  test("a cached task's warnings come from the cache, and are made again when the folder's Dockerfile (which they read) comes or goes", () => {
    ws.task('a/manifest.json', job('a', { 'image-source': '', 'image-destination': 'gcr.io/x/a' }));
    const noTag = 'tasks/a/manifest.json:6:24 warning: image-destination: "gcr.io/x/a" has no tag, so it means ":latest", which changes under running pods; pin a version tag or a digest';
    const noDockerfile = 'tasks/a/manifest.json:6:24 warning: image-destination: there is no Dockerfile in tasks/a/; an image-destination is built from the task folder';
    const warnings = () => {
      const { code, stderr } = ws.run();
      expect(code).toBe(0);
      return stderr.split('\n').filter((line) => line.includes(' warning: '));
    };
    expect(warnings()).toEqual([noTag, noDockerfile]);
    expect(warnings()).toEqual([noTag, noDockerfile]);
    expect(ws.outcome!.rendered).toBe(0);
    ws.write('tasks/a/Dockerfile', 'FROM scratch\n');
    expect(warnings()).toEqual([noTag]);
    expect(ws.outcome!.rendered).toBe(0);
    fs.rmSync(path.join(ws.root, 'tasks/a/Dockerfile'));
    expect(warnings()).toEqual([noTag, noDockerfile]);
    // A link is looked at by the warning itself (lib/manifest/discover.ts), every run.
    fs.symlinkSync('missing', path.join(ws.root, 'tasks/a/Dockerfile'));
    expect(warnings()).toEqual([noTag, noDockerfile]);
    fs.writeFileSync(path.join(ws.root, 'tasks/a/missing'), 'FROM scratch\n');
    expect(warnings()).toEqual([noTag]);
    expect(ws.outcome!.rendered).toBe(0);
  });

  test('with environments, a run from the cache says the same warnings, per environment, as the run that rendered', () => {
    for (const w of [ws, plain]) w.write('datatask.settings.json', JSON.stringify({ environments: { dev: {}, prod: { namespace: 'data-prod' }, staging: {} } }));
    both('a/manifest.json', job('a', { 'image-source': 'busybox' }));
    both('a/manifest.prod.json', { env: [{ name: 'API_TOKEN', value: 'x' }] });
    both('b/manifest.json', job('b'));
    const first = ws.run();
    expect(first.code).toBe(0);
    expect(ws.outcome!.rendered).toBe(6);
    const shown = (stderr: string) => stderr.split('\n').filter((line) => line.includes(' warning: '));
    expect(shown(first.stderr)).toEqual([
      'tasks/a/manifest.json:5:19 warning: image-source: "busybox" has no tag, so it means ":latest", which changes under running pods; pin a version tag or a digest',
      'tasks/a/manifest.prod.json:5:16 warning: [prod] env[0].value: API_TOKEN looks like a secret, and its value is written in plain text into git and the cluster; keep secrets in a Secret and read it with "valueFrom": {"secretKeyRef": {"name": "<secret>", "key": "<key>"}} instead of "value" (tasks/a/manifest.json:1:1)',
    ]);
    // Kept in the cache with each environment's entry (prod's own, the others' shared).
    const dir = path.join(ws.root, '.cache');
    const entries = JSON.parse(fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]!), 'utf8').split('\n')[1]!);
    expect(['dev', 'prod', 'staging'].map((env) => entries[`${env}:a/manifest.json`].warnings.length)).toEqual([1, 2, 1]);
    expect(entries['dev:b/manifest.json'].warnings).toBeUndefined();
    const second = ws.run();
    expect(ws.outcome!.rendered).toBe(0);
    expect(shown(second.stderr)).toEqual(shown(first.stderr));
    // Every field of every diagnostic as a run without a cache makes it.
    expect(ws.run('--format', 'json').stdout).toBe(plain.run('--format', 'json').stdout);
    expect(ws.outcome!.rendered).toBe(0);
  });

  test('a corrupt cache is an empty one', () => {
    both('a/manifest.json', job('a'));
    ws.run();
    const dir = path.join(ws.root, '.cache');
    fs.writeFileSync(path.join(dir, fs.readdirSync(dir)[0]), '{"fingerprint": ');
    fs.rmSync(path.join(ws.root, 'dist'), { recursive: true });
    expect(ws.run().code).toBe(0);
    plain.run();
    expect(ws.files()).toEqual(plain.files());
  });
});
