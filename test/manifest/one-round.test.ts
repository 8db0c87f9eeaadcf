import { formatDiagnostic } from '../../lib/diagnostics/diagnostic';
import { DEFAULT_SETTINGS } from '../../lib/project-settings';
import { synthesize } from '../support/render-stage';
import { Workspace } from '../support/workspace';

/*
 * Every problem of every file in one run (issue 18): a manifest with an
 * error still gets the warnings of its valid fields, sorted by place with
 * its errors; a warning about a field that has an error (and so was left
 * out) is not made up.
 */
test('an unknown field and a literal DB_PASSWORD: the error and the secret warning in one run', () => {
  const ws = new Workspace();
  ws.task('etl/manifest.json', '{\n  "type": "job", "name": "etl", "labels": "app:etl", "image-source": "busybox:1.36",\n  "bogus": 1,\n  "env": [{"name": "DB_PASSWORD", "value": "hunter2"}],\n  "cpu-limit": "200"\n}\n');
  const result = synthesize({ tasksDir: `${ws.root}/tasks`, settings: DEFAULT_SETTINGS, cwd: ws.root });
  expect(result.diagnostics.map((d) => formatDiagnostic(d).split('\n')[0])).toEqual([
    'tasks/etl/manifest.json:3:3 error: bogus: unknown field',
    expect.stringMatching(/^tasks\/etl\/manifest.json:4:44 warning: env\[0\]\.value: DB_PASSWORD looks like a secret, and its value is written in plain text/),
    expect.stringMatching(/^tasks\/etl\/manifest.json:5:16 warning: cpu-limit: /),
  ]);
  ws.remove();
});

test('a probe with an error gets no "no readiness probe" warning (the field is there, only wrong)', () => {
  const ws = new Workspace();
  ws.task('web/manifest.json', JSON.stringify({ type: 'service', name: 'web', labels: 'app:web', 'image-source': 'busybox:1.36', 'name-port': 'http', 'container-port': 8080, published: { prefix: '/web/', access: 'dev' }, 'readiness-probe': 42 }, null, 2));
  const result = synthesize({ tasksDir: `${ws.root}/tasks`, settings: DEFAULT_SETTINGS, cwd: ws.root });
  expect(result.diagnostics.map((d) => `${d.severity}: ${d.path}`)).toEqual(['error: readiness-probe']);
  ws.remove();
});
