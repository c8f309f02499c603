/**
 * Rolling moments over the last d rows per asset: ts_sum, ts_mean, ts_std, ts_var, ts_zscore,
 * ts_skew, ts_kurt. O(T*N): running sums of values shifted by a per-asset pivot K (a recent value,
 * so squares do not cancel catastrophically), rebuilt from scratch every `rebuildEvery(d)` rows and
 * for one asset whenever a leaving value dwarfs the remaining sum (a spike): no drift over
 * thousands of rows. The loop is date-major: one row of all assets at a time, per-asset state in
 * typed arrays. Non-finite values count as missing (strict modes: the output is NaN).
 */
import type { Kernel, Mode } from '../types.js';
import {
  BLOCK_MEAN,
  BLOCK_STD,
  BLOCK_SUM,
  BLOCK_VAR,
  BLOCK_ZSCORE,
  blockMoments,
  blockSum,
} from './block-sums.js';
import {
  centralValue,
  NEAR_CONSTANT_REL as NEAR_CONSTANT_REL_,
  REPIVOT_RATIO as REPIVOT_RATIO_,
  rebuildEvery,
  strictPolicy,
  type WindowPolicy,
  windowParam,
  windowPolicy,
} from './common.js';

// Local copies: transpilers (tsx, vitest) turn imported bindings into getters, slow in hot loops.
const NEAR_CONSTANT_REL = NEAR_CONSTANT_REL_;
const REPIVOT_RATIO = REPIVOT_RATIO_;

/** A leaving square larger than this multiple of the remaining sum triggers a per-asset rebuild. */
const SPIKE_RATIO = 1e8;

const SUM = 0;
const MEAN = 1;
const VAR = 2;
const STD = 3;
const ZSCORE = 4;

interface M2State {
  K: Float64Array;
  s1: Float64Array;
  s2: Float64Array;
  cnt: Int32Array;
}

/** Recompute one asset's sums over rows [from, to] (inclusive) around a central pivot. */
function rebuildAssetM2(x: Float64Array, N: number, a: number, from: number, to: number, st: M2State): void {
  const k = centralValue(x, N, a, from, to);
  let s1 = 0;
  let s2 = 0;
  let c = 0;
  if (!Number.isNaN(k)) {
    for (let r = Math.max(0, from); r <= to; r++) {
      const v = x[r * N + a];
      if (v - v === 0) {
        const u = v - k;
        s1 += u;
        s2 += u * u;
        c++;
      }
    }
    st.K[a] = k;
  }
  st.s1[a] = s1;
  st.s2[a] = s2;
  st.cnt[a] = c;
}

/** Recompute all assets' sums over rows [from, to], row by row. */
function rebuildAllM2(x: Float64Array, N: number, from: number, to: number, st: M2State): void {
  const { K, s1, s2, cnt } = st;
  s1.fill(0);
  s2.fill(0);
  cnt.fill(0);
  if (to >= 0) {
    const last = to * N;
    for (let a = 0; a < N; a++) {
      const v = x[last + a];
      if (v - v === 0) K[a] = v;
    }
  }
  for (let r = Math.max(0, from); r <= to; r++) {
    const row = r * N;
    for (let a = 0; a < N; a++) {
      const v = x[row + a];
      if (v - v === 0) {
        const u = v - K[a];
        s1[a] += u;
        s2[a] += u * u;
        cnt[a]++;
      }
    }
  }
}

