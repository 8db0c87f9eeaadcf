/**
 * The run controls of a job (`backoff-limit`, `active-deadline-seconds`),
 * also set in a cron job's `jobTemplate`, with the ranges the API server
 * checks (kubernetes pkg/apis/batch/validation `validateJobSpec`).
 */
import * as z from '../../zod';
import type { JobControls } from '../../model';

const INT32_MAX = 2 ** 31 - 1;

/** The job fields, for a `job` with or without a schedule. */
export const jobFields = {
  'backoff-limit': z.int().min(0).max(INT32_MAX).optional().meta({
    description:
      'Int, for a job (and cron job); an extension. Job spec.backoffLimit: how many times a failed pod is retried before the Job fails (0 or more). ' +
      'Not set: the Kubernetes default, 6.',
    examples: [3],
  }),
  'active-deadline-seconds': z.int().min(1).max(Number.MAX_SAFE_INTEGER).optional().meta({
    description:
      'Int, for a job (and cron job); an extension. Job spec.activeDeadlineSeconds: the seconds (1 or more) a run may take before it is stopped and failed. Not set: no deadline.',
    examples: [3600],
  }),
};

export const jobAppliesTo = Object.fromEntries(Object.keys(jobFields).map((field) => [field, ['job']]));

/** The model of the job fields. */
export function toJobControls(m: z.output<z.ZodObject<typeof jobFields>>): JobControls {
  return { backoffLimit: m['backoff-limit'], activeDeadlineSeconds: m['active-deadline-seconds'] };
}
