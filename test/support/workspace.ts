import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../lib/cli/cli';
import type { Customize } from '../../lib/customize';
import { INTERNAL_PREFIX } from '../../lib/output/transaction';
import type { Rendered, Written } from '../../lib/synth';


/** A temporary project folder with tasks, for end-to-end runs of the CLI. */
export class Workspace {
  public readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-'));

  /** Writes `tasks/<relative>` (objects as pretty JSON). */
  public task(relative: string, content: string | Record<string, unknown>): this {
    const file = path.join(this.root, 'tasks', relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
    return this;
  }

  public write(relative: string, content: string): this {
    const file = path.join(this.root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return this;
  }

  /** Runs the CLI in the workspace (with a render cache in the workspace when `cacheBuild` is set). */
  public run(...argv: string[]): { code: number; stdout: string; stderr: string } {
    let stdout = '';
    let stderr = '';
    const renderCache = this.cacheBuild === undefined ? false : { dir: path.join(this.root, '.cache'), code: this.cacheBuild };
    // main.ts "in" the workspace: the workspace is the project folder the default paths are relative to.
    const app = { main: path.join(this.root, 'main.ts'), customize: this.hooks };
    const observe = (outcome: Rendered & Partial<Written>): void => void (this.outcome = outcome);
    const code = runCli(argv, app, { cwd: this.root, env: this.env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), renderCache, observe });
    return { code, stdout, stderr };
  }

  /** The code identity given to the render cache; undefined runs without a cache. */
  public cacheBuild?: string;

  /** What the app returned in the last run (how many charts it rendered, its plan). */
  public outcome?: Rendered & Partial<Written>;

  /** The platform hooks of runs (main.ts's `customize`). */
  public hooks: readonly Customize[] = [];

  /** The environment of runs (`CDK8S_OUTDIR`). */
  public env: Record<string, string | undefined> = {};

  /**
   * Every file below `relative` with its bytes, `/`-separated and sorted;
   * without the tool's own bookkeeping (`.datatask-*`, lib/output/transaction.ts) unless `internal`.
   */
  public files(relative = 'dist', internal = false): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (dir: string, prefix: string): void => {
      if (!fs.existsSync(dir)) return;
      for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (!internal && e.name.startsWith(INTERNAL_PREFIX)) continue;
        if (e.isDirectory()) walk(path.join(dir, e.name), `${prefix}${e.name}/`);
        else out[`${prefix}${e.name}`] = fs.readFileSync(path.join(dir, e.name), 'utf8');
      }
    };
    walk(path.join(this.root, relative), '');
    return out;
  }

  public mtime(relative: string): number {
    return fs.statSync(path.join(this.root, relative)).mtimeMs;
  }

  public remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export const job = (name: string, extra: Record<string, unknown> = {}) => ({
  labels: `app:${name}`,
  type: 'job',
  name,
  'image-source': 'busybox:1.36',
  ...extra,
});

export const service = (name: string, extra: Record<string, unknown> = {}) => ({
  labels: `app:${name}`,
  type: 'service',
  name,
  'image-source': 'nginx:1.25',
  'name-port': 'http',
  'container-port': 8080,
  ...extra,
});
