/**
 * Weighted and recursive averages: decay_linear, wma, ema, sma (GTJA). Linear weights use the
 * O(1) recurrence W_t = W_{t-1} - S_{t-1} + d*x_t (W = sum of weights d..1 times values, newest
 * weight d), rebuilt every `rebuildEvery(d)` rows; truncated exponential weights use
 * E_t = r*E_{t-1} + x_t - r^d*x_{t-d} (errors decay geometrically). Mode differences follow
 * operators.md: wma canonical 0.9^i (flag `gtja_wma`), alphagen linear 0..d-1, qlib linear 1..d
 * over partial windows; ema canonical recursive alpha = 2/(d+1), alphagen truncated normalised
 * weights, qlib pandas ewm(span=d, adjust=True).
 */
import type { Kernel, Mode } from '../types.js';
import { constantParam, rebuildEvery, windowParam } from './common.js';

/** Flag `gtja_wma`: GTJA WMA weights are GTJA_WMA_RATIO^i, i = 0 today. */
export const GTJA_WMA_RATIO = 0.9;

/** Qlib linear weights: w..1 over partial windows (w = min(t+1, d)), non-finite values skipped. */
function linearWeightedPartial(out: Float64Array, x: Float64Array, T: number, N: number, d: number): void {
  const S = new Float64Array(N);
  const W = new Float64Array(N);
  const C = new Float64Array(N);
  const CW = new Float64Array(N);
  const R = rebuildEvery(d);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    const dropRow = (t - d) * N;
    if (t >= d && t % R === 0) rebuildLinear(x, N, d, t, S, W, C, CW);
    else {
      for (let a = 0; a < N; a++) {
        const v = x[row + a];
        const ok = v - v === 0 ? 1 : 0;
        W[a] += d * (ok ? v : 0) - S[a];
        CW[a] += d * ok - C[a];
        S[a] += ok ? v : 0;
        C[a] += ok;
        if (t >= d) {
          const w = x[dropRow + a];
          if (w - w === 0) {
            S[a] -= w;
            C[a]--;
          }
        }
      }
    }
    const w = Math.min(t + 1, d);
    for (let a = 0; a < N; a++) {
      let value = Number.NaN;
      const den = CW[a] - (d - w) * C[a];
      if (C[a] > 0) value = (W[a] - (d - w) * S[a]) / den;
      out[row + a] = value;
    }
  }
}

/**
 * Strict linear weights in one pass: missing values enter the sums as 0 and are counted in `bad`
 * (any in the window gives NaN); sums are recomputed exactly every `rebuildEvery(d)` rows.
 * `shift` = 0 gives weights d..1, 1 gives d-1..0 (normalised by `norm`).
 */
function linearWeightedStrict(
  out: Float64Array,
  x: Float64Array,
  T: number,
  N: number,
  d: number,
  shift: number,
  norm: number,
): void {
  const S = new Float64Array(N);
  const W = new Float64Array(N);
  const C = new Float64Array(N);
  const CW = new Float64Array(N);
  const bad = new Int32Array(N);
  const R = rebuildEvery(d);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    const dropRow = (t - d) * N;
    if (t >= d && t % R === 0) {
      rebuildLinear(x, N, d, t, S, W, C, CW);
      for (let a = 0; a < N; a++) {
        bad[a] = d - C[a];
        out[row + a] = bad[a] === 0 ? (W[a] - shift * S[a]) / norm : Number.NaN;
      }
      continue;
    }
    const dropping = t >= d;
    const live = t >= d - 1;
    for (let a = 0; a < N; a++) {
      const v = x[row + a];
      const ok = v - v === 0;
      const vv = ok ? v : 0;
      let ww = 0;
      let b = bad[a] + (ok ? 0 : 1);
      if (dropping) {
        const w = x[dropRow + a];
        if (w - w === 0) ww = w;
        else b--;
      }
      const s = S[a];
      const wsum = W[a] + d * vv - s;
      W[a] = wsum;
      S[a] = s + vv - ww;
      bad[a] = b;
      out[row + a] = live && b === 0 ? (wsum - shift * (s + vv - ww)) / norm : Number.NaN;
    }
  }
}

/** Exact sums for the window ending at row t (inclusive). */
function rebuildLinear(
  x: Float64Array,
  N: number,
  d: number,
  t: number,
  S: Float64Array,
  W: Float64Array,
  C: Float64Array,
  CW: Float64Array,
): void {
  S.fill(0);
  W.fill(0);
  C.fill(0);
  CW.fill(0);
  for (let k = 0; k < d; k++) {
    const row = (t - k) * N;
    const wk = d - k;
    for (let a = 0; a < N; a++) {
      const v = x[row + a];
      if (v - v === 0) {
        S[a] += v;
        W[a] += wk * v;
        C[a]++;
        CW[a] += wk;
      }
    }
  }
}

