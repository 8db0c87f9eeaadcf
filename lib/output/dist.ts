import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';
import { compareStrings } from '../compare';
import { GENERATED_MARKER, type RenderedFile } from './rendered-file';
import { commitFiles, INTERNAL_PREFIX, OUTPUT_MARKER } from './transaction';

/** What synth would do to the output folder. */
export interface DistPlan {
  /** Files that are new or whose bytes change. */
  readonly write: readonly RenderedFile[];
  /** Generated files whose bytes stay the same: not rewritten. */
  readonly unchanged: readonly string[];
  /** Generated files of tasks that no longer exist (and leftover temporary files). */
  readonly prune: readonly string[];
  /** For a changed file, its current bytes (for diffs). */
  readonly previous: ReadonlyMap<string, string>;
}

const TEMP_SUFFIX = '.datatask-tmp';

/**
 * Compares the rendered files with the output folder (with `scope`, only
 * with those of its folders: the environments a run renders, `--env`). Refuses a folder that
 * holds files datatask-cdk8s did not write: the folder is owned by the
 * synthesizer, and pruning someone else's files would be a disaster.
 */
export function planDist(outDir: string, files: readonly RenderedFile[], scope?: readonly string[]): DistPlan {
  const existing = scope === undefined ? listFiles(outDir) : scope.flatMap((folder) => listFiles(outDir, folder));
  const rendered = new Map(files.map((f) => [f.path, f]));
  const unchangedPaths = new Set<string>();
  const prune: string[] = [];
  const previous = new Map<string, string>();
  const foreign: string[] = [];

  // Each existing file compared as it is read; only a changed file's bytes are kept (for diffs), not the whole folder's.
  for (const file of existing) {
    if (path.posix.basename(file).startsWith('.') && file.endsWith(TEMP_SUFFIX)) {
      prune.push(file);
      continue;
    }
    const content = fs.readFileSync(path.join(outDir, file), 'utf8');
    const ours = rendered.get(file);
    if (!content.startsWith(GENERATED_MARKER)) foreign.push(file);
    else if (ours === undefined) prune.push(file);
    else if (ours.content === content) unchangedPaths.add(file);
    else previous.set(file, content);
  }
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 10).map((f) => `  ${path.join(outDir, f)}`).join('\n');
    throw new UserError(
      `the output folder ${outDir} holds ${foreign.length} file(s) that datatask-cdk8s did not write:\n${shown}\n` +
        'The folder is owned by the synthesizer (only generated Kubernetes manifests belong there): move these files, or choose another --out.',
    );
  }
  const write: RenderedFile[] = [];
  const unchanged: string[] = [];
  for (const file of files) {
    if (unchangedPaths.has(file.path)) unchanged.push(file.path);
    else write.push(file);
  }
  return { write, unchanged, prune: prune.sort(compareStrings), previous };
}

/**
 * Applies a plan as one transaction (./transaction.ts): every new file is
 * staged before any replaces an old one, so a failure or a kill leaves the
 * folder as it was before or, finished by the next run, as it is after.
 */
export function applyDist(outDir: string, plan: DistPlan): void {
  commitFiles(outDir, plan.write, plan.prune);
}

/** Every file below `root` (or its folder `under`), relative to `root`, `/`-separated, sorted; none when it does not exist. */
function listFiles(root: string, under = ''): string[] {
  if (!fs.existsSync(root)) return [];
  if (!fs.statSync(root).isDirectory()) throw new UserError(`the output path ${root} exists and is not a folder`);
  if (under !== '' && !(fs.existsSync(path.join(root, under)) && fs.statSync(path.join(root, under)).isDirectory())) return [];
  const out: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      // The tool's own bookkeeping (./transaction.ts) is no output file.
      if (entry.name.startsWith(INTERNAL_PREFIX)) continue;
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      // A folder inside with an output marker of its own is another run's output folder (synth --out dist/dev): not this run's to prune.
      if (entry.isDirectory()) {
        if (!fs.existsSync(path.join(root, child, OUTPUT_MARKER))) walk(child);
      } else out.push(child);
    }
  };
  walk(under);
  return out.sort(compareStrings);
}
