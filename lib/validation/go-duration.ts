/**
 * Go's `time.ParseDuration`, which robfig/cron uses for `@every <duration>`:
 * an optional sign, then one or more decimal numbers each with a unit
 * ("ns", "us", "µs", "μs", "ms", "s", "m", "h"), such as "48h" or "1h30m";
 * "0" alone is zero.
 */

const UNIT_NANOS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
/** A number, then its unit: everything up to the next digit or "." (as Go reads it). */
const ITEM = /^([0-9]*(?:\.[0-9]*)?)([^0-9.]*)/;
/** Go durations are int64 nanoseconds. */
const MAX_NANOS = 2 ** 63 - 1;

/** The duration in nanoseconds, or why Go would refuse it. */
export function parseGoDuration(text: string): number | string {
  const refused = (why: string) => `${JSON.stringify(text)} is not a Go duration (${why}); write a number and a unit such as "48h", "90m" or "1h30m"`;
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return refused('it is empty');
  let nanos = 0;
  while (rest !== '') {
    const match = ITEM.exec(rest);
    if (match === null || match[1] === '' || match[1] === '.') return refused(`expected a number at ${JSON.stringify(rest)}`);
    if (match[2] === '') return refused(`${JSON.stringify(match[1])} has no unit`);
    const unit = UNIT_NANOS[match[2]];
    if (unit === undefined) return refused(`unknown unit ${JSON.stringify(match[2])}`);
    nanos += Number(match[1]) * unit;
    rest = rest.slice(match[0].length);
  }
  if (nanos > MAX_NANOS) return refused('it is longer than about 292 years');
  return sign * nanos;
}
