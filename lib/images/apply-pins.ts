/**
 * The pins stage of the render stage (lib/synth.ts calls it once, after
 * loading the tasks, before the rules across tasks): a pinned task's image
 * becomes its pin, exactly as written in its environment's pins file
 * (`pins/<env>.json`, or `pins.json` without environments: ./project.ts
 * `pinsFile`). A pin changes `image` alone, not the pull policy (README,
 * "Images", says why `IfNotPresent` is then safe), and adds the pins file to
 * the sources the output file's header names.
 *
 * `readProjectPins` reads the files (the only I/O here); `applyPins` is a
 * pure function from tasks and pins files to tasks and located errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareStrings } from '../compare';
import { fileError, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic';
import { sha1 } from '../hash';
import type { CrossTaskEntry } from '../manifest/cross-task-entry';
import { MANIFEST_FILE } from '../manifest/discover';
import type { LoadedTasks, TaskSource } from '../manifest/load-tasks';
import { SETTINGS_FILE } from '../project-settings';
import { didYouMean } from '../validation/suggest';
import { pinsKey } from './environment-keys';
import { parsePins, type PinsContext, pinnedImage, pinsFileProblem } from './pins';
import { pinsFile } from './project';

/** A pins file of the project, read. */
export interface PinsFileText {
  /** The environment it pins (`pins/<env>.json`); absent for `pins.json`. */
  readonly environment?: string;
  /** As shown in diagnostics (relative to the working directory), `/`-separated. */
  readonly shown: string;
  /** As named in output headers (relative to the project folder): `pins/dev.json`, or `pins.json`. */
  readonly origin: string;
  readonly text: string;
  /**
   * Why the file cannot be read as a pins file (it is a folder): an error of
   * the run, never a file without pins, since skipping it would unpin every
   * task of its environment.
   */
  readonly problem?: string;
}

/**
 * Every pins file in the project folder: `pins.json`, and each
 * `pins/*.json` (whether or not the settings declare its environment:
 * `applyPins` says when one is not read), sorted by path.
 *
 * @param projectDir the project folder, absolute
 * @param cwd paths in diagnostics are shown relative to this folder
 */
export function readProjectPins(projectDir: string, cwd: string): PinsFileText[] {
  const found: { environment?: string; origin: string }[] = [{ origin: pinsFile(undefined) }];
  const folder = path.join(projectDir, path.dirname(pinsFile('x')));
  let names: string[] = [];
  try {
    names = fs.readdirSync(folder).filter((name) => name.endsWith('.json')).sort(compareStrings);
  } catch {
    // No pins folder: no environment is pinned.
  }
  for (const name of names) {
    const environment = name.slice(0, -'.json'.length);
    found.push({ environment, origin: pinsFile(environment) });
  }
  const out: PinsFileText[] = [];
  for (const { environment, origin } of found) {
    const absolute = path.join(projectDir, origin);
    const shown = path.relative(cwd, absolute).split(path.sep).join('/');
    const file = { ...(environment === undefined ? {} : { environment }), shown, origin };
    const problem = pinsFileProblem(absolute);
    if (problem === 'absent') continue;
    // A refusal of the file system (EACCES, EIO) is thrown: exit 5, never a run without these pins.
    out.push(problem === undefined ? { ...file, text: fs.readFileSync(absolute, 'utf8') } : { ...file, text: '', problem });
  }
  return out;
}

/**
 * What the render cache keys on (lib/output/render-cache.ts `pins`): SHA-1
 * of every pins file's path and text, so that a changed pin renders again;
 * undefined without pins files, so that a project without pins keeps its cache.
 */
export function pinsIdentity(files: readonly PinsFileText[]): string | undefined {
  return files.length === 0 ? undefined : sha1(JSON.stringify(files.map((f) => [f.origin, f.text])));
}

