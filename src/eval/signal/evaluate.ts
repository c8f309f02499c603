/**
 * One-call evaluation of a signal against a label: daily IC and RankIC, their summaries,
 * coverage, and optionally IC decay over several horizons.
 */
import { type DailyIc, dailyIc, type IcScratch, type LabelCache } from './ic.js';
import { type Coverage, coverage, type IcSummary, summarizeIc } from './summary.js';
import type { SignalInput } from './types.js';

export interface SignalReport {
  horizon: number;
  ic: IcSummary;
  rankIc: IcSummary;
  coverage: Coverage;
  daily: DailyIc;
}

export function evaluateSignal(
  input: SignalInput & { horizon?: number },
  cache?: LabelCache,
  scratch?: IcScratch,
): SignalReport {
  const horizon = input.horizon ?? 1;
  const daily = dailyIc(input, cache, scratch);
  return {
    horizon,
    ic: summarizeIc(daily.ic, horizon),
    rankIc: summarizeIc(daily.rankIc, horizon),
    coverage: coverage(input.signal, input.eligible, input.T, input.N),
    daily,
  };
}

export interface DecayPoint {
  horizon: number;
  ic: IcSummary;
  rankIc: IcSummary;
}

/** IC and RankIC of one signal against labels of several horizons (each with NW lag h - 1). */
export function icDecay(
  base: Omit<SignalInput, 'label'>,
  labels: readonly { horizon: number; values: Float64Array }[],
): DecayPoint[] {
  return labels.map(({ horizon, values }) => {
    const d = dailyIc({ ...base, label: values });
    return { horizon, ic: summarizeIc(d.ic, horizon), rankIc: summarizeIc(d.rankIc, horizon) };
  });
}
