/**
 * Words of the seed format and of peer tools (Docker Compose, Kubernetes,
 * Helm charts) that users bring to a manifest: the hint that points at the
 * field or value this format uses instead.
 */

/** Unknown top-level fields → what this format calls them. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  'health-check': '"readiness-probe" (traffic waits for it) or "liveness-probe" (restarts when it fails)',
  healthcheck: '"readiness-probe" (traffic waits for it) or "liveness-probe" (restarts when it fails)',
  health_check: '"readiness-probe" (traffic waits for it) or "liveness-probe" (restarts when it fails)',
  retries: '"backoff-limit" (how many times a failed job is retried)',
  retry: '"backoff-limit" (how many times a failed job is retried)',
  command: '"cmd" (the container command, a list of strings)',
  entrypoint: '"cmd" (the container command, a list of strings)',
  image: '"image-source" (an image built elsewhere) or "image-destination" (built from this folder)',
  port: '"container-port" (with "name-port", for a service)',
  ports: '"container-port" (with "name-port", for a service)',
  cron: '"schedule" (with "type": "job")',
  environment: '"env" (a list of {"name", "value"})',
};

/** A top-level field this format names otherwise; undefined for others. */
export function fieldWordHint(key: string): string | undefined {
  const instead = wordIn(FIELD_WORDS, key);
  return instead === undefined ? undefined : `this format calls it ${instead}`;
}

/** `type` values of other tools → this format's. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  cronjob: 'a scheduled job is "type": "job" with a "schedule"',
  'cron-job': 'a scheduled job is "type": "job" with a "schedule"',
  cron: 'a scheduled job is "type": "job" with a "schedule"',
  scheduled: 'a scheduled job is "type": "job" with a "schedule"',
  batch: 'a batch job is "type": "job"',
  worker: 'a long-running worker is "type": "deployment"',
  statefulset: 'this format has no StatefulSet: a long-running task is "type": "deployment"',
  web: 'a web service is "type": "service"',
  webservice: 'a web service is "type": "service"',
};

/** A `type` of another tool's words; undefined for others. */
export function typeWordHint(value: string): string | undefined {
  return wordIn(TYPE_WORDS, value);
}

/** A table's entry for a word, case-insensitively; only the table's own keys (a manifest may hold "constructor"). */
function wordIn(table: Readonly<Record<string, string>>, word: string): string | undefined {
  const key = word.toLowerCase();
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * Hints for a value of the wrong JSON type at a top-level field: a command
 * written as one string, labels written as an object, a CPU amount written
 * as a number.
 */
export function shapeHint(field: PropertyKey | undefined, input: unknown): string | undefined {
  if ((field === 'cmd' || field === 'args') && typeof input === 'string') {
    return `write the list of arguments: [${input.trim().split(/\s+/).map((arg) => JSON.stringify(arg)).join(', ')}]`;
  }
  if (field === 'labels' && typeof input === 'object' && input !== null && !Array.isArray(input)) {
    return `labels are one string of "key:value" pairs: write ${JSON.stringify(Object.entries(input).map(([k, v]) => `${k}:${String(v)}`).join(','))}`;
  }
  if ((field === 'cpu-limit' || field === 'cpu-request') && typeof input === 'number') {
    // 500 is more likely 500 millicores than 500 cores; 0.5 can only be cores.
    return Number.isInteger(input)
      ? `a quantity is a string: write "${input}m" for ${input} millicores, or "${input}" for ${input} cores`
      : `a quantity is a string: write "${input}" for ${input} cores (the same as "${Math.round(input * 1000)}m")`;
  }
  return undefined;
}
