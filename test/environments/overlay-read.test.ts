import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatDiagnostic } from '../../lib/diagnostics/diagnostic';
import { loadTasks } from '../../lib/manifest/load-tasks';
import { readSettings } from '../../lib/settings-file';

/*
 * An overlay is read as a manifest is (lib/manifest/read.ts): a symbolic
 * link is followed only inside the tasks folder. Whether an overlay is a
 * link is asked with lstat (lib/environments/environment-tasks.ts).
 */
const JOB = '{\n  "type": "job",\n  "name": "etl",\n  "labels": "app:etl",\n  "image-source": "busybox:1.36"\n}\n';

function load(link: (dir: string) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-overlay-read-'));
  fs.writeFileSync(path.join(dir, 'datatask.settings.json'), JSON.stringify({ environments: { dev: {}, prod: {} } }));
  fs.mkdirSync(path.join(dir, 'tasks', 'etl'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'tasks', 'etl', 'manifest.json'), JOB);
  link(dir);
  const read = readSettings(path.join(dir, 'datatask.settings.json'));
  return { dir, loaded: loadTasks({ tasksDir: path.join(dir, 'tasks'), settings: read.settings!, environments: read.environments, cwd: dir }) };
}

test('an overlay that is a symbolic link out of the tasks folder is refused, naming its target', () => {
  const { dir, loaded } = load((d) => {
    fs.writeFileSync(path.join(d, 'outside.json'), '{"replicas": 2}');
    fs.symlinkSync(path.join(d, 'outside.json'), path.join(d, 'tasks', 'etl', 'manifest.prod.json'));
  });
  expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([
    `tasks/etl/manifest.prod.json:1:1 error: [prod] the overlay is a symbolic link to ${fs.realpathSync(path.join(dir, 'outside.json'))}, outside the tasks folder; copy the manifest into the task folder instead`,
  ]);
  expect(loaded.tasks.map((t) => t.environment)).toEqual(['dev']);
});

test('an overlay that is a symbolic link inside the tasks folder is read', () => {
  const { loaded } = load((d) => {
    fs.mkdirSync(path.join(d, 'tasks', 'shared'));
    fs.writeFileSync(path.join(d, 'tasks', 'shared', 'cpu.json'), '{"cpu-limit": "2"}');
    fs.symlinkSync(path.join('..', 'shared', 'cpu.json'), path.join(d, 'tasks', 'etl', 'manifest.prod.json'));
  });
  expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
  expect(loaded.tasks.map((t) => [t.environment, t.task.resources.limits.cpu])).toEqual([['dev', undefined], ['prod', '2']]);
});
