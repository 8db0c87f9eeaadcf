// The report: the table of one size and the targets of the performance issue.
import type { OneTaskResult, SizeResult } from './measure';
import { best, bestInternal, lpad, log, mb, medianMs, pad, peakMb, ratio, sec } from './stats';

export function printSize(r: SizeResult): void {
  const e = r.environments;
  if (e === undefined) log(`N = ${r.n}  (${r.runs} runs; manifests ${(r.manifestBytes / 1024).toFixed(0)} KB, output ${(r.outputBytes / 1024).toFixed(0)} KB)`);
  else log(`N = ${r.n} × ${e.names.length} environments (${e.names.join(', ')})  (${r.runs} runs; ${e.overlays} overlays; manifests and overlays ${(r.manifestBytes / 1024).toFixed(0)} KB, ${e.files} output files, ${(r.outputBytes / 1024).toFixed(0)} KB)`);
  log(`  ${pad('', 6)}${lpad('synth best', 11)}${lpad('(median)', 10)}${lpad('in-proc', 10)}${lpad('floor best', 12)}${lpad('(median)', 10)}${lpad('synth/floor', 13)}${lpad('synth RSS', 11)}${lpad('floor RSS', 11)}${lpad('tree RSS s/f', 16)}`);
  for (const [label, synth, floor] of [['cold', r.synthCold, r.floorCold], ['warm', r.synthWarm, r.floorWarm]] as const) {
    const internal = bestInternal(synth);
    log(
      `  ${pad(label, 6)}${lpad(sec(best(synth)), 11)}${lpad(`(${(medianMs(synth) / 1000).toFixed(3)})`, 10)}${lpad(internal === undefined ? 'n/a' : sec(internal), 10)}` +
        `${lpad(sec(best(floor)), 12)}${lpad(`(${(medianMs(floor) / 1000).toFixed(3)})`, 10)}${lpad(ratio(best(synth) / best(floor)), 13)}` +
        `${lpad(mb(peakMb(synth)), 11)}${lpad(mb(peakMb(floor)), 11)}${lpad(`${mb(peakMb(synth, 'treeRssKb'))}/${mb(peakMb(floor, 'treeRssKb'))}`, 16)}`,
    );
  }
  log();
}

export interface Target {
  readonly name: string;
  readonly value: string;
  readonly pass: boolean | undefined;
}

export function targets(results: readonly SizeResult[], one: OneTaskResult | undefined, environments = 0): Target[] {
  const at = (n: number): SizeResult | undefined => results.find((r) => r.n === n);
  const k1 = at(1000);
  const k10 = at(10000);
  const out: Target[] = [];
  const push = (name: string, compute: () => [string, boolean] | undefined): void => {
    const v = compute();
    out.push({ name, value: v?.[0] ?? 'n/a (size not run)', pass: v?.[1] });
  };
  if (environments > 0) {
    // Environments mode: the same files per environment, K × N in one run, against a floor that reads the overlays too.
    const k = `${environments} env`;
    push(`1000 × ${k} cold ≤ 2.5× floor`, () => k1 && [ratio(best(k1.synthCold) / best(k1.floorCold)), best(k1.synthCold) / best(k1.floorCold) <= 2.5]);
    push(`1000 × ${k} warm ≤ 2× floor`, () => k1 && [ratio(best(k1.synthWarm) / best(k1.floorWarm)), best(k1.synthWarm) / best(k1.floorWarm) <= 2]);
    push(`10,000 × ${k} peak RSS ≤ 400 MB`, () => {
      if (k10 === undefined) return undefined;
      const peak = Math.max(peakMb(k10.synthCold) ?? NaN, peakMb(k10.synthWarm) ?? NaN);
      return [mb(peak), peak <= 400];
    });
    push('one task < 0.6 s (cold, no env)', () => one && one.runs > 0 ? [sec(best(one.synthCold)), best(one.synthCold) < 600] : undefined);
    return out;
  }
  push('1000 cold ≤ 2.5× floor', () => k1 && [ratio(best(k1.synthCold) / best(k1.floorCold)), best(k1.synthCold) / best(k1.floorCold) <= 2.5]);
  push('1000 warm ≤ 2× floor', () => k1 && [ratio(best(k1.synthWarm) / best(k1.floorWarm)), best(k1.synthWarm) / best(k1.floorWarm) <= 2]);
  push('10,000 cold time ≤ 11× 1000 cold', () => k1 && k10 && [ratio(best(k10.synthCold) / best(k1.synthCold)), best(k10.synthCold) / best(k1.synthCold) <= 11]);
  push('10,000 warm time ≤ 11× 1000 warm', () => k1 && k10 && [ratio(best(k10.synthWarm) / best(k1.synthWarm)), best(k10.synthWarm) / best(k1.synthWarm) <= 11]);
  push('10,000 peak RSS ≤ 400 MB', () => {
    if (k10 === undefined) return undefined;
    const peak = Math.max(peakMb(k10.synthCold) ?? NaN, peakMb(k10.synthWarm) ?? NaN);
    return [mb(peak), peak <= 400];
  });
  push('one task < 0.6 s (cold)', () => one && one.runs > 0 ? [sec(best(one.synthCold)), best(one.synthCold) < 600] : undefined);
  return out;
}
