import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { DistPlan } from '../output/dist';

/** What `--check` found: a unified diff of the output folder, and a one-line verdict. */
export interface DriftReport {
  readonly upToDate: boolean;
  /** `git diff`-style patch of every added, changed and pruned file. */
  readonly patch: string;
  readonly verdict: string;
}

/** Describes how the output folder differs from what synth would write. */
export function driftReport(outDir: string, shownOut: string, plan: DistPlan): DriftReport {
  const added = plan.write.filter((f) => !plan.previous.has(f.path));
  const changed = plan.write.filter((f) => plan.previous.has(f.path));
  const total = plan.write.length + plan.unchanged.length;
  if (plan.write.length === 0 && plan.prune.length === 0) {
    return { upToDate: true, patch: '', verdict: `${shownOut} is up to date (${total} file${total === 1 ? '' : 's'})` };
  }
  const name = (p: string) => `${shownOut}/${p}`;
  const patches = [
    ...changed.map((f) => createTwoFilesPatch(`a/${name(f.path)}`, `b/${name(f.path)}`, plan.previous.get(f.path) ?? '', f.content)),
    ...added.map((f) => createTwoFilesPatch('/dev/null', `b/${name(f.path)}`, '', f.content)),
    ...plan.prune.map((p) => createTwoFilesPatch(`a/${name(p)}`, '/dev/null', fs.readFileSync(path.join(outDir, p), 'utf8'), '')),
  ].map(withoutIndexLine);
  const parts = [`${changed.length} changed`, `${added.length} added`, `${plan.prune.length} pruned`];
  return {
    upToDate: false,
    patch: patches.join(''),
    verdict: `${shownOut} is out of date: ${parts.join(', ')}; run \`npm run synth\` and commit the result`,
  };
}

/** jsdiff starts each patch with an `Index:` and a `===` line that git does not write. */
function withoutIndexLine(patch: string): string {
  return patch.replace(/^(Index: .*\n)?=+\n/, '');
}
