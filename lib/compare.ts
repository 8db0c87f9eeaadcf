/** Code-unit order, the same on every machine and locale (what output is sorted by: deterministic). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
