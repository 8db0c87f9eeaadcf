import { formatPath, type JsonDocument, parseJsonDocument } from '../diagnostics/json-document';
import type { PinsFileText } from '../images/apply-pins';
import { pinsKey } from '../images/environment-keys';
import type { LoadedTask } from '../manifest/load';
import { compareStrings } from '../compare';
import { outputPath } from '../output/rendered-file';
import type { Environment, Settings } from '../project-settings';
import { asStored } from './as-stored';
import { type Cause, ManifestFields } from './cause';
import { type ImageChange, type ImageSide, imageChangeText, imageInText, imageSide, newDigest, sameImage } from './image-change';
import { immutableFieldChanges } from './immutable-fields';
import { FINDING_KINDS, type Finding, type FindingLocation, type Review, type TaskChange } from './model';
import { objectChanges } from './object-changes';
import { isGenerated, type KubeObject, objectKey, type OutputFile, readOutputFile } from './objects';
import { isMapping, type Route, routeAddress, routeOf } from './route';
import { deploymentRefusal, jobRefusal, strandedService } from './refusals';
import { routeChanges, type RoutesElsewhere } from './route-changes';

export interface ReviewInput {
  /** The output folder at the base: `--base` as given, the commit it names, and its files (path below the folder → text; none for a first deploy). */
  readonly base: { readonly ref: string; readonly commit: string; readonly files: ReadonlyMap<string, string> };
  /** The files the working tree's tasks render (path below the output folder → text). */
  readonly head: readonly { readonly path: string; readonly content: string }[];
  /** The working tree's valid tasks, with their documents, to locate findings in the manifests. */
  readonly tasks: readonly LoadedTask[];
  readonly settings: Settings;
  /** The declared environments: a file below `<env>/` is reviewed with that environment's settings. @default none */
  readonly environments?: readonly Environment[];
  /** The output folder as shown, e.g. `dist`. */
  readonly out: string;
  /** The project's pins files (lib/images/apply-pins.ts `readProjectPins`): a pinned image's change is located at its pin. @default none */
  readonly pins?: readonly PinsFileText[];
  /** The environments of `--env`, whose folders alone `base.files` holds. @default every one */
  readonly only?: readonly string[];
}

/**
 * What merging the working tree will do to a cluster that runs the base's
 * output folder: per task, the objects Argo CD creates and prunes, what the
 * API server refuses, who can reach which routes, and every other change in
 * words. A pure function of its input.
 *
 * @throws UserError when a generated file of the base is not readable YAML
 */
