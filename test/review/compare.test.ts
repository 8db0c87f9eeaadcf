import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readSettings } from '../../lib/settings-file';
import { renderStage } from '../../lib/synth';
import { expectValidKubernetesObjects } from '../support/kube-schema';
import { job, Workspace } from '../support/workspace';
import { COMPARE_FIXTURE, runInFixture } from './fixture-cli';

/*
 * `datatask compare --from ENV --to ENV` (issue 16, SPEC "Environments":
 * "a command shows, task by task, how two environments differ, in words,
 * as review does; values of secret-looking variables never printed"), on
 * the three-environment fixture test/fixtures/environments-compare:
 * dev (namespace data-dev, its own Mapping host, web public), staging (the
 * shared settings), prod (Argo CD replaces Jobs; overlays of etl and web);
 * dev-tools runs in dev only; report is the same in staging and prod.
 */

const ROOT = COMPARE_FIXTURE;
const compare = (...argv: string[]) => runInFixture(ROOT, 'compare', ...argv);

const HEADER = (from: string, to: string) => `How the tasks of ${to} differ from those of ${from} (values of variables whose names look like secrets are not shown)\n`;

/** What prod's overlay of etl and the prod settings change, whichever environment it is compared from (dev and staging have the same etl but the namespace). */
const ETL_IN_PROD =
  '  env DB_NAME: "dev_etl_pipeline" → "etl_pipeline"\n' +
  '  env DB_PASSWORD: value changed (not shown)\n' +
  '  env API_TOKEN: from Secret etl-api key dev → from Secret etl-api key prod\n' +
  '  env LOG_LEVEL removed (was "debug")\n' +
  '  cpu limit: 500m → 1\n' +
  '  Job/etl in data: annotation argocd.argoproj.io/sync-options: "Force=true,Replace=true" added\n';

test('every rendered object of the fixture passes the strict Kubernetes 1.27 schemas', () => {
  const read = readSettings(path.join(ROOT, 'datatask.settings.json'));
  const result = renderStage({ tasksDir: path.join(ROOT, 'tasks'), settings: read.settings!, environments: read.environments, cwd: ROOT });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.files.map((f) => f.path)).toHaveLength(10);
  for (const file of result.files) expectValidKubernetesObjects(parseAllDocuments(file.content).map((d) => d.toJS()));
});

test('dev to prod: the namespace, every differing field in words, a task of dev only, the count line', () => {
  expect(compare('--from', 'dev', '--to', 'prod')).toEqual({
    code: 0,
    stderr: '',
    stdout:
      HEADER('dev', 'prod') +
      '\n' +
      'dev-tools (deployment, tasks/dev-tools/manifest.json): only in dev, in namespace data-dev\n' +
      '\n' +
      'etl (job, tasks/etl/manifest.json)\n' +
      '  namespace: data-dev → data\n' +
      ETL_IN_PROD +
      '\n' +
      'report (cron job, tasks/report/manifest.json)\n' +
      '  namespace: data-dev → data\n' +
      '\n' +
      'web (service, tasks/web/manifest.json)\n' +
      '  namespace: data-dev → data\n' +
      '  replicas: 1 → 3\n' +
      '  Mapping host: dev.data.example.com → data.example.com\n' +
      '  route data.example.com/web/ becomes private: access group analysts (was PUBLIC)\n' +
      '  route data.example.com/web/ target: web.data-dev:8080 → web.data:8080\n' +
      '\n' +
      'Tasks: 3 different, 1 only in dev, 0 only in prod, 0 the same\n',
  });
});

test('staging to prod: the same namespace is not mentioned, a task that is the same is counted, not listed', () => {
  expect(compare('--from', 'staging', '--to', 'prod').stdout).toBe(
    HEADER('staging', 'prod') +
      '\n' +
      'etl (job, tasks/etl/manifest.json)\n' +
      ETL_IN_PROD +
      '\n' +
      'web (service, tasks/web/manifest.json)\n' +
      '  replicas: 2 → 3\n' +
      '\n' +
      'Tasks: 2 different, 0 only in staging, 0 only in prod, 1 the same\n',
  );
});

