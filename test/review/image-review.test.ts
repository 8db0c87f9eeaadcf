import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiObject, JsonPatch } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import type { TaskChart } from '../../lib/constructs/task-chart';
import { imageChange, imageChangeText, imageInText, shortDigests } from '../../lib/review/image-change';
import type { OutputFile } from '../../lib/review/objects';
import { reviewChanges } from '../../lib/review/review';
import { readSettings } from '../../lib/settings-file';
import { renderStage } from '../../lib/synth';
import { expectValidKubernetesObjects } from '../support/kube-schema';
import { ScratchRepo } from './scratch-repo';

/*
 * What review says of images (issue 19, SPEC "Images"): per environment, a
 * digest change, a first pin, an unpin, a tag or repository change, and
 * "promoted from ENV" where the new digest is another environment's. The
 * environments are set by overlays (`manifest.<env>.json` setting
 * `image-source` to a digest reference), which change the rendered image
 * exactly as a pin does.
 */

// Digests whose first 12 hex digits tell them apart at a glance.
const D1 = `sha256:1a2b3c4d5e6f${'1'.repeat(52)}`;
const D2 = `sha256:9f8e7d6c5b4a${'2'.repeat(52)}`;
const D3 = `sha256:5d4c3b2a1f0e${'3'.repeat(52)}`;
const D4 = `sha256:7a6b5c4d3e2f${'4'.repeat(52)}`;
const A2 = `sha256:a2a2a2a2a2a2${'6'.repeat(52)}`;
const A3 = `sha256:a3a3a3a3a3a3${'7'.repeat(52)}`;

const ETL = { type: 'job', name: 'etl', labels: 'app:etl', 'image-source': 'gcr.io/acme/etl:3f2c1d0', schedule: '0 5 * * *' };
const API = { type: 'deployment', name: 'api', labels: 'app:api', 'image-source': 'gcr.io/acme/api:1.4.0', 'image-pull-policy': 'IfNotPresent' };

/** The base: etl pinned everywhere (dev ahead of staging, staging ahead of prod); api pinned in dev and staging alike, by tag in prod. */
const BASE_OVERLAYS: Record<string, string> = {
  'etl/manifest.dev.json': `gcr.io/acme/etl:5d4c3b2@${D3}`,
  'etl/manifest.staging.json': `gcr.io/acme/etl:8e1a2b4@${D2}`,
  'etl/manifest.prod.json': `gcr.io/acme/etl:3f2c1d0@${D1}`,
  'api/manifest.dev.json': `gcr.io/acme/api:1.4.1@${A2}`,
  'api/manifest.staging.json': `gcr.io/acme/api:1.4.1@${A2}`,
};