export function reviewChanges(input: ReviewInput): Review {
  const ignored = [...input.base.files].filter(([, text]) => !isGenerated(text)).map(([path]) => path);
  const headTexts = new Map(input.head.map((f) => [f.path, f.content]));
  const generated = new Map([...input.base.files].filter(([, text]) => isGenerated(text)));
  const migration = isMigration(generated, input.environments ?? []);
  // Before the project had environments its one output folder ran in its cluster: each environment is compared with it.
  const baseTexts = migration ? inEveryEnvironment(generated, headTexts) : generated;
  const basePath = (path: string): string => (migration ? path.slice(path.indexOf('/') + 1) : path);
  const tasks = new Map(input.tasks.map((t) => [outputPath(t.task, t.environment), t]));
  const environments = new Map((input.environments ?? []).map((e) => [e.name, e.settings]));
  // In a project with environments, a file's first folder is its environment, whose settings explain its change.
  const environmentOf = (path: string): string | undefined => (environments.size === 0 ? undefined : path.slice(0, path.indexOf('/')));
  // Routes are looked up in the task's own environment: each is another cluster, with its own gateway.
  const elsewhereIn = memoized((environment: string | undefined): RoutesElsewhere => {
    const inEnvironment = (texts: ReadonlyMap<string, string>) => (environment === undefined ? texts : new Map([...texts].filter(([path]) => environmentOf(path) === environment)));
    return {
      base: routesByAddress(inEnvironment(baseTexts), (path) => `${input.out}/${basePath(path)} at ${input.base.ref}`),
      head: routesByAddress(inEnvironment(headTexts), (path) => `${input.out}/${path}`),
    };
  });

  const changes: TaskChange[] = [];
  let unchanged = 0;
  for (const path of [...new Set([...baseTexts.keys(), ...headTexts.keys()])].sort(compareStrings)) {
    const [was, now] = [baseTexts.get(path), headTexts.get(path)];
    // Identical bytes need no reading (most files of most changes).
    const change =
      was === now
        ? undefined
        : reviewTask(
            was === undefined ? undefined : stored(readOutputFile(path, was, `${input.out}/${basePath(path)} at ${input.base.ref}`)),
            now === undefined ? undefined : stored(readOutputFile(path, now, `${input.out}/${path}`)),
            tasks.get(path),
            environments.get(environmentOf(path) ?? '') ?? input.settings,
            elsewhereIn(environmentOf(path)),
            environmentOf(path),
          );
    if (change === undefined) unchanged++;
    else changes.push(change);
  }
  const promoted = atPins(environments.size === 0 ? changes : withPromotions(changes, input.tasks, baseTexts, headTexts, input.out, input.base.ref), input.pins ?? []);
  return {
    base: { ref: input.base.ref, commit: input.base.commit },
    out: input.out,
    firstDeploy: input.base.files.size === 0,
    ...(input.only === undefined ? {} : { only: input.only }),
    ...(migration ? { migration } : {}),
    changes: promoted.sort((a, b) => compareStrings(a.environment ?? '', b.environment ?? '') || compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name)),
    unchanged,
    ignored: ignored.sort(compareStrings),
  };
}

/**
 * Each new digest said where it comes from: a task's new digest in one
 * environment is promoted from the environments of the same task (the same
 * manifest) that ran that digest at the base and still do; the
 * environments that get it in this change too are said as well (SPEC
 * "Images": "promoted from staging" where the digest equals that
 * environment's).
 */
function withPromotions(changes: readonly TaskChange[], tasks: readonly LoadedTask[], base: ReadonlyMap<string, string>, head: ReadonlyMap<string, string>, out: string, ref: string): TaskChange[] {
  const byManifest = new Map<string, LoadedTask[]>();
  for (const t of tasks) byManifest.set(t.document.file, [...(byManifest.get(t.document.file) ?? []), t]);
  // Files read for their image once each (an unchanged file's base text is its head text).
  const images = new Map<string, ImageSide | undefined>();
  const imageOf = (path: string, text: string | undefined, shown: string): ImageSide | undefined => {
    if (text === undefined || !isGenerated(text)) return undefined;
    if (!images.has(text)) images.set(text, imageSide(imageInText(text, () => readOutputFile(path, text, shown))));
    return images.get(text);
  };
  const promote = (task: TaskChange, image: ImageChange): ImageChange => {
    const from: string[] = [];
    const alsoNew: string[] = [];
    for (const other of byManifest.get(task.manifest ?? '') ?? []) {
      if (other.environment === undefined || other.environment === task.environment) continue;
      const path = outputPath(other.task, other.environment);
      if (!sameImage(imageOf(path, head.get(path), `${out}/${path}`), image.new)) continue;
      (sameImage(imageOf(path, base.get(path), `${out}/${path} at ${ref}`), image.new) ? from : alsoNew).push(other.environment);
    }
    return { ...image, promotedFrom: from.sort(compareStrings), alsoNewIn: alsoNew.sort(compareStrings) };
  };
  return changes.map((task) => {
    if (task.status !== 'changed' || !task.findings.some((f) => f.image !== undefined && newDigest(f.image))) return task;
    const findings = task.findings.map((f) => {
      if (f.image === undefined || !newDigest(f.image)) return f;
      const image = promote(task, f.image);
      return { ...f, message: imageChangeText(image), image };
    });
    return { ...task, findings };
  });
}

/**
 * Each image change the manifest does not explain located at the pin that
 * renders it (`pins/<env>.json`, `pins.json`: the line a pull request of
 * `pin` or `promote` changes), where the task's pin is the new image.
 */
