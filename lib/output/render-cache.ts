import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { sha1 } from '../hash';
import type { KnownTasks, TaskSource } from '../manifest/load-tasks';
import type { Task } from '../model';
import { differsOnlyInNamespace } from '../manifest/schema';
import type { Environment, Settings } from '../project-settings';
import { outputPath, type RenderedFile } from './rendered-file';

/**
 * The declared key of the render cache: everything besides a manifest's own
 * text that decides its task model and its output bytes. Each entry is
 * further keyed by its manifest's path below the tasks folder and the SHA-1
 * of its text.
 */
export interface RenderCacheKey {
  /**
   * A content hash of the code that validates and renders, hooks included
   * (lib/output/code-identity.ts): any change to the code may change any
   * output, so another code is another cache.
   */
  readonly code: string;
  /** The validated settings: they shape the model (namespace, reserved names) and every object. */
  readonly settings: Settings;
  /** The declared environments and their settings. @default none */
  readonly environments?: readonly Environment[];
  /** The tasks folder, absolute: its name is in every output file's header. */
  readonly tasksDir: string;
  /**
   * The output folder, absolute: an entry says what was last written there
   * (one cache file per output folder, named by its hash).
   */
  readonly outDir: string;
  /**
   * SHA-1 of the CRD files of the `crds` setting (lib/output/custom-resources.ts):
   * hook output is checked against them, so an edited CRD checks every task again.
   * @default none listed
   */
  readonly crds?: string;
  /**
   * SHA-1 of the pins files the run applies (lib/images/apply-pins.ts
   * `pinsIdentity`): a pin is an output file's image, so a changed pin
   * renders again. @default none (no pins file)
   */
  readonly pins?: string;
}

/** What a previous run learned from one manifest (in an environment). */
interface Entry {
  /** SHA-1 of the manifest text it was learned from. */
  readonly textHash: string;
  /** The validated model of that text; absent when it is `like`'s. */
  readonly task?: Task;
  /**
   * The key of an entry written before this one (another environment of
   * the same manifest) whose model this one's is, but for `namespace`: the
   * environments' models share their parts (toTaskLike), and the file keeps
   * them once.
   */
  readonly like?: string;
  readonly namespace?: string;
  /** SHA-1 of the output file rendered from it. */
  readonly contentHash: string;
  /** The context its warnings were made in (warningsContext); absent when they are not kept. */
  readonly warnedFor?: string;
  /** Its warnings; absent when there are none (or none are kept). */
  readonly warnings?: readonly Diagnostic[];
}

/** The first line of a cache file; the entries follow on the second. */
interface Header {
  readonly outDir: string;
  readonly fingerprint: string;
}

/**
 * The render cache, used by the render stage only (lib/synth.ts): a manifest whose text, key and
 * output file are unchanged since the last run is neither validated nor
 * rendered again. It only ever says "unchanged": the bytes of a reused file
 * are the output folder's own, checked against the hash of what was
 * rendered; a missing, corrupt or foreign cache is an empty one. Kept in
 * `node_modules/.cache/datatask-cdk8s/` of the project.
 */
export class RenderCache implements KnownTasks {
  /** A cache that knows nothing and keeps nothing (tests, libraries). */
  public static readonly NONE = new RenderCache(undefined, { outDir: '', fingerprint: '' }, {});

  /**
   * Opens the cache of `key.outDir` in `dir`, and deletes the caches of
   * output folders that no longer exist.
   */
  public static open(dir: string, key: RenderCacheKey): RenderCache {
    const header: Header = {
      outDir: key.outDir,
      fingerprint: sha1(JSON.stringify([key.code, key.settings, key.tasksDir, key.outDir, ...(key.crds === undefined ? [] : [key.crds]), ...(key.pins === undefined ? [] : [{ pins: key.pins }]), ...(key.environments === undefined || key.environments.length === 0 ? [] : [key.environments])])),
    };
    const file = path.join(dir, `${sha1(key.outDir)}.json`);
    pruneOrphans(dir, file);
    try {
      const [first, second] = fs.readFileSync(file, 'utf8').split('\n');
      const stored = JSON.parse(first!) as Header;
      const entries = JSON.parse(second!) as Record<string, Entry>;
      if (stored.fingerprint === header.fingerprint && typeof entries === 'object' && entries !== null) return new RenderCache(file, header, entries);
    } catch {
      // No cache yet, or one that cannot be read: start empty.
    }
    return new RenderCache(file, header, {});
  }

  /** The models of `like` entries, by key, once made. */
  private readonly alike = new Map<string, Task>();

  private constructor(
    private readonly file: string | undefined,
    private readonly header: Header,
    private readonly entries: Readonly<Record<string, Entry>>,
  ) {}

  /** The hash entries are keyed by ('' without a cache file: nothing to compare). */
  public hashManifest(text: string): string {
    return this.file === undefined ? '' : sha1(text);
  }

