/**
 * How two environments differ, task by task (`datatask compare`, SPEC
 * "Environments"): both rendered by the one render stage, each task's
 * objects in one environment set against its objects in the other, in the
 * words of review (lib/review/object-changes.ts). Plain data, shared by the
 * formatters (format-environment-compare.ts).
 */
import { compareStrings } from '../compare';
import { formatPath } from '../diagnostics/json-document';
import type { LoadedTask } from '../manifest/load';
import type { Task } from '../model';
import type { Settings } from '../project-settings';
import { asStored } from './as-stored';
import { type Cause, ManifestFields } from './cause';
import type { Finding } from './model';
import { objectChanges } from './object-changes';
import { apiGroup, describeObject, type KubeObject, readOutputFile } from './objects';
import { dedupe } from './review';
import { isMapping, routeAddress, routeAudience, routeOf } from './route';

/** How a task of one environment stands to the other: it differs, it is the same, or it runs in one only. */
export type ComparedStatus = 'different' | 'same' | 'only-in-from' | 'only-in-to';

/** One task (one manifest) in the two environments. */
export interface TaskComparison {
  /** The task's name (the same in every environment: an overlay may not set it). */
  readonly name: string;
  /** Its manifest as shown, e.g. `tasks/etl/manifest.json`: what pairs the task across environments. */
  readonly manifest: string;
  /** `job`, `cron job`, `deployment` or `service`. */
  readonly type: string;
  readonly status: ComparedStatus;
  /** Its namespace in each environment it runs in (a namespace may differ per environment). */
  readonly namespace: { readonly from?: string; readonly to?: string };
  /**
   * What differs, from `from` to `to`, in words: the namespace first, then
   * in the order of the objects and their fields; none for a task of one
   * environment only. Each located at the manifest value that causes it
   * (an overlay's, where one sets it). Never the value of a variable whose
   * name looks like a secret.
   */
  readonly differences: readonly Finding[];
}

/** The whole comparison. */
export interface EnvironmentComparison {
  readonly from: string;
  readonly to: string;
  /** The tasks compared (every task that runs in either, or the named ones), sorted by manifest. */
  readonly tasks: readonly TaskComparison[];
}

/** One environment's rendering: its valid tasks and their output files (`files[i]` of `tasks[i]`), as the render stage returns them. */
export interface RenderedEnvironments {
  readonly tasks: readonly (LoadedTask & { readonly manifest: string })[];
  readonly files: readonly { readonly path: string; readonly content: string }[];
}

export interface CompareInput {
  /** The render stage's tasks and files of (at least) both environments. */
  readonly rendered: RenderedEnvironments;
  readonly from: string;
  readonly to: string;
  /** The `to` environment's settings (they name the volume of `svc-account-secret`). */
  readonly settings: Settings;
  /** Only the tasks of these names. @default every task */
  readonly names?: readonly string[];
}

/**
 * Compares two environments task by task. Tasks are paired by their
 * manifest (the same `manifest.json` renders a task in each environment it
 * runs in; its namespace may differ), objects by API group, kind and name.
 * A pure function of its input.
 */
export function compareEnvironments(input: CompareInput): EnvironmentComparison {
  const { from, to } = input;
  const sides = new Map<string, { from?: Side; to?: Side }>();
  input.rendered.tasks.forEach((loaded, i) => {
    if (loaded.environment !== from && loaded.environment !== to) return;
    if (input.names !== undefined && !input.names.includes(loaded.task.name)) return;
    const pair = sides.get(loaded.manifest) ?? sides.set(loaded.manifest, {}).get(loaded.manifest)!;
    const file = input.rendered.files[i]!;
    const side: Side = { loaded, objects: readOutputFile(file.path, file.content, file.path).objects.map(asStored) };
    if (loaded.environment === from) pair.from = side;
    else pair.to = side;
  });
  const tasks = [...sides.keys()].sort(compareStrings).map((manifest) => compareTask(sides.get(manifest)!, input));
  return { from, to, tasks };
}

/** A task in one environment: its manifest (merged with the overlay) and its objects as the API server stores them. */
interface Side {
  readonly loaded: LoadedTask;
  readonly objects: readonly KubeObject[];
}