describe('review of a project with dev, staging and prod', () => {
  let repo: ScratchRepo;
  let short: string;
  beforeAll(() => {
    repo = new ScratchRepo();
    repo.write('datatask.settings.json', `${JSON.stringify({ environments: { staging: {}, prod: {}, dev: {} } })}\n`);
    repo.task('etl/manifest.json', ETL).task('api/manifest.json', API);
    for (const [file, image] of Object.entries(BASE_OVERLAYS)) overlay(file, image);
    repo.commitBase();
    short = repo.git('rev-parse', '--short=7', 'base').trim();
  });
  afterEach(() => repo.reset());
  afterAll(() => repo.remove());

  function overlay(file: string, image: string): void {
    repo.task(file, { 'image-source': image });
  }

  const review = (...argv: string[]) => repo.review('--base', 'base', ...argv);
  const heading = () => `Review of the tasks in the working tree against dist at base (${short})\n`;
  const NEXT_RUNS = "  change    CronJob/etl in default: the Jobs it creates from now on use the new template; a Job already running keeps the old one\n";
  const ROLLOUT = '  change    Deployment/api in default rolls out new pods (its pod template changes)\n';

  test('the base renders every environment with digest references the strict schemas accept', () => {
    const files = Object.entries(repo.files('dist')).filter(([file]) => file.endsWith('.k8s.yaml'));
    expect(files.map(([file]) => file)).toEqual([
      'dev/default/api.k8s.yaml', 'dev/default/etl.k8s.yaml', 'prod/default/api.k8s.yaml', 'prod/default/etl.k8s.yaml', 'staging/default/api.k8s.yaml', 'staging/default/etl.k8s.yaml',
    ]);
    for (const [, text] of files) expectValidKubernetesObjects(parseAllDocuments(text).map((d) => d.toJS()));
    expect(repo.files('dist')['prod/default/etl.k8s.yaml']).toContain(`image: gcr.io/acme/etl:3f2c1d0@${D1}\n`);
  });

  test('a new digest in one environment is reported for that environment alone, in words', () => {
    overlay('etl/manifest.dev.json', `gcr.io/acme/etl:7a6b5c4@${D4}`);
    expect(review()).toEqual({
      code: 0,
      stderr: '',
      stdout:
        heading() +
        '\n' +
        'changed dev: default/etl (cron job, tasks/etl/manifest.json)\n' +
        '  change    image gcr.io/acme/etl: digest sha256:5d4c3b2a1f0e… → sha256:7a6b5c4d3e2f… (tag 5d4c3b2 → 7a6b5c4)\n' +
        NEXT_RUNS +
        '\n' +
        'Tasks: 1 changed, 0 added, 0 removed, 5 unchanged\n',
    });
  });

  test('a promotion from staging to prod: "promoted from staging", in every format', () => {
    overlay('etl/manifest.prod.json', `gcr.io/acme/etl:8e1a2b4@${D2}`);
    const message = 'image gcr.io/acme/etl: digest sha256:1a2b3c4d5e6f… → sha256:9f8e7d6c5b4a… (tag 3f2c1d0 → 8e1a2b4) (promoted from staging)';
    expect(review()).toEqual({
      code: 0,
      stderr: '',
      stdout: `${heading()}\nchanged prod: default/etl (cron job, tasks/etl/manifest.json)\n  change    ${message}\n${NEXT_RUNS}\nTasks: 1 changed, 0 added, 0 removed, 5 unchanged\n`,
    });

    const json = review('--format', 'json');
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('Tasks: 1 changed, 0 added, 0 removed, 5 unchanged\n');
    expect(JSON.parse(json.stdout)).toEqual({
      environment: 'prod',
      namespace: 'default',
      name: 'etl',
      status: 'changed',
      type: 'cron job',
      manifest: 'tasks/etl/manifest.json',
      findings: [
        {
          kind: 'change',
          message,
          file: 'tasks/etl/manifest.prod.json',
          line: 2,
          column: 19,
          path: 'image-source',
          image: {
            change: 'digest',
            repository: 'gcr.io/acme/etl',
            old: { reference: `gcr.io/acme/etl:3f2c1d0@${D1}`, repository: 'gcr.io/acme/etl', tag: '3f2c1d0', digest: D1 },
            new: { reference: `gcr.io/acme/etl:8e1a2b4@${D2}`, repository: 'gcr.io/acme/etl', tag: '8e1a2b4', digest: D2 },
            promotedFrom: ['staging'],
            alsoNewIn: [],
          },
        },
        { kind: 'change', message: 'CronJob/etl in default: the Jobs it creates from now on use the new template; a Job already running keeps the old one' },
      ],
    });

    expect(review('--format', 'markdown').stdout).toBe(
      '### datatask-cdk8s review\n' +
        '\n' +
        heading() +
        '\n' +
        '| task | type | status | refused | exposure | other changes |\n' +
        '|---|---|---|---:|---:|---:|\n' +
        '| `prod: default/etl` | cron job | changed | 0 | 0 | 2 |\n' +
        '\n' +
        '#### prod\n' +
        '\n' +
        '<details><summary>changed <code>prod: default/etl</code> (cron job, <code>tasks/etl/manifest.json</code>)</summary>\n' +
        '\n' +
        `- change ${message}\n` +
        '- change CronJob/etl in default: the Jobs it creates from now on use the new template; a Job already running keeps the old one\n' +
        '\n' +
        '</details>\n' +
        '\n' +
        '**Tasks: 1 changed, 0 added, 0 removed, 5 unchanged**\n',
    );

    // A notice on the overlay line that sets the digest, titled with its environment.
    expect(review('--format', 'github')).toEqual({
      code: 0,
      stdout: `::notice file=tasks/etl/manifest.prod.json,line=2,col=19,title=[prod] image-source::${message}\n`,
      stderr: 'Tasks: 1 changed, 0 added, 0 removed, 5 unchanged\n',
    });
  });

  test('a first pin, promoted from the two environments that ran it at the base (named sorted)', () => {
    overlay('api/manifest.prod.json', `gcr.io/acme/api:1.4.1@${A2}`);
    expect(review().stdout).toBe(
      heading() +
        '\n' +
        'changed prod: default/api (deployment, tasks/api/manifest.json)\n' +
        '  change    image gcr.io/acme/api: now pinned to sha256:a2a2a2a2a2a2… (tag 1.4.0 → 1.4.1) (promoted from dev, staging)\n' +
        ROLLOUT +
        '\n' +
        'Tasks: 1 changed, 0 added, 0 removed, 5 unchanged\n',
    );
  });

  test('an unpinned image is pulled by tag, which IfNotPresent lets a node take from its cache', () => {
    repo.removeTask('api/manifest.staging.json');
    const r = review('--format', 'json');
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).findings[0])).toEqual([
      {
        kind: 'change',
        message:
          'image gcr.io/acme/api: no longer pinned: tag 1.4.0, pulled by tag (was sha256:a2a2a2a2a2a2…, tag 1.4.1); with imagePullPolicy IfNotPresent, a node that has this tag cached starts its cached copy, whatever the tag names now',
        file: 'tasks/api/manifest.json',
        line: 5,
        column: 19,
        path: 'image-source',
        image: {
          change: 'unpinned',
          repository: 'gcr.io/acme/api',
          old: { reference: `gcr.io/acme/api:1.4.1@${A2}`, repository: 'gcr.io/acme/api', tag: '1.4.1', digest: A2 },
          new: { reference: 'gcr.io/acme/api:1.4.0', repository: 'gcr.io/acme/api', tag: '1.4.0', digest: null },
          promotedFrom: [],
          alsoNewIn: [],
        },
      },
    ]);
    // The environment is named even though the line is in the manifest all environments share.
    expect(review('--format', 'github').stdout).toBe(`::notice file=tasks/api/manifest.json,line=5,col=19,title=[staging] image-source::${r.stdout.match(/"message":"([^"]+)"/)![1]}\n`);
  });

  test('a tag-only change and another repository are said in full', () => {
    overlay('api/manifest.prod.json', 'gcr.io/acme/api:1.5.0');
    overlay('etl/manifest.dev.json', `gcr.io/acme/etl2:5d4c3b2@${D3}`);
    expect(review().stdout).toBe(
      heading() +
        '\n' +
        'changed dev: default/etl (cron job, tasks/etl/manifest.json)\n' +
        `  change    image: gcr.io/acme/etl:5d4c3b2@${D3} → gcr.io/acme/etl2:5d4c3b2@${D3}\n` +
        NEXT_RUNS +
        '\n' +
        'changed prod: default/api (deployment, tasks/api/manifest.json)\n' +
        '  change    image: gcr.io/acme/api:1.4.0 → gcr.io/acme/api:1.5.0\n' +
        ROLLOUT +
        '\n' +
        'Tasks: 2 changed, 0 added, 0 removed, 4 unchanged\n',
    );
    // Neither is a digest change: no notice.
    expect(review('--format', 'github').stdout).toBe('');
  });

  test('an image the manifest does not hold (set as a pin sets it; here by a platform hook) is not located in the manifest: noted on the output file', () => {
    const pinProdApi = (chart: TaskChart) => {
      if (chart.environment !== 'prod' || chart.task.name !== 'api') return;
      const deployment = chart.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && c.kind === 'Deployment')!;
      deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/image', `gcr.io/acme/api:1.4.1@${A2}`));
    };
    repo.hooks = [pinProdApi];
    try {
      const message = 'image gcr.io/acme/api: now pinned to sha256:a2a2a2a2a2a2… (tag 1.4.0 → 1.4.1) (promoted from dev, staging)';
      expect(JSON.parse(review('--format', 'json').stdout).findings[0]).toEqual({ kind: 'change', message, image: expect.objectContaining({ change: 'pinned' }) });
      expect(review('--format', 'github').stdout).toBe(`::notice file=dist/prod/default/api.k8s.yaml,line=1,col=1,title=[prod] default/api::${message}\n`);
    } finally {
      repo.hooks = [];
    }
  });

  test('compare says two environments\' images in full: there is no before and after to pin or promote', () => {
    const r = repo.run('compare', '--from', 'staging', '--to', 'prod');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`  image: gcr.io/acme/etl:8e1a2b4@${D2} → gcr.io/acme/etl:3f2c1d0@${D1}\n`);
    expect(r.stdout).toContain(`  image: gcr.io/acme/api:1.4.1@${A2} → gcr.io/acme/api:1.4.0\n`);
  });

  test('two environments given one digest: promoted from where it ran at the base, the other said to get it too; a digest new everywhere has no source', () => {
    overlay('etl/manifest.staging.json', `gcr.io/acme/etl:5d4c3b2@${D3}`);
    overlay('etl/manifest.prod.json', `gcr.io/acme/etl:5d4c3b2@${D3}`);
    overlay('api/manifest.staging.json', `gcr.io/acme/api:1.5.0@${A3}`);
    overlay('api/manifest.prod.json', `gcr.io/acme/api:1.5.0@${A3}`);
    const changes = review().stdout.split('\n').filter((l) => l.startsWith('changed') || l.includes(' image '));
    expect(changes).toEqual([
      'changed prod: default/api (deployment, tasks/api/manifest.json)',
      '  change    image gcr.io/acme/api: now pinned to sha256:a3a3a3a3a3a3… (tag 1.4.0 → 1.5.0) (also new in staging)',
      'changed prod: default/etl (cron job, tasks/etl/manifest.json)',
      '  change    image gcr.io/acme/etl: digest sha256:1a2b3c4d5e6f… → sha256:5d4c3b2a1f0e… (tag 3f2c1d0 → 5d4c3b2) (promoted from dev; also new in staging)',
      'changed staging: default/api (deployment, tasks/api/manifest.json)',
      '  change    image gcr.io/acme/api: digest sha256:a2a2a2a2a2a2… → sha256:a3a3a3a3a3a3… (tag 1.4.1 → 1.5.0) (also new in prod)',
      'changed staging: default/etl (cron job, tasks/etl/manifest.json)',
      '  change    image gcr.io/acme/etl: digest sha256:9f8e7d6c5b4a… → sha256:5d4c3b2a1f0e… (tag 8e1a2b4 → 5d4c3b2) (promoted from dev; also new in prod)',
    ]);
  });
});

