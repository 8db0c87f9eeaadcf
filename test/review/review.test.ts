import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../lib/cli/cli';
import { ManifestFields } from '../../lib/review/cause';
import { podTemplateChanges } from '../../lib/review/pod-template';
import { DEFAULT_SETTINGS } from '../../lib/project-settings';
import { service } from '../support/workspace';
import { BASE, writeTasks } from './fixtures';
import { ScratchRepo } from './scratch-repo';

// One scratch repository: the base commit holds the tasks of fixtures.ts and
// their dist/; each test changes the working tree, reviews, and puts it back.
let repo: ScratchRepo;
let short: string;
beforeAll(() => {
  repo = new ScratchRepo();
  writeTasks(repo);
  repo.commitBase();
  short = repo.git('rev-parse', '--short=7', 'base').trim();
});
afterEach(() => repo.reset());
afterAll(() => repo.remove());

const review = (...argv: string[]) => repo.review('--base', 'base', ...argv);
const heading = () => `Review of the tasks in the working tree against dist at base (${short})\n`;

test('a no-op change: nothing to say, exit 0', () => {
  const r = review();
  expect(r).toEqual({ code: 0, stderr: '', stdout: `${heading()}\nTasks: 0 changed, 0 added, 0 removed, 4 unchanged\n` });
});

test('relabelling a service: the Deployment selector is refused (exit 4), the Service selector is accepted', () => {
  writeTasks(repo, { web: { labels: 'app:web2' } });
  const text = review();
  expect(text.code).toBe(4);
  expect(text.stdout).toBe(
    heading() +
      '\n' +
      'changed default/web (service, tasks/web/manifest.json)\n' +
      "  REFUSED   tasks/web/manifest.json:2:13 labels: the API server will refuse to update Deployment/web in default: spec.selector is immutable (apps/v1) and the labels change it (app=web → app=web2), so Argo CD's sync fails. Delete the Deployment before the sync (kubectl delete deployment web -n default; its pods stop until the new ones run), or give the task a new name so that a new Deployment is created and this one pruned\n" +
      '  change    labels: app=web → app=web2\n' +
      "  change    Service/web in default selector: app=web → app=web2 is accepted (a Service's selector may change), so after the sync it matches none of the running pods, which keep the old labels: the service has no endpoints until its Deployment is recreated\n" +
      '\n' +
      'Tasks: 1 changed, 0 added, 0 removed, 3 unchanged; 1 change the API server will refuse\n',
  );
  const markdown = review('--format', 'markdown');
  expect(markdown.code).toBe(4);
  expect(markdown.stdout).toBe(
    '### datatask-cdk8s review\n' +
      '\n' +
      `${heading()}` +
      '\n' +
      '| task | type | status | refused | exposure | other changes |\n' +
      '|---|---|---|---:|---:|---:|\n' +
      '| `default/web` | service | changed | **1** | 0 | 2 |\n' +
      '\n' +
      '<details open><summary>changed <code>default/web</code> (service, <code>tasks/web/manifest.json</code>): <b>1 refused</b></summary>\n' +
      '\n' +
      "- **REFUSED** `tasks/web/manifest.json:2:13` `labels`: the API server will refuse to update Deployment/web in default: spec.selector is immutable (apps/v1) and the labels change it (app=web → app=web2), so Argo CD's sync fails. Delete the Deployment before the sync (kubectl delete deployment web -n default; its pods stop until the new ones run), or give the task a new name so that a new Deployment is created and this one pruned\n" +
      '- change labels: app=web → app=web2\n' +
      "- change Service/web in default selector: app=web → app=web2 is accepted (a Service's selector may change), so after the sync it matches none of the running pods, which keep the old labels: the service has no endpoints until its Deployment is recreated\n" +
      '\n' +
      '</details>\n' +
      '\n' +
      '**Tasks: 1 changed, 0 added, 0 removed, 3 unchanged; 1 change the API server will refuse**\n',
  );
});

