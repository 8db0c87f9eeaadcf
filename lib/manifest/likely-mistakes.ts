/**
 * Values the API server and the gateway accept but that are almost surely
 * not what was meant. Each finding is a warning (it fails the run only with
 * `--strict`) that names the likely intended value.
 */
import type { Task } from '../model';
import { memoryHint } from './resources';
import { GOOGLE_APPLICATION_CREDENTIALS } from './schema';
import { parseGoDuration } from '../validation/go-duration';
import { parseQuantity } from '../validation/quantity';

/** A warning at a manifest field path. */
export interface LikelyMistake {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const NANOS = 1_000_000_000n;
const MEBIBYTE_NANOS = 1024n * 1024n * NANOS;
/** More CPU than any node a data task is likely to get: "500" (cores) was probably "500m". */
const MANY_CORES_NANOS = 100n * NANOS;
/** File modes people use; a decimal number that reads as one of these in octal was probably written in octal. */
const USUAL_MODES = new Set([0o400, 0o440, 0o444, 0o500, 0o550, 0o555, 0o600, 0o640, 0o644, 0o660, 0o664, 0o666, 0o700, 0o750, 0o755, 0o770, 0o775, 0o777]);

/** Every likely mistake of a valid task. */
export function likelyMistakes(task: Task): LikelyMistake[] {
  const out: LikelyMistake[] = [];
  const push = (path: readonly (string | number)[], message: string) => out.push({ path, message });
  for (const [list, suffix] of [['requests', 'request'], ['limits', 'limit']] as const) {
    const memory = task.resources[list].memory;
    if (memory !== undefined) checkMemory(memory, list === 'limits', true).forEach((m) => push([`memory-${suffix}`], m));
    const cpu = task.resources[list].cpu;
    if (cpu !== undefined) checkCpu(cpu).forEach((m) => push([`cpu-${suffix}`], m));
  }
  if (task.kind === 'service' && task.published !== undefined) {
    const { prefix, rewrite, timeoutMs } = task.published;
    const routing = checkPrefixAndRewrite(prefix, rewrite);
    if (routing !== undefined) push(['published', routing.field], routing.message);
    if (timeoutMs < 1000) {
      const seconds = timeoutMs * 1000 <= 2 ** 31 - 1 ? `; if you meant ${timeoutMs} seconds, write ${timeoutMs * 1000}` : '';
      push(['published', 'timeout_ms'], `${timeoutMs} is in milliseconds: requests through the gateway fail after ${timeoutMs} ms, less than a second${seconds}`);
    }
  }
  task.volumes.forEach((volume, i) => {
    // An emptyDir size is bytes, like memory: "500m" is half a byte.
    const sizeLimit = 'emptyDir' in volume.source ? volume.source.emptyDir.sizeLimit : undefined;
    if (sizeLimit !== undefined) checkMemory(sizeLimit, false, false).forEach((m) => push(['volumes', i, 'emptyDir', 'sizeLimit'], m));
  });
  task.volumes.forEach((volume, i) => {
    const source = 'configMap' in volume.source ? ['configMap', volume.source.configMap] as const : 'secret' in volume.source ? ['secret', volume.source.secret] as const : undefined;
    if (source === undefined) return;
    const [kind, spec] = source;
    if (spec.defaultMode !== undefined) checkMode(spec.defaultMode).forEach((m) => push(['volumes', i, kind, 'defaultMode'], m));
    spec.items?.forEach((item, j) => {
      if (item.mode !== undefined) checkMode(item.mode).forEach((m) => push(['volumes', i, kind, 'items', j, 'mode'], m));
    });
  });
  if (task.kind === 'cron-job') {
    // robfig/cron: when neither day field is "*" or "?", a day matches if EITHER matches.
    const fields = task.schedule.split(/\s+/);
    const unrestricted = (field: string) => field.split(',').some((item) => ['*', '?', '*/1', '?/1'].includes(item));
    if (fields.length === 5 && !unrestricted(fields[2]) && !unrestricted(fields[4])) {
      push(['schedule'], `${JSON.stringify(task.schedule)} runs on day-of-month ${fields[2]} and also on every day-of-week ${fields[4]}: when both are set, cron matches a day that fits either, not both; set one of them to "*" if only one is meant`);
    }
  }
  if (task.kind === 'cron-job' && task.schedule.startsWith('@every ')) {
    const nanos = parseGoDuration(task.schedule.slice('@every '.length));
    // robfig/cron's Every: below one second counts as one second.
    if (typeof nanos === 'number' && nanos < 60e9) {
      const seconds = Math.max(1, Math.floor(nanos / 1e9));
      push(['schedule'], `${JSON.stringify(task.schedule)} starts a new Job every ${seconds} second${seconds === 1 ? '' : 's'}${nanos < 1e9 ? ' (a duration under one second counts as one second)' : ''}; did you mean minutes or hours, such as "@every ${seconds}m"?`);
    }
  }
  const envNames = task.env.map((v) => v.name);
  task.env.forEach((v, i) => {
    // (An env var set from another source has no literal value to read.)
    const found = typeof v.value === 'string' ? variableReference(v.value, new Set(envNames.slice(0, i))) : undefined;
    if (found !== undefined) push(['env', i, 'value'], found);
  });
  const containerEnv = new Set(task.serviceAccountSecret === undefined ? envNames : [...envNames, GOOGLE_APPLICATION_CREDENTIALS]);
  task.command.forEach((arg, i) => {
    const found = variableReference(arg, containerEnv);
    if (found !== undefined) push(['cmd', i], found);
  });
  task.tolerations.forEach((t, i) => {
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds < 0) {
      push(['tolerations', i, 'tolerationSeconds'], `${t.tolerationSeconds} is negative, which Kubernetes reads as 0: the pod is evicted as soon as the taint appears; write 0 if that is meant`);
    }
  });
  return out;
}