/** Truncated exponential weights r^k (k = 0 today) over a full window, normalised; strict. */
function truncatedExponential(
  out: Float64Array,
  x: Float64Array,
  T: number,
  N: number,
  d: number,
  r: number,
): void {
  const E = new Float64Array(N);
  const C = new Int32Array(N);
  const rd = r ** d;
  const norm = r === 1 ? d : (1 - rd) / (1 - r);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    const dropRow = (t - d) * N;
    for (let a = 0; a < N; a++) {
      const v = x[row + a];
      let e = r * E[a];
      if (v - v === 0) {
        e += v;
        C[a]++;
      }
      if (t >= d) {
        const w = x[dropRow + a];
        if (w - w === 0) {
          e -= rd * w;
          C[a]--;
        }
      }
      E[a] = e;
      out[row + a] = C[a] === d ? e / norm : Number.NaN;
    }
  }
}

/** Qlib-style decay_linear / wma (weights 1..w over partial windows, without Qlib's extra 1/N). */
export const decayLinear: Kernel = (out, [x], params, { T, N, mode }) => {
  const d = windowParam('decay_linear', params);
  if (mode === 'qlib') linearWeightedPartial(out, x, T, N, d);
  else linearWeightedStrict(out, x, T, N, d, 0, (d * (d + 1)) / 2);
};

export const wma: Kernel = (out, [x], params, { T, N, mode }) => {
  const d = windowParam('wma', params);
  if (mode === 'alphagen') linearWeightedStrict(out, x, T, N, d, 1, (d * (d - 1)) / 2);
  else if (mode === 'qlib') linearWeightedPartial(out, x, T, N, d);
  else truncatedExponential(out, x, T, N, d, GTJA_WMA_RATIO);
};

/** Canonical EMA: Y = a*x + (1-a)*Y_prev from the first valid value; NaN holds Y and emits NaN. */
function recursiveEma(out: Float64Array, x: Float64Array, T: number, N: number, d: number): void {
  const alpha = 2 / (d + 1);
  const Y = new Float64Array(N);
  const seen = new Int32Array(N);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    for (let a = 0; a < N; a++) {
      const v = x[row + a];
      if (v - v !== 0) {
        out[row + a] = Number.NaN;
        continue;
      }
      const y = seen[a] === 0 ? v : alpha * v + (1 - alpha) * Y[a];
      Y[a] = y;
      seen[a]++;
      out[row + a] = seen[a] >= d ? y : Number.NaN;
    }
  }
}

/** pandas ewm(span=d, adjust=True, ignore_na=False, min_periods=1).mean(). */
function pandasEwm(out: Float64Array, x: Float64Array, T: number, N: number, d: number): void {
  const decay = 1 - 2 / (d + 1);
  const num = new Float64Array(N);
  const den = new Float64Array(N);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    for (let a = 0; a < N; a++) {
      const v = x[row + a];
      num[a] *= decay;
      den[a] *= decay;
      if (v - v === 0) {
        num[a] += v;
        den[a] += 1;
      }
      out[row + a] = den[a] > 0 ? num[a] / den[a] : Number.NaN;
    }
  }
}

export const ema: Kernel = (out, [x], params, { T, N, mode }) => {
  const d = windowParam('ema', params);
  const m: Mode = mode;
  if (m === 'alphagen') truncatedExponential(out, x, T, N, d, 1 - 2 / (d + 1));
  else if (m === 'qlib') pandasEwm(out, x, T, N, d);
  else recursiveEma(out, x, T, N, d);
};

/**
 * GTJA SMA(A, n, m): Y = (m*A + (n-m)*Y_prev)/n; Y at the first valid value = A (flag `sma_init` =
 * 'first'); a NaN input holds Y and emits NaN. No warm-up. Same in every mode.
 */
export const SMA_INIT = 'first';

export const sma: Kernel = (out, [x], params, { T, N }) => {
  const n = windowParam('sma', params);
  const m = constantParam('sma', params, 1, 'weight m');
  const Y = new Float64Array(N).fill(Number.NaN);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    for (let a = 0; a < N; a++) {
      const v = x[row + a];
      if (v - v !== 0) {
        out[row + a] = Number.NaN;
        continue;
      }
      const prev = Y[a];
      const y = Number.isNaN(prev) ? v : (m * v + (n - m) * prev) / n;
      Y[a] = y;
      out[row + a] = y;
    }
  }
};
