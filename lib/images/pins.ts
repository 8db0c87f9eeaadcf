/**
 * Pins files: the image of a task with its digest, per environment.
 *
 * `pins/<env>.json` (`pins.json` without environments; lib/images/project.ts
 * `pinsFile`), in the project folder, maps tasks to pinned references:
 *
 *     {"$schema": "../node_modules/datatask-cdk8s/pins.schema.json",
 *      "default/gstogs": "gcr.io/acme/gs_to_gs:3f2c1d0@sha256:<64 hex>"}
 *
 * `pin` writes it from a bake metadata file; anyone may pin a task by hand
 * (an `image-source` task too); `promote` copies pins between environments.
 *
 * This module reads one pins text against the tasks of its environment
 * (`parsePins`: every error located, file:line:col) and writes pins files
 * (`renderPins`, `writePinsFile`). Synth applies them in its own stage,
 * ./apply-pins.ts: a pinned task's image becomes `pinnedImage`, the pin
 * exactly as written (a digest names immutable content, so the image a pod
 * runs is the one that was built and tested). The pull policy is not
 * changed (README, "How a pin is applied", says why `IfNotPresent` is then safe).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileError, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic';
import { type JsonDocument, parseJsonDocument } from '../diagnostics/json-document';
import * as z from '../zod';
import { parseImageReference } from '../validation/image';
import { checkDns1123Label } from '../validation/kubernetes-names';
import { didYouMean } from '../validation/suggest';
import { always } from '../manifest/zod-helpers';
import { normalizedRepository, repositoryOf } from './reference';

/** The pins of one file: `<namespace>/<task>` → `<repo>[:<tag>]@sha256:<64 hex>`. */
export type Pins = ReadonlyMap<string, string>;

/** The JSON Schema of pins files, at the package root (named by a pins file's `$schema`). */
export const PINS_SCHEMA_FILE = 'pins.schema.json';

/** Why `key` is not a pins key (`<namespace>/<task>`, both DNS-1123 labels), or undefined. */
export function checkPinKey(key: string): string | undefined {
  const parts = key.split('/');
  const form = `a pin's key is "<namespace>/<task>" (e.g. "default/gstogs")`;
  if (parts.length !== 2) return `${form}, found ${JSON.stringify(key)}`;
  for (const [i, part] of parts.entries()) {
    const bad = checkDns1123Label(part);
    if (bad !== undefined) return `${form}: the ${i === 0 ? 'namespace' : 'task name'} ${JSON.stringify(part)} ${bad}`;
  }
  return undefined;
}

/**
 * What is wrong with a digest that should be `sha256:<64 lower-case hex
 * digits>` (the only algorithm buildx pushes with), as the end of a sentence
 * about it; undefined when it is one.
 */
export function checkDigest(digest: string): string | undefined {
  if (!digest.startsWith('sha256:')) {
    const colon = digest.indexOf(':');
    return `must start with "sha256:" (found ${JSON.stringify(colon < 0 ? digest : digest.slice(0, colon + 1))})`;
  }
  const hex = digest.slice('sha256:'.length);
  const notHex = /[^0-9a-fA-F]/.exec(hex);
  if (notHex !== null) return `holds ${JSON.stringify(notHex[0])}, which is not a hex digit`;
  // The length first: lower case alone would not make a short digest one.
  if (hex.length !== 64) return `has ${hex.length} hex digits after "sha256:"; a sha256 digest has 64`;
  if (hex !== hex.toLowerCase()) return `is in upper-case hex; write it in lower case (${JSON.stringify(`sha256:${hex.toLowerCase()}`)})`;
  return undefined;
}

/**
 * Why `value` is not a pinned reference `<repo>[:<tag>]@sha256:<64 hex>`, as
 * specifically as can be told (the digest's algorithm, its length, its
 * case, a character that is no hex digit), or undefined.
 */
export function checkPinReference(value: string): string | undefined {
  const form = '<repository>[:<tag>]@sha256:<64 lower-case hex digits>';
  const at = value.lastIndexOf('@');
  if (at < 0) return `${JSON.stringify(value)} has no digest: a pin is ${form} (missing "@sha256:")`;
  const bad = checkDigest(value.slice(at + 1));
  if (bad !== undefined) return `the digest of ${JSON.stringify(value)} ${bad}; a pin is ${form}`;
  const named = parseImageReference(value.slice(0, at));
  if (!named.ok) return `the repository of the pin: ${named.message}`;
  return undefined;
}