describe('review of pins (pins/<env>.json, as pin and promote write them)', () => {
  let pinned: ScratchRepo;
  const pins = (environment: string, image: string) => pinned.write(`pins/${environment}.json`, `${JSON.stringify({ 'default/etl': image }, null, 2)}\n`);
  beforeAll(() => {
    pinned = new ScratchRepo();
    pinned.write('datatask.settings.json', `${JSON.stringify({ environments: { staging: {}, prod: {} } })}\n`);
    pinned.task('etl/manifest.json', ETL);
    pins('staging', `gcr.io/acme/etl:8e1a2b4@${D2}`);
    pins('prod', `gcr.io/acme/etl:3f2c1d0@${D1}`);
    pinned.commitBase();
  });
  afterEach(() => pinned.reset());
  afterAll(() => pinned.remove());

  test('promote staging to prod, then review: "promoted from staging", noted on the pin promote changed', () => {
    expect(pinned.run('promote', '--from', 'staging', '--to', 'prod')).toMatchObject({ code: 0 });
    const message = 'image gcr.io/acme/etl: digest sha256:1a2b3c4d5e6f… → sha256:9f8e7d6c5b4a… (tag 3f2c1d0 → 8e1a2b4) (promoted from staging)';
    const text = pinned.review('--base', 'base');
    expect(text.stdout).toContain(`changed prod: default/etl (cron job, tasks/etl/manifest.json)\n  change    ${message}\n`);
    expect(text.stdout).toMatch(/\nTasks: 1 changed, 0 added, 0 removed, 1 unchanged\n$/);
    expect(pinned.review('--base', 'base', '--format', 'github').stdout).toBe(`::notice file=pins/prod.json,line=2,col=18,title=[prod] default/etl::${message}\n`);
    expect(JSON.parse(pinned.review('--base', 'base', '--format', 'json').stdout).findings[0]).toMatchObject({ message, file: 'pins/prod.json', line: 2, column: 18, path: 'default/etl' });
  });

  test('a pin a platform hook rewrites (a registry mirror) is not where the image comes from: not located', () => {
    expect(pinned.run('promote', '--from', 'staging', '--to', 'prod')).toMatchObject({ code: 0 });
    const mirror = (chart: TaskChart) => {
      if (chart.environment !== 'prod') return;
      const workload = chart.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && c.kind === 'CronJob')!;
      workload.addJsonPatch(JsonPatch.replace('/spec/jobTemplate/spec/template/spec/containers/0/image', chart.task.image.replace('gcr.io/', 'mirror.acme.dev/')));
    };
    pinned.hooks = [mirror];
    try {
      // The base was rendered without the hook: the repository changes too, so the change is said in full.
      const finding = JSON.parse(pinned.review('--base', 'base', '--format', 'json').stdout).findings[0];
      expect(finding).toEqual({ kind: 'change', message: `image: gcr.io/acme/etl:3f2c1d0@${D1} → mirror.acme.dev/acme/etl:8e1a2b4@${D2}`, image: expect.objectContaining({ change: 'repository' }) });
    } finally {
      pinned.hooks = [];
    }
  });

  test('a pin removed: the manifest\'s image again, located there', () => {
    fs.rmSync(path.join(pinned.root, 'pins', 'prod.json'));
    expect(pinned.review('--base', 'base', '--format', 'github').stdout).toBe(
      '::notice file=tasks/etl/manifest.json,line=5,col=19,title=[prod] image-source::image gcr.io/acme/etl: no longer pinned: tag 3f2c1d0, pulled by tag (was sha256:1a2b3c4d5e6f…)\n',
    );
  });
});

