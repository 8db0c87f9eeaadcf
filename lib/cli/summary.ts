import type { LoadedTask } from '../manifest/load';
import type { TaskKind } from '../model';
import type { DistPlan } from '../output/dist';

const KIND_NAMES: Record<TaskKind, [string, string]> = {
  job: ['job', 'jobs'],
  'cron-job': ['cron job', 'cron jobs'],
  deployment: ['deployment', 'deployments'],
  service: ['service', 'services'],
};

/** `5 tasks (2 jobs, 1 cron job, 1 deployment, 1 service) → dist: 1 written, 4 unchanged, 0 pruned in 0.12 s`. */
export function summaryLine(input: {
  readonly counts: Readonly<Record<TaskKind, number>>;
  readonly plan: DistPlan;
  readonly out: string;
  readonly warnings: number;
  /** Seconds the run took, as printed. */
  readonly seconds: string;
  /** How many environments were rendered (each task counted once per environment it runs in). @default none */
  readonly environments?: number;
}): string {
  const { plan } = input;
  const warnings = input.warnings === 0 ? '' : `, ${input.warnings} warning(s)`;
  const where = input.environments === undefined ? '' : ` in ${input.environments} environment${input.environments === 1 ? '' : 's'}`;
  return `${tasksPhrase(input.counts)}${where} → ${input.out}: ${plan.write.length} written, ${plan.unchanged.length} unchanged, ${plan.prune.length} pruned${warnings} in ${input.seconds} s`;
}

/** `5 tasks (2 jobs, 1 cron job, 1 deployment, 1 service)`. */
export function tasksPhrase(counts: Readonly<Record<TaskKind, number>>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const kinds = (Object.keys(KIND_NAMES) as TaskKind[])
    .filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${KIND_NAMES[k][counts[k] === 1 ? 0 : 1]}`);
  return `${total} task${total === 1 ? '' : 's'}${kinds.length === 0 ? '' : ` (${kinds.join(', ')})`}`;
}

/** How many tasks of each kind. */
export function countTasks(tasks: readonly LoadedTask[]): Record<TaskKind, number> {
  const counts: Record<TaskKind, number> = { job: 0, 'cron-job': 0, deployment: 0, service: 0 };
  for (const { task } of tasks) counts[task.kind]++;
  return counts;
}
