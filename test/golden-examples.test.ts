import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_SETTINGS } from '../lib/project-settings';
import { synthesize } from './support/render-stage';
import { expectValidKubernetesObjects } from './support/kube-schema';

/*
 * Example tasks of the workload fields (env-from, probes, identity, run controls; issue 11), as fixtures of the
 * tool's own beside the seed's (test/golden.test.ts): a published service
 * with a readiness probe, a secret env var and a service account; a cron job
 * with a time zone, concurrency-policy Forbid and a deadline. The same tasks
 * are in the repository's tasks/ as examples.
 */
const root = path.join(__dirname, 'fixtures', 'examples');
const result = synthesize({ tasksDir: path.join(root, 'tasks'), settings: DEFAULT_SETTINGS, cwd: root });

describe('the example tasks of the workload fields', () => {
  test('synthesize without a diagnostic', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((f) => f.path)).toEqual(['default/orders-api.k8s.yaml', 'default/orders-export.k8s.yaml']);
  });

  // One golden snapshot per example task: review changes to these like code.
  test.each(result.files.map((f) => [f.path, f.content]))('%s', (_path, content) => {
    expect(content).toMatchSnapshot();
    const objects = parseAllDocuments(content, { version: '1.1' }).map((d) => d.toJS());
    expectValidKubernetesObjects(objects);
  });
});