function compareTask(pair: { from?: Side; to?: Side }, input: CompareInput): TaskComparison {
  const some = (pair.to ?? pair.from)!.loaded;
  const kind = (side: Side) => side.loaded.task.kind.replace('-', ' ');
  // A `schedule` set or removed by an overlay makes a job a cron job in one environment only: both said.
  const type = pair.from === undefined || pair.to === undefined || kind(pair.from) === kind(pair.to) ? kind((pair.to ?? pair.from)!) : `${kind(pair.from)} in ${input.from}, ${kind(pair.to)} in ${input.to}`;
  const common = {
    name: some.task.name,
    manifest: some.document.file,
    type,
    namespace: { ...(pair.from === undefined ? {} : { from: pair.from.loaded.task.namespace }), ...(pair.to === undefined ? {} : { to: pair.to.loaded.task.namespace }) },
  };
  if (pair.from === undefined || pair.to === undefined) return { ...common, status: pair.from === undefined ? 'only-in-to' : 'only-in-from', differences: [] };
  const causes = taskDifferences(pair.from, pair.to, input);
  const differences = dedupe(causes).map((c) => locate(c, pair.from!.loaded, pair.to!.loaded));
  return { ...common, status: differences.length === 0 ? 'same' : 'different', differences };
}

/** The namespace, then every object of either side: its differences, or that it is in one environment only. */
function taskDifferences(from: Side, to: Side, input: CompareInput): Cause[] {
  const causes: Cause[] = [];
  const [was, now] = [from.loaded.task.namespace, to.loaded.task.namespace];
  if (was !== now) causes.push({ kind: 'change', aspect: 'namespace', message: `namespace: ${was} → ${now}` });
  // The objects of a task are all in its namespace: in two environments, the same object is the same group, kind and name.
  const key = (o: KubeObject) => `${apiGroup(o.apiVersion)}/${o.kind}/${o.name}`;
  const before = new Map(from.objects.map((o) => [key(o), o]));
  const after = new Set(to.objects.map(key));
  const fields = new ManifestFields(to.loaded.task, input.settings);
  for (const o of to.objects) {
    const other = before.get(key(o));
    causes.push(...(other === undefined ? onlyIn(o, input.to) : objectChanges(other, o, fields, { acrossEnvironments: true })));
  }
  for (const o of from.objects) if (!after.has(key(o))) causes.push(...onlyIn(o, input.from));
  return causes;
}

/** `Mapping/web in data-dev only in dev: published route dev.data.example.com/web/ → web.data-dev:8080, PUBLIC`. */
function onlyIn(o: KubeObject, environment: string): Cause[] {
  const route = isMapping(o) ? routeOf(o) : undefined;
  const what = route === undefined ? '' : `: published route ${routeAddress(route)} → ${route.service}, ${routeAudience(route)}`;
  return [{ kind: route === undefined ? 'change' : 'exposure', aspect: 'object', message: `${describeObject(o)} only in ${environment}${what}`, field: route === undefined ? undefined : ['published'] }];
}

/**
 * A difference located at the manifest value that causes it: where an
 * overlay sets it, in the overlay (`to`'s first, then `from`'s); else in
 * the manifest; unlocated when no manifest field does (a setting).
 */
function locate(cause: Cause, from: LoadedTask, to: LoadedTask): Finding {
  if (cause.field === undefined) return { kind: cause.kind, message: cause.message };
  const fromField = sameItem(cause.field, to.task, from.task);
  const places = [to.document.locate(cause.field), ...(fromField === undefined ? [] : [from.document.locate(fromField)])];
  const place = places.find((p) => p.file !== to.document.file) ?? places[0]!;
  return { kind: cause.kind, message: cause.message, location: { file: place.file, line: place.line, column: place.column, path: formatPath(cause.field) } };
}

/**
 * `field`, a path of `to`'s manifest, as a path of `from`'s: an item of
 * `env` or `volumes` by its name (an overlay merges them by name, so one
 * index names different items in two environments: prod's `env[2]` is not
 * dev's); undefined when `from` has no such item.
 */
function sameItem(field: readonly PropertyKey[], to: Task, from: Task): readonly PropertyKey[] | undefined {
  const [list, index, ...rest] = field;
  if ((list !== 'env' && list !== 'volumes') || typeof index !== 'number') return field;
  const name = to[list][index]?.name;
  const i = from[list].findIndex((item) => item.name === name);
  return i < 0 ? undefined : [list, i, ...rest];
}

/** `2 different, 1 only in dev, 0 only in prod, 3 the same`. */
export function comparisonCounts(comparison: EnvironmentComparison): string {
  const count = (status: ComparedStatus) => comparison.tasks.filter((t) => t.status === status).length;
  return `Tasks: ${count('different')} different, ${count('only-in-from')} only in ${comparison.from}, ${count('only-in-to')} only in ${comparison.to}, ${count('same')} the same`;
}
