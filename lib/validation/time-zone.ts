import { didYouMean } from './suggest';
import { IANA_TIME_ZONES } from './time-zone-names';

/**
 * A CronJob `timeZone`, as the API server checks it (kubernetes
 * pkg/apis/batch/validation `validateTimeZone`): not empty, not "Local",
 * each "/"-separated part 1–14 of `A-Za-z.-_0-9+` not starting with "-" and
 * not "." or "..", and a name Go's `time.LoadLocation` finds, which is case
 * sensitive. Returns `undefined` when valid, else the reason, with the
 * likely intended zone when there is one.
 */
export function checkTimeZone(zone: string): string | undefined {
  const quoted = JSON.stringify(zone);
  if (zone === '') return 'must not be empty; leave it out for the controller\'s time zone (UTC)';
  if (zone.toLowerCase() === 'local') {
    return `${quoted} is not allowed: the API server wants an explicit IANA time zone such as "Europe/Paris" or "UTC"`;
  }
  if (IANA_TIME_ZONES.has(zone)) return undefined;
  const suggestion = closestZone(zone);
  return `${quoted} is not an IANA time zone name${suggestion === undefined ? ' (such as "Europe/Paris" or "UTC")' : ` (did you mean ${JSON.stringify(suggestion)}?)`}`;
}

/**
 * The zone the user most likely meant: the same name in another case, the
 * zone ICU maps an alias to ("PST" → "America/Los_Angeles"), else a near
 * spelling.
 */
function closestZone(zone: string): string | undefined {
  const folded = zone.toLowerCase();
  const names = [...IANA_TIME_ZONES];
  return names.find((name) => name.toLowerCase() === folded) ?? icuZone(zone) ?? didYouMean(zone, names);
}

function icuZone(zone: string): string | undefined {
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return IANA_TIME_ZONES.has(resolved) ? resolved : undefined;
  } catch {
    return undefined;
  }
}
