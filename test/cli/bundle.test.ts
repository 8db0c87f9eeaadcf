import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SYNTH_BUNDLE, SYNTH_CODE_CACHE, SYNTH_ENTRY } from '../../lib/cli/build-files';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { synthesize } from '../../lib/synth';
import { Workspace } from '../support/workspace';

/*
 * What `npm run synth` and `cdk8s synth` run: build/synth.js, the launcher,
 * which starts build/synth-app.js from its code cache build/synth-app.jsc
 * (all made by `npm run build`, which `npm ci` runs).
 */
const root = path.join(__dirname, '../..');

test('build/synth.js writes what the library renders from the seed fixtures', () => {
  const fixtures = path.join(root, 'test/fixtures/seed');
  const ws = new Workspace();
  try {
    const out = path.join(ws.root, 'out');
    const run = spawnSync(process.execPath, [path.join(root, SYNTH_ENTRY), '--tasks', 'tasks', '--out', out], { cwd: fixtures, encoding: 'utf8' });
    expect(run.stderr).toMatch(/^5 tasks \(1 job, 1 cron job, 1 deployment, 2 services\) → .*: 5 written, 0 unchanged, 0 pruned, 2 warning\(s\) in \d+\.\d\d s$/m);
    expect(run.status).toBe(0);
    const expected = synthesize({ tasksDir: path.join(fixtures, 'tasks'), settings: DEFAULT_SETTINGS, cwd: fixtures });
    expect(ws.files('out')).toEqual(Object.fromEntries(expected.files.map((f) => [f.path, f.content])));
  } finally {
    ws.remove();
  }
});

/** Whether V8 in a plain node process takes `cacheFile` for `app`, compiled the way the launcher does. */
function cacheAccepted(app: string, cacheFile: string): boolean {
  const launch = path.join(root, 'build/lib/cli/launch.js');
  const probe = `process.stdout.write(String(require(${JSON.stringify(launch)}).compileApp(process.argv[1], process.argv[2]).accepted))`;
  const run = spawnSync(process.execPath, ['-e', probe, app, cacheFile], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return run.stdout === 'true';
}

test('the build made a code cache that this node accepts', () => {
  expect(fs.statSync(path.join(root, SYNTH_CODE_CACHE)).size).toBeGreaterThan(100_000);
  expect(cacheAccepted(path.join(root, SYNTH_BUNDLE), path.join(root, SYNTH_CODE_CACHE))).toBe(true);
});

test('the bundles are ASCII, so node reads them without decoding UTF-8', () => {
  for (const file of [SYNTH_ENTRY, SYNTH_BUNDLE]) {
    const bytes = fs.readFileSync(path.join(root, file));
    expect({ file, nonAscii: bytes.filter((b) => b > 0x7f).length }).toEqual({ file, nonAscii: 0 });
  }
});

test('the app bundles zod once, as ES modules (a CommonJS require of zod would add its second copy, locales included)', () => {
  const bundle = fs.readFileSync(path.join(root, SYNTH_BUNDLE), 'utf8');
  // esbuild names each bundled module in a comment above its code.
  const zodModules = [...bundle.matchAll(/^\s*\/\/ (node_modules\/zod\/\S+)$/gm)].map((m) => m[1]!);
  expect(zodModules.length).toBeGreaterThan(10);
  expect(zodModules.filter((m) => !m.endsWith('.js'))).toEqual([]);
  expect(zodModules.filter((m) => /\/locales\/(?!en\.js$|index\.js$)/.test(m))).toEqual([]);
});

describe('a missing or rejected code cache', () => {
  let ws: Workspace;
  let reference: Record<string, string>;
  beforeAll(() => {
    ws = new Workspace().task('data/load/manifest.json', { type: 'job', name: 'load', 'image-source': 'busybox:1.36', cmd: ['true'], labels: 'app:load' });
    reference = (ws.run('--out', 'reference'), ws.files('reference'));
  });
  afterAll(() => ws.remove());

  test.each([
    ['missing', undefined],
    ['from another build', 'not a V8 code cache'],
  ])('%s: the app runs as usual and writes a cache V8 accepts', (_, oldCache) => {
    const build = path.join(ws.root, 'build');
    for (const dir of [build, path.join(ws.root, 'out'), path.join(ws.root, 'node_modules')]) fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(build);
    for (const file of [SYNTH_ENTRY, SYNTH_BUNDLE]) fs.copyFileSync(path.join(root, file), path.join(ws.root, file));
    const cacheFile = path.join(ws.root, SYNTH_CODE_CACHE);
    if (oldCache !== undefined) fs.writeFileSync(cacheFile, oldCache);

    const run = spawnSync(process.execPath, [path.join(ws.root, SYNTH_ENTRY), '--out', 'out'], { cwd: ws.root, encoding: 'utf8' });
    expect(run.stderr).toMatch(/^1 task \(1 job\) → out: 1 written, 0 unchanged, 0 pruned in \d+\.\d\d s\n$/);
    expect(run.status).toBe(0);
    expect(ws.files('out')).toEqual(reference);
    expect(cacheAccepted(path.join(ws.root, SYNTH_BUNDLE), cacheFile)).toBe(true);
    expect(fs.readdirSync(build).sort()).toEqual(['synth-app.js', 'synth-app.jsc', 'synth.js']);
  });
});