function atPins(changes: readonly TaskChange[], files: readonly PinsFileText[]): TaskChange[] {
  if (files.length === 0) return [...changes];
  const documents = new Map<PinsFileText, JsonDocument | undefined>();
  const pinsOf = (environment: string | undefined): JsonDocument | undefined => {
    const file = files.find((f) => f.environment === environment);
    if (file === undefined) return undefined;
    if (!documents.has(file)) documents.set(file, parseJsonDocument(file.shown, file.text).document);
    return documents.get(file);
  };
  return changes.map((task) => {
    if (!task.findings.some((f) => f.image !== undefined && f.location === undefined)) return task;
    const key = pinsKey(task);
    const document = pinsOf(task.environment);
    const value = document?.value as Record<string, unknown> | undefined;
    const findings = task.findings.map((f) => {
      if (f.image === undefined || f.location !== undefined || document === undefined || value?.[key] !== f.image.new.reference) return f;
      const place = document.locate([key]);
      return { ...f, location: { file: place.file, line: place.line, column: place.column, path: key } };
    });
    // A Job refused for a template the pin changed (its image among the fields): refused at the pin too, where a
    // `pin` or `promote` pull request's reviewer sees it.
    const atPin = findings.find((f) => f.image !== undefined && f.location?.path === key)?.location;
    return { ...task, findings: atPin === undefined ? findings : findings.map((f) => (f.kind === 'refusal' && f.location === undefined && f.message.includes('image') ? { ...f, location: atPin } : f)) };
  });
}

/** A file's objects as the API server stores them: a difference it cannot see is no change. */
function stored(file: OutputFile): OutputFile {
  return { ...file, objects: file.objects.map(asStored) };
}

/** One task's output file at the base and in the working tree; undefined when nothing changes. */
function reviewTask(before: OutputFile | undefined, after: OutputFile | undefined, loaded: LoadedTask | undefined, settings: Settings, elsewhere: RoutesElsewhere, environment: string | undefined): TaskChange | undefined {
  const fields = new ManifestFields(loaded?.task, settings, loaded?.document.value);
  const causes = objectSetChanges(before?.objects ?? [], after?.objects ?? [], fields, elsewhere);
  if (causes.length === 0) return undefined;
  const some = (after ?? before)!.objects[0];
  const findings = dedupe(causes).map((c) => locate(c, loaded));
  findings.sort((a, b) => FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind));
  return {
    ...(environment === undefined ? {} : { environment }),
    namespace: some?.namespace ?? '',
    name: some?.name ?? '',
    status: before === undefined ? 'added' : after === undefined ? 'removed' : 'changed',
    type: taskType((after ?? before)!.objects),
    manifest: loaded?.document.file ?? before?.origin,
    findings,
  };
}

/** Compares a task's objects by identity: created, deleted, and updated ones. */
function objectSetChanges(before: readonly KubeObject[], after: readonly KubeObject[], fields: ManifestFields, elsewhere: RoutesElsewhere): Cause[] {
  const old = new Map(before.map((o) => [objectKey(o), o]));
  const now = new Set(after.map(objectKey));
  const refusedDeployment = after.find((o) => o.kind === 'Deployment' && old.has(objectKey(o)) && immutableFieldChanges(old.get(objectKey(o))!, o).length > 0);
  const causes: Cause[] = [];
  for (const o of after) {
    const previous = old.get(objectKey(o));
    if (previous === undefined) {
      causes.push({ kind: 'creation', aspect: 'create', message: `will create ${o.kind}/${o.name} in ${o.namespace}` });
      if (isMapping(o)) causes.push(...routeChanges(undefined, routeOf(o), elsewhere));
    } else {
      causes.push(...updateCauses(previous, o, fields, refusedDeployment, elsewhere));
    }
  }
  for (const o of before) {
    if (now.has(objectKey(o))) continue;
    causes.push({ kind: 'deletion', aspect: 'delete', message: `will delete ${o.kind}/${o.name} in ${o.namespace}` });
    if (isMapping(o)) causes.push(...routeChanges(routeOf(o), undefined, elsewhere));
  }
  return causes;
}

