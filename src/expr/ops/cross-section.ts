/**
 * Cross-sectional kernels: one date at a time over the assets that are eligible (ctx.eligible:
 * listed and in the date's universe) and finite. Other cells are NaN. ±Inf inputs are treated as
 * missing here (the evaluator turns them into NaN before CS operators anyway).
 */
import { AgoraError } from '../../core/index.js';
import type { Kernel } from '../types.js';
import { constantParam } from './common.js';
import { RowRanker } from './row-rank.js';

function usable(x: Float64Array, i: number, eligible: Uint8Array | undefined): boolean {
  const v = x[i];
  return v - v === 0 && (eligible === undefined || eligible[i] !== 0);
}

/** Average-tie rank / number of valid assets, in (0, 1]. */
export const csRank: Kernel = (out, [x], _params, { T, N, eligible }) => {
  const ranker = new RowRanker(N);
  for (let t = 0; t < T; t++) ranker.rankRow(x, t * N, eligible, out);
};

/** (x - mean) / std (ddof 1) over valid assets; fewer than 2 or all equal -> NaN. */
export const csZscore: Kernel = (out, [x], _params, { T, N, eligible }) => {
  for (let t = 0; t < T; t++) {
    const off = t * N;
    let n = 0;
    let sum = 0;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = off; i < off + N; i++) {
      if (!usable(x, i, eligible)) continue;
      const v = x[i];
      n++;
      sum += v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const mean = sum / n;
    let m2 = 0;
    for (let i = off; i < off + N; i++) if (usable(x, i, eligible)) m2 += (x[i] - mean) ** 2;
    const sd = n >= 2 && hi > lo ? Math.sqrt(m2 / (n - 1)) : Number.NaN;
    for (let i = off; i < off + N; i++) out[i] = usable(x, i, eligible) ? (x[i] - mean) / sd : Number.NaN;
  }
};

/** a * x / sum(|x|) over valid assets; an all-zero (or empty) cross-section gives NaN. */
export const csScale: Kernel = (out, [x], params, { T, N, eligible }) => {
  const a = constantParam('cs_scale', params, 0, 'scale a');
  for (let t = 0; t < T; t++) {
    const off = t * N;
    let s = 0;
    for (let i = off; i < off + N; i++) if (usable(x, i, eligible)) s += Math.abs(x[i]);
    const f = s > 0 ? a / s : Number.NaN;
    for (let i = off; i < off + N; i++) out[i] = usable(x, i, eligible) ? x[i] * f : Number.NaN;
  }
};

/** Largest span of group codes handled with dense per-date accumulators. */
const MAX_GROUP_SPAN = 1 << 20;

function groupRange(g: Float64Array): { lo: number; span: number } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (Number.isNaN(c)) continue;
    if (!Number.isInteger(c)) {
      throw new AgoraError(
        'INVALID_ARGUMENT',
        `ind_neutralize: group code ${c} at cell ${i} is not an integer`,
        {
          hint: 'group fields (industry, sector) must hold integer codes; NaN marks no group',
        },
      );
    }
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  if (lo > hi) return { lo: 0, span: 0 };
  if (hi - lo + 1 > MAX_GROUP_SPAN) {
    throw new AgoraError('INVALID_ARGUMENT', `ind_neutralize: group codes span ${lo}..${hi}, too wide`, {
      hint: `encode groups as dense integer codes (0..K-1, K <= ${MAX_GROUP_SPAN})`,
    });
  }
  return { lo, span: hi - lo + 1 };
}

/** x - mean of x within (date, group) over valid assets; a single-member group gives 0. */
export const indNeutralize: Kernel = (out, [x, g], _params, { T, N, eligible }) => {
  const { lo, span } = groupRange(g);
  const sum = new Float64Array(span);
  const cnt = new Int32Array(span);
  for (let t = 0; t < T; t++) {
    const off = t * N;
    for (let i = off; i < off + N; i++) {
      const c = g[i];
      if (!Number.isNaN(c) && usable(x, i, eligible)) {
        sum[c - lo] += x[i];
        cnt[c - lo]++;
      }
    }
    for (let i = off; i < off + N; i++) {
      const c = g[i];
      out[i] = !Number.isNaN(c) && usable(x, i, eligible) ? x[i] - sum[c - lo] / cnt[c - lo] : Number.NaN;
    }
    for (let i = off; i < off + N; i++) {
      const c = g[i];
      if (!Number.isNaN(c)) {
        sum[c - lo] = 0;
        cnt[c - lo] = 0;
      }
    }
  }
};
