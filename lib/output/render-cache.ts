import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Task } from '../model';

/**
 * The SHA-1 of a text, hex. A cold run hashes every manifest and every
 * output; node's one-shot `crypto.hash` (node 20.12 and later) makes no Hash
 * object: 2000 hashes of 1.7 KB in a fresh process took 30 ms instead of 44.
 */
export const sha1: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha1', text, 'hex')
    : (text) => crypto.createHash('sha1').update(text).digest('hex');

/** What a previous run learned from one manifest. */
export interface CachedTask {
  /** SHA-1 of the manifest text it was learned from. */
  readonly textHash: string;
  /** The validated model of that text. */
  readonly task: Task;
  /** SHA-1 of the output file rendered from it. */
  readonly contentHash: string;
}

interface CacheFile {
  readonly fingerprint: string;
  readonly entries: Record<string, CachedTask>;
}

/**
 * Remembers, per manifest, the validated model and the hash of the output it
 * rendered, so that a run where nothing changed validates and renders
 * nothing: a manifest whose bytes hash the same, under the same settings and
 * the same build, has the same model and output. The fingerprint names that
 * build, those settings and the folders; any difference empties the cache.
 * A missing, unreadable or corrupt cache is an empty one; the cache is an
 * optimization only and never a source of output bytes.
 */
export class RenderCache {
  private readonly previous: Record<string, CachedTask>;
  private readonly next: Record<string, CachedTask> = {};

  private constructor(
    private readonly file: string,
    private readonly fingerprint: string,
    previous: Record<string, CachedTask>,
  ) {
    this.previous = previous;
  }

  /** Opens the cache `file` for a run whose inputs other than manifests are summed up by `fingerprint`. */
  public static open(file: string, fingerprint: string): RenderCache {
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
      if (data.fingerprint === fingerprint && typeof data.entries === 'object' && data.entries !== null) {
        return new RenderCache(file, fingerprint, data.entries);
      }
    } catch {
      // No cache yet, or one that cannot be read: start empty.
    }
    return new RenderCache(file, fingerprint, Object.create(null) as Record<string, CachedTask>);
  }

  /** What is known of the manifest `key` if its text still hashes to `textHash`. */
  public get(key: string, textHash: string): CachedTask | undefined {
    const entry = Object.hasOwn(this.previous, key) ? this.previous[key] : undefined;
    return entry?.textHash === textHash ? entry : undefined;
  }

  /** Records what this run learned; only recorded entries are saved. */
  public set(key: string, entry: CachedTask): void {
    this.next[key] = entry;
  }

  /** Writes the entries of this run (beside the file, then renamed). Failing to save is not an error. */
  public save(): void {
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify({ fingerprint: this.fingerprint, entries: this.next } satisfies CacheFile));
      fs.renameSync(temp, this.file);
    } catch {
      // A read-only node_modules only costs speed.
    }
  }
}
