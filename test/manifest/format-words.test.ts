import { diagnostics } from '../support/render';

/*
 * Words of the seed format and of peer tools get a hint to this format's
 * field or value (issue 18). Each message pinned with its line and column.
 */
const base = '"labels": "app:x", "name": "x", "image-source": "busybox:1.36"';
const one = (fields: string) => diagnostics(`{${base}, ${fields}}`).map((d) => d.split('\n')[0]);

test.each([
  ['"type": "job", "health-check": "/healthz"', 'tasks/t/manifest.json:1:81 error: health-check: unknown field (this format calls it "readiness-probe" (traffic waits for it) or "liveness-probe" (restarts when it fails))'],
  ['"type": "job", "retries": 3', 'tasks/t/manifest.json:1:81 error: retries: unknown field (this format calls it "backoff-limit" (how many times a failed job is retried))'],
  ['"type": "job", "command": ["echo"]', 'tasks/t/manifest.json:1:81 error: command: unknown field (this format calls it "cmd" (the container command, a list of strings))'],
])('%s: an unknown field of another tool points at this format\'s', (fields, message) => {
  expect(one(fields)).toEqual([message]);
});

test('"type": "cronjob" (the format\'s own word for a scheduled job) says to write "job" with a schedule', () => {
  expect(one('"type": "CronJob"')).toEqual([
    'tasks/t/manifest.json:1:74 error: type: expected "job", "deployment" or "service", found "CronJob" (a scheduled job is "type": "job" with a "schedule")',
  ]);
});

test('labels written as an object are shown the "key:value" form built from them', () => {
  expect(diagnostics('{"type": "job", "name": "x", "image-source": "busybox:1.36", "labels": {"app": "etl", "team": "data"}}').map((d) => d.split('\n')[0])).toEqual([
    'tasks/t/manifest.json:1:72 error: labels: expected a string, found an object (labels are one string of "key:value" pairs: write "app:etl,team:data")',
  ]);
});

test('"cpu-limit": 500 shows both readings: 500 millicores or 500 cores', () => {
  expect(one('"type": "job", "cpu-limit": 500')).toEqual([
    'tasks/t/manifest.json:1:94 error: cpu-limit: expected a string, found 500 (a quantity is a string: write "500m" for 500 millicores, or "500" for 500 cores)',
  ]);
});

test('a word that is a property of every object ("constructor") gets no hint of the tables', () => {
  expect(diagnostics(JSON.stringify({ type: 'constructor', name: 'x', labels: 'app:x', 'image-source': 'busybox:1.36', constructor: 1 })).map((d) => d.split('\n')[0])).toEqual([
    'tasks/t/manifest.json:1:9 error: type: expected "job", "deployment" or "service", found "constructor"',
    'tasks/t/manifest.json:1:81 error: constructor: unknown field',
  ]);
});
