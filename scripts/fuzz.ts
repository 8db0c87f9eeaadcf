/**
 * Property-based fuzzing of the manifest loader and renderer.
 *
 *   npx tsc -p tsconfig.build.json && node build/scripts/fuzz.js [--runs N] [--seed S] [--include-known-bugs] [--no-schema]
 *
 * Two properties, each checked on N generated inputs (10,000 by default):
 *
 * 1. valid manifests: any valid manifest, with any settings, loads without
 *    an error and renders; the YAML reads back (YAML 1.1 and 1.2) as exactly
 *    the objects rendered; every object passes the strict Kubernetes 1.27 /
 *    Mapping schema and the API-server rules below; the manifest's values
 *    read back as given; the Pod Security profile holds.
 * 2. hostile manifests: for any mutation of a valid manifest (or garbage),
 *    `ManifestLoader.load` never throws, and gives either a task (which then
 *    renders into valid objects) or located error diagnostics, never both.
 *
 * The same checks run in jest (test/fuzz/*.test.ts), which import them from
 * here. The schema validator lives in test/support/kube-schema.ts, which is
 * not compiled into build/ (and reads its data files relative to its own
 * folder), so this script transpiles that file on the fly with TypeScript
 * and evaluates it in place; `--no-schema` skips it.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { App } from 'cdk8s';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { TaskChart } from '../lib/constructs/task-chart';
import { type Diagnostic, formatDiagnostic } from '../lib/diagnostics/diagnostic';
import { ManifestLoader } from '../lib/manifest/load';
import type { Task } from '../lib/model';
import { renderTask } from '../lib/output/render';
import { GENERATED_MARKER } from '../lib/output/rendered-file';
import { type Settings, settingsSchema } from '../lib/settings';
import {
  type FuzzOptions,
  type HostileCase,
  hostileWithSettingsArbitrary,
  KNOWN_BUGS,
  type KnownBug,
  quantityNanos,
  type ValidCase,
  validWithSettingsArbitrary,
} from './fuzz/arbitraries';

/** Throws an Error listing every schema problem of the objects (test/support/kube-schema.ts). */
export type SchemaValidator = (objects: readonly unknown[]) => void;

/** A broken property: the message says what, for which input. */
export class PropertyViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PropertyViolation';
  }
}

const violation = (message: string): never => {
  throw new PropertyViolation(message);
};

const MANIFEST_FILE = 'tasks/fuzz/manifest.json';

// ---------------------------------------------------------------------------
// Settings and loaders

const loaders = new WeakMap<Settings, ManifestLoader>();
/** One loader per settings object (building the schema is the slow part). */
export function loaderFor(settings: Settings): ManifestLoader {
  let loader = loaders.get(settings);
  if (loader === undefined) loaders.set(settings, (loader = new ManifestLoader(settings)));
  return loader;
}

const parsedSettings = new Map<string, Settings>();
/** Settings as the settings file gives them (every default filled in); the same input gives the same object. */
export function parseSettings(input: Record<string, unknown>): Settings {
  const key = JSON.stringify(input);
  let settings = parsedSettings.get(key);
  if (settings === undefined) {
    if (parsedSettings.size >= 1000) parsedSettings.clear();
    parsedSettings.set(key, (settings = settingsSchema.parse(input)));
  }
  return settings;
}

// ---------------------------------------------------------------------------
// Rendering checks (shared by both properties)

/** The path of the first difference between two JSON values, or undefined when equal. */
export function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const own = (o: object, k: string): unknown => (Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined);
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(own(a, k), own(b, k), `${at}/${k}`);
      if (d !== undefined) return d;
    }
  }
  const show = (v: unknown) => String(JSON.stringify(v)).slice(0, 200);
  return `${at || '/'}: ${show(a)} vs ${show(b)}`;
}

