/** Cron schedules (robfig/cron v3 ParseStandard, as Kubernetes reads them). */
import * as fc from 'fast-check';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const casing = (s: string): fc.Arbitrary<string> => fc.constantFrom(s, s.toUpperCase(), s[0].toUpperCase() + s.slice(1));

function cronField(min: number, max: number, names?: readonly string[]): fc.Arbitrary<string> {
  const value = (n: number): fc.Arbitrary<string> =>
    names === undefined ? fc.constant(String(n)) : fc.oneof(fc.constant(String(n)), casing(names[n - min]));
  const single = fc.integer({ min, max }).chain(value);
  const range = fc
    .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
    .chain(([a, b]) => fc.tuple(value(Math.min(a, b)), value(Math.max(a, b))).map(([x, y]) => `${x}-${y}`));
  const item = fc
    .tuple(fc.oneof(fc.constantFrom('*', '?'), single, range), fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined, freq: 3 }))
    .map(([r, step]) => (step === undefined ? r : `${r}/${step}`));
  return fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => items.join(','));
}

/** A schedule Kubernetes accepts: 5 fields (with names, ranges, steps, lists) or a macro. */
export const cronSchedule: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly') },
  { weight: 1, arbitrary: fc.constantFrom('0 5 * * *', '*/15 * * * *', '0 0 1 1 *', '30 2 * * mon-fri', '0 0 * * 0', '0 12 * JAN,jul SUN', '0 0 31 * *', '0 0 29 2 *', '0 0 30 2 mon') },
  // robfig/cron: "@every " and a Go duration.
  { weight: 1, arbitrary: fc.constantFrom('@every 48h', '@every 1h30m', '@every 1.5h', '@every 90m', '@every 3600s') },
  {
    weight: 4,
    arbitrary: fc
      .tuple(cronField(0, 59), cronField(0, 23), cronField(1, 28), cronField(1, 12, MONTHS), cronField(0, 6, DAYS), fc.array(fc.constantFrom(' ', ' ', ' ', '  ', '\t'), { minLength: 4, maxLength: 4 }))
      .map(([mi, h, dom, mo, dow, seps]) => [mi, h, dom, mo, dow].reduce((acc, f, i) => (i === 0 ? f : acc + seps[i - 1] + f), '')),
  },
);