test('without environments: pins.json, a new digest noted on its pin, no environment named', () => {
  const plain = new ScratchRepo();
  try {
    plain.task('etl/manifest.json', ETL).write('pins.json', `${JSON.stringify({ 'default/etl': `gcr.io/acme/etl:3f2c1d0@${D1}` })}\n`).commitBase();
    plain.write('pins.json', `${JSON.stringify({ 'default/etl': `gcr.io/acme/etl:8e1a2b4@${D2}` })}\n`);
    expect(plain.review('--base', 'base', '--format', 'github').stdout).toBe(
      '::notice file=pins.json,line=1,col=16,title=default/etl::image gcr.io/acme/etl: digest sha256:1a2b3c4d5e6f… → sha256:9f8e7d6c5b4a… (tag 3f2c1d0 → 8e1a2b4)\n',
    );
  } finally {
    plain.remove();
  }
});

test('a pinned Job (its task given the pinned image, its manifest without it, as synth\'s pins stage does) is refused and noted without a manifest location', () => {
  const files = {
    'datatask.settings.json': JSON.stringify({ environments: { staging: {}, prod: {} } }),
    'tasks/etl/manifest.json': JSON.stringify({ type: 'job', name: 'etl', labels: 'app:etl', 'image-source': 'gcr.io/acme/etl:1.0' }, null, 2),
  };
  const before = render(files);
  // prod renders a digest its manifest does not hold: the rendered files of an overlay, the tasks of a pin.
  const after = render({ ...files, 'tasks/etl/manifest.prod.json': JSON.stringify({ 'image-source': `gcr.io/acme/etl:1.0@${D2}` }) });
  const tasks = after.tasks.map((t) => (t.environment === 'prod' ? { ...t, document: before.tasks.find((b) => b.environment === 'prod')!.document } : t));
  expect(tasks.map((t) => `${t.environment} ${t.task.image} ${t.document.file}`)).toEqual([
    `prod gcr.io/acme/etl:1.0@${D2} tasks/etl/manifest.json`,
    'staging gcr.io/acme/etl:1.0 tasks/etl/manifest.json',
  ]);
  const review = reviewChanges({
    base: { ref: 'main', commit: 'abc1234', files: new Map(before.files.map((f) => [f.path, f.content])) },
    head: after.files, tasks, settings: after.settings, environments: after.environments, out: 'dist',
  });
  expect(review.changes.map((c) => c.findings.map((f) => `${c.environment} ${f.kind} ${f.location === undefined ? 'unlocated' : f.location.path}: ${f.message}`))).toEqual([
    [
      "prod refusal unlocated: the API server will refuse to update Job/etl in default: a Job's spec.template is immutable (batch/v1) and this change edits it (image), so Argo CD's sync fails. Delete the Job before the sync (kubectl delete job etl -n default; Argo CD creates it again and it runs again), or turn on the argocd.replaceJobs setting so that Argo CD replaces, and so reruns, a changed Job",
      'prod change unlocated: image gcr.io/acme/etl: now pinned to sha256:9f8e7d6c5b4a… (tag 1.0)',
    ],
  ]);
});

