/**
 * Deterministic, valid manifests of every shape, for `npm run bench`
 * (scripts/bench.ts) and for training the code cache at build time
 * (scripts/build.ts once did; the code cache is gone): the same files on every run and every machine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A small deterministic PRNG (mulberry32), so every run benches the same files. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Shape = 'job' | 'cron-job' | 'deployment' | 'service' | 'published-service';
export const SHAPES: readonly Shape[] = ['job', 'cron-job', 'deployment', 'service', 'published-service'];
const TEAMS = ['data', 'ml', 'finance', 'growth', 'platform', 'ops'] as const;
const CPU = [['100m', '200m'], ['0.15', '0.20'], ['250m', '1'], ['0.5', '1'], ['1', '2']] as const;
const MEMORY = [['128Mi', '256Mi'], ['150Mi', '200Mi'], ['256Mi', '0.5Gi'], ['512Mi', '1Gi'], ['1Gi', '2Gi']] as const;
const SCHEDULES = ['0 5 * * *', '*/15 * * * *', '30 2 * * 1-5', '0 */6 * * *', '@daily', '15 3 1 * *'];
const ENV = [
  ['LOG_LEVEL', 'info'],
  ['bucket_source', 'dev_etl_pipeline'],
  ['DB_HOST', 'postgres.data.svc.cluster.local'],
  ['WORKERS', '4'],
  ['FEATURE_FLAG', 'true'],
  ['GREETING', 'hello: world'],
  ['EMPTY', ''],
  ['TZ', 'Europe/Paris'],
  ['SENTRY_DSN', 'https://abc123@o0.ingest.sentry.io/42'],
  ['RETRIES', '3'],
] as const;

export interface GeneratedTask {
  /** Path below the tasks folder, e.g. `data/data-load-00001/manifest.json`. */
  readonly relative: string;
  readonly manifest: Record<string, unknown>;
  /** Other files of the task folder (Dockerfile, code), as in a real repository. */
  readonly extras: Readonly<Record<string, string>>;
}

