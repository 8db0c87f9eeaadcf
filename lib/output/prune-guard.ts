import { UserError } from '../errors';
import type { DistPlan } from './dist';
import type { RenderedFile } from './rendered-file';
import { SETTINGS_FILE } from '../project-settings';

/** How a run's output folder is laid out, for what it may prune. */
export interface OutputLayout {
  /** The environments the settings declare; absent in a project without environments (no environment folders). */
  readonly environments?: readonly string[];
  /** The environments this run renders (every declared one, or those of `--env`). */
  readonly rendered?: readonly string[];
  /** The flag that lets the run prune the folders of environments no longer declared (`--prune-environments`). @default false */
  readonly pruneEnvironments?: boolean;
  /** The flag that lets an environment without tasks prune its folder (`--allow-empty`). @default false */
  readonly allowEmpty?: boolean;
  /** The settings file, as the refusal names it. @default SETTINGS_FILE */
  readonly settingsFile?: string;
}

/** The command-line flag named by the refusal of a removed environment. */
export const PRUNE_ENVIRONMENTS_FLAG = '--prune-environments';

/**
 * Refuses a plan that would prune a whole environment by accident. Argo CD
 * with `prune: true` deletes from the cluster what leaves its folder, so a
 * renamed or mistyped environment (or the switch to environments, which
 * moves every file) must not empty a cluster unasked: the files of a folder
 * that is no declared environment are pruned only with
 * `--prune-environments`, and an environment in which no task runs keeps
 * its files unless `--allow-empty`.
 *
 * @throws UserError naming each folder, how many files it holds, and the flag
 */
export function guardPrune(plan: DistPlan, files: readonly RenderedFile[], layout: OutputLayout, shownOut: string): void {
  const removed = new Map<string, number>();
  for (const file of plan.prune) {
    const parts = file.split('/');
    if (parts.length < 2) continue;
    // Without environments, a file three folders deep is of an environment layout; with them, a top folder that is not one, or a
    // file directly in one (`data/etl.k8s.yaml`: the output of the project before it had environments, whose namespace an environment is named like).
    const ofRemoved = layout.environments === undefined ? parts.length >= 3 : parts.length === 2 || !layout.environments.includes(parts[0]!);
    if (ofRemoved) removed.set(parts[0]!, (removed.get(parts[0]!) ?? 0) + 1);
  }
  if (removed.size > 0 && layout.pruneEnvironments !== true) {
    const declared = (folder: string) => layout.environments?.includes(folder) === true;
    const folders = [...removed]
      .map(([folder, n]) => `  ${shownOut}/${folder}/: ${n} generated file${n === 1 ? '' : 's'}${declared(folder) ? ' directly in it' : ''}`)
      .join('\n');
    const why = layout.environments === undefined
      ? 'the settings declare no environments, and these folders hold the output of environments'
      : [...removed.keys()].some(declared)
        ? `these files are no declared environment's (${layout.environments.map((e) => JSON.stringify(e)).join(', ')}; an environment writes <environment>/<namespace>/): the output of the project before it had environments, or of an environment removed or renamed`
        : `these folders are not environments the settings declare (${layout.environments.map((e) => JSON.stringify(e)).join(', ')}): the output of an environment removed or renamed, or of the project before it had environments`;
    throw new UserError(
      `nothing was written: ${why}, and would be pruned:\n${folders}\n` +
        `With Argo CD's prune, that deletes their workloads from the cluster. If that is meant, run again with ${PRUNE_ENVIRONMENTS_FLAG}; if an environment was renamed or mistyped, declare it again in ${layout.settingsFile ?? SETTINGS_FILE}.`,
    );
  }
  if (layout.allowEmpty === true) return;
  for (const environment of layout.rendered ?? []) {
    const prefix = `${environment}/`;
    if (files.some((f) => f.path.startsWith(prefix))) continue;
    const pruned = plan.prune.filter((p) => p.startsWith(prefix)).length;
    if (pruned === 0) continue;
    throw new UserError(
      `nothing was written: no task runs in environment ${JSON.stringify(environment)} (each task's "environments" leaves it out), so its ${pruned} generated file${pruned === 1 ? '' : 's'} in ${shownOut}/${environment}/ would be pruned ` +
        `(and, with Argo CD's prune, every workload of that environment). Check the tasks' "environments", or pass --allow-empty to prune on purpose.`,
    );
  }
}