function rollingM2(
  out: Float64Array,
  x: Float64Array,
  T: number,
  N: number,
  d: number,
  pol: WindowPolicy,
  emit: number,
): void {
  const st: M2State = {
    K: new Float64Array(N),
    s1: new Float64Array(N),
    s2: new Float64Array(N),
    cnt: new Int32Array(N),
  };
  const { K, s1, s2, cnt } = st;
  const R = rebuildEvery(d);
  const need = pol.need;
  for (let t = 0; t < T; t++) {
    const row = t * N;
    const drop = t - d;
    const rebuild = drop >= 0 && t % R === 0;
    if (rebuild) rebuildAllM2(x, N, t - d + 1, t - 1, st);
    const removing = drop >= 0 && !rebuild;
    const dropRow = drop * N;
    for (let a = 0; a < N; a++) {
      if (removing) {
        const w = x[dropRow + a];
        if (w - w === 0) {
          const u = w - K[a];
          const uu = u * u;
          s1[a] -= u;
          s2[a] -= uu;
          const c = --cnt[a];
          if (c === 0) {
            s1[a] = 0;
            s2[a] = 0;
          } else if (uu > SPIKE_RATIO * s2[a]) rebuildAssetM2(x, N, a, t - d + 1, t - 1, st);
        }
      }
      const v = x[row + a];
      if (v - v === 0) {
        if (cnt[a] === 0) K[a] = v;
        const u = v - K[a];
        s1[a] += u;
        s2[a] += u * u;
        cnt[a]++;
      }
      const n = cnt[a];
      if (n < need) {
        out[row + a] = Number.NaN;
        continue;
      }
      if (emit === SUM) out[row + a] = K[a] * n + s1[a];
      else if (emit === MEAN) out[row + a] = K[a] + s1[a] / n;
      else {
        let q = s2[a];
        let m2 = q - (s1[a] * s1[a]) / n;
        if (q > REPIVOT_RATIO * m2) {
          rebuildAssetM2(x, N, a, t - d + 1, t, st);
          q = s2[a];
          m2 = q - (s1[a] * s1[a]) / n;
        }
        if (m2 <= NEAR_CONSTANT_REL * q) m2 = 0;
        const variance = m2 / (n - 1);
        if (emit === VAR) out[row + a] = variance;
        else if (emit === STD) out[row + a] = Math.sqrt(variance);
        else out[row + a] = m2 === 0 ? Number.NaN : (v - K[a] - s1[a] / n) / Math.sqrt(variance);
      }
    }
  }
}

/** Emission code of the block-sum fast path for each running-sum emission. */
const BLOCK_EMIT = [BLOCK_SUM, BLOCK_MEAN, BLOCK_VAR, BLOCK_STD, BLOCK_ZSCORE];

function m2Kernel(op: string, emit: number, minObs: number, qlibAware: boolean): Kernel {
  return (out, [x], params, { T, N, mode }) => {
    const d = windowParam(op, params);
    const pol = qlibAware ? windowPolicy(mode, d, minObs) : strictPolicy(d, minObs);
    if (pol.strict && d >= minObs) blockStrict(out, x, T, N, d, BLOCK_EMIT[emit]);
    else rollingM2(out, x, T, N, d, pol, emit);
  };
}

/** Strict path: block sums, then non-finite windows (±Inf included) are NaN as documented. */
function blockStrict(
  out: Float64Array,
  x: Float64Array,
  T: number,
  N: number,
  d: number,
  emit: number,
): void {
  if (emit === BLOCK_SUM || emit === BLOCK_MEAN) {
    blockSum(out, x, T, N, d, emit === BLOCK_SUM ? 1 : 1 / d);
    return;
  }
  // a non-finite value makes the centred sum NaN (Inf - Inf), so moments need no post-pass
  blockMoments(out, x, T, N, d, emit);
}

export const tsSum: Kernel = m2Kernel('ts_sum', SUM, 1, true);
export const tsMean: Kernel = m2Kernel('ts_mean', MEAN, 1, true);
export const tsVar: Kernel = m2Kernel('ts_var', VAR, 2, true);
export const tsStd: Kernel = m2Kernel('ts_std', STD, 2, true);
/** (x - mean_d) / std_d (ddof 1); a constant window gives NaN. GTJA-style: strict in every mode. */
export const tsZscore: Kernel = m2Kernel('ts_zscore', ZSCORE, 2, false);

