import { checkCronSchedule } from '../../lib/validation/cron';

const SHAPE = 'a schedule has 5 (minute hour day-of-month month day-of-week) or is a macro such as @daily';
const TZ_ADVICE = 'set "time-zone" (or the project\'s cronJob.timeZone setting) instead';

describe('checkCronSchedule: valid', () => {
  test.each([
    '0 5 * * *',
    '* * * * *',
    '*/15 * * * *',
    '0 */2 * * *',
    '0 0 1 * *',
    '59 23 31 12 6',
    '0 0 1,15 * *',
    '0 9-17 * * 1-5',
    '0 9-17/2 * * MON-FRI',
    '0 5 * * mon-fri',
    '0 5 * * Sun',
    '0 5 1 JAN,jul *',
    '0 5 * JAN/2 *',
    '5/15 * * * *',
    '0 5 ? * *',
    '0 5 * * ?',
    '00 05 * * *',
    '0 5 1-31/2 1-12 0-6',
    '*/90 * * * *',
    '0\t5  * * *',
    '@yearly',
    '@annually',
    '@monthly',
    '@weekly',
    '@daily',
    '@midnight',
    '@hourly',
  ])('%j', (schedule) => {
    expect(checkCronSchedule(schedule)).toBeUndefined();
  });
});

describe('checkCronSchedule: invalid', () => {
  test.each([
    ['0 25 * * *', '"0 25 * * *": hour "25" is out of range 0-23'],
    ['60 * * * *', '"60 * * * *": minute "60" is out of range 0-59'],
    ['0 0 0 * *', '"0 0 0 * *": day-of-month "0" is out of range 1-31'],
    ['0 0 32 * *', '"0 0 32 * *": day-of-month "32" is out of range 1-31'],
    ['0 0 * 13 *', '"0 0 * 13 *": month "13" is out of range 1-12'],
    ['0 5 * * 7', '"0 5 * * 7": day-of-week "7" is out of range 0-6 (Sunday is 0)'],
    ['10-70 * * * *', '"10-70 * * * *": minute "70" (in "10-70") is out of range 0-59'],
    ['0 5 * * 1,9', '"0 5 * * 1,9": day-of-week "9" is out of range 0-6'],
    ['5-2 * * * *', '"5-2 * * * *": minute range "5-2" starts after it ends'],
    ['0 5 * * FRI-MON', '"0 5 * * FRI-MON": day-of-week range "FRI-MON" starts after it ends'],
    ['0 20-10/2 * * *', '"0 20-10/2 * * *": hour range "20-10" (in "20-10/2") starts after it ends'],
    ['*/0 * * * *', '"*/0 * * * *": minute step "0" (in "*/0") must be at least 1'],
    ['*/x * * * *', '"*/x * * * *": minute step "x" (in "*/x") is not a number'],
    ['*/5/5 * * * *', '"*/5/5 * * * *": minute "*/5/5" has more than one "/"'],
    ['1-2-3 * * * *', '"1-2-3 * * * *": minute "1-2-3" has more than one "-"'],
    ['1,,2 * * * *', '"1,,2 * * * *": minute "1,,2" has an empty item in its comma list'],
    ['0 5, * * *', '"0 5, * * *": hour "5," has an empty item in its comma list'],
    ['x * * * *', '"x * * * *": minute "x" is not a number'],
    ['0 5 * * mon-fry', '"0 5 * * mon-fry": day-of-week "fry" (in "mon-fry") is not a number or a day name (SUN-SAT)'],
    ['0 5 * JANUARY *', '"0 5 * JANUARY *": month "JANUARY" is not a number or a month name (JAN-DEC)'],
    ['0 MON * * *', '"0 MON * * *": hour "MON" is not a number'],
    ['-1 * * * *', '"-1 * * * *": minute "-1" is not a number or a range (N-M)'],
    ['0 1- * * *', '"0 1- * * *": hour "1-" is not a number or a range (N-M)'],
    ['*-5 * * * *', '"*-5 * * * *": minute "*-5" is not a number or a range (N-M)'],
    ['*-5/2 * * * *', '"*-5/2 * * * *": minute "*-5" (in "*-5/2") is not a number or a range (N-M)'],
    ['0 5 * *', `"0 5 * *" has 4 fields; ${SHAPE}`],
    ['0 0 5 * * *', `"0 0 5 * * *" has 6 fields; ${SHAPE}`],
    ['5', `"5" has 1 field; ${SHAPE}`],
    ['', `"" is empty; ${SHAPE}`],
    ['   ', `"   " is empty; ${SHAPE}`],
    ['daily', '"daily" is not a schedule (did you mean "@daily"?)'],
    [' 0 5 * * *', '" 0 5 * * *" has leading or trailing whitespace, which Kubernetes ignores but this tool refuses so that the file holds the schedule exactly; remove it'],
    ['0 5 * * *\n', '"0 5 * * *\\n" has leading or trailing whitespace, which Kubernetes ignores but this tool refuses so that the file holds the schedule exactly; remove it'],
    ['@Daily', '"@Daily" is not a known macro (did you mean "@daily"?)'],
    ['@fortnightly', '"@fortnightly" is not a known macro (the macros are @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly and @every <duration>)'],
    // robfig/cron ParseStandard reads "@every " + time.ParseDuration.
    ['@every 2 days', '"@every 2 days": "2 days" is not a Go duration (unknown unit " days"); write a number and a unit such as "48h", "90m" or "1h30m"'],
    ['@every 2d', '"@every 2d": "2d" is not a Go duration (unknown unit "d"); write a number and a unit such as "48h", "90m" or "1h30m"'],
    ['@every', '"@every" is not a schedule (did you mean "@every <duration>", such as "@every 48h"?)'],
    // The tool's own rule, and said so: valid for Kubernetes, but never fires.
    ['0 0 30 2 *', '"0 0 30 2 *" never fires: day 30 does not exist in FEB. Kubernetes accepts the schedule, but the CronJob would never start a Job (this tool refuses it)'],
    ['0 0 31 apr,jun *', '"0 0 31 apr,jun *" never fires: day 31 does not exist in APR,JUN. Kubernetes accepts the schedule, but the CronJob would never start a Job (this tool refuses it)'],
    [
      'CRON_TZ=Europe/Paris 0 5 * * *',
      `"CRON_TZ=Europe/Paris 0 5 * * *": a time zone inside the schedule is not allowed; write "0 5 * * *" and ${TZ_ADVICE}`,
    ],
    ['TZ=UTC @daily', `"TZ=UTC @daily": a time zone inside the schedule is not allowed; write "@daily" and ${TZ_ADVICE}`],
    ['0 5 * * * TZ', `"0 5 * * * TZ": a time zone inside the schedule is not allowed; ${TZ_ADVICE}`],
  ])('%j', (schedule, expected) => {
    expect(checkCronSchedule(schedule)).toBe(expected);
  });

  // robfig/cron v3 ParseStandard accepts these, and so does the API server.
  test.each(['@every 48h', '@every 1h30m', '@every 1.5h', '@every 90s', '@every 0', '0 0 29 2 *', '0 0 30 2 mon', '0 0 31 * *', '0 0 30 */2 *'])('%j is accepted', (schedule) => {
    expect(checkCronSchedule(schedule)).toBeUndefined();
  });
});
