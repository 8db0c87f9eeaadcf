/**
 * Runs one property for the fuzz script without stopping at the first
 * failure, counts failures by kind, and reports a shrunk counterexample.
 */
import * as fc from 'fast-check';
import type { ScriptOptions } from './cli-args';

interface Outcome {
  readonly name: string;
  readonly runs: number;
  readonly failures: number;
  readonly seconds: number;
}

const clip = (text: string, max = 3000): string =>
  text
    .split('\n')
    .map((line) => (line.length > max ? `${line.slice(0, max)}… (${line.length - max} more characters)` : line))
    .join('\n');

/** A failure's kind, for counting: its first meaningful line without names, values and positions. */
function failureKind(e: unknown): string {
  const lines = ((e as Error)?.message ?? String(e)).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const line = lines[0]?.endsWith(':') && lines.length > 1 ? `${lines[0]} ${lines[1]}` : (lines[0] ?? '');
  return line
    .replace(/\((?:job|cron-job|deployment|service|published-service|random)\b.*\)(?=:|$)/, '(…)')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\b(Job|CronJob|Deployment|Service|Mapping) \S+:/g, '$1 …:')
    .replace(/\b(volume|container) \S+/g, '$1 …')
    .replace(/\([^()]*\)/g, '(…)')
    .replace(/\d+/g, 'N')
    .slice(0, 220);
}

/**
 * Runs a property on `runs` inputs without stopping at the first failure,
 * counting failures by their first line; on failure, runs fast-check again
 * with the same seed to report a shrunk counterexample.
 */
export function runProperty<T>(name: string, arbitrary: fc.Arbitrary<T>, check: (input: T) => void, options: ScriptOptions): Outcome {
  const seed = options.seed ?? Date.now() ^ (Math.random() * 0x100000000);
  const kinds = new Map<string, number>();
  let failures = 0;
  const started = process.hrtime.bigint();
  fc.check(
    fc.property(arbitrary, (input) => {
      try {
        check(input);
      } catch (e) {
        failures++;
        const kind = failureKind(e);
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
    }),
    { numRuns: options.runs, seed },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${name}: ${options.runs} runs, ${failures} failure(s), ${seconds.toFixed(1)} s (seed ${seed})\n`);
  if (failures > 0) {
    for (const [kind, count] of [...kinds].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${count} × ${kind}\n`);
    const details = fc.check(fc.property(arbitrary, (input) => check(input)), { numRuns: options.runs, seed });
    const report = fc.defaultReportMessage(details);
    if (report !== undefined) process.stdout.write(`${clip(report).replace(/^/gm, '  ')}\n`);
  }
  return { name, runs: options.runs, failures, seconds };
}
