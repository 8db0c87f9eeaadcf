import { Workspace } from '../support/workspace';

/*
 * A new task whose labels a deployed task's selector matches (issue 18): the
 * error lands on the new task, where a fix is possible; the deployed
 * Deployment's spec.selector is immutable (apps/v1 ValidateDeploymentUpdate).
 */
const deployment = (name: string, labels: string) => ({ type: 'deployment', name, labels, 'image-source': 'busybox:1.36' });

test('a new worker matched by a deployed selector: the error is at the new task, the deployed selector related', () => {
  const ws = new Workspace();
  ws.task('pipeline/manifest.json', deployment('subscriber-launch-pipeline', 'app:subscriber-etl'));
  expect(ws.run().code).toBe(0);
  ws.task('worker/manifest.json', deployment('queue-worker', 'app:subscriber-etl,role:worker'));
  const { code, stderr } = ws.run();
  expect(code).toBe(1);
  const errors = stderr.split('\n').filter((l) => / error: /.test(l));
  expect(errors).toEqual([
    'tasks/worker/manifest.json:4:13 error: labels: the pods of this task would be taken over by task "subscriber-launch-pipeline", whose selector app=subscriber-etl matches them; task "subscriber-launch-pipeline" is deployed and a Deployment\'s selector cannot change (spec.selector is immutable), so change this task\'s labels: use other values for app',
  ]);
  expect(stderr).toContain('tasks/pipeline/manifest.json:4:13 note: the selector of task "subscriber-launch-pipeline", deployed');
  ws.remove();
});

test('neither deployed: the error stays at the selecting task', () => {
  const ws = new Workspace();
  ws.task('pipeline/manifest.json', deployment('subscriber-launch-pipeline', 'app:subscriber-etl'));
  ws.task('worker/manifest.json', deployment('queue-worker', 'app:subscriber-etl,role:worker'));
  expect(ws.run().stderr.split('\n').filter((l) => / error: /.test(l))).toEqual([
    'tasks/pipeline/manifest.json:4:13 error: labels: selector app=subscriber-etl also matches the pods of task "queue-worker"; add a label that tells them apart',
  ]);
  ws.remove();
});
