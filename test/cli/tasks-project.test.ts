import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../lib/cli/cli';
import { tasksProject } from '../../lib/cli/project';

/*
 * The checkout's command run from another tasks repository (a folder
 * outside the checkout that holds datatask.settings.json or tasks/) works
 * on that repository: its tasks, settings and dist/, not the checkout's
 * examples. From inside the checkout, or anywhere else, the checkout.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-project-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const checkout = path.join(work, 'datatask-cdk8s');
const team = path.join(work, 'team');
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};
write(path.join(checkout, 'package.json'), '{}\n');
write(path.join(checkout, 'tasks', 'example', 'manifest.json'), JSON.stringify({ type: 'job', name: 'example', labels: 'app:example', 'image-source': 'busybox:1.36' }));
write(path.join(team, 'tasks', 'etl', 'manifest.json'), JSON.stringify({ type: 'job', name: 'etl', labels: 'app:etl', 'image-source': 'busybox:1.36' }));
fs.mkdirSync(path.join(team, 'docs'));
fs.mkdirSync(path.join(work, 'elsewhere'));
const main = path.join(checkout, 'main.ts');

test.each([
  ['the team repository', team, team],
  ['a folder inside the team repository', path.join(team, 'docs'), team],
  ['the checkout', checkout, checkout],
  ['a folder inside the checkout', path.join(checkout, 'tasks'), checkout],
  ['a folder of neither', path.join(work, 'elsewhere'), checkout],
])('from %s', (_, cwd, expected) => {
  expect(tasksProject(main, cwd)).toBe(expected);
});

test('synth run from the team repository writes its dist/ from its tasks/', () => {
  let stderr = '';
  const code = runCli(['synth'], { main, customize: [] }, { cwd: team, env: {}, stdout: () => undefined, stderr: (t) => (stderr += t), renderCache: false });
  expect({ code, stderr: stderr.replace(/ in [\d.]+ s/, '') }).toEqual({ code: 0, stderr: '1 task (1 job) → dist: 1 written, 0 unchanged, 0 pruned\n' });
  expect(fs.readdirSync(path.join(team, 'dist', 'default'))).toEqual(['etl.k8s.yaml']);
  expect(fs.existsSync(path.join(checkout, 'dist'))).toBe(false);
});