/** Reads a generated file with the `yaml` package, strictly: no errors, no warnings, no aliases. */
function readYaml(content: string, version: '1.1' | '1.2'): unknown[] {
  const docs = parseAllDocuments(content, { version });
  if (!Array.isArray(docs)) return violation(`YAML ${version}: the file holds no document`);
  return docs.map((doc, i) => {
    const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
    if (problems.length > 0) violation(`YAML ${version}, document ${i}: ${problems.join('; ')}`);
    try {
      return doc.toJS({ maxAliasCount: 0 });
    } catch (e) {
      return violation(`YAML ${version}, document ${i}: ${(e as Error).message}`);
    }
  });
}

const podSpecsOf = (o: any): any[] => {
  const spec = o?.spec?.template?.spec ?? o?.spec?.jobTemplate?.spec?.template?.spec;
  return spec === undefined ? [] : [spec];
};

/** Volume types the restricted Pod Security profile allows. */
const RESTRICTED_VOLUME_TYPES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

/** A reason the API server would refuse an object; `bug` names the known bug of lib/ behind it. */
export interface ApiServerProblem {
  readonly message: string;
  readonly bug?: KnownBug;
}

/**
 * What the API server refuses beyond the OpenAPI schema (apimachinery and
 * pkg/apis/core/validation), for the fields a task can set, and the Pod
 * Security profile of the settings. Empty when the objects are accepted.
 */
export function apiServerProblems(objects: readonly any[], settings: Settings): ApiServerProblem[] {
  const out: ApiServerProblem[] = [];
  const problem = (message: string, bug?: KnownBug) => out.push({ message, bug });
  for (const o of objects) {
    const where = `${o?.kind} ${o?.metadata?.name}`;
    const annotations: Record<string, string> = o?.metadata?.annotations ?? {};
    const size = Object.entries(annotations).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    if (size > 256 * 1024) problem(`${where}: metadata.annotations total ${size} bytes, more than 256 KiB`, 'annotationSize');
    for (const pod of podSpecsOf(o)) {
      for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
        for (const e of c.env ?? []) {
          if (e.name === '.' || e.name === '..' || e.name.startsWith('..')) problem(`${where}: env name ${JSON.stringify(e.name)} must not be '.', '..' or start with '..'`, 'envDotName');
        }
      }
      for (const v of pod.volumes ?? []) {
        for (const item of v.configMap?.items ?? v.secret?.items ?? []) {
          if (item.path.startsWith('..')) problem(`${where}: volume ${v.name} items path ${JSON.stringify(item.path)} must not start with '..'`, 'itemsDotPath');
        }
        if (v.csi !== undefined && v.csi.driver.length > 63) problem(`${where}: volume ${v.name} csi.driver is ${v.csi.driver.length} characters, at most 63`, 'csiDriverLength');
        if (v.nfs !== undefined && !v.nfs.path.startsWith('/')) problem(`${where}: volume ${v.name} nfs.path ${JSON.stringify(v.nfs.path)} must be an absolute path`, 'nfsRelativePath');
        if (settings.podSecurity === 'restricted') {
          const type = Object.keys(v).find((k) => k !== 'name');
          if (type !== undefined && !RESTRICTED_VOLUME_TYPES.has(type)) {
            problem(`${where}: volume ${v.name} of type ${type} is not allowed by the restricted Pod Security profile`, type === 'nfs' ? 'restrictedNfs' : undefined);
          }
        }
      }
    }
  }
  return out;
}

/** How often each known bug was met and tolerated (by {@link checkHostileCase} with `knownBugs: 'avoid'`). */
export const toleratedKnownBugs = new Map<KnownBug, number>();

