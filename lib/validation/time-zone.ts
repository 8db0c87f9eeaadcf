/**
 * A CronJob `spec.timeZone`, checked as the API server checks it
 * (kubernetes pkg/apis/batch/validation `validateTimeZone`): not empty; each
 * "/"-separated part 1-14 characters of `[A-Za-z.\-_0-9+]`, not "." or ".."
 * and not starting with "-"; not "Local" (any case); and found by Go's
 * `time.LoadLocation`, which looks the name up, case-sensitively, in the
 * IANA database.
 */
import { IANA_TIME_ZONES } from './iana-time-zones';
import { didYouMean } from './suggest';

const PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** `undefined` when the API server accepts `zone`, else the reason with a "did you mean". */
export function checkTimeZone(zone: string): string | undefined {
  const quoted = JSON.stringify(zone);
  if (zone === '') return 'must not be empty; leave the setting out to use the controller\'s time zone (UTC)';
  if (zone.toLowerCase() === 'local') {
    return `${quoted} is refused by the API server: a CronJob's time zone must be an explicit IANA name such as "Europe/Paris" (the controller's own zone is used when the setting is left out)`;
  }
  if (IANA_TIME_ZONES.has(zone)) return undefined;
  const badPart = zone.split('/').some((part) => part === '.' || part === '..' || part.startsWith('-') || !PART.test(part));
  const suggestion = didYouMean(zone, [...IANA_TIME_ZONES]);
  const hint = suggestion === undefined ? 'use a name such as "Europe/Paris" or "America/New_York"' : `did you mean ${JSON.stringify(suggestion)}?`;
  const why = badPart ? 'is not a time zone name' : 'is not in the IANA time zone database (names are case-sensitive)';
  return `${quoted} ${why}, so the API server would refuse every CronJob; ${hint}`;
}
