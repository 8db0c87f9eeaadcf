/**
 * The shortest time between two runs of a valid CronJob schedule, as the
 * CronJob controller's parser (robfig/cron v3 `ParseStandard`) reads it
 * (`@every <duration>`: that duration):
 * `N/step` runs from N to the field's maximum, names of months and days are
 * accepted, and when both day-of-month and day-of-week are restricted (not
 * `*` or `?`, or a `*` with a step above 1) a day matches if either does.
 * Daylight-saving shifts of the time zone are not taken into account.
 */
import { parseGoDuration } from './go-duration';

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const NAMES = new Map<string, number>([
  ...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, i + 1] as const),
  ...['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d, i) => [d, i] as const),
]);

/** Days looked at: eight years from a leap year, so that a yearly or a 29 February schedule has two runs. */
const DAYS_LOOKED_AT = 8 * 365 + 2;
const START_YEAR = 2024;

/**
 * The shortest interval between consecutive runs, in seconds; `undefined`
 * when the schedule runs less than twice in eight years. `schedule` must
 * already be valid (`checkCronSchedule`).
 */
export function shortestCronInterval(schedule: string): number | undefined {
  if (!intervals.has(schedule)) intervals.set(schedule, shortestIntervalUncached(schedule));
  return intervals.get(schedule);
}

// Cron jobs of a project share a few schedules, and each looks at ~2,900 days: once per distinct schedule per run.
const intervals = new Map<string, number | undefined>();

function shortestIntervalUncached(schedule: string): number | undefined {
  if (schedule.startsWith('@every ')) {
    // robfig/cron `Every`: the duration truncated to whole seconds, at least one second.
    const nanos = parseGoDuration(schedule.slice('@every '.length));
    return typeof nanos === 'number' ? Math.max(1, Math.floor(nanos / 1e9)) : undefined;
  }
  const fields = (MACROS[schedule] ?? schedule).split(/\s+/);
  if (fields.length !== 5) return undefined;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  const minutes = values(minute, 0, 59).set;
  const hours = values(hour, 0, 23).set;
  const dom = values(dayOfMonth, 1, 31);
  const months = values(month, 1, 12).set;
  const dow = values(dayOfWeek, 0, 6);
  // Minutes of the day at which the schedule runs, in order.
  const times = [...hours].sort((a, b) => a - b).flatMap((h) => [...minutes].sort((a, b) => a - b).map((m) => h * 60 + m));
  let shortest = Infinity;
  for (let i = 1; i < times.length; i++) shortest = Math.min(shortest, times[i] - times[i - 1]);
  let previousDay: number | undefined;
  // The calendar date of each day, counted forward instead of made by a Date per day.
  let [year, monthOfYear, date, weekday] = [START_YEAR, 1, 1, new Date(Date.UTC(START_YEAR, 0, 1)).getUTCDay()];
  for (let day = 0; day < DAYS_LOOKED_AT; day++) {
    if (months.has(monthOfYear)) {
      const domMatch = dom.set.has(date);
      const dowMatch = dow.set.has(weekday);
      if (dom.star || dow.star ? domMatch && dowMatch : domMatch || dowMatch) {
        if (previousDay !== undefined) shortest = Math.min(shortest, (day - previousDay) * 1440 - times[times.length - 1] + times[0]);
        previousDay = day;
      }
    }
    weekday = (weekday + 1) % 7;
    if (date < daysInMonth(year, monthOfYear)) date++;
    else [date, monthOfYear, year] = monthOfYear === 12 ? [1, 1, year + 1] : [1, monthOfYear + 1, year];
  }
  return shortest === Infinity ? undefined : shortest * 60;
}

/** Days of `month` (1-12) of `year` in the proleptic Gregorian calendar, as Go's `time` and JavaScript's `Date` count them. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The values of one field, and whether it is unrestricted (robfig's "star bit"). */
function values(field: string, min: number, max: number): { set: Set<number>; star: boolean } {
  const set = new Set<number>();
  let star = false;
  for (const item of field.split(',')) {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let [from, to] = [min, max];
    if (range === '*' || range === '?') {
      if (step === 1) star = true;
    } else {
      const bounds = range.split('-').map((b) => (/^[0-9]+$/.test(b) ? Number(b) : (NAMES.get(b.toLowerCase()) ?? NaN)));
      from = bounds[0];
      to = bounds.length === 2 ? bounds[1] : stepText === undefined ? from : max;
    }
    for (let v = from; v <= to; v += step) set.add(v);
  }
  return { set, star };
}
