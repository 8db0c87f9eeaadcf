/**
 * What `review` reports: per task, what merging the change will do to the
 * cluster. Plain data, shared by the formatters.
 */
import type { ImageChange } from './image-change';

/**
 * The kinds of finding, most serious first:
 * - `refusal`: the API server refuses the update (an immutable field); exit 4
 * - `replacement`: Argo CD deletes and recreates the object (a Job reruns)
 * - `exposure`: who can reach a published route changes
 * - `deletion` / `creation`: an object Argo CD prunes / creates
 * - `change`: any other meaningful change, in words
 */
export const FINDING_KINDS = ['refusal', 'replacement', 'exposure', 'deletion', 'creation', 'change'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Where in a manifest a finding comes from (1-based line and column). */
export interface FindingLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The manifest field, e.g. `labels` or `published.bypass_auth`. */
  readonly path: string;
}

export interface Finding {
  readonly kind: FindingKind;
  /** One sentence, true and specific; never an environment variable's value. */
  readonly message: string;
  /** The manifest field that causes it; absent when no manifest of the change holds it (a removed task, a project setting). */
  readonly location?: FindingLocation;
  /** For a changed container image: repository, tags, digests and where a new digest was promoted from. */
  readonly image?: ImageChange;
}

/** What a task's own files become: a new task, a removed one, or one whose objects change. */
export type TaskStatus = 'added' | 'removed' | 'changed';

/** One task whose output changes. */
export interface TaskChange {
  /** The environment whose folder the task's file is in; absent in a project without environments. */
  readonly environment?: string;
  readonly namespace: string;
  readonly name: string;
  readonly status: TaskStatus;
  /** `job`, `cron job`, `deployment` or `service`, from the objects it renders. */
  readonly type: string;
  /** The manifest (of the working tree; of the base for a removed task, as its output file names it). */
  readonly manifest?: string;
  /** Sorted by kind (refusals first), then in the order the objects and fields appear. */
  readonly findings: readonly Finding[];
}

/** The whole review. */
export interface Review {
  /** The ref given with `--base`, and the commit it named. */
  readonly base: { readonly ref: string; readonly commit: string };
  /** The output folder as shown, e.g. `dist`. */
  readonly out: string;
  /** The base has no output folder (with `--env`, none of those environments' folders): every task is new. */
  readonly firstDeploy: boolean;
  /** The environments `--env` narrowed the review to. @default every one */
  readonly only?: readonly string[];
  /**
   * The base is the output of the project before it had environments
   * (no environment folders): each environment is compared with it, as
   * the cluster that ran it sees the change once its Argo CD Application
   * points at the environment's folder. @default false
   */
  readonly migration?: boolean;
  /** Tasks whose output changes, sorted by namespace and name. */
  readonly changes: readonly TaskChange[];
  /** How many tasks render exactly what the base holds. */
  readonly unchanged: number;
  /** Files in the base's output folder that datatask-cdk8s did not generate: not reviewed. */
  readonly ignored: readonly string[];
}

/** Counts for the closing line. */
export function reviewCounts(review: Review): Record<TaskStatus | FindingKind | 'unchanged', number> {
  const counts = { added: 0, removed: 0, changed: 0, unchanged: review.unchanged, refusal: 0, replacement: 0, exposure: 0, deletion: 0, creation: 0, change: 0 };
  for (const task of review.changes) {
    counts[task.status]++;
    for (const f of task.findings) counts[f.kind]++;
  }
  return counts;
}

/** `Tasks: 2 changed, 1 added, 1 removed, 3 unchanged; 1 change the API server will refuse by the API server, 1 exposure change, 1 Job replaced and rerun, 2 objects deleted`. */
export function closingLine(review: Review): string {
  const c = reviewCounts(review);
  const tasks = `${c.changed} changed, ${c.added} added, ${c.removed} removed, ${c.unchanged} unchanged`;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const notes = [
    c.refusal > 0 ? plural(c.refusal, 'change the API server will refuse', 'changes the API server will refuse') : '',
    c.exposure > 0 ? plural(c.exposure, 'exposure change', 'exposure changes') : '',
    c.replacement > 0 ? plural(c.replacement, 'Job replaced and so rerun', 'Jobs replaced and so rerun') : '',
    c.deletion > 0 ? plural(c.deletion, 'object deleted', 'objects deleted') : '',
  ].filter((n) => n !== '');
  return `Tasks: ${tasks}${notes.length === 0 ? '' : `; ${notes.join(', ')}`}`;
}

/** How a task is named in a review: `data/etl`, or `prod: data/etl` in an environment. */
export function taskLabel(task: Pick<TaskChange, 'environment' | 'namespace' | 'name'>): string {
  return `${task.environment === undefined ? '' : `${task.environment}: `}${task.namespace}/${task.name}`;
}