test('editing a Job: its spec.template is immutable, refused (exit 4) at the first manifest field that changed it', () => {
  writeTasks(repo, { etl: { 'image-source': 'busybox:1.37', cmd: ['sh', '-c', 'echo again'] } });
  const r = review();
  expect(r.code).toBe(4);
  expect(r.stdout).toBe(
    heading() +
      '\n' +
      'changed default/etl (job, tasks/etl/manifest.json)\n' +
      "  REFUSED   tasks/etl/manifest.json:5:19 image-source: the API server will refuse to update Job/etl in default: a Job's spec.template is immutable (batch/v1) and this change edits it (image, command), so Argo CD's sync fails. Delete the Job before the sync (kubectl delete job etl -n default; Argo CD creates it again and it runs again), or turn on the argocd.replaceJobs setting so that Argo CD replaces, and so reruns, a changed Job\n" +
      '  change    image: busybox:1.36 → busybox:1.37\n' +
      '  change    command: [sh -c "echo run"] → [sh -c "echo again"]\n' +
      '\n' +
      'Tasks: 1 changed, 0 added, 0 removed, 3 unchanged; 1 change the API server will refuse\n',
  );
  expect(review('--format', 'github')).toEqual({
    code: 4,
    stdout:
      "::error file=tasks/etl/manifest.json,line=5,col=19,title=image-source::the API server will refuse to update Job/etl in default: a Job's spec.template is immutable (batch/v1) and this change edits it (image, command), so Argo CD's sync fails. Delete the Job before the sync (kubectl delete job etl -n default; Argo CD creates it again and it runs again), or turn on the argocd.replaceJobs setting so that Argo CD replaces, and so reruns, a changed Job\n",
    stderr: 'Tasks: 1 changed, 0 added, 0 removed, 3 unchanged; 1 change the API server will refuse\n',
  });
});

test('a Job whose backoff limit and args change: refused for the args only (ValidateJobSpecUpdate lets backoffLimit and activeDeadlineSeconds change)', () => {
  writeTasks(repo, { etl: { 'backoff-limit': 2, args: ['--x'] } });
  const r = review();
  expect(r.code).toBe(4);
  expect(r.stdout).toBe(
    heading() +
      '\n' +
      'changed default/etl (job, tasks/etl/manifest.json)\n' +
      "  REFUSED   tasks/etl/manifest.json:13:11 args: the API server will refuse to update Job/etl in default: a Job's spec.template is immutable (batch/v1) and this change edits it (args), so Argo CD's sync fails. Delete the Job before the sync (kubectl delete job etl -n default; Argo CD creates it again and it runs again), or turn on the argocd.replaceJobs setting so that Argo CD replaces, and so reruns, a changed Job\n" +
      '  change    backoff limit: (none) → 2\n' +
      '  change    args: (image default) → [--x]\n' +
      '\n' +
      'Tasks: 1 changed, 0 added, 0 removed, 3 unchanged; 1 change the API server will refuse\n',
  );
});

test('renaming a published service: its route goes to the new service, it does not answer 404', () => {
  writeTasks(repo, { web: { name: 'web2' } });
  const r = review();
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    heading() +
      '\n' +
      'removed default/web (service, was tasks/web/manifest.json)\n' +
      '  EXPOSURE  published route /web/ removed (was access group dev): it goes to web2.default:8080 instead (access group dev)\n' +
      '  delete    will delete Service/web in default\n' +
      '  delete    will delete Deployment/web in default\n' +
      '  delete    will delete Mapping/web in default\n' +
      '\n' +
      'added default/web2 (service, tasks/web/manifest.json)\n' +
      '  EXPOSURE  tasks/web/manifest.json:9:15 published.prefix: new published route /web/ → web2.default:8080, access group dev (it went to web.default:8080, access group dev)\n' +
      '  create    will create Service/web2 in default\n' +
      '  create    will create Deployment/web2 in default\n' +
      '  create    will create Mapping/web2 in default\n' +
      '\n' +
      'Tasks: 0 changed, 1 added, 1 removed, 3 unchanged; 2 exposure changes, 3 objects deleted\n',
  );
});

