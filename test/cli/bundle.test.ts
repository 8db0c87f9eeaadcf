import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../lib/project-settings';
import { synthesize } from '../support/render-stage';
import { Workspace } from '../support/workspace';

/*
 * What `npm run synth` and `cdk8s synth` run: bin/datatask.js, which starts
 * build/app.js (main.ts bundled by `npm run build`, which `npm ci` runs).
 */
const root = path.join(__dirname, '../..');
const CLI_ENTRY = 'bin/datatask.js';
const APP_BUNDLE = 'build/app.js';

test('bin/datatask.js writes what the library renders from the seed fixtures', () => {
  const fixtures = path.join(root, 'test/fixtures/seed');
  const ws = new Workspace();
  try {
    const out = path.join(ws.root, 'out');
    const run = spawnSync(process.execPath, [path.join(root, CLI_ENTRY), 'synth', '--tasks', 'tasks', '--out', out], { cwd: fixtures, encoding: 'utf8' });
    expect(run.stderr).toMatch(/^5 tasks \(1 job, 1 cron job, 1 deployment, 2 services\) → .*: 5 written, 0 unchanged, 0 pruned, 2 warning\(s\) in \d+\.\d\d s$/m);
    expect(run.status).toBe(0);
    const expected = synthesize({ tasksDir: path.join(fixtures, 'tasks'), settings: DEFAULT_SETTINGS, cwd: fixtures });
    expect(ws.files('out')).toEqual(Object.fromEntries(expected.files.map((f) => [f.path, f.content])));
  } finally {
    ws.remove();
  }
});

test('without build/ (npm ci --ignore-scripts), the command says to run the build instead of "Cannot find module"', () => {
  const ws = new Workspace();
  try {
    // An installed copy of the command without its build and without sources to build from.
    fs.mkdirSync(path.join(ws.root, 'bin'));
    fs.copyFileSync(path.join(root, CLI_ENTRY), path.join(ws.root, CLI_ENTRY));
    const run = spawnSync(process.execPath, [path.join(ws.root, CLI_ENTRY), 'synth'], { cwd: ws.root, encoding: 'utf8' });
    expect(run.stderr).toBe(`error: ${path.join(ws.root, APP_BUNDLE)} is missing: run \`npm run build\` in ${ws.root}\n`);
    expect(run.status).toBe(2);
  } finally {
    ws.remove();
  }
});

test('the bundle is ASCII, so node reads it without decoding UTF-8', () => {
  const bytes = fs.readFileSync(path.join(root, APP_BUNDLE));
  expect(bytes.filter((b) => b > 0x7f).length).toBe(0);
});

test('the app bundles zod once, as ES modules (a CommonJS require of zod would add its second copy, locales included)', () => {
  const bundle = fs.readFileSync(path.join(root, APP_BUNDLE), 'utf8');
  // esbuild names each bundled module in a comment above its code.
  const zodModules = [...bundle.matchAll(/^\s*\/\/ (node_modules\/zod\/\S+)$/gm)].map((m) => m[1]!);
  expect(zodModules.length).toBeGreaterThan(10);
  expect(zodModules.filter((m) => !m.endsWith('.js'))).toEqual([]);
  expect(zodModules.filter((m) => /\/locales\/(?!en\.js$|index\.js$)/.test(m))).toEqual([]);
});
