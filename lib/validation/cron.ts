/**
 * The CronJob `schedule` check Kubernetes makes (robfig/cron v3
 * `ParseStandard`, plus its refusal of a time zone in the schedule), with
 * messages that name the field and the bad part, and one rule of this
 * tool's own: a schedule that never fires (February 30) is refused.
 */
import { parseGoDuration } from './go-duration';

/** One of the five fields of a schedule. */
interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names accepted in place of numbers (lower case), and how to describe them. */
  readonly names?: { readonly values: ReadonlyMap<string, number>; readonly hint: string };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: { values: new Map(MONTHS.map((m, i) => [m, i + 1])), hint: 'a month name (JAN-DEC)' } },
  { name: 'day-of-week', min: 0, max: 6, names: { values: new Map(DAYS.map((d, i) => [d, i])), hint: 'a day name (SUN-SAT)' } },
];

const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const SHAPE = 'a schedule has 5 (minute hour day-of-month month day-of-week) or is a macro such as @daily';
const q = (text: string): string => JSON.stringify(text);

/** undefined when valid, else a plain-language message. */
export function checkCronSchedule(schedule: string): string | undefined {
  const quoted = q(schedule);
  if (schedule.trim() === '') return `${quoted} is empty; ${SHAPE}`;
  if (schedule !== schedule.trim()) {
    return `${quoted} has leading or trailing whitespace, which Kubernetes ignores but this tool refuses so that the file holds the schedule exactly; remove it`;
  }
  if (schedule.includes('TZ')) return timeZoneMessage(schedule);
  if (schedule.startsWith('@')) return checkMacro(schedule);

  const fields = schedule.split(/\s+/);
  if (fields.length !== FIELDS.length) {
    if (MACROS.includes(`@${schedule.toLowerCase()}`)) return `${quoted} is not a schedule (did you mean "@${schedule.toLowerCase()}"?)`;
    return `${quoted} has ${fields.length} field${fields.length === 1 ? '' : 's'}; ${SHAPE}`;
  }
  for (let i = 0; i < FIELDS.length; i++) {
    const problem = checkField(FIELDS[i], fields[i]);
    if (problem !== undefined) return `${quoted}: ${problem}`;
  }
  return neverFires(fields);
}

/** Days in each month (1-12) in a leap year: robfig's Next looks five years ahead, so February 29 fires. */
const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * This tool's rule: a valid schedule whose days of the month exist in none
 * of its months ("0 0 30 2 *"). Kubernetes accepts it, but the CronJob would
 * never start a Job. robfig/cron matches a day when day-of-month AND
 * day-of-week match if either is "*" or "?", else when either matches; so
 * only a restricted day-of-month with an unrestricted day-of-week can miss.
 */
function neverFires(fields: readonly string[]): string | undefined {
  const [, , dom, month, dow] = fields;
  const star = (text: string) => text.split(',').some((item) => item === '*' || item === '?' || item === '*/1' || item === '?/1');
  if (!star(dow) || star(dom)) return undefined;
  const days = values(FIELDS[2], dom);
  const months = values(FIELDS[3], month);
  if ([...months].some((m) => [...days].some((d) => d <= DAYS_IN_MONTH[m]))) return undefined;
  const names = [...months].sort((a, b) => a - b).map((m) => MONTHS[m - 1].toUpperCase());
  return (
    `${q(fields.join(' '))} never fires: day ${[...days].sort((a, b) => a - b).join(',')} does not exist in ${names.join(',')}. ` +
    'Kubernetes accepts the schedule, but the CronJob would never start a Job (this tool refuses it)'
  );
}

/** The values a valid field matches. */
function values(field: FieldSpec, text: string): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const [range, step = '1'] = item.split('/');
    let [low, high] = [field.min, field.max];
    if (range !== '*' && range !== '?') {
      const bounds = range.split('-').map((b) => valueOf(field, b)!);
      low = bounds[0];
      // "N/step" means N to the maximum (robfig getRange).
      high = bounds.length === 2 ? bounds[1] : item.includes('/') ? field.max : bounds[0];
    }
    for (let v = low; v <= high; v += Number(step)) out.add(v);
  }
  return out;
}