/** Pod Security: the baseline always, the restricted profile when the settings ask for it. */
export function podSecurityProblems(objects: readonly any[], settings: Settings): string[] {
  const out: string[] = [];
  for (const o of objects) {
    for (const pod of podSpecsOf(o)) {
      const where = `${o.kind} ${o.metadata?.name}`;
      for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[key] === true) out.push(`${where}: ${key} is true`);
      for (const v of pod.volumes ?? []) if (v.hostPath !== undefined) out.push(`${where}: volume ${v.name} is a hostPath`);
      if (pod.securityContext?.sysctls !== undefined) out.push(`${where}: sysctls are set`);
      for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
        const sc = c.securityContext ?? {};
        if (sc.privileged === true) out.push(`${where}: container ${c.name} is privileged`);
        if ((sc.capabilities?.add ?? []).length > 0) out.push(`${where}: container ${c.name} adds capabilities`);
        if ((c.ports ?? []).some((p: any) => p.hostPort !== undefined)) out.push(`${where}: container ${c.name} uses a hostPort`);
        const seccomp = sc.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type;
        if (seccomp === 'Unconfined') out.push(`${where}: container ${c.name} runs Unconfined`);
        if (settings.podSecurity === 'restricted') {
          if ((sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) !== true) out.push(`${where}: container ${c.name} is not runAsNonRoot`);
          if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') out.push(`${where}: container ${c.name} has no RuntimeDefault seccomp profile`);
          if (!(sc.capabilities?.drop ?? []).includes('ALL')) out.push(`${where}: container ${c.name} does not drop ALL capabilities`);
          if (sc.allowPrivilegeEscalation !== false) out.push(`${where}: container ${c.name} does not set allowPrivilegeEscalation: false`);
          if (sc.runAsUser === 0) out.push(`${where}: container ${c.name} runs as user 0`);
        }
      }
    }
  }
  return out;
}

/**
 * Renders a task and checks the file: it renders without throwing; it
 * starts with the generated marker; it reads back under YAML 1.1 and 1.2 as
 * exactly the objects the chart holds; each object passes `validate` and
 * the API-server rules; the Pod Security profile holds. Returns the objects.
 */
export function checkRendering(task: Task, settings: Settings, validate?: SchemaValidator, tolerate: readonly KnownBug[] = []): any[] {
  let content: string;
  let expected: unknown[];
  try {
    content = renderTask(task, settings, MANIFEST_FILE).content;
    expected = JSON.parse(JSON.stringify(new TaskChart(new App(), task.name, { task, settings }).toJson())) as unknown[];
  } catch (e) {
    return violation(`rendering threw: ${(e as Error).stack ?? String(e)}`);
  }
  if (!content.startsWith(GENERATED_MARKER)) violation('the file does not start with the generated marker');
  if (!content.endsWith('\n')) violation('the file does not end with a newline');
  const v11 = readYaml(content, '1.1');
  const v12 = readYaml(content, '1.2');
  const versions = firstDifference(v11, v12);
  if (versions !== undefined) violation(`YAML 1.1 and 1.2 read the file differently at ${versions}`);
  const source = firstDifference(v11, expected);
  if (source !== undefined) violation(`the YAML does not read back as the rendered objects (YAML vs chart) at ${source}`);
  if (validate !== undefined) {
    try {
      validate(v11);
    } catch (e) {
      violation(`schema: ${(e as Error).message}`);
    }
  }
  const problems = [...apiServerProblems(v11, settings), ...podSecurityProblems(v11, settings).map((message) => ({ message, bug: undefined }))];
  for (const p of problems) {
    if (p.bug !== undefined && tolerate.includes(p.bug)) toleratedKnownBugs.set(p.bug, (toleratedKnownBugs.get(p.bug) ?? 0) + 1);
  }
  const refused = problems.filter((p) => p.bug === undefined || !tolerate.includes(p.bug)).map((p) => p.message);
  if (refused.length > 0) violation(`the API server would refuse the objects:\n  ${refused.join('\n  ')}`);
  return v11 as any[];
}

// ---------------------------------------------------------------------------
// Property 1: valid manifests

const KINDS: Record<ValidCase['shape'], readonly string[]> = {
  job: ['Job'],
  'cron-job': ['CronJob'],
  deployment: ['Deployment'],
  service: ['Service', 'Deployment'],
  'published-service': ['Service', 'Deployment', 'Mapping'],
};

const expectEqual = (what: string, actual: unknown, expected: unknown): void => {
  const d = firstDifference(actual, expected);
  if (d !== undefined) violation(`${what} does not read back as given: ${d} (output vs manifest)`);
};