test('each difference is said from --from to --to: the other way round, every arrow turns and dev-tools is only in the target', () => {
  const { stdout } = compare('--from', 'prod', '--to', 'dev', '--task', 'web', '--task', 'dev-tools');
  expect(stdout).toBe(
    HEADER('prod', 'dev') +
      '\n' +
      'dev-tools (deployment, tasks/dev-tools/manifest.json): only in dev, in namespace data-dev\n' +
      '\n' +
      'web (service, tasks/web/manifest.json)\n' +
      '  namespace: data → data-dev\n' +
      '  replicas: 3 → 1\n' +
      '  Mapping host: data.example.com → dev.data.example.com\n' +
      '  route dev.data.example.com/web/ becomes PUBLIC: bypass_auth skips the AuthService, anyone who reaches the gateway can call it (was access group analysts)\n' +
      '  route dev.data.example.com/web/ target: web.data:8080 → web.data-dev:8080\n' +
      '\n' +
      'Tasks: 1 different, 0 only in prod, 1 only in dev, 0 the same\n',
  );
});

test('the value of a secret-looking variable is never printed, in any format; other values are', () => {
  for (const format of ['text', 'markdown', 'json']) {
    const r = compare('--from', 'dev', '--to', 'prod', '--format', format);
    expect(r.code).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/dev-only-password|prod-password-do-not-print/);
    // Markdown escapes the underscores.
    expect(r.stdout.replace(/\\_/g, '_')).toMatch(/DB_PASSWORD: value changed \(not shown\)/);
    expect(r.stdout.replace(/\\_/g, '_')).toMatch(/dev_etl_pipeline/);
  }
});

test('--task narrows to the named tasks; the summary counts only them', () => {
  expect(compare('--from', 'staging', '--to', 'prod', '--task', 'report').stdout).toBe(`${HEADER('staging', 'prod')}\nTasks: 0 different, 0 only in staging, 0 only in prod, 1 the same\n`);
  expect(compare('--from', 'dev', '--to', 'staging', '--task', 'web').stdout).toBe(
    HEADER('dev', 'staging') +
      '\n' +
      'web (service, tasks/web/manifest.json)\n' +
      '  namespace: data-dev → data\n' +
      '  replicas: 1 → 2\n' +
      '  Mapping host: dev.data.example.com → data.example.com\n' +
      '  route data.example.com/web/ becomes private: access group analysts (was PUBLIC)\n' +
      '  route data.example.com/web/ target: web.data-dev:8080 → web.data:8080\n' +
      '\n' +
      'Tasks: 1 different, 0 only in dev, 0 only in staging, 0 the same\n',
  );
});

test('json: one object per task and line, the same ones included; each difference located at the value that causes it', () => {
  const lines = compare('--from', 'staging', '--to', 'prod', '--format', 'json').stdout.trim().split('\n').map((l) => JSON.parse(l));
  expect(lines).toEqual([
    {
      name: 'etl', manifest: 'tasks/etl/manifest.json', type: 'job', status: 'different',
      from: { environment: 'staging', namespace: 'data' }, to: { environment: 'prod', namespace: 'data' },
      differences: [
        { kind: 'change', message: 'env DB_NAME: "dev_etl_pipeline" → "etl_pipeline"', file: 'tasks/etl/manifest.prod.json', line: 3, column: 5, path: 'env[0]' },
        { kind: 'change', message: 'env DB_PASSWORD: value changed (not shown)', file: 'tasks/etl/manifest.prod.json', line: 4, column: 5, path: 'env[1]' },
        { kind: 'change', message: 'env API_TOKEN: from Secret etl-api key dev → from Secret etl-api key prod', file: 'tasks/etl/manifest.prod.json', line: 5, column: 5, path: 'env[2]' },
        // A variable the overlay deletes: no env item of prod renders it, so the list is the place.
        { kind: 'change', message: 'env LOG_LEVEL removed (was "debug")', file: 'tasks/etl/manifest.json', line: 7, column: 10, path: 'env' },
        { kind: 'change', message: 'cpu limit: 500m → 1', file: 'tasks/etl/manifest.prod.json', line: 8, column: 16, path: 'cpu-limit' },
        { kind: 'change', message: 'Job/etl in data: annotation argocd.argoproj.io/sync-options: "Force=true,Replace=true" added' },
      ],
    },
    { name: 'report', manifest: 'tasks/report/manifest.json', type: 'cron job', status: 'same', from: { environment: 'staging', namespace: 'data' }, to: { environment: 'prod', namespace: 'data' }, differences: [] },
    {
      name: 'web', manifest: 'tasks/web/manifest.json', type: 'service', status: 'different',
      from: { environment: 'staging', namespace: 'data' }, to: { environment: 'prod', namespace: 'data' },
      differences: [{ kind: 'change', message: 'replicas: 2 → 3', file: 'tasks/web/manifest.prod.json', line: 2, column: 15, path: 'replicas' }],
    },
  ]);
  const onlyDev = JSON.parse(compare('--from', 'dev', '--to', 'prod', '--format', 'json', '--task', 'dev-tools').stdout);
  expect(onlyDev).toEqual({ name: 'dev-tools', manifest: 'tasks/dev-tools/manifest.json', type: 'deployment', status: 'only-in-from', from: { environment: 'dev', namespace: 'data-dev' }, to: null, differences: [] });
});

