/**
 * Order statistics over the last d rows: ts_rank, ts_median, ts_quantile, ts_mad. Each asset keeps
 * its window's finite values sorted in a slice of one Float64Array (binary search, O(d) memmove
 * on insert/remove, no allocation per cell). Strict modes: a non-finite value in a full window
 * gives NaN; qlib: partial windows over the finite values (NaN today gives NaN for ts_rank).
 */
import { AgoraError } from '../../core/index.js';
import type { Kernel, Mode } from '../types.js';
import { type WindowPolicy, windowParam, windowPolicy } from './common.js';

/** Per-asset sorted windows, capacity d each. */
export class SortedWindows {
  readonly buf: Float64Array;
  readonly len: Int32Array;
  constructor(
    N: number,
    readonly d: number,
  ) {
    this.buf = new Float64Array(N * d);
    this.len = new Int32Array(N);
  }

  /** Number of values < v in asset a's window. */
  lowerBound(a: number, v: number): number {
    const base = a * this.d;
    let lo = 0;
    let hi = this.len[a];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.buf[base + mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Number of values <= v in asset a's window. */
  upperBound(a: number, v: number): number {
    const base = a * this.d;
    let lo = 0;
    let hi = this.len[a];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.buf[base + mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(a: number, v: number): void {
    const base = a * this.d;
    const p = this.upperBound(a, v);
    const n = this.len[a];
    const buf = this.buf;
    for (let k = base + n; k > base + p; k--) buf[k] = buf[k - 1];
    buf[base + p] = v;
    this.len[a] = n + 1;
  }

  remove(a: number, v: number): void {
    const base = a * this.d;
    const p = this.lowerBound(a, v);
    const n = this.len[a];
    const buf = this.buf;
    for (let k = base + p; k < base + n - 1; k++) buf[k] = buf[k + 1];
    this.len[a] = n - 1;
  }

  /** Linear-interpolated quantile q in [0, 1] of asset a's window. */
  quantile(a: number, q: number): number {
    const n = this.len[a];
    const pos = q * (n - 1);
    const lo = Math.floor(pos);
    const base = a * this.d;
    const v = this.buf[base + lo];
    return lo + 1 < n ? v + (pos - lo) * (this.buf[base + lo + 1] - v) : v;
  }

  /** Mean absolute deviation from the mean of asset a's window. */
  meanAbsDev(a: number): number {
    const n = this.len[a];
    const base = a * this.d;
    let s = 0;
    for (let k = 0; k < n; k++) s += this.buf[base + k];
    const m = s / n;
    let dev = 0;
    for (let k = 0; k < n; k++) dev += Math.abs(this.buf[base + k] - m);
    return dev / n;
  }
}

const RANK = 0;
const MEDIAN = 1;
const QUANTILE = 2;
const MAD = 3;

interface OrderSpec {
  emit: number;
  mode: Mode;
  q: number;
}

function rollingOrder(
  out: Float64Array,
  x: Float64Array,
  T: number,
  N: number,
  d: number,
  pol: WindowPolicy,
  spec: OrderSpec,
): void {
  const win = new SortedWindows(N, d);
  const bad = new Int32Array(N);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    const dropRow = (t - d) * N;
    for (let a = 0; a < N; a++) {
      if (t >= d) {
        const w = x[dropRow + a];
        if (w - w === 0) win.remove(a, w);
        else bad[a]--;
      }
      const v = x[row + a];
      if (v - v === 0) win.insert(a, v);
      else bad[a]++;
      const n = win.len[a];
      out[row + a] =
        n < pol.need || (pol.strict && bad[a] > 0) ? Number.NaN : orderStat(win, a, v, n, d, spec);
    }
  }
}

function orderStat(win: SortedWindows, a: number, v: number, n: number, d: number, spec: OrderSpec): number {
  if (spec.emit === MEDIAN) return win.quantile(a, 0.5);
  if (spec.emit === QUANTILE) return win.quantile(a, spec.q);
  if (spec.emit === MAD) return win.meanAbsDev(a);
  if (v - v !== 0) return Number.NaN;
  const less = win.lowerBound(a, v);
  const eq = win.upperBound(a, v) - less;
  if (spec.mode === 'alphagen') return (n - less - eq + (eq + 1) / 2) / d;
  if (spec.mode === 'qlib') return (less + (eq + 1) / 2) / n;
  return (less + (eq + 1) / 2) / d;
}

/** Windows up to this length rank by direct counting (row-major, branch-free) instead of sorting. */
const DIRECT_RANK_MAX_D = 32;

/**
 * ts_rank by counting, for small d: O(d) branch-free comparisons per cell (per asset, registers
 * only). `bad` counts non-finite values in the window and `negInf` the -Inf ones (which compare
 * below every finite value and are removed from the count).
 */
function rankByCounting(
  out: Float64Array,
  x: Float64Array,
  T: number,
  N: number,
  d: number,
  mode: Mode,
): void {
  const bad = new Int32Array(N);
  const negInf = new Int32Array(N);
  const strict = mode !== 'qlib';
  for (let t = 0; t < T; t++) {
    const row = t * N;
    const first = Math.max(0, t - d + 1);
    const len = t - first + 1;
    for (let a = 0; a < N; a++) {
      const v = x[row + a];
      if (v - v !== 0) {
        bad[a]++;
        if (v === Number.NEGATIVE_INFINITY) negInf[a]++;
      }
      if (t >= d) {
        const w = x[row - d * N + a];
        if (w - w !== 0) {
          bad[a]--;
          if (w === Number.NEGATIVE_INFINITY) negInf[a]--;
        }
      }
      if (v - v !== 0 || (strict && (bad[a] > 0 || t < d - 1))) {
        out[row + a] = Number.NaN;
        continue;
      }
      let less = 0;
      let eq = 0;
      for (let i = first * N + a; i <= row + a; i += N) {
        const w = x[i];
        less += +(w < v);
        eq += +(w === v);
      }
      less -= negInf[a];
      const n = len - bad[a];
      if (mode === 'alphagen') out[row + a] = (n - less - eq + (eq + 1) / 2) / d;
      else if (mode === 'qlib') out[row + a] = (less + (eq + 1) / 2) / n;
      else out[row + a] = (less + (eq + 1) / 2) / d;
    }
  }
}

function orderKernel(op: string, emit: number): Kernel {
  return (out, [x], params, { T, N, mode }) => {
    const d = windowParam(op, params);
    let q = 0.5;
    if (emit === QUANTILE) {
      q = params[1];
      if (!(q >= 0 && q <= 1)) {
        throw new AgoraError('INVALID_ARGUMENT', `ts_quantile: q must be in [0, 1], got ${String(q)}`, {
          hint: 'write the quantile as a fraction, e.g. ts_quantile(x, 20, 0.8)',
        });
      }
    }
    if (emit === RANK && d <= DIRECT_RANK_MAX_D) rankByCounting(out, x, T, N, d, mode);
    else rollingOrder(out, x, T, N, d, windowPolicy(mode, d, 1), { emit, mode, q });
  };
}

/**
 * Rank of today's value in its window, average ties, in (0, 1]: canonical (less + (eq+1)/2) / d;
 * alphagen inverted (the window max gets 1/d); qlib percentile of score over the finite values.
 */
export const tsRank: Kernel = orderKernel('ts_rank', RANK);
export const tsMedian: Kernel = orderKernel('ts_median', MEDIAN);
/** Linear-interpolated q-quantile of the window (numpy 'linear'). */
export const tsQuantile: Kernel = orderKernel('ts_quantile', QUANTILE);
/** Mean absolute deviation from the window mean. */
export const tsMad: Kernel = orderKernel('ts_mad', MAD);
