import * as path from 'node:path';
import { imageBuilds } from '../../lib/output/image-plan';
import { DEFAULT_SETTINGS } from '../../lib/project-settings';
import { synthesize } from '../support/render-stage';

test('the build plan lists every image-destination task of the seed examples, with its folder and Dockerfile', () => {
  const root = path.join(__dirname, '../fixtures/seed');
  const result = synthesize({ tasksDir: path.join(root, 'tasks'), settings: DEFAULT_SETTINGS, cwd: root });
  expect(imageBuilds(result.tasks)).toEqual([
    { task: 'default/gstogs-daily', context: 'tasks/gstogs-daily', dockerfile: 'tasks/gstogs-daily/Dockerfile', tag: 'gcr.io/affini-tech-datalab/gs_to_gs:0.1' },
    { task: 'default/gstogs', context: 'tasks/gstogs', dockerfile: 'tasks/gstogs/Dockerfile', tag: 'gcr.io/affini-tech-datalab/gs_to_gs:0.1' },
    { task: 'default/subscriber-launch-pipeline', context: 'tasks/subscriber-launch-pipeline', dockerfile: 'tasks/subscriber-launch-pipeline/Dockerfile', tag: 'gcr.io/datataskio/launch_pipeline:0.2' },
  ]);
});