test('with argocd.replaceJobs, a changed Job is replaced and so rerun (exit 0)', () => {
  writeTasks(repo, { etl: { 'cpu-request': '0.2' } });
  repo.write('datatask.settings.json', '{ "argocd": { "replaceJobs": true } }\n');
  const r = review();
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    heading() +
      '\n' +
      'changed default/etl (job, tasks/etl/manifest.json)\n' +
      "  REPLACED  tasks/etl/manifest.json:11:18 cpu-request: Job/etl in default will be replaced and so rerun: Argo CD deletes it and creates it again (sync option Replace=true), because its spec.template changes (resources); a Job's spec.template is immutable (batch/v1)\n" +
      '  change    cpu request: 100m → 200m\n' +
      '  change    Job/etl in default: annotation argocd.argoproj.io/sync-options: "Force=true,Replace=true" added\n' +
      '\n' +
      'Tasks: 1 changed, 0 added, 0 removed, 3 unchanged; 1 Job replaced and so rerun\n',
  );
});

test('a Job whose metadata only changes (turning argocd.replaceJobs on) is accepted', () => {
  repo.write('datatask.settings.json', '{ "argocd": { "replaceJobs": true } }\n');
  const r = review('--format', 'json');
  expect(r.code).toBe(0);
  expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
    {
      namespace: 'default',
      name: 'etl',
      status: 'changed',
      type: 'job',
      manifest: 'tasks/etl/manifest.json',
      findings: [{ kind: 'change', message: 'Job/etl in default: annotation argocd.argoproj.io/sync-options: "Force=true,Replace=true" added' }],
    },
  ]);
  expect(r.stderr).toBe('Tasks: 1 changed, 0 added, 0 removed, 3 unchanged\n');
});

test('a CronJob is mutable: a new schedule and image are accepted and apply to the next runs', () => {
  writeTasks(repo, { nightly: { schedule: '0 6 * * *', 'image-source': 'busybox:1.37' } });
  const r = review();
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    heading() +
      '\n' +
      'changed default/nightly (cron job, tasks/nightly/manifest.json)\n' +
      '  change    schedule: "0 5 * * *" → "0 6 * * *"\n' +
      '  change    image: busybox:1.36 → busybox:1.37\n' +
      '  change    CronJob/nightly in default: the Jobs it creates from now on use the new template; a Job already running keeps the old one\n' +
      '\n' +
      'Tasks: 1 changed, 0 added, 0 removed, 3 unchanged\n',
  );
});

test('making a route public is an exposure change, annotated on the manifest line in the github format', () => {
  writeTasks(repo, { web: { published: { prefix: '/web/', bypass_auth: true } } });
  const text = review();
  expect(text.code).toBe(0);
  expect(text.stdout).toBe(
    heading() +
      '\n' +
      'changed default/web (service, tasks/web/manifest.json)\n' +
      '  EXPOSURE  tasks/web/manifest.json:10:20 published.bypass_auth: route /web/ becomes PUBLIC: bypass_auth skips the AuthService, anyone who reaches the gateway can call it (was access group dev)\n' +
      '\n' +
      'Tasks: 1 changed, 0 added, 0 removed, 3 unchanged; 1 exposure change\n',
  );
  const github = review('--format', 'github');
  expect(github.stdout).toBe(
    '::warning file=tasks/web/manifest.json,line=10,col=20,title=published.bypass_auth::route /web/ becomes PUBLIC: bypass_auth skips the AuthService, anyone who reaches the gateway can call it (was access group dev)\n',
  );
  expect(github.stderr).toBe('Tasks: 1 changed, 0 added, 0 removed, 3 unchanged; 1 exposure change\n');
});

