/**
 * Rolling extremes and their positions: ts_max, ts_min, ts_argmax, ts_argmin (days since the
 * extreme, 0 = today), ts_argmax_oldest / ts_argmin_oldest (1-based from the window's oldest row),
 * highday / lowday (GTJA: days since + 1, flag `highday_base` = 1), and ts_product.
 *
 * Algorithm: van Herk / Gil-Werman block scan, O(T*N) with about three comparisons per cell and no
 * data-dependent queue: rows are cut into blocks of d; a forward prefix extreme inside the current
 * block and a backward suffix extreme of the previous block cover any window. Ties resolve to the
 * oldest row (prefix: strict improvement only; suffix and combine: prefer the older side).
 * Strict modes: a NaN in the window gives NaN; qlib mode skips NaN over partial windows.
 */
import type { Kernel } from '../types.js';
import { windowParam } from './common.js';

const VALUE = 0;
const DAYS_SINCE = 1;
const FROM_OLDEST = 2;
const DAYS_PLUS_ONE = 3;

/** Flag `highday_base`: HIGHDAY/LOWDAY of today's extreme is 1 (days since + 1). */
export const HIGHDAY_BASE = 1;

interface ScanOptions {
  d: number;
  /** +1 for max, -1 for min (values are negated so one max-scan serves both). */
  sign: number;
  /** qlib partial windows with NaN skipped; otherwise strict full windows. */
  partial: boolean;
  emit: number;
}

function emitValue(o: ScanOptions, t: number, best: number, bestRow: number): number {
  if (Number.isNaN(best)) return Number.NaN;
  if (o.emit === VALUE) return o.sign * best;
  if (o.emit === DAYS_SINCE) return t - bestRow;
  if (o.emit === DAYS_PLUS_ONE) return t - bestRow + HIGHDAY_BASE;
  return bestRow - Math.max(0, t - o.d + 1) + 1;
}

function slidingExtreme(out: Float64Array, x: Float64Array, T: number, N: number, o: ScanOptions): void {
  const { d, sign, partial } = o;
  const gV = new Float64Array(N);
  const gP = new Int32Array(N);
  const hV = new Float64Array(d * N);
  const hP = new Int32Array(d * N);
  const lastNaN = new Int32Array(N).fill(-1);
  for (let b0 = 0; b0 < T; b0 += d) {
    const b1 = Math.min(T, b0 + d) - 1;
    for (let t = b0; t <= b1; t++) {
      const i = t - b0;
      const row = t * N;
      const useH = b0 > 0 && i < d - 1;
      const warm = b0 === 0 && i < d - 1 && !partial;
      const hRow = (i + 1) * N;
      for (let a = 0; a < N; a++) {
        const v = sign * x[row + a];
        if (Number.isNaN(v)) lastNaN[a] = t;
        let gv = gV[a];
        if (i === 0 || v > gv || Number.isNaN(gv)) {
          gV[a] = gv = v;
          gP[a] = t;
        }
        if (warm || (!partial && lastNaN[a] > t - d)) {
          out[row + a] = Number.NaN;
          continue;
        }
        let best = gv;
        let bestRow = gP[a];
        if (useH) {
          const hv = hV[hRow + a];
          if (hv >= gv || Number.isNaN(gv)) {
            best = hv;
            bestRow = hP[hRow + a];
          }
        }
        out[row + a] = emitValue(o, t, best, bestRow);
      }
    }
    if (b1 - b0 === d - 1 && b1 < T - 1) suffixScan(x, N, b0, d, sign, hV, hP);
  }
}

/** Suffix extremes of the block starting at row b0 (ties go to the older row). */
function suffixScan(
  x: Float64Array,
  N: number,
  b0: number,
  d: number,
  sign: number,
  hV: Float64Array,
  hP: Int32Array,
): void {
  const lastRow = (d - 1) * N;
  for (let a = 0; a < N; a++) {
    hV[lastRow + a] = sign * x[(b0 + d - 1) * N + a];
    hP[lastRow + a] = b0 + d - 1;
  }
  for (let i = d - 2; i >= 0; i--) {
    const row = (b0 + i) * N;
    const hi = i * N;
    const next = hi + N;
    for (let a = 0; a < N; a++) {
      const v = sign * x[row + a];
      const nv = hV[next + a];
      if (v >= nv || Number.isNaN(nv)) {
        hV[hi + a] = v;
        hP[hi + a] = b0 + i;
      } else {
        hV[hi + a] = nv;
        hP[hi + a] = hP[next + a];
      }
    }
  }
}

/**
 * Fast path for strict rolling max/min values: the same block scan with Math.max / Math.min,
 * which propagate NaN, so a NaN anywhere in the window gives NaN without bookkeeping.
 */
