import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { DistPlan } from './dist';

/** What `check` found: how the output folder differs from what synth would write. */
export interface DriftReport {
  readonly upToDate: boolean;
  /** Paths below the output folder, sorted within each list. */
  readonly changed: readonly string[];
  readonly added: readonly string[];
  readonly pruned: readonly string[];
  /** `git diff`-style patch of every changed, added and pruned file ('' when up to date). */
  readonly patch: string;
  /** One line: up to date, or what differs and what to do. */
  readonly verdict: string;
}

/**
 * Stage 6 with `check`: compares instead of writing.
 *
 * @param shownOut the output folder as the user named it, in the patch's file names
 */
export function driftReport(outDir: string, shownOut: string, plan: DistPlan): DriftReport {
  const added = plan.write.filter((f) => !plan.previous.has(f.path));
  const changed = plan.write.filter((f) => plan.previous.has(f.path));
  const total = plan.write.length + plan.unchanged.length;
  const name = (p: string) => `${shownOut}/${p}`;
  const patches = [
    ...changed.map((f) => createTwoFilesPatch(`a/${name(f.path)}`, `b/${name(f.path)}`, plan.previous.get(f.path) ?? '', f.content)),
    ...added.map((f) => createTwoFilesPatch('/dev/null', `b/${name(f.path)}`, '', f.content)),
    ...plan.prune.map((p) => createTwoFilesPatch(`a/${name(p)}`, '/dev/null', fs.readFileSync(path.join(outDir, p), 'utf8'), '')),
  ].map(withoutIndexLine);
  const upToDate = patches.length === 0;
  const counts = [`${changed.length} changed`, `${added.length} added`, `${plan.prune.length} pruned`];
  return {
    upToDate,
    changed: changed.map((f) => f.path),
    added: added.map((f) => f.path),
    pruned: [...plan.prune],
    patch: patches.join(''),
    verdict: upToDate
      ? `${shownOut} is up to date (${total} file${total === 1 ? '' : 's'})`
      : `${shownOut} is out of date: ${counts.join(', ')}; run \`npm run synth\` and commit the result`,
  };
}

/** jsdiff starts each patch with an `Index:` and a `===` line that git does not write. */
function withoutIndexLine(patch: string): string {
  return patch.replace(/^(Index: .*\n)?=+\n/, '');
}