test('another access group, and a new prefix, are exposure changes', () => {
  writeTasks(repo, { web: { published: { prefix: '/web2/', access: 'admin', timeout_ms: 9000 } } });
  const r = review();
  expect(r.stdout).toBe(
    heading() +
      '\n' +
      'changed default/web (service, tasks/web/manifest.json)\n' +
      '  EXPOSURE  tasks/web/manifest.json:9:15 published.prefix: new published route /web2/ (access group admin); /web/ is no longer routed and will answer 404\n' +
      '  EXPOSURE  tasks/web/manifest.json:10:15 published.access: route /web2/: access group dev → access group admin\n' +
      '  change    route /web2/ timeout: 6000 ms → 9000 ms\n' +
      '\n' +
      'Tasks: 1 changed, 0 added, 0 removed, 3 unchanged; 2 exposure changes\n',
  );
});

test('unpublishing deletes the Mapping; a new published task adds a route', () => {
  writeTasks(repo, { web: { published: {} } });
  repo.task('api/manifest.json', service('api', { published: { prefix: '/api/', access: 'data' } }));
  const r = review();
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    heading() +
      '\n' +
      'added default/api (service, tasks/api/manifest.json)\n' +
      '  EXPOSURE  tasks/api/manifest.json:9:15 published.prefix: new published route /api/ → api.default:8080, access group data\n' +
      '  create    will create Service/api in default\n' +
      '  create    will create Deployment/api in default\n' +
      '  create    will create Mapping/api in default\n' +
      '\n' +
      'changed default/web (service, tasks/web/manifest.json)\n' +
      '  EXPOSURE  tasks/web/manifest.json:8:16 published: published route /web/ removed (was access group dev): it will answer 404\n' +
      '  delete    will delete Mapping/web in default\n' +
      '\n' +
      'Tasks: 1 changed, 1 added, 0 removed, 3 unchanged; 2 exposure changes, 1 object deleted\n',
  );
});

test('deleting a task deletes each of its objects', () => {
  repo.removeTask('web');
  const r = review('--format', 'markdown');
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    '### datatask-cdk8s review\n' +
      '\n' +
      heading() +
      '\n' +
      '| task | type | status | refused | exposure | other changes |\n' +
      '|---|---|---|---:|---:|---:|\n' +
      '| `default/web` | service | removed | 0 | 1 | 3 |\n' +
      '\n' +
      '<details open><summary>removed <code>default/web</code> (service, was <code>tasks/web/manifest.json</code>): <b>1 exposure</b></summary>\n' +
      '\n' +
      '- **EXPOSURE** published route /web/ removed (was access group dev): it will answer 404\n' +
      '- delete will delete Service/web in default\n' +
      '- delete will delete Deployment/web in default\n' +
      '- delete will delete Mapping/web in default\n' +
      '\n' +
      '</details>\n' +
      '\n' +
      '**Tasks: 0 changed, 0 added, 1 removed, 3 unchanged; 1 exposure change, 3 objects deleted**\n',
  );
  // A removed task has no manifest: its annotation goes on its output file.
  expect(review('--format', 'github').stdout).toBe(
    '::warning file=dist/default/web.k8s.yaml,line=1,col=1,title=default/web::published route /web/ removed (was access group dev): it will answer 404\n',
  );
});

test('a new image and more replicas roll the Deployment out', () => {
  writeTasks(repo, { worker: { 'image-source': 'busybox:1.37', replicas: 3 } });
  expect(review().stdout).toBe(
    heading() +
      '\n' +
      'changed default/worker (deployment, tasks/worker/manifest.json)\n' +
      '  change    replicas: 1 → 3\n' +
      '  change    image: busybox:1.36 → busybox:1.37\n' +
      '  change    Deployment/worker in default rolls out new pods (its pod template changes)\n' +
      '\n' +
      'Tasks: 1 changed, 0 added, 0 removed, 3 unchanged\n',
  );
});

