import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sha1 } from '../../lib/hash';
import type { TaskSource } from '../../lib/manifest/load-tasks';
import type { Task } from '../../lib/model';
import { RenderCache } from '../../lib/output/render-cache';
import { DEFAULT_SETTINGS } from '../../lib/project-settings';

test('sha1 is SHA-1 of the UTF-8 text, in hex', () => {
  expect(sha1('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d'); // FIPS 180 test vector
  expect(sha1('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  expect(sha1('é')).toBe('bf15be717ac1b080b4f1c456692825891ff5073d');
});

describe('the render cache file', () => {
  test('the environments\' models of one manifest are kept once (the others by "like" and their namespace), and read back equal, sharing their parts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-cache-'));
    const key = { code: 'c', settings: DEFAULT_SETTINGS, tasksDir: '/t', outDir: dir };
    const dev = { kind: 'job', name: 'etl', namespace: 'data-dev', env: [{ name: 'A', value: '1' }], labels: { app: 'etl' } } as unknown as Task;
    const prod = { ...dev, namespace: 'data-prod' } as Task;
    const staging = dev;
    const other = { ...dev, env: [{ name: 'A', value: '2' }], namespace: 'data-prod' } as Task;
    const source = (environment: string, task: Task, manifest = 'etl/manifest.json'): TaskSource =>
      ({ task, environment, manifest, cacheKey: `${environment}:${manifest}`, textHash: `h-${environment}`, origin: 'tasks/etl/manifest.json' }) as unknown as TaskSource;
    const tasks = [source('dev', dev), source('prod', prod), source('staging', staging), source('prod', other, 'other/manifest.json')];
    RenderCache.open(dir, key).save(tasks, tasks.map((t) => ({ path: `${t.environment}/${t.task.name}.k8s.yaml`, content: 'x' })));
    const [file] = fs.readdirSync(dir);
    const entries = JSON.parse(fs.readFileSync(path.join(dir, file!), 'utf8').split('\n')[1]!);
    expect(Object.keys(entries)).toEqual(['dev:etl/manifest.json', 'prod:etl/manifest.json', 'staging:etl/manifest.json', 'prod:other/manifest.json']);
    expect(entries['prod:etl/manifest.json']).toEqual({ textHash: 'h-prod', like: 'dev:etl/manifest.json', namespace: 'data-prod', contentHash: expect.any(String) });
    expect(entries['staging:etl/manifest.json']).toMatchObject({ like: 'dev:etl/manifest.json', namespace: 'data-dev' });
    expect(entries['prod:other/manifest.json'].task).toEqual(JSON.parse(JSON.stringify(other)));

    const read = RenderCache.open(dir, key);
    for (const t of tasks) expect(JSON.stringify(read.task(t.cacheKey, t.textHash))).toBe(JSON.stringify(t.task));
    const readDev = read.task('dev:etl/manifest.json', 'h-dev')!;
    expect(read.task('staging:etl/manifest.json', 'h-staging')).toBe(readDev);
    expect(read.task('prod:etl/manifest.json', 'h-prod')!.env).toBe(readDev.env);
    expect(read.task('prod:etl/manifest.json', 'h-other')).toBeUndefined();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
