import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { TaskSource } from '../manifest/load-tasks';
import { RenderCache } from '../output/render-cache';
import type { SynthOutcome, SynthRun } from '../synth';

/** What the working tree's tasks render, in memory. */
export interface WorkingTree {
  /** Every diagnostic; when one is an error, `files` is empty. */
  readonly diagnostics: readonly Diagnostic[];
  readonly tasks: readonly TaskSource[];
  /** Path below the output folder → text. */
  readonly files: readonly { readonly path: string; readonly content: string }[];
}

/**
 * Renders the working tree's tasks through the app's own stages (`synth`
 * of main.ts, platform hooks included, so that what a hook adds is reviewed too), and
 * writes nothing: the stages run in `check` mode against an output folder
 * that does not exist, so that every rendered file is in the plan.
 */
export function renderWorkingTree(synth: (run: SynthRun) => SynthOutcome, input: Pick<SynthRun, 'tasksDir' | 'settings' | 'cwd' | 'customResources'>): WorkingTree {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'datatask-review-'));
  try {
    const outcome = synth({
      ...input,
      outDir: path.join(scratch, 'none'),
      shownOut: 'none',
      check: true,
      strict: false,
      allowEmpty: true,
      cache: RenderCache.NONE,
      writeOut: false,
    });
    const files = outcome.plan?.write.map((f) => ({ path: f.path, content: f.content })) ?? [];
    return { diagnostics: outcome.diagnostics, tasks: outcome.tasks, files };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
