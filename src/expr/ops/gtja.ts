/**
 * GTJA-specific rolling operators: ts_count, ts_sumif, ts_sumac_max / ts_sumac_min and the SELF
 * recursion of GTJA alpha 143. Strict windows in every mode except ts_count in qlib mode (Qlib's
 * Count counts non-NaN values over partial windows).
 */
import type { Kernel, KernelContext } from '../types.js';
import { windowParam } from './common.js';
import { tsMax, tsMin } from './rolling-extremes.js';
import { tsSum } from './rolling-moments.js';

/** Number of true (non-zero) conditions in the last d rows; NaN counts false; NaN until d rows. */
export const tsCount: Kernel = (out, [c], params, { T, N, mode }) => {
  const d = windowParam('ts_count', params);
  const qlib = mode === 'qlib';
  const cnt = new Int32Array(N);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    const dropRow = (t - d) * N;
    for (let a = 0; a < N; a++) {
      const v = c[row + a];
      if (qlib ? !Number.isNaN(v) : !Number.isNaN(v) && v !== 0) cnt[a]++;
      if (t >= d) {
        const w = c[dropRow + a];
        if (qlib ? !Number.isNaN(w) : !Number.isNaN(w) && w !== 0) cnt[a]--;
      }
      if (qlib) out[row + a] = cnt[a] > 0 ? cnt[a] : Number.NaN;
      else out[row + a] = t >= d - 1 ? cnt[a] : Number.NaN;
    }
  }
};

/** Sum of x over the last d rows where cond is true (NaN cond = false; NaN x under a true cond -> NaN). */
export const tsSumif: Kernel = (out, [x, c], params, ctx) => {
  const d = windowParam('ts_sumif', params);
  const masked = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const k = c[i];
    masked[i] = !Number.isNaN(k) && k !== 0 ? x[i] : 0;
  }
  tsSum(out, [masked], [d], { ...ctx, mode: 'canonical' });
};

/**
 * Max (or min) over the window of the cumulative-sum path started at the window's oldest row:
 * max_{j in window} (C_j - C_{t-d}) with C the running cumulative sum. NaN in the window -> NaN.
 */
function sumac(out: Float64Array, x: Float64Array, d: number, ctx: KernelContext, isMax: boolean): void {
  const { T, N } = ctx;
  const C = new Float64Array(x.length);
  const run = new Float64Array(N);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    for (let a = 0; a < N; a++) {
      const v = x[row + a];
      if (v - v === 0) run[a] += v;
      C[row + a] = run[a];
    }
  }
  (isMax ? tsMax : tsMin)(out, [C], [d], { ...ctx, mode: 'canonical' });
  for (let t = 0; t < T; t++) {
    const row = t * N;
    for (let a = 0; a < N; a++) {
      const base = t >= d ? C[(t - d) * N + a] : 0;
      out[row + a] -= base;
    }
  }
  maskWindowsWithNaN(out, x, T, N, d);
}

/** Set out to NaN wherever the last d rows of x hold a non-finite value. */
function maskWindowsWithNaN(out: Float64Array, x: Float64Array, T: number, N: number, d: number): void {
  const last = new Int32Array(N).fill(-1);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    for (let a = 0; a < N; a++) {
      const v = x[row + a];
      if (v - v !== 0) last[a] = t;
      if (last[a] > t - d) out[row + a] = Number.NaN;
    }
  }
}

export const tsSumacMax: Kernel = (out, [x], params, ctx) =>
  sumac(out, x, windowParam('ts_sumac_max', params), ctx, true);
export const tsSumacMin: Kernel = (out, [x], params, ctx) =>
  sumac(out, x, windowParam('ts_sumac_min', params), ctx, false);

/**
 * GTJA 143 SELF recursion on x = close: S = (C > C[-1]) ? S[-1] * (C/C[-1] - 1) : S[-1], S0 = 1.
 * A row without both C and C[-1] holds S and emits NaN (so row 0 is NaN).
 */
export const gtjaSelf143: Kernel = (out, [x], _params, { T, N }) => {
  const S = new Float64Array(N).fill(1);
  out.fill(Number.NaN, 0, Math.min(T, 1) * N);
  for (let t = 1; t < T; t++) {
    const row = t * N;
    for (let a = 0; a < N; a++) {
      const c = x[row + a];
      const p = x[row - N + a];
      if (c - c !== 0 || p - p !== 0) {
        out[row + a] = Number.NaN;
        continue;
      }
      if (c > p) S[a] *= c / p - 1;
      out[row + a] = S[a];
    }
  }
};