  /** The validated task of the cache key `key` (a manifest's path, after `<env>:` in an environment) if its sources still hash to `textHash`. */
  public task(key: string, textHash: string): Task | undefined {
    const entry = this.entry(key, textHash);
    if (entry === undefined || entry.task !== undefined) return entry?.task;
    // A model kept once for several environments: theirs with this one's namespace, made once (the environments share its parts, as when validated).
    let task = this.alike.get(key);
    if (task === undefined) {
      const like = entry.like !== undefined && Object.hasOwn(this.entries, entry.like) ? this.entries[entry.like]!.task : undefined;
      if (like === undefined || typeof entry.namespace !== 'string') return undefined;
      task = like.namespace === entry.namespace ? like : { ...like, namespace: entry.namespace };
      this.alike.set(key, task);
    }
    return task;
  }

  /**
   * Which tasks need rendering. A task whose output file in `outDir` holds
   * exactly the bytes last rendered from the same manifest (same hash) needs
   * none: that file is reused, with the folder's own bytes.
   *
   * @param outDir the output folder @default the one the cache was opened for
   */
  public reuse(tasks: readonly TaskSource[], outDir: string = this.header.outDir): { readonly reused: ReadonlyMap<TaskSource, RenderedFile>; readonly toRender: readonly TaskSource[] } {
    const reused = new Map<TaskSource, RenderedFile>();
    const toRender: TaskSource[] = [];
    for (const source of tasks) {
      const entry = this.entry(source.cacheKey, source.textHash);
      const file = outputPath(source.task, source.environment);
      const content = entry === undefined ? undefined : readIfPresent(path.join(outDir, file));
      if (content !== undefined && sha1(content) === entry!.contentHash) reused.set(source, { path: file, content });
      else toRender.push(source);
    }
    return { reused, toRender };
  }

  /**
   * Saves what this run wrote: each task's model and the hash of its file
   * (`files[i]` is the file of `tasks[i]`). Written beside, then renamed;
   * failing to save (a read-only node_modules) only costs speed. The
   * entries are written a batch at a time, never as one string: at 30,000
   * tasks that string was ~33 MB, made (twice) when the run holds the most.
   */
  public save(tasks: readonly TaskSource[], files: readonly RenderedFile[]): void {
    if (this.file === undefined) return;
    const temp = `${this.file}.${process.pid}.tmp`;
    let fd: number | undefined;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fd = fs.openSync(temp, 'w');
      // The second line is JSON.stringify of the entries by cache key, written in pieces.
      let chunk = `${JSON.stringify(this.header)}\n{`;
      // The last model written in full, and its key: the environments of one manifest come one after another.
      let kept: { readonly manifest: string; readonly key: string; readonly task: Task } | undefined;
      tasks.forEach((source, i) => {
        const contentHash = sha1(files[i]!.content);
        const alike = kept !== undefined && kept.manifest === source.manifest && differsOnlyInNamespace(source.task, kept.task);
        const warnings = source.warnings === undefined ? {} : { warnedFor: source.warnings.context, ...(source.warnings.diagnostics.length === 0 ? {} : { warnings: source.warnings.diagnostics }) };
        const entry: Entry = alike ? { textHash: source.textHash, like: kept!.key, namespace: source.task.namespace, contentHash, ...warnings } : { textHash: source.textHash, task: source.task, contentHash, ...warnings };
        if (!alike) kept = { manifest: source.manifest, key: source.cacheKey, task: source.task };
        chunk += `${i === 0 ? '' : ','}${JSON.stringify(source.cacheKey)}:${JSON.stringify(entry)}`;
        if (chunk.length >= SAVE_CHUNK) {
          writeAll(fd!, chunk);
          chunk = '';
        }
      });
      writeAll(fd, `${chunk}}`);
      fs.closeSync(fd);
      fd = undefined;
      fs.renameSync(temp, this.file);
    } catch {
      if (fd !== undefined) fs.closeSync(fd);
      fs.rmSync(temp, { force: true });
    }
  }

  /** The warnings of the task of `key` if its sources still hash to `textHash` and they were made in `context` (lib/manifest/load-tasks.ts warningsContext). */
  public warnings(key: string, textHash: string, context: string): readonly Diagnostic[] | undefined {
    const entry = this.entry(key, textHash);
    return entry === undefined || entry.warnedFor !== context ? undefined : (entry.warnings ?? []);
  }

  private entry(key: string, textHash: string): Entry | undefined {
    const entry = Object.hasOwn(this.entries, key) ? this.entries[key] : undefined;
    return entry !== undefined && entry.textHash === textHash && textHash !== '' ? entry : undefined;
  }
}

/** How many characters of the cache file `save` writes at a time. */
const SAVE_CHUNK = 1 << 20;

/** Deletes the cache files (other than `keep`) of output folders that no longer exist. */
function pruneOrphans(dir: string, keep: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    if (file === keep || !name.endsWith('.json')) continue;
    const outDir = headerOf(file)?.outDir;
    if (outDir === undefined || !fs.existsSync(outDir)) fs.rmSync(file, { force: true });
  }
}

/** The header line of a cache file, read without reading its entries. */
function headerOf(file: string): Header | undefined {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(8192);
      const text = buffer.toString('utf8', 0, fs.readSync(fd, buffer, 0, buffer.length, 0));
      return JSON.parse(text.slice(0, text.indexOf('\n'))) as Header;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** Writes all of `text` at the file's position (a write may take less than it is given). */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done);
}

function readIfPresent(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
