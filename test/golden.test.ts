import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_SETTINGS } from '../lib/project-settings';
import { synthesize } from './support/render-stage';
import { expectValidKubernetesObjects } from './support/kube-schema';

/*
 * The seed's example tasks, as fixtures of the tool's own: the repository's
 * tasks/ belongs to the team that uses it (adding, editing or removing a task
 * there must never fail these tests). CI checks the team's tasks/ against the
 * committed dist/ with `npm run check` (.ci/run).
 */
const root = path.join(__dirname, 'fixtures', 'seed');
const result = synthesize({ tasksDir: path.join(root, 'tasks'), settings: DEFAULT_SETTINGS, cwd: root });

describe('the example tasks', () => {
  test('synthesize with two warnings: the seed\'s flask image has no tag, and its published service no readiness probe', () => {
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}: ${d.path}`)).toEqual([
      'tasks/app-flask/manifest.json:4:19 warning: published',
      'tasks/app-flask/manifest.json:9:21 warning: image-source',
    ]);
    expect(result.files.map((f) => f.path)).toEqual([
      'default/app-flask.k8s.yaml',
      'default/gstogs-daily.k8s.yaml',
      'default/gstogs.k8s.yaml',
      'default/metrics-api.k8s.yaml',
      'default/subscriber-launch-pipeline.k8s.yaml',
    ]);
  });

  // One golden snapshot per example task: review changes to these like code.
  test.each(result.files.map((f) => [f.path, f.content]))('%s', (_path, content) => {
    expect(content).toMatchSnapshot();
    const objects = parseAllDocuments(content, { version: '1.1' }).map((d) => d.toJS());
    expectValidKubernetesObjects(objects);
  });
});
