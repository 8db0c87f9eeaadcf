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
import { parseGoDuration } from '../../validation/go-duration';
import { checkTimeZone } from '../../validation/time-zone';
import { IANA_TIME_ZONES } from '../../validation/time-zone-names';
import { checkedString } from '../zod-helpers';
import { atPath, type FieldRule, type LikelyMistake, type Mistakes, manifestType } from './field';

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

/** Both day fields set (cron then matches either); `@every` under a minute. */
export const scheduleMistakes: Mistakes = (task) => {
  if (task.kind !== 'cron-job') return [];
  const schedule = task.schedule;
  const out: string[] = [];
  // robfig/cron: when neither day field is "*" or "?", a day matches if EITHER matches.
  const fields = schedule.split(/\s+/);
  const unrestricted = (field: string) => field.split(',').some((item) => ['*', '?', '*/1', '?/1'].includes(item));
  if (fields.length === 5 && !unrestricted(fields[2]) && !unrestricted(fields[4])) {
    out.push(`${JSON.stringify(schedule)} runs on day-of-month ${fields[2]} and also on every day-of-week ${fields[4]}: when both are set, cron matches a day that fits either, not both; set one of them to "*" if only one is meant`);
  }
  if (fields.length === 5) out.push(...stepBeyondRange(schedule, fields));
  const nanos = schedule.startsWith('@every ') ? parseGoDuration(schedule.slice('@every '.length)) : undefined;
  // robfig/cron's Every: below one second counts as one second.
  if (typeof nanos === 'number' && nanos < 60e9) {
    const seconds = Math.max(1, Math.floor(nanos / 1e9));
    out.push(`${JSON.stringify(schedule)} starts a new Job every ${seconds} second${seconds === 1 ? '' : 's'}${nanos < 1e9 ? ' (a duration under one second counts as one second)' : ''}; did you mean minutes or hours, such as "@every ${seconds}m"?`);
  }
  return out.map(atPath(['schedule']));
};

/** The fields where "every N" is a common reading of "*\/N", with their ranges (robfig/cron) and the next larger unit. */
const STEPPED_FIELDS = [
  { name: 'minute', min: 0, max: 59, unit: 'minutes', per: 'hour', every: (n: number) => `${n}m` },
  { name: 'hour', min: 0, max: 23, unit: 'hours', per: 'day', every: (n: number) => `${n}h` },
  { name: 'day-of-month', min: 1, max: 31, unit: 'days', per: 'month', every: (n: number) => `${n * 24}h` },
] as const;

/**
 * "*\/90" in the minute field: robfig/cron steps through the field's own
 * range (0-59), so a step beyond it keeps only the first value: the
 * CronJob runs once an hour, not every 90 minutes. The API server accepts it.
 */
function stepBeyondRange(schedule: string, fields: readonly string[]): string[] {
  return STEPPED_FIELDS.flatMap((field, i) => {
    const step = /^(\*|\?|[0-9]+)(?:-([0-9]+))?\/([0-9]+)$/.exec(fields[i]!);
    if (step === null) return [];
    const start = step[1] === '*' || step[1] === '?' ? field.min : Number(step[1]);
    const end = step[2] === undefined ? field.max : Number(step[2]);
    const n = Number(step[3]);
    if (n === 0 || start + n <= end) return [];
    return [
      `${JSON.stringify(schedule)}: the step ${n} in ${JSON.stringify(fields[i])} goes beyond the ${field.name} range ${start}-${end}, so it matches ${field.name} ${start} only (once per ${field.per} at most), not every ${n} ${field.unit}; for every ${n} ${field.unit}, write "@every ${field.every(n)}" (counted from the CronJob's creation or last run)`,
    ];
  });
}