function slidingMaxStrict(
  out: Float64Array,
  x: Float64Array,
  T: number,
  N: number,
  d: number,
  isMax: boolean,
): void {
  const g = new Float64Array(N);
  const h = new Float64Array(d * N);
  for (let b0 = 0; b0 < T; b0 += d) {
    const b1 = Math.min(T, b0 + d) - 1;
    for (let t = b0; t <= b1; t++) {
      const i = t - b0;
      const row = t * N;
      if (i === 0) for (let a = 0; a < N; a++) g[a] = x[row + a];
      else if (isMax) for (let a = 0; a < N; a++) g[a] = Math.max(g[a], x[row + a]);
      else for (let a = 0; a < N; a++) g[a] = Math.min(g[a], x[row + a]);
      if (i === d - 1) out.set(g, row);
      else if (b0 === 0) out.fill(Number.NaN, row, row + N);
      else {
        const hRow = (i + 1) * N;
        if (isMax) for (let a = 0; a < N; a++) out[row + a] = Math.max(h[hRow + a], g[a]);
        else for (let a = 0; a < N; a++) out[row + a] = Math.min(h[hRow + a], g[a]);
      }
    }
    if (b1 - b0 === d - 1 && b1 < T - 1) {
      h.set(x.subarray(b1 * N, b1 * N + N), (d - 1) * N);
      for (let i = d - 2; i >= 0; i--) {
        const row = (b0 + i) * N;
        const hi = i * N;
        if (isMax) for (let a = 0; a < N; a++) h[hi + a] = Math.max(x[row + a], h[hi + N + a]);
        else for (let a = 0; a < N; a++) h[hi + a] = Math.min(x[row + a], h[hi + N + a]);
      }
    }
  }
}

function extremeKernel(op: string, sign: number, emit: number, qlibEmit: number | undefined): Kernel {
  return (out, [x], params, { T, N, mode }) => {
    const d = windowParam(op, params);
    const partial = mode === 'qlib' && qlibEmit !== undefined;
    if (emit === VALUE && !partial) slidingMaxStrict(out, x, T, N, d, sign > 0);
    else slidingExtreme(out, x, T, N, { d, sign, partial, emit: partial ? (qlibEmit as number) : emit });
  };
}

export const tsMax: Kernel = extremeKernel('ts_max', 1, VALUE, VALUE);
export const tsMin: Kernel = extremeKernel('ts_min', -1, VALUE, VALUE);
/** Days since the max (0 = today, oldest on ties); qlib mode: Qlib IdxMax (1-based from oldest). */
export const tsArgmax: Kernel = extremeKernel('ts_argmax', 1, DAYS_SINCE, FROM_OLDEST);
export const tsArgmin: Kernel = extremeKernel('ts_argmin', -1, DAYS_SINCE, FROM_OLDEST);
/** 1-based position of the first max from the window's oldest row (Alpha101 paper, Qlib IdxMax). */
export const tsArgmaxOldest: Kernel = extremeKernel('ts_argmax_oldest', 1, FROM_OLDEST, FROM_OLDEST);
export const tsArgminOldest: Kernel = extremeKernel('ts_argmin_oldest', -1, FROM_OLDEST, FROM_OLDEST);
/** GTJA HIGHDAY: n - (0-based index of the first max from oldest), 1..n, today = 1. Strict in all modes. */
export const highday: Kernel = extremeKernel('highday', 1, DAYS_PLUS_ONE, undefined);
export const lowday: Kernel = extremeKernel('lowday', -1, DAYS_PLUS_ONE, undefined);

/** Product of the last d values (zeros and negatives allowed; NaN in window -> NaN), block scan. */
export const tsProduct: Kernel = (out, [x], params, { T, N }) => {
  const d = windowParam('ts_product', params);
  const g = new Float64Array(N);
  const h = new Float64Array(d * N);
  for (let b0 = 0; b0 < T; b0 += d) {
    const b1 = Math.min(T, b0 + d) - 1;
    for (let t = b0; t <= b1; t++) {
      const i = t - b0;
      const row = t * N;
      const hRow = (i + 1) * N;
      for (let a = 0; a < N; a++) {
        const v = x[row + a];
        const gv = i === 0 ? v : g[a] * v;
        g[a] = gv;
        if (i === d - 1) out[row + a] = gv;
        else out[row + a] = b0 === 0 ? Number.NaN : h[hRow + a] * gv;
      }
    }
    if (b1 - b0 === d - 1 && b1 < T - 1) {
      for (let a = 0; a < N; a++) h[(d - 1) * N + a] = x[b1 * N + a];
      for (let i = d - 2; i >= 0; i--) {
        const row = (b0 + i) * N;
        for (let a = 0; a < N; a++) h[i * N + a] = x[row + a] * h[(i + 1) * N + a];
      }
    }
  }
};