/** A pins key as JSON Schema says it: two DNS-1123 labels (at most 63 characters each) around "/" (what `checkPinKey` checks). */
const PIN_KEY_PATTERN = '^(?=.{1,63}/)[a-z0-9]([-a-z0-9]*[a-z0-9])?/(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

/** A pinned reference, as JSON Schema can say it: anything without "@" or white space, then a lower-case sha256 digest (a superset of what `checkPinReference` accepts). */
const PIN_REFERENCE_PATTERN = '^[^@\\s]+@sha256:[0-9a-f]{64}$';

/** A pin: a string `checkPinReference` accepts. */
const pinReference = z
  .string({ error: (issue) => `a pin is a string "<repository>[:<tag>]@sha256:<64 hex digits>", found ${JSON.stringify(issue.input)}` })
  .superRefine((value, ctx) => {
    const bad = checkPinReference(value);
    if (bad !== undefined) ctx.addIssue(bad);
  })
  .meta({
    description: 'The pinned reference: <repository>[:<tag>]@sha256:<64 lower-case hex digits>; the repository must be the task\'s own.',
    pattern: PIN_REFERENCE_PATTERN,
    examples: [`gcr.io/acme/gs_to_gs:3f2c1d0@sha256:${'0123456789abcdef'.repeat(4)}`],
  });

/**
 * The schema of a pins file, which `npm run schema` writes as
 * pins.schema.json: `$schema` (a string), and `<namespace>/<task>` keys
 * whose values are pinned references. Each issue has the path of its key
 * (and `params.target: 'key'` when the key itself is wrong), so that every
 * error is located; the `.meta()` keywords say what the refinements check,
 * as far as JSON Schema can.
 */
export const pinsSchema = z
  .object({
    $schema: z
      .string({ error: (issue) => `"$schema" names the JSON Schema of pins files, a string; found ${JSON.stringify(issue.input)}` })
      .optional()
      .meta({ description: 'The JSON Schema of this file.' }),
  })
  .catchall(pinReference)
  .superRefine((file, ctx) => {
    for (const key of Object.keys(file)) {
      if (key === '$schema') continue;
      const badKey = checkPinKey(key);
      if (badKey !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: badKey, params: { target: 'key' } });
    }
  }, always)
  .meta({
    title: 'datatask pins file (pins/<env>.json, or pins.json)',
    description:
      'The image of a task with its digest, per environment: synth writes a pinned task\'s image exactly as pinned. ' +
      'Written by `datatask pin` from a `docker buildx bake --metadata-file` run, copied by `datatask promote`, or edited by hand. ' +
      'Generated from the zod schema by `npm run schema`: do not edit.',
    propertyNames: {
      description: '"<namespace>/<task>": two DNS-1123 labels (lower-case letters, digits and "-", at most 63 each); or "$schema".',
      anyOf: [{ const: '$schema' }, { pattern: PIN_KEY_PATTERN }],
    },
  });

/** A pins file read: its pins (the valid ones), its document (for locating), and every error, located. */
export interface PinsRead {
  readonly pins: Pins;
  /** The `$schema` it names, kept when the file is rewritten. */
  readonly schema?: string;
  readonly document?: JsonDocument;
  readonly diagnostics: readonly Diagnostic[];
}

/** Where a task that does not run in a pins file's environment runs, and where its manifest lists them. */
export interface RunsElsewhere {
  readonly environments: readonly string[];
  readonly listed?: SourceLocation;
  /**
   * Its manifest says it runs in this environment too, but errors (of its
   * overlay for it) keep it out of it: a pin of it is no error of its own,
   * as the overlay's errors stop the run anyway.
   */
  readonly hiddenHere?: boolean;
}

/**
 * What a pins file of one environment is checked against, beside the tasks
 * of that environment (`known`). @default a project without environments
 */