function nanosOf(canonical: string): bigint {
  const q = parseQuantity(canonical);
  if (!q.ok) throw new Error(`a canonical quantity does not parse: ${canonical}`);
  return q.value.nanos;
}

/** "500m" (half a byte) and "512" (bytes) for memory. A limit under one byte is an error of the schema. */
/** `serverWarns`: the API server itself warns of a fractional byte value (pod resources, pkg/api/pod/warnings.go). */
function checkMemory(canonical: string, limit: boolean, serverWarns: boolean): string[] {
  const nanos = nanosOf(canonical);
  if (nanos === 0n || (limit && nanos < NANOS)) return [];
  if (nanos % NANOS !== 0n) {
    const accepted = serverWarns ? ' (the API server accepts it with a "fractional byte value" warning)' : '';
    return [`${JSON.stringify(canonical)} is not a whole number of bytes${accepted}${memoryHint(canonical) || '; memory is counted in bytes: use Mi or Gi'}`];
  }
  if (nanos < MEBIBYTE_NANOS) {
    const bytes = nanos / NANOS;
    const hint = /^[0-9]+$/.test(canonical) ? `; did you mean "${canonical}Mi"?` : '; a container needs megabytes (Mi)';
    return [`${JSON.stringify(canonical)} is ${bytes} byte${bytes === 1n ? '' : 's'}, less than 1Mi${hint}`];
  }
  return [];
}

/** "500" (cores) where "500m" was meant; byte units on a CPU amount. */
function checkCpu(canonical: string): string[] {
  const nanos = nanosOf(canonical);
  if (nanos < MANY_CORES_NANOS) return [];
  const cores = nanos / NANOS;
  const byteUnit = /[KMGTPE]i$/.test(canonical) ? ' (Ki, Mi, Gi are byte units)' : '';
  const hint = nanos % NANOS === 0n ? `; did you mean "${cores}m" (${Number(cores) / 1000} of a core)?` : '';
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
function variableReference(text: string, defined: ReadonlySet<string>): string | undefined {
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] !== '$') continue;
    if (text[i + 1] === '$') {
      // "$$(NAME)" is the documented way to write a literal "$(NAME)".
      if (text[i + 2] === '(') {
        i += 1;
        continue;
      }
      return `${JSON.stringify(text)} contains "$$", which Kubernetes turns into "$" (it expands $(NAME) references); write "$$$$" for a literal "$$"`;
    }
    if (text[i + 1] === '(') {
      const end = text.indexOf(')', i + 2);
      const name = end === -1 ? undefined : text.slice(i + 2, end);
      if (name !== undefined && defined.has(name)) {
        return `${JSON.stringify(text)} contains "$(${name})", which Kubernetes replaces with the value of ${name}; write "$$(${name})" to keep it literally`;
      }
    }
  }
  return undefined;
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
