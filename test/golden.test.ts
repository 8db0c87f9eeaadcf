import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_SETTINGS } from '../lib/settings';
import { synthesize } from '../lib/synth';
import { expectValidKubernetesObjects } from './support/kube-schema';

const root = path.join(__dirname, '..');
const result = synthesize({ tasksDir: path.join(root, 'tasks'), settings: DEFAULT_SETTINGS, cwd: root });

describe('the example tasks', () => {
  test('synthesize with one warning: the seed\'s flask image has no tag', () => {
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}: ${d.path}`)).toEqual([
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

  test('the committed dist/ is exactly what synth writes', () => {
    const dist = path.join(root, 'dist');
    const committed = (dir: string, prefix = ''): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? committed(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
    expect(committed(dist).sort()).toEqual(result.files.map((f) => f.path));
    for (const file of result.files) expect(fs.readFileSync(path.join(dist, file.path), 'utf8')).toBe(file.content);
  });
});