export interface PinsContext {
  /** The environment the file pins (`pins/<env>.json`); absent for `pins.json`. */
  readonly environment?: string;
  /**
   * Tasks of the environment whose manifests have errors (their names read
   * as far as they are valid): a pin of one is kept out of the pins without
   * an error of its own, as its manifest's errors stop the run anyway.
   */
  readonly unchecked?: ReadonlySet<string>;
  /**
   * `<namespace>/<task>` → the other environments of the run it runs in, and
   * where its manifest lists them (its `environments` field), for a pin of
   * a task that does not run in this environment.
   */
  readonly elsewhere?: ReadonlyMap<string, RunsElsewhere>;
  /** `<namespace>/<task>` of another environment → the same task's key in this one (the environments' `namespace` settings differ). @default none */
  readonly renamed?: ReadonlyMap<string, string>;
  /** Manifests with errors whose task's name cannot be read: "there is no task" says it may be theirs. @default none */
  readonly unnamed?: readonly string[];
}

/**
 * Reads a pins text, located. Errors: the JSON itself, a value that is not
 * an object, a malformed key, a malformed reference or digest, a pin for a
 * task not in `known` (with a did-you-mean; in an environment, one that does
 * not run there says where it runs), a pin whose repository is not the task's.
 *
 * @param file the file as shown to the user
 * @param known `<namespace>/<task>` → the task's image, of every task of the environment
 */
export function parsePins(file: string, text: string, known: ReadonlyMap<string, string>, context: PinsContext = {}): PinsRead {
  const { document, diagnostics } = parseJsonDocument(file, text);
  if (document === undefined) return { pins: new Map(), diagnostics };
  const value = document.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { pins: new Map(), document, diagnostics: [document.diagnostic([], `a pins file is a JSON object {"<namespace>/<task>": "<repository>[:<tag>]@sha256:<64 hex digits>"}, found ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}`)] };
  }
  const out: Diagnostic[] = [];
  const invalid = new Set<string>();
  const result = pinsSchema.safeParse(value);
  for (const issue of result.success ? [] : result.error.issues) {
    const key = String(issue.path[0] ?? '');
    invalid.add(key);
    const target = (issue as { params?: { target?: 'key' } }).params?.target ?? 'value';
    out.push(document.diagnostic(issue.path as PropertyKey[], issue.message, { target }));
  }
  const pins = new Map<string, string>();
  const record = value as Record<string, unknown>;
  for (const [key, pin] of Object.entries(record)) {
    if (key === '$schema' || invalid.has(key) || context.unchecked?.has(key) === true) continue;
    const image = known.get(key);
    if (image === undefined) {
      const unknown = unknownTask(document, key, known, context);
      if (unknown !== undefined) out.push(unknown);
      continue;
    }
    const pinned = repositoryOf((pin as string).slice(0, (pin as string).lastIndexOf('@')));
    const own = repositoryOf(image);
    if (pinned !== undefined && own !== undefined && normalizedRepository(pinned) !== normalizedRepository(own)) {
      out.push(document.diagnostic([key], `the pin's repository ${JSON.stringify(pinned)} is not the task's, ${JSON.stringify(own)} (its image is ${JSON.stringify(image)}); a pin fixes the digest of the task's own image`));
      continue;
    }
    pins.set(key, pin as string);
  }
  const schema = typeof record.$schema === 'string' ? record.$schema : undefined;
  return { pins, document, diagnostics: out, ...(schema === undefined ? {} : { schema }) };
}

/**
 * The error of a pin whose key names no task of the environment: one that
 * runs elsewhere says where (and where its manifest says so); one of
 * another namespace there, or a typo, gets a did-you-mean.
 */