/** The manifest's values, read back from the rendered objects. */
function checkReadBack(c: ValidCase, settings: Settings, objects: any[]): void {
  // What the file says, as plain JSON data (the generators may build null-prototype objects).
  const m = JSON.parse(c.text) as Record<string, any>;
  const kinds = objects.map((o) => o.kind);
  expectEqual('the kinds', kinds, KINDS[c.shape]);
  const namespace = m.namespace === undefined || m.namespace === '' ? settings.namespace : m.namespace;
  for (const o of objects) {
    expectEqual(`${o.kind} metadata.name`, o.metadata.name, m.name);
    expectEqual(`${o.kind} metadata.namespace`, o.metadata.namespace, namespace);
    expectEqual(`${o.kind} metadata.labels`, o.metadata.labels, c.labels);
  }
  const secret = m['svc-account-secret'] === '' ? undefined : m['svc-account-secret'];
  for (const o of objects) {
    const template = o.spec?.template ?? o.spec?.jobTemplate?.spec?.template;
    if (template === undefined) continue;
    expectEqual(`${o.kind} pod template labels`, template.metadata.labels, c.labels);
    if (o.kind === 'Deployment') {
      expectEqual('Deployment selector', o.spec.selector.matchLabels, c.labels);
      expectEqual('Deployment replicas', o.spec.replicas, m.replicas ?? 1);
    }
    const pod = template.spec;
    const container = pod.containers[0];
    expectEqual('container name', container.name, m.name);
    expectEqual('image', container.image, m['image-source'] || m['image-destination']);
    expectEqual('image-pull-policy', container.imagePullPolicy, m['image-pull-policy'] ?? 'Always');
    const env = [...(m.env ?? [])];
    if (secret !== undefined) env.push({ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: `${settings.gcpCredentials.mountPath}/${settings.gcpCredentials.keyFile}` });
    expectEqual('env', container.env ?? [], env);
    expectEqual('cmd', container.command ?? [], m.cmd ?? []);
    expectEqual('node-selector', pod.nodeSelector ?? {}, m['node-selector'] ?? {});
    expectEqual('tolerations', pod.tolerations ?? [], m.tolerations ?? []);
    for (const [resource, list] of [['cpu', 'requests'], ['memory', 'requests'], ['cpu', 'limits'], ['memory', 'limits']] as const) {
      const given = m[`${resource}-${list === 'requests' ? 'request' : 'limit'}`];
      const out = container.resources?.[list]?.[resource];
      if ((given === undefined || given === '') !== (out === undefined)) violation(`${resource} ${list}: given ${JSON.stringify(given)}, rendered ${JSON.stringify(out)}`);
      if (out !== undefined && quantityNanos(String(out)) !== quantityNanos(given)) {
        violation(`${resource} ${list}: ${JSON.stringify(given)} was rendered as ${JSON.stringify(out)}, a different value`);
      }
    }
    const volumes = (m.volumes ?? []).map((v: any) => {
      const { name, mountPath, readOnly, subPath, ...source } = v;
      return { mount: { name, mountPath, readOnly, subPath }, volume: { name, ...source } };
    });
    const mounts = volumes.map((v: any) => JSON.parse(JSON.stringify(v.mount)));
    const podVolumes = volumes.map((v: any) => v.volume);
    if (secret !== undefined) {
      mounts.push({ name: settings.gcpCredentials.volumeName, mountPath: settings.gcpCredentials.mountPath, readOnly: true });
      podVolumes.push({ name: settings.gcpCredentials.volumeName, secret: { secretName: secret } });
    }
    expectEqual('volume mounts', container.volumeMounts ?? [], mounts);
    // emptyDir.sizeLimit is canonicalized: compare its value.
    const outVolumes = (pod.volumes ?? []).map((v: any) => {
      if (v.emptyDir?.sizeLimit === undefined) return v;
      return { ...v, emptyDir: { ...v.emptyDir, sizeLimit: String(quantityNanos(String(v.emptyDir.sizeLimit))) } };
    });
    const givenVolumes = podVolumes.map((v: any) => {
      if (v.emptyDir?.sizeLimit === undefined) return v;
      return { ...v, emptyDir: { ...v.emptyDir, sizeLimit: String(quantityNanos(v.emptyDir.sizeLimit)) } };
    });
    expectEqual('volumes', outVolumes, givenVolumes);
    if (o.kind === 'CronJob') {
      expectEqual('schedule', o.spec.schedule, m.schedule);
      expectEqual('CronJob time zone', o.spec.timeZone, settings.cronJob.timeZone);
    }
  }
  if (m.type === 'service') {
    const service = objects.find((o) => o.kind === 'Service');
    expectEqual('Service port', service.spec.ports, [{ name: m['name-port'], port: m['container-port'], targetPort: m['name-port'] }]);
    expectEqual('Service selector', service.spec.selector, c.labels);
  }
  const mapping = objects.find((o) => o.kind === 'Mapping');
  if (mapping !== undefined) {
    const p = m.published;
    const prefix = settings.mapping.portalAnnotationPrefix;
    expectEqual('Mapping prefix', mapping.spec.prefix, p.prefix);
    expectEqual('Mapping rewrite', mapping.spec.rewrite, p.rewrite);
    expectEqual('Mapping timeout_ms', mapping.spec.timeout_ms, p.timeout_ms ?? 6000);
    expectEqual('Mapping access', mapping.spec.auth_context_extensions?.access, p.bypass_auth === true ? undefined : p.access);
    expectEqual('Mapping service', mapping.spec.service, `${m.name}.${namespace}:${m['container-port']}`);
    expectEqual('portal annotations', mapping.metadata.annotations, {
      [`${prefix}displayed-name`]: p.displayed_name ?? m.name,
      [`${prefix}icon`]: p.icon ?? 'import_contacts',
      [`${prefix}visible`]: String(p.visible ?? true),
    });
  }
}