test('where a variable comes from is said (a value moved into a Secret, another key); the literal value is not', () => {
  writeTasks(repo, { web: { env: [{ name: 'MODE', valueFrom: { secretKeyRef: { name: 'web', key: 'mode' } } }] } });
  expect(review().stdout).toContain('  change    env MODE: a literal value (not shown) → from Secret web key mode\n');
  const template = (valueFrom: unknown) => ({ spec: { containers: [{ name: 'web', env: [{ name: 'MODE', valueFrom }] }] } });
  const changes = podTemplateChanges(
    template({ secretKeyRef: { name: 'web', key: 'mode' } }),
    template({ configMapKeyRef: { name: 'web', key: 'mode', optional: true } }),
    new ManifestFields(undefined, DEFAULT_SETTINGS),
    [undefined, undefined],
  );
  expect(changes.causes.map((c) => c.message)).toEqual(['env MODE: from Secret web key mode → from ConfigMap web key mode (optional)']);
});

test('environment values are never printed, in any format', () => {
  writeTasks(repo, { web: { env: [{ name: 'MODE', value: 'staging' }, { name: 'DB_PASSWORD', value: 'hunter2' }] } });
  const outputs = ['text', 'markdown', 'json', 'github'].map((format) => review('--format', format));
  for (const r of outputs) expect(`${r.stdout}${r.stderr}`).not.toMatch(/hunter2|staging|prod/);
  expect(outputs[0]!.stdout).toContain('  change    env MODE: value changed (not shown)\n  change    env DB_PASSWORD added\n');
});

test('a first deploy: the base has no output folder, every task is new', () => {
  const first = new ScratchRepo();
  try {
    first.write('README.md', 'tasks\n').commitBase(false);
    first.task('etl/manifest.json', BASE.etl);
    const r = first.review('--base', 'base');
    const commit = first.git('rev-parse', '--short=7', 'base').trim();
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout:
        `Review of the tasks in the working tree against dist at base (${commit}): dist does not exist there, so this is a first deploy and every task is new\n` +
        '\n' +
        'added default/etl (job, tasks/etl/manifest.json)\n' +
        '  create    will create Job/etl in default\n' +
        '\n' +
        'Tasks: 0 changed, 1 added, 0 removed, 0 unchanged\n',
    });
  } finally {
    first.remove();
  }
});

test('a bad ref, a folder outside git and a bad option are usage errors (exit 2) without a stack', () => {
  expect(repo.review('--base', 'no-such-branch')).toEqual({
    code: 2,
    stdout: '',
    stderr: 'error: --base no-such-branch is not a commit of this repository (try a branch such as origin/main, a tag or a commit hash; a shallow clone may lack it: fetch it, e.g. actions/checkout with fetch-depth: 0)\n',
  });
  expect(repo.review()).toEqual({ code: 2, stdout: '', stderr: 'error: --base is required: the git ref the output folder is compared with (e.g. --base origin/main)\n\nSee `datatask review --help`.\n' });
  expect(repo.review('--help')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: datatask review \[options\]/) });
  expect(review('--format', 'yaml')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: --format must be one of text, markdown, json, github \(found "yaml"\)\n/) });
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-nogit-'));
  try {
    fs.mkdirSync(path.join(outside, 'tasks'));
    let stderr = '';
    const app = { main: path.join(outside, 'main.ts'), customize: [] };
    const code = runCli(['review', '--base', 'main'], app, { cwd: outside, env: {}, stdout: () => undefined, stderr: (t) => (stderr += t), renderCache: false });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .* is not inside a git work tree; review compares with a git commit \(fatal: not a git repository/);
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

test('invalid manifests: their diagnostics, exit 1, nothing reviewed', () => {
  writeTasks(repo, { etl: { 'cpu-request': 'lots' } });
  const r = review();
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^tasks\/etl\/manifest\.json:11:18 error: cpu-request: /);
  expect(r.stderr).toMatch(/\n1 error\(s\): nothing to review\n$/);
});

