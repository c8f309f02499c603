/**
 * Evaluate one or more signals against a label over a panel and collect every number for
 * results.json: IC / RankIC summaries (NW lag h - 1), bootstrap CI of the mean RankIC,
 * coverage, quantiles, stability, decay, and (for several signals) the table and the
 * correlation matrix.
 */
import { AgoraError, Rng } from '../../core/index.js';
import { type EvalResults, toSeries } from '../report/results.js';
import { signalCorrelation } from '../signal/correlation.js';
import { evaluateSignal, icDecay } from '../signal/evaluate.js';
import { dailyIc } from '../signal/ic.js';
import { icTableParallel } from '../signal/parallel.js';
import { quantileAnalysis } from '../signal/quantiles.js';
import { icTable, type NamedSignal, sortIcTable } from '../signal/table.js';
import { signalStability } from '../signal/turnover.js';
import { bootstrapSeries } from '../stats/bootstrap.js';
import { mean } from '../stats/moments.js';
import { probabilityOfOverfitting } from '../stats/pbo.js';

/** From this many signals on, the IC table runs on worker threads. */
export const PARALLEL_FROM = 8;

export interface EvalRunInput {
  dates: readonly string[];
  T: number;
  N: number;
  signals: NamedSignal[];
  label: Float64Array;
  eligible?: Uint8Array;
  horizon: number;
  groups?: number;
  /** Extra labels for IC decay (horizon -> label). */
  decay?: { horizon: number; values: Float64Array }[];
  seed?: number;
  config: Record<string, unknown>;
}

export async function runEvaluation(input: EvalRunInput): Promise<EvalResults> {
  if (input.signals.length === 0)
    throw new AgoraError('INVALID_ARGUMENT', 'no signal to evaluate', { hint: 'pass --signal' });
  const { T, N, label, eligible, horizon } = input;
  const main = input.signals[0];
  const base = { T, N, label, eligible, horizon };
  const rep = evaluateSignal({ ...base, signal: main.values });
  const q = quantileAnalysis({ ...base, signal: main.values, groups: input.groups ?? 5 });
  const stab = signalStability({ T, N, signal: main.values, eligible, groups: input.groups ?? 5 });
  const rng = new Rng(input.seed ?? 0);
  // blocks at least as long as the label overlap, so the CI respects the autocorrelation
  const ci = bootstrapSeries(rep.daily.rankIc, mean, {
    rng: rng.stream('rank-ic'),
    resamples: 1000,
    blockLength: Math.max(horizon, Math.ceil(Math.cbrt(T))),
  });
  const summary: Record<string, unknown> = {
    signal: main.name,
    ic: rep.ic,
    rankIc: rep.rankIc,
    rankIcMeanCI: ci,
    coverage: rep.coverage,
    quantiles: { groups: q.groups, longShort: q.longShortSummary, monotonicity: q.monotonicity },
    stability: { topTurnover: stab.meanTopTurnover, rankAutocorrelation: stab.meanRankAutocorr },
  };
  if (input.decay?.length) {
    summary.decay = icDecay({ T, N, signal: main.values, eligible }, input.decay).map((d) => ({
      horizon: d.horizon,
      icMean: d.ic.mean,
      rankIcMean: d.rankIc.mean,
      rankIcT: d.rankIc.tNW,
    }));
  }
  const results: EvalResults = {
    kind: 'eval',
    version: 1,
    created: new Date().toISOString(),
    config: input.config,
    summary,
    quantileMeans: toSeries(q.meanByGroup),
    series: {
      dates: [...input.dates],
      ic: toSeries(rep.daily.ic),
      rankIc: toSeries(rep.daily.rankIc),
      longShort: toSeries(q.longShort),
    },
  };
  if (input.signals.length > 1) {
    const rows =
      input.signals.length >= PARALLEL_FROM
        ? await icTableParallel(input.signals, base)
        : icTable(input.signals, base);
    results.table = sortIcTable(rows, 'rankIcir', { abs: true }).map((r) => ({ ...r }));
    const k = input.signals.length;
    const m = signalCorrelation(
      input.signals.map((s) => s.values),
      { T, N, eligible },
      { dateStride: Math.max(1, Math.floor(T / 250)) },
    );
    summary.pbo = signalPbo(input.signals, base);
    summary.correlation = {
      names: input.signals.map((s) => s.name),
      matrix: Array.from({ length: k }, (_, i) => toSeries(m.subarray(i * k, i * k + k))),
    };
  }
  return results;
}

/**
 * CSCV probability of overfitting when picking the signal with the best in-sample RankIC-IR:
 * strategies = the signals' daily RankIC series, 16 blocks (fewer on short samples).
 */
function signalPbo(
  signals: NamedSignal[],
  base: Omit<Parameters<typeof dailyIc>[0], 'signal'>,
): Record<string, number> | null {
  const blocks = Math.min(16, 2 * Math.floor(base.T / 40));
  if (blocks < 2) return null;
  const series = signals.map((s) => dailyIc({ ...base, signal: s.values }).rankIc);
  const r = probabilityOfOverfitting(series, blocks);
  return { pbo: r.pbo, splits: r.splits, blocks, medianOosRankIcir: median(r.oosSharpe) };
}

function median(x: Float64Array): number {
  const s = Float64Array.from(x).sort();
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : Number.NaN;
}