/**
 * Property 1: a valid manifest, with any settings, loads with no error
 * diagnostic, renders into objects that pass every check, and its values
 * read back as given.
 */
export function checkValidCase(c: ValidCase, settings: Settings, validate?: SchemaValidator): void {
  let result;
  try {
    result = loaderFor(settings).load(MANIFEST_FILE, c.text);
  } catch (e) {
    return violation(`ManifestLoader.load threw on a valid manifest: ${(e as Error).stack ?? String(e)}`);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.task === undefined) {
    violation(`a valid manifest was refused:\n  ${errors.map(formatDiagnostic).join('\n  ') || '(no diagnostic)'}`);
  }
  const objects = checkRendering(result.task!.task, settings, validate);
  checkReadBack(c, settings, objects);
}

// ---------------------------------------------------------------------------
// Property 2: hostile manifests

/** Problems with one diagnostic: where it points and what it says. */
export function diagnosticProblems(d: Diagnostic, file: string, text: string): string[] {
  const out: string[] = [];
  const shown = formatDiagnostic(d).slice(0, 200);
  if (d.file !== file) out.push(`file is ${JSON.stringify(d.file)}, not ${JSON.stringify(file)}: ${shown}`);
  if (!(Number.isInteger(d.line) && d.line >= 1)) out.push(`line ${d.line} is not ≥ 1: ${shown}`);
  if (!(Number.isInteger(d.column) && d.column >= 1)) out.push(`column ${d.column} is not ≥ 1: ${shown}`);
  if (typeof d.message !== 'string' || d.message.trim() === '') out.push(`empty message: ${shown}`);
  if (!(d.offset >= 0 && d.offset <= text.length)) out.push(`offset ${d.offset} is outside the text (${text.length} units): ${shown}`);
  else {
    const before = text.slice(0, d.offset);
    const line = before.split('\n').length;
    const column = d.offset - (before.lastIndexOf('\n') + 1) + 1;
    if (line !== d.line || column !== d.column) out.push(`line:column ${d.line}:${d.column} does not match offset ${d.offset} (${line}:${column}): ${shown}`);
  }
  return out;
}

/**
 * The known bugs a mutation can reach by chance (a character spliced into an
 * nfs path makes it relative): with `knownBugs: 'avoid'` the hostile check
 * counts them in {@link toleratedKnownBugs} instead of failing.
 */
const REACHABLE_BY_MUTATION: readonly KnownBug[] = ['envDotName', 'itemsDotPath', 'csiDriverLength', 'nfsRelativePath', 'restrictedNfs', 'annotationSize'];