/** Task `i` (1-based) of a run; `rich` forces every optional feature on (for the one-task measurement). */
export function generateTask(i: number, shape: Shape, rich = false): GeneratedTask {
  const rnd = prng(i * 7919 + 17);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const chance = (p: number): boolean => rich || rnd() < p;
  const team = TEAMS[i % TEAMS.length]!;
  const id = String(i).padStart(5, '0');
  const word = { job: 'load', 'cron-job': 'nightly', deployment: 'worker', service: 'api', 'published-service': 'portal' }[shape];
  const name = `${team}-${word}-${id}`;
  const m: Record<string, unknown> = {};
  m.labels = chance(0.3) ? `app:${name},team:${team},tier:${shape === 'job' || shape === 'cron-job' ? 'batch' : 'online'}` : `app:${name},team:${team}`;
  m.type = shape === 'cron-job' ? 'job' : shape === 'published-service' ? 'service' : shape;
  m.name = name;
  if (!rich && rnd() < 0.5) {
    // the project default namespace
  } else {
    m.namespace = `team-${team}`;
  }
  const built = chance(0.35);
  if (built) {
    m['image-source'] = '';
    m['image-destination'] = `europe-docker.pkg.dev/datatask-prod/${team}/${name}:0.${i % 9}.${i % 4}`;
  } else {
    m['image-source'] = rnd() < 0.5 ? `gcr.io/${team}-prod/${name}:1.${i % 20}.${i % 7}` : `quay.io/datatask/${team}-${word}:2.${i % 5}`;
    if (rnd() < 0.3) m['image-destination'] = '';
  }
  const policy = rnd();
  if (policy < 0.4) m['image-pull-policy'] = 'Always';
  else if (policy < 0.7) m['image-pull-policy'] = 'IfNotPresent';
  const envCount = rich ? 5 : Math.floor(rnd() * 7);
  const env = [...ENV].sort(() => rnd() - 0.5).slice(0, envCount).map(([n, value]) => ({ name: n, value }));
  if (env.length > 0 || rnd() < 0.5) m.env = env;
  if (chance(0.5)) m['svc-account-secret'] = `svc-account-${team}-${i % 3 === 0 ? 'a' : 'b'}`;
  if (shape === 'job' || shape === 'cron-job') m.cmd = ['python3', `${word}.py`, '--date', '{{ ds }}'];
  else if (rnd() < 0.3) m.cmd = [];
  if (chance(0.8)) {
    const [cpuRequest, cpuLimit] = pick(CPU);
    const [memRequest, memLimit] = pick(MEMORY);
    if (chance(0.7)) m['cpu-limit'] = cpuLimit;
    if (chance(0.9)) m['memory-limit'] = memLimit;
    m['cpu-request'] = cpuRequest;
    if (chance(0.9)) m['memory-request'] = memRequest;
  }
  if (shape === 'cron-job') m.schedule = pick(SCHEDULES);
  else if (shape === 'job' && rnd() < 0.3) m.schedule = '';
  if ((shape === 'deployment' || shape === 'service' || shape === 'published-service') && chance(0.7)) m.replicas = 1 + Math.floor(rnd() * 4);
  if (shape === 'service' || shape === 'published-service') {
    const [portName, port] = pick([['http', 8080], ['app-port', 5000], ['grpc', 9090], ['metrics', 9102]] as const);
    m['name-port'] = portName;
    m['container-port'] = port;
  }
  if (shape === 'published-service') {
    const published: Record<string, unknown> = { prefix: `/${team}/${name}/` };
    if (!rich && rnd() < 0.15) published.bypass_auth = true;
    else published.access = pick(['dev', `${team}-readers`, 'analysts']);
    if (chance(0.3)) published.rewrite = rnd() < 0.5 ? '' : `/api/`;
    if (chance(0.3)) published.timeout_ms = 30000;
    if (chance(0.2)) published.sticky_sessions = true;
    if (chance(0.5)) published.displayed_name = `${team[0]!.toUpperCase()}${team.slice(1)} portal ${i}`;
    if (chance(0.4)) published.icon = pick(['insights', 'dashboard', 'https://cdn.example.com/icons/portal.svg']);
    if (!rich && rnd() < 0.1) published.visible = false;
    m.published = published;
  } else if (shape === 'service' && rnd() < 0.3) {
    m.published = {}; // "not published", as in the format's own examples
  }
  if (chance(0.3)) {
    const volumes: Record<string, unknown>[] = [
      { name: 'scratch', mountPath: '/tmp/scratch', emptyDir: rnd() < 0.5 ? {} : { medium: 'Memory', sizeLimit: '1Gi' } },
      { name: 'config', mountPath: `/etc/${name}`, readOnly: true, configMap: { name: `${name}-config` } },
      { name: 'tls', mountPath: '/etc/tls', secret: { secretName: `${name}-tls`, items: [{ key: 'tls.crt', path: 'tls.crt' }, { key: 'tls.key', path: 'tls.key', mode: 0o400 }], defaultMode: 0o440 } },
      { name: 'shared', mountPath: '/mnt/shared', readOnly: true, persistentVolumeClaim: { claimName: `${team}-shared`, readOnly: true } },
      { name: 'bucket', mountPath: '/mnt/bucket', csi: { driver: 'gcsfuse.csi.storage.gke.io', volumeAttributes: { bucketName: `${team}-landing`, mountOptions: 'implicit-dirs' } } },
      { name: 'exports', mountPath: '/mnt/exports', subPath: `${team}`, nfs: { server: '10.12.0.2', path: '/exports/data' } },
    ].sort(() => rnd() - 0.5);
    m.volumes = volumes.slice(0, rich ? 3 : 1 + Math.floor(rnd() * 3));
  }
  if (chance(0.15)) m.tolerations = [{ key: 'workload', operator: 'Equal', value: team, effect: 'NoSchedule' }];
  if (chance(0.15)) m['node-selector'] = { 'cloud.google.com/gke-nodepool': `pool-${team}`, 'kubernetes.io/os': 'linux' };
  addWorkloadFields(m, shape, i, rich, team);
  const extras: Record<string, string> = built
    ? { Dockerfile: `FROM python:3.12-slim\nCOPY ${word}.py /app/\nCMD ["python3", "/app/${word}.py"]\n`, [`${word}.py`]: `print("${name}")\n` }
    : {};
  return { relative: `${team}/${name}/manifest.json`, manifest: m, extras };
}

/**
 * The workload fields (secrets, identity, probes, run controls,
 * metadata), always on a rich task, now and then on others. Drawn from a
 * PRNG of their own, so the fields above stay what they were.
 */