test('a settings change: a Job refused with no manifest to blame, a Mapping converted to v2, a new host', () => {
  repo.write('datatask.settings.json', '{ "podSecurity": "restricted", "mapping": { "apiVersion": "v2", "hostname": "data.example.com" } }\n');
  const r = review();
  expect(r.code).toBe(4);
  const security = '  change    security context (the podSecurity setting): baseline → restricted (non-root, seccomp RuntimeDefault, all capabilities dropped, no service-account token)\n';
  expect(r.stdout).toBe(
    heading() +
      '\n' +
      'changed default/etl (job, tasks/etl/manifest.json)\n' +
      "  REFUSED   the API server will refuse to update Job/etl in default: a Job's spec.template is immutable (batch/v1) and this change edits it (security context), so Argo CD's sync fails. Delete the Job before the sync (kubectl delete job etl -n default; Argo CD creates it again and it runs again), or turn on the argocd.replaceJobs setting so that Argo CD replaces, and so reruns, a changed Job\n" +
      security +
      '\n' +
      'changed default/nightly (cron job, tasks/nightly/manifest.json)\n' +
      security +
      '  change    CronJob/nightly in default: the Jobs it creates from now on use the new template; a Job already running keeps the old one\n' +
      '\n' +
      'changed default/web (service, tasks/web/manifest.json)\n' +
      '  EXPOSURE  new published route data.example.com/web/ (access group dev); /web/ is no longer routed and will answer 404\n' +
      security +
      '  change    Deployment/web in default rolls out new pods (its pod template changes)\n' +
      '  change    Mapping/web in default: apiVersion getambassador.io/v3alpha1 → getambassador.io/v2 (the same object, converted by the API server)\n' +
      '\n' +
      'changed default/worker (deployment, tasks/worker/manifest.json)\n' +
      security +
      '  change    Deployment/worker in default rolls out new pods (its pod template changes)\n' +
      '\n' +
      'Tasks: 4 changed, 0 added, 0 removed, 0 unchanged; 1 change the API server will refuse, 1 exposure change\n',
  );
});

test('what the API server stores alike is no change: an older file with value: "" and a non-canonical quantity', () => {
  const old = new ScratchRepo();
  try {
    old.task('etl/manifest.json', { ...BASE.etl, env: [{ name: 'EMPTY', value: '' }] });
    expect(old.run().code).toBe(0);
    const file = path.join(old.root, 'dist/default/etl.k8s.yaml');
    const written = fs.readFileSync(file, 'utf8');
    const older = written.replace('- name: EMPTY\n', '- name: EMPTY\n              value: ""\n').replace('cpu: "100m"', 'cpu: "0.1"');
    expect(older).toContain('              value: ""\n');
    expect(older).toContain('cpu: "0.1"');
    fs.writeFileSync(file, older);
    old.commitBase(false);
    expect(old.review('--base', 'base').stdout).toMatch(/\nTasks: 0 changed, 0 added, 0 removed, 1 unchanged\n$/);
  } finally {
    old.remove();
  }
});

test('workload fields in words: probes, pod labels, service account, priority class, time zone, Job controls', () => {
  writeTasks(repo, {
    web: { 'readiness-probe': '/healthz', 'pod-labels': { tier: 'front' }, 'service-account': 'web-reader', 'priority-class-name': 'web-critical' },
    nightly: { 'time-zone': 'Europe/Paris', 'backoff-limit': 2 },
  });
  expect(review()).toEqual({
    code: 0,
    stderr: '',
    stdout:
      heading() +
      '\n' +
      'changed default/nightly (cron job, tasks/nightly/manifest.json)\n' +
      '  change    time zone: (none: the controller\'s, UTC) → "Europe/Paris"\n' +
      '  change    backoff limit: (none) → 2\n' +
      '\n' +
      'changed default/web (service, tasks/web/manifest.json)\n' +
      '  change    pod labels: app=web → app=web, tier=front\n' +
      '  change    readiness probe added: (none) → HTTP GET /healthz on http\n' +
      "  change    service account: (the namespace's default) → web-reader\n" +
      "  change    priority class: (the cluster's default) → web-critical\n" +
      '  change    Deployment/web in default rolls out new pods (its pod template changes)\n' +
      '\n' +
      'Tasks: 2 changed, 0 added, 0 removed, 2 unchanged\n',
  });
});