/**
 * Property 2: `ManifestLoader.load` never throws; it gives a task or at
 * least one error, never both; every diagnostic is located and says
 * something; an input that certainly breaks a rule is refused; an accepted
 * one renders into valid objects.
 */
export function checkHostileCase(c: HostileCase, settings: Settings, validate?: SchemaValidator, knownBugs: 'avoid' | 'include' = 'avoid'): void {
  let result;
  try {
    result = loaderFor(settings).load(MANIFEST_FILE, c.text);
  } catch (e) {
    return violation(`ManifestLoader.load threw (${c.description}): ${(e as Error).stack ?? String(e)}`);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (result.task !== undefined && errors.length > 0) violation(`both a task and ${errors.length} error(s) (${c.description})`);
  if (result.task === undefined && errors.length === 0) violation(`neither a task nor an error (${c.description})`);
  const problems = result.diagnostics.flatMap((d) => diagnosticProblems(d, MANIFEST_FILE, c.text));
  if (problems.length > 0) violation(`badly formed diagnostics (${c.description}):\n  ${problems.join('\n  ')}`);
  if (result.task !== undefined) {
    if (c.mustReject) violation(`accepted although it breaks a rule (${c.description})`);
    checkRendering(result.task.task, settings, validate, knownBugs === 'avoid' ? REACHABLE_BY_MUTATION : []);
  }
}

// ---------------------------------------------------------------------------
// The standalone script

interface ScriptOptions {
  readonly runs: number;
  readonly seed?: number;
  readonly knownBugs: 'avoid' | 'include';
  readonly schema: boolean;
}

function parseArgs(argv: readonly string[]): ScriptOptions {
  let runs = 10_000;
  let seed: number | undefined;
  let knownBugs: 'avoid' | 'include' = 'avoid';
  let schema = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): number => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n)) throw new Error(`${arg} needs an integer`);
      return n;
    };
    if (arg === '--runs') runs = value();
    else if (arg === '--seed') seed = value();
    else if (arg === '--include-known-bugs') knownBugs = 'include';
    else if (arg === '--no-schema') schema = false;
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write('Usage: node build/scripts/fuzz.js [--runs N] [--seed S] [--include-known-bugs] [--no-schema]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${JSON.stringify(arg)} (see --help)`);
  }
  if (runs < 1) throw new Error('--runs must be at least 1');
  return { runs, seed, knownBugs, schema };
}

/** The project folder: the nearest parent with this project's package.json. */
function projectRoot(): string | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'datatask-cdk8s') return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Loads test/support/kube-schema.ts from the source tree: transpiled with
 * TypeScript and evaluated with its own file name, so that it finds its data
 * files next to it. Returns the reason when it cannot.
 */
function loadSchemaValidator(): SchemaValidator | string {
  const root = projectRoot();
  if (root === undefined) return 'the project folder was not found';
  const file = path.join(root, 'test', 'support', 'kube-schema.ts');
  if (!fs.existsSync(file)) return `${path.relative(root, file)} is missing`;
  const req = createRequire(file);
  let ts: typeof import('typescript');
  try {
    ts = req('typescript') as typeof import('typescript');
  } catch {
    return 'the typescript package is not installed';
  }
  const js = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const mod = { exports: {} as Record<string, unknown> };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('exports', 'require', 'module', '__filename', '__dirname', js)(mod.exports, req, mod, file, path.dirname(file));
  const validate = mod.exports.expectValidKubernetesObjects;
  return typeof validate === 'function' ? (validate as SchemaValidator) : `${path.relative(root, file)} has no expectValidKubernetesObjects`;
}

interface Outcome {
  readonly name: string;
  readonly runs: number;
  readonly failures: number;
  readonly seconds: number;
}

const clip = (text: string, max = 3000): string =>
  text
    .split('\n')
    .map((line) => (line.length > max ? `${line.slice(0, max)}… (${line.length - max} more characters)` : line))
    .join('\n');