function addWorkloadFields(m: Record<string, unknown>, shape: Shape, i: number, rich: boolean, team: string): void {
  const rnd = prng(i * 104729 + 3);
  const chance = (p: number): boolean => rich || rnd() < p;
  if (chance(0.2)) {
    const env = (m.env as unknown[] | undefined) ?? [];
    m.env = [...env, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${team}-db`, key: 'password' } } }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }];
  }
  if (chance(0.1)) m['env-from'] = [{ configMapRef: { name: `${team}-settings` }, prefix: 'APP_' }];
  if (chance(0.2)) m['service-account'] = `${team}-runner`;
  if (chance(0.05)) m['image-pull-secrets'] = ['registry-credentials'];
  if (chance(0.1)) m.annotations = { 'team.example.com/owner': team };
  if (chance(0.1)) m['pod-annotations'] = { 'prometheus.io/scrape': 'true' };
  if (chance(0.1)) m['pod-labels'] = { 'app.kubernetes.io/part-of': team };
  if (shape === 'job' || shape === 'cron-job') {
    if (chance(0.3)) m['backoff-limit'] = 2;
    if (chance(0.2)) m['active-deadline-seconds'] = 3600;
    if (m.args === undefined && chance(0.1)) m.args = ['--verbose'];
  }
  if (shape === 'cron-job') {
    if (chance(0.3)) m['concurrency-policy'] = 'Forbid';
    if (chance(0.2)) m['time-zone'] = 'Europe/Paris';
    if (chance(0.1)) m['starting-deadline-seconds'] = 300;
    if (chance(0.1)) m['successful-jobs-history-limit'] = 3;
  }
  if (shape === 'service' || shape === 'published-service') {
    if (chance(shape === 'published-service' ? 0.8 : 0.3)) m['readiness-probe'] = '/healthz';
    if (chance(0.2)) m['liveness-probe'] = { httpGet: { path: '/healthz', port: m['name-port'] }, periodSeconds: 20 };
  } else if (shape === 'deployment' && chance(0.2)) {
    m['liveness-probe'] = { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5 };
  }
}

/** The names of K environments: dev, staging, prod, then env4, env5, … */
export function environmentNames(k: number): string[] {
  return Array.from({ length: k }, (_, i) => ['dev', 'staging', 'prod'][i] ?? `env${i + 1}`);
}

/**
 * A settings file with these environments (each a partial settings object
 * merged over the top level): a namespace and a Mapping hostname of its own.
 */
export function environmentSettings(names: readonly string[]): Record<string, unknown> {
  const environments: Record<string, unknown> = {};
  for (const env of names) {
    environments[env] = { namespace: `data-${env}`, mapping: { hostname: env === 'prod' ? 'data.example.com' : `${env}.data.example.com` } };
  }
  return { mapping: { hostname: 'data.example.com' }, environments };
}

/**
 * The overlays (`manifest.<env>.json`, RFC 7386 merge patches; `env` merges
 * by name) of task `i`: every third task has one for one or two of the
 * environments, what teams change between environments (replicas, a log
 * level or a worker count by name, a CPU limit, a published service's
 * timeout or visibility). Drawn from a PRNG of their own, so the manifests
 * are the same with and without environments.
 */
export function generateOverlays(i: number, shape: Shape, manifest: Record<string, unknown>, names: readonly string[]): Record<string, Record<string, unknown>> {
  if (names.length === 0 || i % 3 !== 0) return {};
  const first = names[0]!;
  const last = names[names.length - 1]!;
  const j = i / 3;
  const chosen = names.length === 1 ? [first] : j % 3 === 0 ? [last] : j % 3 === 1 ? [first, last] : [names[1]!];
  const out: Record<string, Record<string, unknown>> = {};
  for (const env of chosen) {
    const rnd = prng(i * 15485863 + env.length * 31 + env.charCodeAt(0));
    const lowest = env === first && names.length > 1;
    const overlay: Record<string, unknown> = {};
    if (shape === 'deployment' || shape === 'service' || shape === 'published-service') overlay.replicas = lowest ? 1 : 2 + Math.floor(rnd() * 4);
    const baseEnv = (manifest.env as { name: string; value?: unknown }[] | undefined) ?? [];
    const vars: { name: string; value: string }[] = [{ name: 'LOG_LEVEL', value: lowest ? 'debug' : 'warning' }];
    if (!lowest && baseEnv.some((e) => e.name === 'WORKERS' && typeof e.value === 'string')) vars.push({ name: 'WORKERS', value: String(8 + Math.floor(rnd() * 8)) });
    overlay.env = vars;
    // '2' is at least every request of the sample tasks (CPU above).
    if (!lowest && rnd() < 0.5) overlay['cpu-limit'] = '2';
    if (shape === 'published-service') overlay.published = lowest ? { visible: false } : { timeout_ms: 60000 };
    out[env] = overlay;
  }
  return out;
}

/**
 * Writes N tasks (every shape in turn) below `tasksDir`, with the overlays
 * of `generateOverlays` for these environments (none by default); returns
 * how many overlays it wrote.
 */
export function writeTasks(tasksDir: string, n: number, environments: readonly string[] = []): number {
  let overlays = 0;
  for (let i = 1; i <= n; i++) {
    const shape = SHAPES[(i - 1) % SHAPES.length]!;
    const task = generateTask(i, shape);
    writeTask(tasksDir, task);
    for (const [env, overlay] of Object.entries(generateOverlays(i, shape, task.manifest, environments))) {
      fs.writeFileSync(path.join(tasksDir, path.dirname(task.relative), `manifest.${env}.json`), `${JSON.stringify(overlay, null, 4)}\n`);
      overlays++;
    }
  }
  return overlays;
}

export function writeTask(tasksDir: string, task: GeneratedTask): void {
  const file = path.join(tasksDir, task.relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(task.manifest, null, 4)}\n`);
  for (const [name, content] of Object.entries(task.extras)) fs.writeFileSync(path.join(path.dirname(file), name), content);
}