/** Higher moments: sums of shifted powers 1..4 with the same rebuild schedule. */
function rollingM4(
  out: Float64Array,
  x: Float64Array,
  T: number,
  N: number,
  d: number,
  pol: WindowPolicy,
  kurt: boolean,
): void {
  const K = new Float64Array(N);
  const S = new Float64Array(4 * N);
  const cnt = new Int32Array(N);
  const R = rebuildEvery(d);
  const accumulate = (a: number, v: number, sign: number): void => {
    const u = v - K[a];
    const u2 = u * u;
    const o = 4 * a;
    S[o] += sign * u;
    S[o + 1] += sign * u2;
    S[o + 2] += sign * u2 * u;
    S[o + 3] += sign * u2 * u2;
    cnt[a] += sign;
  };
  const rebuild = (a: number, from: number, to: number): void => {
    S.fill(0, 4 * a, 4 * a + 4);
    cnt[a] = 0;
    const k = centralValue(x, N, a, from, to);
    if (Number.isNaN(k)) return;
    K[a] = k;
    for (let r = Math.max(0, from); r <= to; r++) {
      const v = x[r * N + a];
      if (v - v === 0) accumulate(a, v, 1);
    }
  };
  const badPivot = (a: number): boolean => {
    const n = cnt[a];
    const q = S[4 * a + 1];
    return n > 0 && q > REPIVOT_RATIO * (q - (S[4 * a] * S[4 * a]) / n);
  };
  for (let t = 0; t < T; t++) {
    const drop = t - d;
    const full = drop >= 0 && t % R === 0;
    for (let a = 0; a < N; a++) {
      if (full) rebuild(a, t - d + 1, t - 1);
      else if (drop >= 0) {
        const w = x[drop * N + a];
        if (w - w === 0) {
          accumulate(a, w, -1);
          const u = w - K[a];
          if (cnt[a] === 0) S.fill(0, 4 * a, 4 * a + 4);
          else if (u * u > SPIKE_RATIO * S[4 * a + 1]) rebuild(a, t - d + 1, t - 1);
        }
      }
      const v = x[t * N + a];
      if (v - v === 0) {
        if (cnt[a] === 0) K[a] = v;
        accumulate(a, v, 1);
      }
      if (cnt[a] < pol.need) {
        out[t * N + a] = Number.NaN;
        continue;
      }
      if (badPivot(a)) rebuild(a, t - d + 1, t);
      out[t * N + a] = higherMoment(S, 4 * a, cnt[a], kurt);
    }
  }
}

/** Bias-corrected sample skewness (G1) or excess kurtosis (G2) from shifted power sums. */
function higherMoment(S: Float64Array, o: number, n: number, kurt: boolean): number {
  const mu = S[o] / n;
  const q = S[o + 1];
  const m2 = q - n * mu * mu;
  if (m2 <= NEAR_CONSTANT_REL * q || m2 <= 0) return Number.NaN;
  if (!kurt) {
    const m3 = S[o + 2] - 3 * mu * q + 2 * n * mu * mu * mu;
    return ((Math.sqrt(n * (n - 1)) / (n - 2)) * (m3 / n)) / (m2 / n) ** 1.5;
  }
  const m4 = S[o + 3] - 4 * mu * S[o + 2] + 6 * mu * mu * q - 3 * n * mu * mu * mu * mu;
  const c = (n - 2) * (n - 3);
  return (((n + 1) * n * (n - 1)) / c) * (m4 / (m2 * m2)) - (3 * (n - 1) * (n - 1)) / c;
}

function m4Kernel(op: string, kurt: boolean): Kernel {
  return (out, [x], params, { T, N, mode }) => {
    const d = windowParam(op, params);
    rollingM4(out, x, T, N, d, windowPolicy(mode as Mode, d, kurt ? 4 : 3), kurt);
  };
}

export const tsSkew: Kernel = m4Kernel('ts_skew', false);
export const tsKurt: Kernel = m4Kernel('ts_kurt', true);
