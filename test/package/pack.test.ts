import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/*
 * The packed project (`npm pack`), used from a scratch cdk8s app: installed
 * as npm would (the tarball unpacked into node_modules/datatask-cdk8s), its
 * dependencies linked from this checkout's node_modules rather than
 * downloaded, so that the test stays fast and offline.
 */
const root = path.join(__dirname, '../..');
let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-pack-'));
  // --ignore-scripts: `prepare` would rebuild; the build of this checkout is what gets packed.
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' })) as [{ filename: string }];
  const installed = path.join(scratch, 'node_modules', 'datatask-cdk8s');
  fs.mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['xzf', path.join(scratch, filename), '-C', installed, '--strip-components=1']);
  const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dependency of Object.keys(pkg.dependencies)) {
    fs.mkdirSync(path.dirname(path.join(scratch, 'node_modules', dependency)), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules', dependency), path.join(scratch, 'node_modules', dependency));
  }
}, 60_000);
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('a scratch cdk8s app imports TaskChart from the package, runs a hook on it and synthesizes; zod is not loaded', () => {
  fs.writeFileSync(
    path.join(scratch, 'main.js'),
    `const { App, ApiObject } = require('cdk8s');
const { TaskChart } = require('datatask-cdk8s');
/** @type {import('datatask-cdk8s').Customize} */
const teamLabel = (chart) => {
  for (const c of chart.node.findAll()) if (c instanceof ApiObject) c.metadata.addLabel('example.com/team', 'data');
};
const app = new App({ outdir: 'dist' });
const task = { kind: 'job', name: 'load', namespace: 'data', labels: { app: 'load' }, image: 'busybox:1.36', imageBuilt: false,
  imagePullPolicy: 'Always', env: [], command: ['true'], resources: { requests: {}, limits: {} }, volumes: [], tolerations: [], nodeSelector: {} };
teamLabel(new TaskChart(app, 'load', { task }));
app.synth();
process.stdout.write(JSON.stringify({ zod: Object.keys(require.cache).some((k) => k.includes('/zod/')) }));
`,
  );
  const run = spawnSync(process.execPath, ['main.js'], { cwd: scratch, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual({ zod: false });
  const yaml = fs.readFileSync(path.join(scratch, 'dist', 'load.k8s.yaml'), 'utf8');
  expect(yaml).toContain('kind: Job');
  expect(yaml).toContain('example.com/team: data');
});

test('the package holds its declarations, the CLI and the bundle, and no tests or sources', () => {
  const installed = path.join(scratch, 'node_modules', 'datatask-cdk8s');
  for (const file of ['build/lib/index.d.ts', 'build/lib/index.js', 'build/app.js', 'bin/datatask.js', 'schemas/kubernetes-1.27-definitions.json']) {
    expect({ file, present: fs.existsSync(path.join(installed, file)) }).toEqual({ file, present: true });
  }
  for (const folder of ['test', 'lib', 'tasks', 'dist']) expect({ folder, present: fs.existsSync(path.join(installed, folder)) }).toEqual({ folder, present: false });
  expect(fs.readFileSync(path.join(installed, 'build/lib/index.d.ts'), 'utf8')).toContain('TaskChart');
});
