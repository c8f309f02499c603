/**
 * Quantile analysis. On each date the valid cells (eligible, signal and label finite; at least
 * `groups` of them) are split into `groups` groups by signal rank: group = ceil(rank * G / n) - 1
 * with average ranks, so tied signals always share a group. The per-date mean label of each
 * group, its average over dates, the long-short spread (top minus bottom group, per date) and its
 * Newey-West summary, and monotonicity (Spearman correlation between group index and the group's
 * time-averaged return; +1 = perfectly increasing) are reported. Returns are in label units
 * (h-day forward returns for an h-day label).
 */
import { AgoraError } from '../../core/index.js';
import { mean } from '../stats/moments.js';
import { checkGrid, IcScratch } from './ic.js';
import { averageRanks, pearsonDense } from './rank.js';
import { type IcSummary, summarizeIc } from './summary.js';
import type { SignalInput } from './types.js';

export interface QuantileReport {
  groups: number;
  /** T*G per-date group mean label (NaN when a date is skipped). */
  daily: Float64Array;
  /** Time-averaged mean label per group (group 0 = lowest signal). */
  meanByGroup: Float64Array;
  /** Per-date top-minus-bottom spread. */
  longShort: Float64Array;
  longShortSummary: IcSummary;
  monotonicity: number;
}

export function quantileAnalysis(input: SignalInput & { groups?: number; horizon?: number }): QuantileReport {
  const { T, N, signal, label, eligible } = input;
  const G = input.groups ?? 5;
  if (!Number.isInteger(G) || G < 2)
    throw new AgoraError('INVALID_ARGUMENT', `groups must be an integer >= 2, got ${G}`);
  checkGrid('signal', signal, input);
  checkGrid('label', label, input);
  const daily = new Float64Array(T * G).fill(Number.NaN);
  const longShort = new Float64Array(T).fill(Number.NaN);
  const sc = new IcScratch(N);
  const sums = new Float64Array(G);
  const counts = new Int32Array(G);
  for (let t = 0; t < T; t++) {
    let n = 0;
    for (let a = 0; a < N; a++) {
      const i = t * N + a;
      if (
        Number.isFinite(signal[i]) &&
        Number.isFinite(label[i]) &&
        (eligible === undefined || eligible[i] === 1)
      ) {
        sc.s[n] = signal[i];
        sc.l[n++] = label[i];
      }
    }
    if (n < G) continue;
    averageRanks(sc.s, n, sc.sorted, sc.rs);
    sums.fill(0);
    counts.fill(0);
    for (let j = 0; j < n; j++) {
      const g = Math.min(G - 1, Math.max(0, Math.ceil((sc.rs[j] * G) / n) - 1));
      sums[g] += sc.l[j];
      counts[g]++;
    }
    for (let g = 0; g < G; g++) daily[t * G + g] = counts[g] > 0 ? sums[g] / counts[g] : Number.NaN;
    longShort[t] = daily[t * G + G - 1] - daily[t * G];
  }
  const meanByGroup = groupMeans(daily, T, G);
  return {
    groups: G,
    daily,
    meanByGroup,
    longShort,
    longShortSummary: summarizeIc(longShort, input.horizon ?? 1),
    monotonicity: monotonicity(meanByGroup),
  };
}

function groupMeans(daily: Float64Array, T: number, G: number): Float64Array {
  const out = new Float64Array(G);
  const col = new Float64Array(T);
  for (let g = 0; g < G; g++) {
    for (let t = 0; t < T; t++) col[t] = daily[t * G + g];
    out[g] = mean(col);
  }
  return out;
}

/** Spearman correlation between group index and group mean. */
export function monotonicity(meanByGroup: Float64Array): number {
  const G = meanByGroup.length;
  if (!meanByGroup.every(Number.isFinite)) return Number.NaN;
  const idx = Float64Array.from({ length: G }, (_, g) => g + 1);
  const r = new Float64Array(G);
  averageRanks(meanByGroup, G, new Float64Array(G), r);
  return pearsonDense(idx, r, G);
}