/** A failure's kind, for counting: its first meaningful line without names, values and positions. */
function failureKind(e: unknown): string {
  const lines = ((e as Error)?.message ?? String(e)).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const line = lines[0]?.endsWith(':') && lines.length > 1 ? `${lines[0]} ${lines[1]}` : (lines[0] ?? '');
  return line
    .replace(/\((?:job|cron-job|deployment|service|published-service|random)\b.*\)(?=:|$)/, '(…)')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\b(Job|CronJob|Deployment|Service|Mapping) \S+:/g, '$1 …:')
    .replace(/\b(volume|container) \S+/g, '$1 …')
    .replace(/\([^()]*\)/g, '(…)')
    .replace(/\d+/g, 'N')
    .slice(0, 220);
}

/**
 * Runs a property on `runs` inputs without stopping at the first failure,
 * counting failures by their first line; on failure, runs fast-check again
 * with the same seed to report a shrunk counterexample.
 */
function runProperty<T>(name: string, arbitrary: fc.Arbitrary<T>, check: (input: T) => void, options: ScriptOptions): Outcome {
  const seed = options.seed ?? Date.now() ^ (Math.random() * 0x100000000);
  const kinds = new Map<string, number>();
  let failures = 0;
  const started = process.hrtime.bigint();
  fc.check(
    fc.property(arbitrary, (input) => {
      try {
        check(input);
      } catch (e) {
        failures++;
        const kind = failureKind(e);
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
    }),
    { numRuns: options.runs, seed },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${name}: ${options.runs} runs, ${failures} failure(s), ${seconds.toFixed(1)} s (seed ${seed})\n`);
  if (failures > 0) {
    for (const [kind, count] of [...kinds].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${count} × ${kind}\n`);
    const details = fc.check(fc.property(arbitrary, (input) => check(input)), { numRuns: options.runs, seed });
    const report = fc.defaultReportMessage(details);
    if (report !== undefined) process.stdout.write(`${clip(report).replace(/^/gm, '  ')}\n`);
  }
  return { name, runs: options.runs, failures, seconds };
}

function main(argv: readonly string[]): number {
  const options = parseArgs(argv);
  const fuzz: FuzzOptions = { knownBugs: options.knownBugs };
  const validator = options.schema ? loadSchemaValidator() : 'disabled by --no-schema';
  const validate = typeof validator === 'function' ? validator : undefined;
  process.stdout.write(`schema check: ${validate !== undefined ? 'on (test/support/kube-schema.ts, Kubernetes 1.27 + Mapping CRD)' : `off (${validator as string})`}\n`);
  process.stdout.write(
    options.knownBugs === 'include'
      ? `known bugs: included (${Object.keys(KNOWN_BUGS).length} kinds of input that fail today are generated)\n`
      : `known bugs: avoided (${Object.keys(KNOWN_BUGS).length} kinds of input not generated; see --include-known-bugs)\n`,
  );
  const started = process.hrtime.bigint();
  const outcomes = [
    runProperty(
      'valid manifests',
      validWithSettingsArbitrary(fuzz),
      ({ settings, case: c }) => checkValidCase(c, parseSettings(settings), validate),
      options,
    ),
    runProperty(
      'hostile manifests',
      hostileWithSettingsArbitrary(fuzz),
      ({ settings, case: c }) => checkHostileCase(c, parseSettings(settings), validate, options.knownBugs),
      options,
    ),
  ];
  if (toleratedKnownBugs.size > 0) {
    process.stdout.write('known bugs met by chance and not counted as failures (--include-known-bugs counts them):\n');
    for (const [bug, count] of toleratedKnownBugs) process.stdout.write(`  ${count} × ${bug}: ${KNOWN_BUGS[bug]}\n`);
  }
  const total = Number(process.hrtime.bigint() - started) / 1e9;
  const failures = outcomes.reduce((n, o) => n + o.failures, 0);
  const runs = outcomes.reduce((n, o) => n + o.runs, 0);
  process.stdout.write(`total: ${runs} runs, ${failures} failure(s), ${total.toFixed(1)} s\n`);
  return failures === 0 ? 0 : 1;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`fuzz: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