/** The render stage over a scratch project of `files` (its settings, environments, rendered files and tasks). */
function render(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-pinned-'));
  try {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const read = readSettings(path.join(dir, 'datatask.settings.json'), 'datatask.settings.json');
    const rendered = renderStage({ tasksDir: path.join(dir, 'tasks'), settings: read.settings!, environments: read.environments, cwd: dir, allowEmpty: true });
    return { ...rendered, settings: read.settings!, environments: read.environments };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('image changes in words (lib/review/image-change.ts)', () => {
  const words = (a: string, b: string, policy?: string) => imageChangeText(imageChange(a, b, policy)!);

  test('Docker shows 12 hex digits of an image ID; two digests sharing them get more digits, until they differ', () => {
    expect(shortDigests(D1)).toEqual(['sha256:1a2b3c4d5e6f…']);
    const [x, y] = [`sha256:${'ab'.repeat(8)}0${'1'.repeat(47)}`, `sha256:${'ab'.repeat(8)}9${'1'.repeat(47)}`];
    expect(shortDigests(x, y)).toEqual([`sha256:${'ab'.repeat(8)}0…`, `sha256:${'ab'.repeat(8)}9…`]);
  });

  test('a digest change without tags, a new tag of the same digest, an unpin of an untagged pin (latest is implied)', () => {
    expect(words(`busybox@${D1}`, `busybox@${D2}`)).toBe('image busybox: digest sha256:1a2b3c4d5e6f… → sha256:9f8e7d6c5b4a…');
    expect(words(`gcr.io/acme/etl:3f2c1d0@${D1}`, `gcr.io/acme/etl:stable@${D1}`)).toBe(
      'image gcr.io/acme/etl: tag 3f2c1d0 → stable, digest sha256:1a2b3c4d5e6f… unchanged (the same image: pulled by digest)',
    );
    expect(words(`busybox@${D1}`, 'busybox', 'Always')).toBe('image busybox: no longer pinned: tag latest, pulled by tag (was sha256:1a2b3c4d5e6f…)');
    expect(words('busybox', `busybox@${D1}`)).toBe('image busybox: now pinned to sha256:1a2b3c4d5e6f… (tag latest → (none))');
  });

  test("another environment's image is taken from its file's one plain image: line, else from the YAML (a sidecar, a quoted value, a block scalar)", () => {
    const read = (image: string) => (): OutputFile => ({ path: 'x', objects: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'd', name: 'x', body: { spec: { template: { spec: { containers: [{ image }] } } } } }] });
    expect(imageInText(`spec:\n  containers:\n    - image: busybox@${D1}\n`, read('unread'))).toBe(`busybox@${D1}`);
    expect(imageInText('      image: fluent/fluent-bit:3.0\n      image: busybox:1.36\n', read('busybox:1.36'))).toBe('busybox:1.36');
    expect(imageInText('      image: "123"\n', read('123'))).toBe('123');
    expect(imageInText('      value: |\n        image: not-this\n      image: busybox\n', read('busybox'))).toBe('busybox');
  });

  test('the same repository written two ways (distribution/reference normalizes docker.io/library/) is one repository', () => {
    expect(imageChange('busybox:1.36', `docker.io/library/busybox:1.36@${D1}`)!.kind).toBe('pinned');
    expect(imageChange('busybox', 'busybox:latest')!.kind).toBe('other');
  });
});