test('markdown: a heading per task that differs, its differences as a list', () => {
  expect(compare('--from', 'staging', '--to', 'prod', '--task', 'web', '--task', 'report', '--format', 'markdown').stdout).toBe(
    '### datatask-cdk8s compare: staging → prod\n' +
      '\n' +
      'How the tasks of prod differ from those of staging (values of variables whose names look like secrets are not shown)\n' +
      '\n' +
      '#### `web` (service, `tasks/web/manifest.json`)\n' +
      '\n' +
      '- replicas: 2 → 3\n' +
      '\n' +
      '**Tasks: 1 different, 0 only in staging, 0 only in prod, 1 the same**\n',
  );
});

describe('usage errors: exit 2, one error line and where to look', () => {
  const SEE = '\n\nSee `datatask compare --help`.\n';
  test.each([
    [['--from', 'prd', '--to', 'dev'], 'error: --from "prd" is not a declared environment (did you mean "prod"?); the settings declare dev, prod, staging'],
    [['--from', 'dev', '--to', 'qa'], 'error: --to "qa" is not a declared environment; the settings declare dev, prod, staging'],
    [['--to', 'dev'], 'error: --from ENV is required: the settings declare the environments dev, prod, staging'],
    [['--from', 'prod', '--to', 'prod'], 'error: --from and --to are both "prod": compare says how one environment differs from another'],
    [['--from', 'dev', '--to', 'prod', '--task', 'wbe'], 'error: --task "wbe": no task of that name runs in dev or prod (did you mean "web"?); a task is named by its manifest\'s "name"'],
    [['--from', 'staging', '--to', 'prod', '--task', 'zzzzzz'], 'error: --task "zzzzzz": no task of that name runs in staging or prod; a task is named by its manifest\'s "name"'],
    // promote's <namespace>/<name> form: the name in it.
    [['--from', 'staging', '--to', 'prod', '--task', 'data/etl'], 'error: --task "data/etl": no task of that name runs in staging or prod (did you mean "etl"?); a task is named by its manifest\'s "name"'],
    [['--from', 'dev', '--to', 'prod', '--format', 'html'], 'error: --format must be one of text, markdown, json (found "html")'],
  ])('%j', (argv, message) => {
    expect(compare(...argv)).toEqual({ code: 2, stdout: '', stderr: `${message}${SEE}` });
  });

  test('a project without environments', () => {
    const ws = new Workspace().task('etl/manifest.json', job('etl'));
    try {
      expect(ws.run('compare', '--from', 'dev', '--to', 'prod')).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: compare compares environments, and the settings declare none (the "environments" setting of datatask.settings.json)${SEE}`,
      });
    } finally {
      ws.remove();
    }
  });
});

test('an invalid manifest or overlay: located errors on stderr, exit 1, nothing compared', () => {
  const ws = new Workspace()
    .write('datatask.settings.json', '{ "environments": { "dev": {}, "prod": {} } }\n')
    .task('etl/manifest.json', job('etl'))
    .task('etl/manifest.prod.json', '{\n  "backoff-limit": -1,\n  "memory-limit": "200MB"\n}\n');
  try {
    expect(ws.run('compare', '--from', 'dev', '--to', 'prod')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'tasks/etl/manifest.prod.json:2:20 error: [prod] backoff-limit: expected an integer ≥ 0, found -1 (tasks/etl/manifest.json:1:1)\n' +
        '  2 |   "backoff-limit": -1,\n' +
        '    |                    ^~\n' +
        'tasks/etl/manifest.json:1:1 note: the manifest this overlay changes\n' +
        '  1 | {\n' +
        '    | ^\n' +
        'tasks/etl/manifest.prod.json:3:19 error: [prod] memory-limit: "200MB" is not a Kubernetes quantity (did you mean "200M" or "200Mi"?) (tasks/etl/manifest.json:1:1)\n' +
        '  3 |   "memory-limit": "200MB"\n' +
        '    |                   ^~~~~~~\n' +
        'tasks/etl/manifest.json:1:1 note: the manifest this overlay changes\n' +
        '  1 | {\n' +
        '    | ^\n' +
        '2 error(s): nothing to compare\n',
    });
  } finally {
    ws.remove();
  }
});

test('--help: its options and what it exits with', () => {
  const { code, stdout } = compare('--help');
  expect(code).toBe(0);
  expect(stdout).toMatch(/^Usage: datatask compare \[options\] {6}\(npm run compare -- \[options\]\)\n/);
  for (const option of ['--from ENV', '--to ENV', '--task NAME', '--format FORMAT', '--tasks DIR', '--settings FILE']) expect(stdout).toContain(`  ${option}`);
  expect(stdout).toContain('Exit 2 without declared environments');
});

test('an object of one environment only, secret-looking variables added and removed, another Mapping apiVersion', () => {
  const ws = new Workspace()
    .write('datatask.settings.json', '{ "environments": { "dev": { "mapping": { "apiVersion": "v2" } }, "prod": {} } }\n')
    .task('api/manifest.json', {
      type: 'service', name: 'api', labels: 'app:api', 'image-source': 'busybox:1.36', 'name-port': 'http', 'container-port': 80,
      published: { prefix: '/api/', access: 'dev' },
      env: [{ name: 'SESSION_SECRET', value: 'do-not-print-1' }, { name: 'MODE', value: 'fast' }],
    })
    .task('api/manifest.prod.json', { env: [{ name: 'SESSION_SECRET', $patch: 'delete' }, { name: 'STRIPE_API_KEY', value: 'do-not-print-2' }, { name: 'MODE', valueFrom: { secretKeyRef: { name: 'api', key: 'mode' } } }] })
    .task('web/manifest.json', { type: 'service', name: 'web', labels: 'app:web', 'image-source': 'busybox:1.36', 'name-port': 'http', 'container-port': 80, published: { prefix: '/web/', access: 'dev' } })
    .task('web/manifest.prod.json', { published: null });
  try {
    expect(ws.run('compare', '--from', 'dev', '--to', 'prod')).toEqual({
      code: 0,
      stderr: '',
      stdout:
        HEADER('dev', 'prod') +
        '\n' +
        'api (service, tasks/api/manifest.json)\n' +
        '  env MODE: "fast" → from Secret api key mode\n' +
        '  env STRIPE_API_KEY added\n' +
        '  env SESSION_SECRET removed\n' +
        '  Mapping/api in default: apiVersion getambassador.io/v2 → getambassador.io/v3alpha1\n' +
        '\n' +
        'web (service, tasks/web/manifest.json)\n' +
        '  Mapping/web in default only in dev: published route /web/ → web.default:80, access group dev\n' +
        '\n' +
        'Tasks: 2 different, 0 only in dev, 0 only in prod, 0 the same\n',
    });
  } finally {
    ws.remove();
  }
});

test('which names look like secrets: a part of the name, split at anything but letters and digits, is a secret word', () => {
  const { looksLikeSecret } = require('../../lib/manifest/secret-name') as typeof import('../../lib/manifest/secret-name');
  const names = ['DB_PASSWORD', 'api-token', 'AWS_SECRET_ACCESS_KEY', 'svc.credentials', 'DB_NAME', 'MONKEY', 'KEYRING', 'LOG_LEVEL'];
  expect(names.filter(looksLikeSecret)).toEqual(['DB_PASSWORD', 'api-token', 'AWS_SECRET_ACCESS_KEY', 'svc.credentials']);
});

test('a pins file\'s error stops compare too, and the count does not call it a manifest\'s', () => {
  const ws = new Workspace()
    .write('datatask.settings.json', '{ "environments": { "dev": {}, "prod": {} } }\n')
    .task('etl/manifest.json', job('etl'));
  fs.mkdirSync(path.join(ws.root, 'pins/prod.json'), { recursive: true });
  try {
    const r = ws.run('compare', '--from', 'dev', '--to', 'prod');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pins\/prod\.json:1:1 error: the pins file is a folder, not a file\n/);
    expect(r.stderr).toMatch(/\n1 error\(s\): nothing to compare\n$/);
  } finally {
    ws.remove();
  }
});

test('manifest errors with --format json: one JSON line each on stdout, the count on stderr', () => {
  const ws = new Workspace()
    .write('datatask.settings.json', '{ "environments": { "dev": {}, "prod": {} } }\n')
    .task('etl/manifest.json', job('etl'))
    .task('etl/manifest.dev.json', '{\n  "backoff-limit": -1\n}\n');
  try {
    const r = ws.run('compare', '--from', 'dev', '--to', 'prod', '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('1 error(s): nothing to compare\n');
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ file: 'tasks/etl/manifest.dev.json', line: 2, column: 20, severity: 'error' })]);
  } finally {
    ws.remove();
  }
});

/** web in dev (namespace data-dev) and prod (default), whose prod overlay deletes LOG_LEVEL, env[1] in the manifest: MODE is env[1] in prod, env[2] in dev. */
function shiftedEnv(): Workspace {
  return new Workspace()
    .write('datatask.settings.json', '{ "environments": { "dev": { "namespace": "data-dev" }, "prod": {} } }\n')
    .task('web/manifest.json', {
      type: 'service', name: 'web', labels: 'app:web', 'image-source': 'busybox:1.36', 'name-port': 'http', 'container-port': 80, published: { prefix: '/web/', access: 'dev' },
      env: [{ name: 'A', value: 'a' }, { name: 'LOG_LEVEL', value: 'debug' }, { name: 'MODE', value: 'fast' }],
    })
    .task('web/manifest.prod.json', '{\n  "env": [\n    { "name": "LOG_LEVEL", "$patch": "delete" },\n    { "name": "MODE", "value": "slow" }\n  ]\n}\n');
}

test('json locations: an env item by its name in each environment, not by an index that an overlay deleting an item shifts', () => {
  const ws = shiftedEnv();
  try {
    const r = ws.run('compare', '--from', 'prod', '--to', 'dev', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).differences.filter((d: { message: string }) => d.message.startsWith('env '))).toEqual([
      // dev's env[1]; prod's env[1] is MODE, which its overlay sets at line 4: LOG_LEVEL is manifest.json's (Workspace writes it pretty-printed).
      { kind: 'change', message: 'env LOG_LEVEL added: "debug"', file: 'tasks/web/manifest.json', line: 17, column: 5, path: 'env[1]' },
      { kind: 'change', message: 'env MODE: "slow" → "fast"', file: 'tasks/web/manifest.prod.json', line: 4, column: 5, path: 'env[2]' },
    ]);
  } finally {
    ws.remove();
  }
});

test('a route target moved by the namespace setting is located at no manifest field (container-port only when the port differs)', () => {
  const ws = shiftedEnv();
  try {
    const r = ws.run('compare', '--from', 'prod', '--to', 'dev', '--format', 'json');
    expect(JSON.parse(r.stdout).differences.filter((d: { message: string }) => d.message.includes('target'))).toEqual([{ kind: 'change', message: 'route /web/ target: web.default:80 → web.data-dev:80' }]);
  } finally {
    ws.remove();
  }
});

test('a job in one environment and a cron job in the other (an overlay sets schedule): both types said, not the --to one alone', () => {
  const ws = new Workspace()
    .write('datatask.settings.json', '{ "environments": { "dev": {}, "prod": {} } }\n')
    .task('etl/manifest.json', job('etl'))
    .task('etl/manifest.prod.json', { schedule: '0 5 * * *' });
  try {
    const r = ws.run('compare', '--from', 'dev', '--to', 'prod');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\netl (job in dev, cron job in prod, tasks/etl/manifest.json)\n  CronJob/etl in default only in prod\n  Job/etl in default only in dev\n');
  } finally {
    ws.remove();
  }
});
