/**
 * The run controls of a job (`backoff-limit`, `active-deadline-seconds`) and
 * the CronJob fields of a cron job, with the ranges the API server checks
 * (kubernetes pkg/apis/batch/validation: `validateJobSpec`,
 * `validateCronJobSpec`, `validateConcurrencyPolicy`, `validateTimeZone`).
 */
import * as z from '../zod';
import type { CronJobControls, JobControls } from '../model';
import { checkTimeZone } from '../validation/time-zone';
import { checkedString } from './zod-helpers';

const INT32_MAX = 2 ** 31 - 1;

/** The job fields, for a `job` with or without a schedule. */
export const jobFields = {
  'backoff-limit': z.int().min(0).max(INT32_MAX).optional(),
  'active-deadline-seconds': z.int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
};

/** The CronJob fields, for a `job` with a schedule only. */
export const cronJobFields = {
  'concurrency-policy': z.enum(['Allow', 'Forbid', 'Replace']).optional(),
  suspend: z.boolean().optional(),
  'starting-deadline-seconds': z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  'successful-jobs-history-limit': z.int().min(0).max(INT32_MAX).optional(),
  'failed-jobs-history-limit': z.int().min(0).max(INT32_MAX).optional(),
  'time-zone': checkedString(checkTimeZone).optional(),
};

/** The CronJob fields' names: they apply to a job only when it has a `schedule`. */
export const CRON_JOB_FIELDS = Object.keys(cronJobFields) as (keyof typeof cronJobFields)[];

type JobFieldValues = { readonly [K in keyof typeof jobFields]?: z.output<(typeof jobFields)[K]> };
type CronJobFieldValues = { readonly [K in keyof typeof cronJobFields]?: z.output<(typeof cronJobFields)[K]> };

/** The model of the job fields. */
export function toJobControls(m: JobFieldValues): JobControls {
  return { backoffLimit: m['backoff-limit'], activeDeadlineSeconds: m['active-deadline-seconds'] };
}

/** The model of the CronJob fields; the construct applies the `cronJob.timeZone` setting when `time-zone` is absent. */
export function toCronJobControls(m: CronJobFieldValues): CronJobControls {
  return {
    concurrencyPolicy: m['concurrency-policy'],
    suspend: m.suspend,
    startingDeadlineSeconds: m['starting-deadline-seconds'],
    successfulJobsHistoryLimit: m['successful-jobs-history-limit'],
    failedJobsHistoryLimit: m['failed-jobs-history-limit'],
    timeZone: m['time-zone'],
  };
}
