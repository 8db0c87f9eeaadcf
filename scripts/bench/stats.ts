// Statistics of a series of runs (best, median, peak RSS) and the report's number formatting.
import type { Measure } from './runner';

export interface Series {
  readonly runs: Measure[];
}

export function best(s: Series): number {
  return Math.min(...s.runs.map((r) => r.ms));
}
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
export function medianMs(s: Series): number {
  return median(s.runs.map((r) => r.ms));
}
/** Peak RSS over the runs (the largest: conservative), in MB. */
export function peakMb(s: Series, field: 'rssKb' | 'treeRssKb' = 'rssKb'): number | undefined {
  const values = s.runs.map((r) => r[field]).filter((v): v is number => v !== undefined);
  return values.length === 0 ? undefined : Math.max(...values) / 1024;
}
export function bestInternal(s: Series): number | undefined {
  const values = s.runs.map((r) => r.internalMs).filter((v): v is number => v !== undefined);
  return values.length === 0 ? undefined : Math.min(...values);
}

export const sec = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
export const mb = (v: number | undefined): string => (v === undefined ? 'n/a' : `${v.toFixed(0)} MB`);
export const ratio = (v: number): string => `${v.toFixed(2)}×`;
export const pad = (s: string, n: number): string => s.padEnd(n);
export const lpad = (s: string, n: number): string => s.padStart(n);

export function log(line = ''): void {
  process.stdout.write(`${line}\n`);
}