/** Kubernetes refuses `TZ=` / `CRON_TZ=` (indeed any "TZ") in a schedule: the CronJob's `timeZone` field (`time-zone`) is the way. */
function timeZoneMessage(schedule: string): string {
  const prefix = /^(?:CRON_)?TZ=\S*\s+(.*)$/s.exec(schedule);
  const rewrite = prefix === null ? '' : `write ${q(prefix[1])} and `;
  return (
    `${q(schedule)}: a time zone inside the schedule is not allowed; ` +
    `${rewrite}set "time-zone" (or the project's cronJob.timeZone setting) instead`
  );
}

function checkMacro(schedule: string): string | undefined {
  if (MACROS.includes(schedule)) return undefined;
  // robfig/cron ParseStandard: "@every " and a Go duration (time.ParseDuration); the CronJob
  // controller then starts a Job that long after the CronJob's creation or its last run.
  if (schedule.startsWith('@every ')) {
    const duration = parseGoDuration(schedule.slice('@every '.length));
    return typeof duration === 'string' ? `${q(schedule)}: ${duration}` : undefined;
  }
  if (/^@every\b/i.test(schedule)) return `${q(schedule)} is not a schedule (did you mean "@every <duration>", such as "@every 48h"?)`;
  const folded = schedule.toLowerCase();
  const hint = MACROS.includes(folded) ? `did you mean ${q(folded)}?` : `the macros are ${MACROS.join(', ')} and @every <duration>`;
  return `${q(schedule)} is not a known macro (${hint})`;
}

/** A comma list of `*`, `?`, `N` or `N-M`, each with an optional `/step`. */
function checkField(field: FieldSpec, text: string): string | undefined {
  for (const item of text.split(',')) {
    if (item === '') return `${field.name} ${q(text)} has an empty item in its comma list`;
    const problem = checkItem(field, item);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function checkItem(field: FieldSpec, item: string): string | undefined {
  const where = (part: string): string => (part === item ? q(part) : `${q(part)} (in ${q(item)})`);
  const [range, step, ...moreSteps] = item.split('/');
  if (moreSteps.length > 0) return `${field.name} ${q(item)} has more than one "/"`;
  if (step !== undefined) {
    if (!/^[0-9]+$/.test(step)) return `${field.name} step ${where(step)} is not a number`;
    if (Number(step) < 1) return `${field.name} step ${where(step)} must be at least 1`;
  }
  if (range === '*' || range === '?') return undefined;

  const bounds = range.split('-');
  if (bounds.length > 2) return `${field.name} ${q(item)} has more than one "-"`;
  if (bounds.length === 2 && bounds.some((b) => b === '' || b === '*' || b === '?')) {
    return `${field.name} ${where(range)} is not a number or a range (N-M)`;
  }
  const values: number[] = [];
  for (const bound of bounds) {
    const value = valueOf(field, bound);
    if (value === undefined) {
      const expected = field.names === undefined ? 'a number' : `a number or ${field.names.hint}`;
      return `${field.name} ${where(bound)} is not ${expected}`;
    }
    if (value < field.min || value > field.max) {
      const sunday = field.name === 'day-of-week' && value === 7 ? ' (Sunday is 0)' : '';
      return `${field.name} ${where(bound)} is out of range ${field.min}-${field.max}${sunday}`;
    }
    values.push(value);
  }
  if (values.length === 2 && values[0] > values[1]) return `${field.name} range ${where(range)} starts after it ends`;
  return undefined;
}

function valueOf(field: FieldSpec, text: string): number | undefined {
  if (/^[0-9]+$/.test(text)) return Number(text);
  return field.names?.values.get(text.toLowerCase());
}