/** The pinned tasks, and every error of every pins file, located. */
export interface PinnedTasks {
  /**
   * A diagnostic of the load stage as it holds with the pins: a mutable
   * tag's warning is dropped where every environment it is of pins the
   * task by digest, and names only the others where some do.
   */
  readonly withPins: (diagnostic: Diagnostic) => Diagnostic | undefined;
  /** The loaded tasks, in the same order, a pinned task's image replaced by its pin. */
  readonly tasks: readonly TaskSource[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Applies the pins of each environment of the run to its tasks.
 *
 * A pins file is checked against its environment's tasks (lib/images/pins.ts
 * `parsePins`): a pin of a task that is not there (one that runs only in
 * other environments says where), a malformed reference or digest, a pin of
 * another repository than the task's. A file no run reads is an error too,
 * as an overlay of an undeclared environment is: `pins/<env>.json` of an
 * environment the settings do not declare, `pins.json` in a project with
 * environments, `pins/` in one without.
 *
 * @param loaded what the load stage found (lib/manifest/load-tasks.ts): the
 *   valid tasks, every task per environment (those with errors included, as
 *   far as they are readable), the manifests' errors
 * @param declared the environments the settings declare (empty: a project without environments)
 * @param files the project's pins files (`readProjectPins`)
 */
export function applyPins(loaded: LoadedTasks, declared: readonly string[], files: readonly PinsFileText[], settingsFile: string = SETTINGS_FILE): PinnedTasks {
  const { tasks, crossTask: groups } = loaded;
  if (files.length === 0) return { tasks, diagnostics: [], withPins: (d) => d };
  const diagnostics: Diagnostic[] = [];
  const pinsOf = new Map<string | undefined, { readonly origin: string; readonly pins: ReadonlyMap<string, string> }>();
  // Per environment of the run: where each task (its manifest valid or not) is.
  const present = new Map<string | undefined, Map<string, CrossTaskEntry>>();
  for (const group of groups) {
    const byKey = new Map<string, CrossTaskEntry>();
    for (const entry of group.entries) if (entry.name !== undefined && entry.namespace !== undefined) byKey.set(pinsKey({ namespace: entry.namespace, name: entry.name }), entry);
    present.set(group.environment?.name, byKey);
  }
  const hidden = unnamedManifests(loaded);
  for (const file of files) {
    const unread = unreadPinsFile(file, declared, settingsFile);
    if (unread !== undefined) {
      diagnostics.push(fileError(file.shown, unread));
      continue;
    }
    const entries = present.get(file.environment);
    if (entries === undefined) continue; // an environment this run does not render (--env)
    if (file.problem !== undefined) {
      diagnostics.push(fileError(file.shown, file.problem));
      continue;
    }
    const known = new Map(tasks.filter((t) => t.environment === file.environment).map(({ task }) => [pinsKey(task), task.image]));
    const context: PinsContext = {
      ...(file.environment === undefined ? {} : { environment: file.environment }),
      unchecked: new Set([...entries.keys()].filter((key) => !known.has(key))),
      ...otherEnvironments(present, file.environment),
      unnamed: hidden,
    };
    const read = parsePins(file.shown, file.text, known, context);
    // Not push(...): a spread of some 10^5 diagnostics (a pins file of as many bad pins) overflows the stack.
    for (const diagnostic of read.diagnostics) diagnostics.push(diagnostic);
    if (read.pins.size > 0) pinsOf.set(file.environment, { origin: file.origin, pins: read.pins });
  }
  const pinned = tasks.map((source) => {
    const file = pinsOf.get(source.environment);
    const pin = file?.pins.get(pinsKey(source.task));
    if (file === undefined || pin === undefined) return source;
    return { ...source, task: { ...source.task, image: pinnedImage(source.task.image, pin) }, origin: `${source.origin}, with the image pinned in ${file.origin}` };
  });
  return { tasks: pinned, diagnostics, withPins: pinnedTags(tasks, pinned) };
}

/**
 * A warning of the load stage as it holds once pins apply: a mutable tag
 * (`rule: 'mutable-tag'`) is not one in an environment that pins the task
 * by digest (its pods run the digest, not the tag). Dropped where every
 * environment it is of (every one the task runs in, when it names none)
 * pins the task; else naming the environments that do not.
 */
function pinnedTags(tasks: readonly TaskSource[], pinned: readonly TaskSource[]): (warning: Diagnostic) => Diagnostic | undefined {
  // Per manifest folder: the environments the task runs in, and those whose pin replaced its image.
  const runs = new Map<string, { all: Set<string | undefined>; pinned: Set<string | undefined> }>();
  tasks.forEach((source, i) => {
    const folder = path.posix.dirname(source.document.file);
    const held = runs.get(folder) ?? { all: new Set(), pinned: new Set() };
    held.all.add(source.environment);
    if (pinned[i] !== source) held.pinned.add(source.environment);
    runs.set(folder, held);
  });
  return (warning) => {
    const held = warning.rule === 'mutable-tag' ? runs.get(path.posix.dirname(warning.file)) : undefined;
    if (held === undefined || held.pinned.size === 0) return warning;
    const of = warning.environments === undefined || warning.environments.length === 0 ? [...held.all] : warning.environments;
    const unpinned = of.filter((environment) => !held.pinned.has(environment));
    if (unpinned.length === 0) return undefined;
    if (unpinned.length === of.length || unpinned.includes(undefined)) return warning;
    return { ...warning, environments: (unpinned as string[]).sort(compareStrings) };
  };
}

/**
 * The manifests with errors whose task has no name this run can read (their
 * JSON, their name or namespace invalid): a pin may be of one of them.
 */
function unnamedManifests(loaded: LoadedTasks): string[] {
  const named = new Set<string>();
  for (const group of loaded.crossTask) for (const entry of group.entries) if (entry.name !== undefined && entry.namespace !== undefined) named.add(entry.document.file);
  const files = loaded.diagnostics.filter((d) => d.severity === 'error' && path.posix.basename(d.file) === MANIFEST_FILE && !named.has(d.file)).map((d) => d.file);
  return [...new Set(files)].sort(compareStrings);
}

/** Why no run reads a pins file, or undefined when its environment's runs do. */
function unreadPinsFile(file: PinsFileText, declared: readonly string[], settingsFile: string): string | undefined {
  if (declared.length === 0) {
    if (file.environment === undefined) return undefined;
    return `this pins file is not read: the settings declare no environments, so the pins of every task are in ${pinsFile(undefined)}; move these pins there, or declare ${JSON.stringify(file.environment)} in the "environments" setting of ${settingsFile}`;
  }
  if (file.environment === undefined) {
    return `this pins file is not read: the settings declare environments, and each has its own pins file (${declared.map((e) => pinsFile(e)).join(', ')}); move these pins there, or remove this file`;
  }
  if (declared.includes(file.environment)) return undefined;
  const suggestion = didYouMean(file.environment, declared);
  const hint = suggestion === undefined ? `the settings declare ${declared.map((d) => JSON.stringify(d)).join(', ')}` : `did you mean "${suggestion}", ${pinsFile(suggestion)}?`;
  return `this pins file is for environment ${JSON.stringify(file.environment)}, which the settings do not declare, so it is not read (${hint}); rename the file, or declare the environment in ${settingsFile}`;
}

/**
 * What the other environments of the run tell of the keys a pins file of
 * `environment` may get wrong: a task there under another key (its
 * namespace differs, by the environment's `namespace` setting), and a task
 * that runs only in other environments (which, and where its manifest lists them).
 */
function otherEnvironments(present: ReadonlyMap<string | undefined, ReadonlyMap<string, CrossTaskEntry>>, environment: string | undefined): Pick<PinsContext, 'elsewhere' | 'renamed'> {
  const elsewhere = new Map<string, { environments: string[]; listed?: SourceLocation }>();
  const renamed = new Map<string, string>();
  const here = present.get(environment);
  if (environment === undefined || here === undefined) return { elsewhere, renamed };
  // A task is its manifest: the key of each manifest in this environment, and the environments each runs in.
  const keyHere = new Map([...here].map(([key, entry]) => [entry.document.file, key]));
  const runsIn = new Map<string, string[]>();
  for (const [name, entries] of present) for (const entry of entries.values()) runsIn.set(entry.document.file, [...(runsIn.get(entry.document.file) ?? []), name!]);
  for (const [name, entries] of present) {
    if (name === environment) continue;
    for (const [key, entry] of entries) {
      if (here.has(key) || elsewhere.has(key) || renamed.has(key)) continue;
      const there = keyHere.get(entry.document.file);
      if (there !== undefined) {
        renamed.set(key, there);
        continue;
      }
      const value = entry.document.value as Record<string, unknown> | null;
      const lists = typeof value === 'object' && value !== null && Object.hasOwn(value, 'environments');
      // A manifest that runs everywhere, or lists this environment, is missing here only through errors (its overlay's).
      const hiddenHere = !lists || (Array.isArray(value!.environments) && value!.environments.includes(environment));
      elsewhere.set(key, { environments: [...(runsIn.get(entry.document.file) ?? [])].sort(compareStrings), ...(lists ? { listed: entry.document.locate(['environments']) } : {}), ...(hiddenHere ? { hiddenHere } : {}) });
    }
  }
  return { elsewhere, renamed };
}
