/**
 * A job's `schedule`, which makes it a CronJob, and the CronJob fields, with
 * the rules the API server checks (kubernetes pkg/apis/batch/validation
 * `validateCronJobSpec`, `validateConcurrencyPolicy`, `validateTimeZone`).
 * The CronJob fields need a schedule.
 */
import * as z from '../../zod';
import type { CronJobControls } from '../../model';
import { checkCronSchedule } from '../../validation/cron';
import { shortestCronInterval } from '../../validation/cron-interval';
import { checkTimeZone } from '../../validation/time-zone';
import { IANA_TIME_ZONES } from '../../validation/time-zone-names';
import { checkedString } from '../zod-helpers';
import { type FieldRule, type LikelyMistake, type Mistakes, manifestType } from './field';

const INT32_MAX = 2 ** 31 - 1;

/**
 * The CronJob controller checks schedules every 10 seconds; a smaller
 * `startingDeadlineSeconds` may skip runs (Kubernetes docs, CronJob
 * limitations).
 */
const CRON_JOB_CONTROLLER_PERIOD = 10;

export const scheduleFields = {
  schedule: checkedString(checkCronSchedule).optional().meta({
    description:
      'For a job. Describes the repeating, time-based schedule on which the task is executed, in cron syntax ' +
      '(for example "0 5 * * *": every day at 5 am; macros such as "@daily", and "@every <duration>" such as "@every 48h", are accepted). ' +
      'If set, it makes the difference between a job and a cronjob; "" means a plain job.',
    examples: ['0 5 * * *'],
  }),
};

/** The CronJob fields, for a `job` with a schedule only. */
export const cronJobFields = {
  'concurrency-policy': z.enum(['Allow', 'Forbid', 'Replace']).optional().meta({
    description:
      'For a cron job (a job with "schedule"); an extension. CronJob spec.concurrencyPolicy: "Allow" (runs may overlap), "Forbid" (skip a run while the previous one is running) ' +
      'or "Replace" (stop the previous run). Not set: the Kubernetes default, "Allow".',
    examples: ['Forbid'],
  }),
  suspend: z.boolean().optional().meta({
    description: 'Boolean, for a cron job; an extension. CronJob spec.suspend: true stops future runs (running ones go on). Not set: false.',
    examples: [true],
  }),
  'starting-deadline-seconds': z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional().meta({
    description:
      'Int, for a cron job; an extension. CronJob spec.startingDeadlineSeconds: how late (in seconds) a missed run may still start; later, it is skipped. ' +
      'Not set: no deadline. Below 10 it may skip runs (the controller checks every 10 seconds).',
    examples: [300],
  }),
  'successful-jobs-history-limit': z.int().min(0).max(INT32_MAX).optional().meta({
    description:
      'Int, for a cron job; an extension. CronJob spec.successfulJobsHistoryLimit: how many finished successful Jobs are kept (0 or more). Not set: the Kubernetes default, 3.',
    examples: [5],
  }),
  'failed-jobs-history-limit': z.int().min(0).max(INT32_MAX).optional().meta({
    description:
      'Int, for a cron job; an extension. CronJob spec.failedJobsHistoryLimit: how many failed Jobs are kept (0 or more). Not set: the Kubernetes default, 1.',
    examples: [3],
  }),
  'time-zone': checkedString(checkTimeZone).optional().meta({
    description:
      'For a cron job; an extension. CronJob spec.timeZone: the IANA time zone the schedule is read in, such as "Europe/Paris" (not "Local"). ' +
      'Overrides the project\'s cronJob.timeZone setting for this task. Not set: the setting, else the controller\'s zone (UTC).',
    enum: [...IANA_TIME_ZONES].sort(),
    examples: ['Europe/Paris'],
  }),
};

/** The CronJob fields' names: they apply to a job only when it has a `schedule`. */
export const CRON_JOB_FIELDS = Object.keys(cronJobFields) as (keyof typeof cronJobFields)[];

export const cronAppliesTo = Object.fromEntries(['schedule', ...CRON_JOB_FIELDS].map((field) => [field, ['job']]));

/** The CronJob fields on a job without a schedule. */
const checkCronJobOnly: FieldRule = (raw, _settings, ctx) => {
  if (manifestType(raw) !== 'job' || raw.schedule !== undefined) return;
  for (const field of CRON_JOB_FIELDS) {
    if (raw[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'applies only to a cron job (a job with a "schedule")' });
  }
};

export const cronRules: readonly FieldRule[] = [checkCronJobOnly];

/** Cron job deadlines that skip runs, or let them overlap. */
export const cronJobMistakes: Mistakes = (task) => {
  if (task.kind !== 'cron-job') return [];
  const out: LikelyMistake[] = [];
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
  return out;
};

/** The model of the CronJob fields; the construct applies the `cronJob.timeZone` setting when `time-zone` is absent. */
export function toCronJobControls(m: z.output<z.ZodObject<typeof cronJobFields>>): CronJobControls {
  return {
    concurrencyPolicy: m['concurrency-policy'],
    suspend: m.suspend,
    startingDeadlineSeconds: m['starting-deadline-seconds'],
    successfulJobsHistoryLimit: m['successful-jobs-history-limit'],
    failedJobsHistoryLimit: m['failed-jobs-history-limit'],
    timeZone: m['time-zone'],
  };
}
