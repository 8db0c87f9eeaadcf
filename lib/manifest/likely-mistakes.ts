/**
 * Values the API server and the gateway accept but that are almost surely
 * not what was meant. Each finding is a warning (it fails the run only with
 * `--strict`) that names the likely intended value.
 */
import type { Task } from '../model';
import { GOOGLE_APPLICATION_CREDENTIALS } from '../reserved-names';
import { parseGoDuration } from '../validation/go-duration';
import { parseQuantity } from '../validation/quantity';
import { containerMistakes } from './fields/container';
import { cronJobMistakes } from './fields/cron';
import type { LikelyMistake, Mistakes } from './fields/field';
import { imageMistakes } from './fields/image';
import { podMistakes } from './fields/pod';
import { probeMistakes } from './fields/probes';
import { memoryHint } from './fields/resources';
import { workloadMistakes } from './fields/workload';

const NANOS = 1_000_000_000n;
const MEBIBYTE_NANOS = 1024n * 1024n * NANOS;
/** More CPU than any node a data task is likely to get: "500" (cores) was probably "500m". */
const MANY_CORES_NANOS = 100n * NANOS;
/** File modes people use; a decimal number that reads as one of these in octal was probably written in octal. */
const USUAL_MODES = new Set([0o400, 0o440, 0o444, 0o500, 0o550, 0o555, 0o600, 0o640, 0o644, 0o660, 0o664, 0o666, 0o700, 0o750, 0o755, 0o770, 0o775, 0o777]);

/** Every likely mistake of a valid task, by field. */
export function likelyMistakes(task: Task): LikelyMistake[] {
  return [resourceMistakes, routeMistakes, volumeMistakes, scheduleMistakes, expansionMistakes, podMistakes, containerMistakes, imageMistakes, workloadMistakes, probeMistakes, cronJobMistakes].flatMap((check) => check(task));
}

const at = (path: readonly (string | number)[]) => (message: string): LikelyMistake => ({ path, message });

/** Memory in milli-bytes or bytes, CPU in cores where millicores were meant. */
const resourceMistakes: Mistakes = (task) =>
  (['request', 'limit'] as const).flatMap((kind) => {
    const list = task.resources[kind === 'request' ? 'requests' : 'limits'];
    return [
      ...(list.memory === undefined ? [] : checkMemory(list.memory, kind === 'limit', 'container').map(at([`memory-${kind}`]))),
      ...(list.cpu === undefined ? [] : checkCpu(list.cpu).map(at([`cpu-${kind}`]))),
    ];
  });

/** A prefix or rewrite that glues or spills path segments; a timeout in seconds. */
const routeMistakes: Mistakes = (task) => {
  if (task.kind !== 'service' || task.published === undefined) return [];
  const { prefix, rewrite, timeoutMs } = task.published;
  const out: LikelyMistake[] = [];
  const routing = checkPrefixAndRewrite(prefix, rewrite);
  if (routing !== undefined) out.push({ path: ['published', routing.field], message: routing.message });
  if (timeoutMs < 1000) {
    const seconds = timeoutMs * 1000 <= 2 ** 31 - 1 ? `; if you meant ${timeoutMs} seconds, write ${timeoutMs * 1000}` : '';
    out.push({ path: ['published', 'timeout_ms'], message: `${timeoutMs} is in milliseconds: requests through the gateway fail after ${timeoutMs} ms, less than a second${seconds}` });
  }
  return out;
};

/** An emptyDir size in milli-bytes (it is bytes, like memory); file modes written in octal. */
const volumeMistakes: Mistakes = (task) =>
  task.volumes.flatMap((volume, i) => {
    const source = volume.source;
    if ('emptyDir' in source) {
      const size = source.emptyDir.sizeLimit;
      return size === undefined ? [] : checkMemory(size, false, 'volume').map(at(['volumes', i, 'emptyDir', 'sizeLimit']));
    }
    const found = 'configMap' in source ? (['configMap', source.configMap] as const) : 'secret' in source ? (['secret', source.secret] as const) : undefined;
    if (found === undefined) return [];
    const [kind, spec] = found;
    return [
      ...(spec.defaultMode === undefined ? [] : checkMode(spec.defaultMode).map(at(['volumes', i, kind, 'defaultMode']))),
      ...(spec.items ?? []).flatMap((item, j) => (item.mode === undefined ? [] : checkMode(item.mode).map(at(['volumes', i, kind, 'items', j, 'mode'])))),
    ];
  });

