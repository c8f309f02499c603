/**
 * Correlation matrix between signals: on each date (every `dateStride`-th), the cross-sectional
 * Spearman (average ties) or Pearson correlation of every pair over the eligible cells where all
 * signals are finite; the matrix entry is the average over dates where it is defined.
 * Cost O(T/stride * (k * N log N + k^2 * N)).
 */
import { AgoraError } from '../../core/index.js';
import { checkGrid } from './ic.js';
import { averageRanks, pearsonDense } from './rank.js';
import type { EligibleMask, Grid } from './types.js';

export interface CorrelationOptions {
  method?: 'spearman' | 'pearson';
  dateStride?: number;
  minAssets?: number;
}

/** k x k row-major matrix. */
export function signalCorrelation(
  signals: readonly Float64Array[],
  g: Grid & { eligible?: EligibleMask },
  opts: CorrelationOptions = {},
): Float64Array {
  const k = signals.length;
  const { T, N, eligible } = g;
  const stride = opts.dateStride ?? 1;
  const minAssets = opts.minAssets ?? 10;
  if (k === 0) throw new AgoraError('INVALID_ARGUMENT', 'signalCorrelation needs at least one signal');
  signals.forEach((s, j) => {
    checkGrid(`signal ${j}`, s, g);
  });
  const cols = signals.map(() => new Float64Array(N));
  const ranks = signals.map(() => new Float64Array(N));
  const sorted = new Float64Array(N);
  const sums = new Float64Array(k * k);
  const counts = new Int32Array(k * k);
  for (let t = 0; t < T; t += stride) {
    const n = gatherCommon(signals, eligible, t, N, cols);
    if (n < minAssets) continue;
    const use = opts.method === 'pearson' ? cols : ranks;
    if (opts.method !== 'pearson') for (let j = 0; j < k; j++) averageRanks(cols[j], n, sorted, ranks[j]);
    for (let x = 0; x < k; x++) {
      for (let y = x; y < k; y++) {
        const r = x === y ? 1 : pearsonDense(use[x], use[y], n);
        if (Number.isNaN(r)) continue;
        sums[x * k + y] += r;
        counts[x * k + y]++;
      }
    }
  }
  const out = new Float64Array(k * k);
  for (let x = 0; x < k; x++) {
    for (let y = x; y < k; y++) {
      const v = counts[x * k + y] > 0 ? sums[x * k + y] / counts[x * k + y] : Number.NaN;
      out[x * k + y] = v;
      out[y * k + x] = v;
    }
  }
  return out;
}

function gatherCommon(
  signals: readonly Float64Array[],
  eligible: EligibleMask,
  t: number,
  N: number,
  cols: Float64Array[],
): number {
  let n = 0;
  for (let a = 0; a < N; a++) {
    const i = t * N + a;
    if (eligible !== undefined && eligible[i] !== 1) continue;
    let ok = true;
    for (const s of signals) if (!Number.isFinite(s[i])) ok = false;
    if (!ok) continue;
    for (let j = 0; j < signals.length; j++) cols[j][n] = signals[j][i];
    n++;
  }
  return n;
}
