import { shortestCronInterval } from '../../lib/validation/cron-interval';

const DAY = 86_400;

// The calendar the walk counts (2024-2031): leap days, month lengths and weekdays as Go's time package has them.
describe('shortestCronInterval', () => {
  test.each([
    ['30 2 * * 1-5', DAY], // Monday to Tuesday
    ['0 0 * * 1,2', DAY],
    ['*/15 * * * *', 15 * 60],
    ['0 0 29 2 *', 1461 * DAY], // 2024-02-29 to 2028-02-29
    ['@yearly', 365 * DAY],
    ['0 0 31 * *', 31 * DAY], // 31 July to 31 August
    ['0 0 1,15 * *', 14 * DAY], // the 1st to the 15th, and 15 February to 1 March of a common year
    ['0 0 * feb sun', 7 * DAY],
    ['0 0 13 * 5', DAY], // day-of-month or day-of-week: a Thursday the 13th, then Friday
    ['0 0 30 2 *', undefined], // never runs
  ])('%s: %p seconds', (schedule, seconds) => {
    expect(shortestCronInterval(schedule)).toBe(seconds);
  });
});