/** Both day fields set (cron then matches either); `@every` under a minute. */
const scheduleMistakes: Mistakes = (task) => {
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
  return out.map(at(['schedule']));
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

/** `$(NAME)` and `$$` in env values and the command, which Kubernetes expands. */
const expansionMistakes: Mistakes = (task) => {
  const names = task.env.map((v) => v.name);
  const container = new Set(task.serviceAccountSecret === undefined ? names : [...names, GOOGLE_APPLICATION_CREDENTIALS]);
  return [
    // (An env var set from another source has no literal value to read.)
    ...task.env.flatMap((v, i) => (typeof v.value === 'string' ? variableReference(v.value, new Set(names.slice(0, i))) : []).map(at(['env', i, 'value']))),
    ...task.command.flatMap((arg, i) => variableReference(arg, container).map(at(['cmd', i]))),
    // Kubernetes expands args like command.
    ...(task.args ?? []).flatMap((arg, i) => variableReference(arg, container).map(at(['args', i]))),
  ];
};

function nanosOf(canonical: string): bigint {
  const q = parseQuantity(canonical);
  if (!q.ok) throw new Error(`a canonical quantity does not parse: ${canonical}`);
  return q.value.nanos;
}

/** "500m" (half a byte) and "512" (bytes) for memory. A limit under one byte is an error of the schema. */
/**
 * `of`: a container's memory, where the API server itself warns of a fractional byte value (pkg/api/pod/warnings.go),
 * or an emptyDir's size.
 */
function checkMemory(canonical: string, limit: boolean, of: 'container' | 'volume'): string[] {
  const serverWarns = of === 'container';
  const nanos = nanosOf(canonical);
  if (nanos === 0n || (limit && nanos < NANOS)) return [];
  if (nanos % NANOS !== 0n) {
    const accepted = serverWarns ? ' (the API server accepts it with a "fractional byte value" warning)' : '';
    return [`${JSON.stringify(canonical)} is not a whole number of bytes${accepted}${fractionalBytesHint(canonical, nanos)}`];
  }
  if (nanos < MEBIBYTE_NANOS) {
    const bytes = nanos / NANOS;
    const plainBytes = /^[0-9]+$/.test(canonical);
    // A volume of a few KiB written with a unit ("1000Ki") may well be meant; "512" (bytes) hardly ever.
    if (!plainBytes && of === 'volume') return [];
    const hint = plainBytes ? `; did you mean "${canonical}Mi"?` : '; a container needs megabytes (Mi)';
    return [`${JSON.stringify(canonical)} is ${bytes} byte${bytes === 1n ? '' : 's'}, less than 1Mi${hint}`];
  }
  return [];
}

/**
 * The likely intended value of a fractional byte amount. Under 1Mi it is
 * "m" (milli) written for M or Mi ("500m"); from 1Mi on, a fraction of a
 * larger unit ("0.1Gi", stored as "107374182400m"), where "107374182400Mi"
 * would be absurd: the amount rounded up to whole bytes and to Mi.
 */
function fractionalBytesHint(canonical: string, nanos: bigint): string {
  if (nanos < MEBIBYTE_NANOS) return memoryHint(canonical) || '; memory is counted in bytes: use Mi or Gi';
  const bytes = (nanos + NANOS - 1n) / NANOS;
  const mebibytes = (nanos + MEBIBYTE_NANOS - 1n) / MEBIBYTE_NANOS;
  return `; did you mean "${bytes}" (rounded up to whole bytes) or "${mebibytes}Mi"?`;
}

/** "500" (cores) where "500m" was meant; byte units on a CPU amount. */
function checkCpu(canonical: string): string[] {
  const nanos = nanosOf(canonical);
  if (nanos < MANY_CORES_NANOS) return [];
  const cores = nanos / NANOS;
  const byteUnit = /[KMGTPE]i$/.test(canonical) ? ' (Ki, Mi, Gi are byte units)' : '';
  // "500" was likely "500m", and "2Gi" likely "2" (cores); "1k" or "1E" have no likely reading.
  const binary = /^([0-9]+)[KMGTPE]i$/.exec(canonical);
  const hint = /^[0-9]+$/.test(canonical)
    ? `; did you mean "${cores}m" (${Number(cores) / 1000} of a core)?`
    : binary !== null
      ? `; did you mean "${binary[1]}" (${binary[1]} core${binary[1] === '1' ? '' : 's'})?`
      : '';
  return [`${JSON.stringify(canonical)} is ${cores} CPU cores${byteUnit}, more than a node is likely to have${hint}`];
}

/**
 * Emissary's prefix is a plain string prefix (Envoy `match.prefix`), and its
 * default rewrite "/" replaces exactly the matched prefix
 * (`route.prefix_rewrite`): "/shop" also matches "/shopping", and turns
 * "/shop/cart" into "//cart". A prefix ending in "/" with a rewrite that
 * does not (or the reverse) glues path segments together.
 */
function checkPrefixAndRewrite(prefix: string, rewrite: string | undefined): { field: string; message: string } | undefined {
  const effective = rewrite ?? '/';
  if (!prefix.endsWith('/')) {
    const longer = `${prefix}${/[0-9]$/.test(prefix) ? '0' : 's'}`;
    const glued = effective === '' ? '' : `, and the rewrite ${JSON.stringify(effective)}${rewrite === undefined ? " (Emissary's default)" : ''} turns "${prefix}/page" into ${JSON.stringify(`${effective}/page`)}`;
    return {
      field: 'prefix',
      message: `${JSON.stringify(prefix)} is matched as a plain string prefix, so it also matches ${JSON.stringify(longer)}${glued}; did you mean ${JSON.stringify(`${prefix}/`)}?`,
    };
  }
  if (effective !== '' && !effective.endsWith('/')) {
    return {
      field: 'rewrite',
      message: `${JSON.stringify(effective)} replaces the prefix ${JSON.stringify(prefix)} including its final "/", so "${prefix}page" reaches the service as ${JSON.stringify(`${effective}page`)}; did you mean ${JSON.stringify(`${effective}/`)}?`,
    };
  }
  return undefined;
}

/**
 * Kubernetes expands `$(NAME)` in env values and commands when NAME is a
 * variable of the container (for an env value, one defined before it), and
 * turns every `$$` into `$` (third_party/forked/golang/expansion), so the
 * process does not see the text as written.
 */
function variableReference(text: string, defined: ReadonlySet<string>): string[] {
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] !== '$') continue;
    if (text[i + 1] === '$') {
      // "$$(NAME)" is the documented way to write a literal "$(NAME)".
      if (text[i + 2] === '(') {
        i += 1;
        continue;
      }
      return [`${JSON.stringify(text)} contains "$$", which Kubernetes turns into "$" (it expands $(NAME) references); write "$$$$" for a literal "$$"`];
    }
    if (text[i + 1] === '(') {
      const end = text.indexOf(')', i + 2);
      const name = end === -1 ? undefined : text.slice(i + 2, end);
      if (name !== undefined && defined.has(name)) {
        return [`${JSON.stringify(text)} contains "$(${name})", which Kubernetes replaces with the value of ${name}; write "$$(${name})" to keep it literally`];
      }
    }
  }
  return [];
}

/**
 * JSON has no octal numbers, so file modes are decimal: 420 is 0644. A mode
 * above 0777 is refused by the schema; one whose decimal digits read as a
 * usual octal mode, while its value is not one, was probably written in octal.
 */
function checkMode(mode: number): string[] {
  const digits = String(mode);
  if (USUAL_MODES.has(mode) || !/^[0-7]{3}$/.test(digits)) return [];
  const meant = parseInt(digits, 8);
  if (!USUAL_MODES.has(meant)) return [];
  const octal = (n: number) => `0${n.toString(8).padStart(3, '0')}`;
  return [`${mode} is the file mode ${octal(mode)} (JSON numbers are decimal); did you mean ${meant} (${octal(meant)})?`];
}
