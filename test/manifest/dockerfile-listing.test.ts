import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic } from '../../lib/diagnostics/diagnostic';
import { loadTasks } from '../../lib/manifest/load-tasks';
import { DEFAULT_SETTINGS } from '../../lib/project-settings';
import { job, Workspace } from '../support/workspace';

/*
 * The "no Dockerfile" warning reads the task folder's listing made by the
 * discovery walk; a Dockerfile that is a symbolic link is checked on the file
 * system (fs.existsSync follows it), so both give the same answer.
 */
test('a Dockerfile file, folder or link to a file counts; a dangling link or none does not', () => {
  const ws = new Workspace();
  try {
    for (const name of ['file', 'folder', 'link', 'dangling', 'none']) {
      ws.task(`${name}/manifest.json`, job(name, { 'image-source': '', 'image-destination': `gcr.io/x/${name}:1` }));
    }
    const dir = (name: string) => path.join(ws.root, 'tasks', name);
    fs.writeFileSync(path.join(dir('file'), 'Dockerfile'), 'FROM scratch\n');
    fs.mkdirSync(path.join(dir('folder'), 'Dockerfile'));
    fs.symlinkSync('../file/Dockerfile', path.join(dir('link'), 'Dockerfile'));
    fs.symlinkSync('missing', path.join(dir('dangling'), 'Dockerfile'));
    const { diagnostics } = loadTasks({ tasksDir: path.join(ws.root, 'tasks'), settings: DEFAULT_SETTINGS, cwd: ws.root });
    expect(diagnostics.map((d) => formatDiagnostic(d).split('\n')[0])).toEqual([
      'tasks/dangling/manifest.json:6:24 warning: image-destination: there is no Dockerfile in tasks/dangling/; an image-destination is built from the task folder',
      'tasks/none/manifest.json:6:24 warning: image-destination: there is no Dockerfile in tasks/none/; an image-destination is built from the task folder',
    ]);
  } finally {
    ws.remove();
  }
});