/**
 * The routes the generated files publish, by address, read on first use
 * only (a change that gives up no route reads no other task's file).
 */
function routesByAddress(texts: ReadonlyMap<string, string>, shown: (path: string) => string): (address: string) => Route | undefined {
  let routes: Map<string, Route> | undefined;
  return (address) => {
    routes ??= new Map(
      [...texts]
        .filter(([, text]) => isGenerated(text) && text.includes('kind: Mapping'))
        .flatMap(([path, text]) => readOutputFile(path, text, shown(path)).objects.filter(isMapping).map((o) => routeOf(asStored(o))))
        .map((r) => [routeAddress(r), r]),
    );
    return routes.get(address);
  };
}

/** An updated object: what the API server refuses (or Argo CD replaces), then what changes. */
function updateCauses(before: KubeObject, after: KubeObject, fields: ManifestFields, refusedDeployment: KubeObject | undefined, elsewhere: RoutesElsewhere): Cause[] {
  const changes = objectChanges(before, after, fields, { elsewhere });
  const immutable = immutableFieldChanges(before, after);
  if (after.kind === 'Service' && refusedDeployment !== undefined) return changes.map((c) => (c.aspect === 'service selector' ? strandedService(c, before, after) : c));
  if (immutable.length === 0) return changes;
  // Refused, the Deployment keeps its pods: no rollout.
  if (after.kind === 'Deployment') return [deploymentRefusal(before, after), ...changes.filter((c) => c.aspect !== 'rollout')];
  return [jobRefusal(after, immutable, changes), ...changes];
}

/** Keeps the first of identical findings (labels are described by every object that carries them). */
export function dedupe(causes: readonly Cause[]): Cause[] {
  const seen = new Set<string>();
  const out: Cause[] = [];
  for (const c of causes) {
    const key = `${c.kind}\0${c.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}

/** A cause located in the working tree's manifest (when the task has one, and the cause a field). */
function locate(cause: Cause, loaded: LoadedTask | undefined): Finding {
  const image = cause.image === undefined ? {} : { image: cause.image };
  if (loaded === undefined || cause.field === undefined) return { kind: cause.kind, message: cause.message, ...image };
  const place = loaded.document.locate(cause.field);
  const location: FindingLocation = { file: place.file, line: place.line, column: place.column, path: formatPath(cause.field) };
  return { kind: cause.kind, message: cause.message, location, ...image };
}

function taskType(objects: readonly KubeObject[]): string {
  const kinds = new Set(objects.map((o) => o.kind));
  if (kinds.has('Service')) return 'service';
  if (kinds.has('Deployment')) return 'deployment';
  if (kinds.has('CronJob')) return 'cron job';
  if (kinds.has('Job')) return 'job';
  return [...kinds].join(', ');
}

/**
 * Whether the base is the output of the project before it had environments
 * (`<namespace>/<task>.k8s.yaml`, no environment folder), now that it has
 * some: the migration the README describes ("Environments", migrating).
 */
export function isMigration(base: ReadonlyMap<string, string>, environments: readonly Environment[]): boolean {
  if (environments.length === 0 || base.size === 0) return false;
  // An environment's files are <env>/<namespace>/<task>.k8s.yaml, so <folder>/<task>.k8s.yaml is none, even in a folder named like an environment (namespace "prod" before, environment "prod" after).
  return [...base.keys()].every((path) => path.split('/').length === 2);
}

/** The base's files as every environment of the working tree's files had them: `<env>/<namespace>/<task>.k8s.yaml`. */
function inEveryEnvironment(base: ReadonlyMap<string, string>, head: ReadonlyMap<string, string>): Map<string, string> {
  const environments = [...new Set([...head.keys()].map((path) => path.slice(0, path.indexOf('/'))))].sort(compareStrings);
  return new Map(environments.flatMap((environment) => [...base].map(([path, text]) => [`${environment}/${path}`, text] as [string, string])));
}

/** `make`, called once per distinct key. */
function memoized<K, V>(make: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    if (!made.has(key)) made.set(key, make(key));
    return made.get(key)!;
  };
}
