/**
 * Warnings about the day-2 extension fields: values Kubernetes accepts that
 * are most likely not what was meant. They fail the run only with `--strict`.
 */
import type { Task } from '../model';
import { shortestCronInterval } from '../validation/cron-interval';
import type { LikelyMistake } from './likely-mistakes';

/**
 * The CronJob controller checks schedules every 10 seconds; a smaller
 * `startingDeadlineSeconds` may skip runs (Kubernetes docs, CronJob
 * limitations).
 */
const CRON_JOB_CONTROLLER_PERIOD = 10;

/** A published service without a readiness probe. */
export function probeMistakes(task: Task): LikelyMistake[] {
  const out: LikelyMistake[] = [];
  if (task.kind === 'service' && task.published !== undefined && task.probes?.readiness === undefined) {
    out.push({
      path: ['published'],
      message:
        'a published service without a readiness-probe gets requests as soon as its container starts, before the application listens; ' +
        'add "readiness-probe": "/healthz" (a path your application answers with a 2xx or 3xx status)',
    });
  }
  return out;
}

/** Cron job deadlines that skip runs, or let them overlap. */
export function cronJobMistakes(task: Task): LikelyMistake[] {
  const out: LikelyMistake[] = [];
  if (task.kind === 'cron-job') {
    const deadline = task.cronJob?.startingDeadlineSeconds;
    if (deadline !== undefined && deadline < CRON_JOB_CONTROLLER_PERIOD) {
      out.push({
        path: ['starting-deadline-seconds'],
        message: `${deadline} seconds is shorter than the CronJob controller's 10-second check, so runs may be skipped; use at least ${CRON_JOB_CONTROLLER_PERIOD}`,
      });
    }
    const active = task.job?.activeDeadlineSeconds;
    const policy = task.cronJob?.concurrencyPolicy ?? 'Allow';
    const interval = active === undefined || policy !== 'Allow' ? undefined : shortestCronInterval(task.schedule);
    if (active !== undefined && interval !== undefined && active > interval) {
      out.push({
        path: ['active-deadline-seconds'],
        message:
          `${active} seconds is longer than the ${interval} seconds between runs of "${task.schedule}", and concurrency-policy ${task.cronJob?.concurrencyPolicy === undefined ? 'is not set (Allow)' : 'is "Allow"'}, ` +
          'so runs may overlap; set "concurrency-policy": "Forbid" (or "Replace"), or a deadline of at most ' + `${interval}`,
      });
    }
  }
  return out;
}