test('a Job refused for a promoted pin (its template is immutable) is refused at the pin promote changed, where the pull request shows it', () => {
  const repo = new ScratchRepo();
  try {
    const pins = (environment: string, image: string) => repo.write(`pins/${environment}.json`, `${JSON.stringify({ 'default/load': image }, null, 2)}\n`);
    repo.write('datatask.settings.json', `${JSON.stringify({ environments: { staging: {}, prod: {} } })}\n`);
    repo.task('load/manifest.json', { ...ETL, name: 'load', labels: 'app:load', schedule: undefined });
    pins('staging', `gcr.io/acme/etl:8e1a2b4@${D2}`);
    pins('prod', `gcr.io/acme/etl:3f2c1d0@${D1}`);
    repo.commitBase();
    expect(repo.run('promote', '--from', 'staging', '--to', 'prod')).toMatchObject({ code: 0 });
    const github = repo.review('--base', 'base', '--format', 'github');
    expect(github.code).toBe(4);
    expect(github.stdout.split('\n')[0]).toMatch(/^::error file=pins\/prod\.json,line=2,col=19,title=\[prod\] default\/load::the API server will refuse to update Job\/load in default: a Job's spec\.template is immutable \(batch\/v1\) and this change edits it \(image\)/);
  } finally {
    repo.remove();
  }
});
