import * as fs from 'node:fs';
import * as path from 'node:path';
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
    expect(stderr).toContain('tasks/a/manifest.json:2:13 error: labels: selector app=x also matches the pods of task "b"');
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