function unknownTask(document: JsonDocument, key: string, known: ReadonlyMap<string, string>, context: PinsContext): Diagnostic | undefined {
  const environment = context.environment;
  const where = environment === undefined ? '' : ` in environment ${JSON.stringify(environment)}`;
  const other = context.elsewhere?.get(key) ?? elsewhereByName(key, known, context);
  if (other?.hiddenHere === true) return undefined;
  if (environment !== undefined && other !== undefined) {
    const runs = other.environments.map((e) => JSON.stringify(e)).join(', ');
    const diagnostic = document.diagnostic(
      [key],
      `the task ${JSON.stringify(key)} does not run in environment ${JSON.stringify(environment)} (it runs in ${runs}), so it has no image to pin here; remove this pin, or add ${JSON.stringify(environment)} to the task's "environments"`,
      { target: 'key' },
    );
    return other.listed === undefined ? diagnostic : { ...diagnostic, related: [{ ...other.listed, message: 'the environments the task runs in' }] };
  }
  const name = taskNameOf(key);
  // The same task under another namespace here: the environment's `namespace` setting is another one.
  const renamed = context.renamed?.get(key) ?? [...known.keys()].find((k) => taskNameOf(k) === name);
  const suggestion = renamed ?? didYouMean(key, [...known.keys()]);
  const hint = suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?${renamed === undefined ? '' : ` the task's namespace${where === '' ? '' : ' there'} is ${JSON.stringify(renamed.slice(0, renamed.indexOf('/')))}`})`;
  const unnamed = context.unnamed ?? [];
  // A manifest whose name cannot be read may be this task's: said, so that the message stays true.
  const unless = unnamed.length === 0 ? '' : `, unless it is the task of ${unnamed.join(', ')}, whose errors hide its name`;
  return document.diagnostic([key], `there is no task ${JSON.stringify(key)}${where}${hint}${unless}; a pin names a task as "<namespace>/<task>"`, { target: 'key' });
}

/** The task name of a pins key, `<namespace>/<task>`. */
function taskNameOf(key: string): string {
  return key.slice(key.indexOf('/') + 1);
}

/**
 * A task that runs only in other environments, named with this
 * environment's namespace (`data-dev/etl` in pins/dev.json for the task
 * that is `data/etl` in prod, where the `namespace` settings differ): the
 * one task of that name elsewhere, when no task here has the name.
 */
function elsewhereByName(key: string, known: ReadonlyMap<string, string>, context: PinsContext): RunsElsewhere | undefined {
  const name = taskNameOf(key);
  if ([...known.keys()].some((k) => taskNameOf(k) === name)) return undefined;
  const found = [...(context.elsewhere ?? new Map<string, RunsElsewhere>()).entries()].filter(([k]) => taskNameOf(k) === name);
  return found.length === 1 ? found[0]![1] : undefined;
}

/**
 * Whether a pins file can be read: `absent` (no pins), undefined (a
 * file), or why not. A folder at its path is an error, not an absent file:
 * read as "no pins", it would silently unpin its environment.
 *
 * @throws the file system's error for anything but an absent file (exit 5)
 */
export function pinsFileProblem(absolute: string): 'absent' | string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
  if (stat.isFile()) return undefined;
  return stat.isDirectory() ? 'the pins file is a folder, not a file' : 'the pins file is not a regular file; a pins file is a JSON file';
}

/**
 * Reads a pins file located; an absent file has no pins and no errors.
 *
 * @param absolute the file's path
 * @param shown the file as shown to the user (relative to the working directory)
 */
export function readPinsFile(absolute: string, shown: string, known: ReadonlyMap<string, string>, context: PinsContext = {}): PinsRead {
  const problem = pinsFileProblem(absolute);
  if (problem === 'absent') return { pins: new Map(), diagnostics: [] };
  if (problem !== undefined) return { pins: new Map(), diagnostics: [fileError(shown, problem)] };
  return parsePins(shown, fs.readFileSync(absolute, 'utf8'), known, context);
}

/**
 * The image synth writes for a task: the pin, exactly as pinned, when there
 * is one (its repository was checked by `parsePins`), else the task's own image.
 */
export function pinnedImage(image: string, pin: string | undefined): string {
  return pin ?? image;
}

/** A pins file's text: `$schema` first, then the pins sorted by key, 2-space JSON, a trailing newline. */
export function renderPins(pins: Pins, schema?: string): string {
  const out: Record<string, string> = schema === undefined ? {} : { $schema: schema };
  for (const key of [...pins.keys()].sort()) out[key] = pins.get(key)!;
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** One pin changed by `pin` or `promote`. */
export interface PinChange {
  readonly task: string;
  /** The pin before; undefined for a new one. */
  readonly before?: string;
  readonly after: string;
}

/** The pins of `after` that differ from `before`, sorted by task. */
export function pinChanges(before: Pins, after: Pins): PinChange[] {
  const out: PinChange[] = [];
  for (const task of [...after.keys()].sort()) {
    const was = before.get(task);
    const now = after.get(task)!;
    if (was !== now) out.push({ task, after: now, ...(was === undefined ? {} : { before: was }) });
  }
  return out;
}

/** `ns/task: old → new`, or `ns/task: (new) new`. */
export function formatPinChange(change: PinChange): string {
  return `${change.task}: ${change.before === undefined ? '(new)' : `${change.before} →`} ${change.after}`;
}

/** Writes a pins file in one rename (a reader never sees half a file), making its folder. */
export function writePinsFile(absolute: string, text: string): void {
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  const temporary = `${absolute}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, absolute);
}
