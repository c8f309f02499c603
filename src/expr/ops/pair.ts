/**
 * Pair rolling statistics over the last d rows: ts_corr, ts_cov, ts_regbeta, ts_regresi and the
 * GTJA FILTER regression ts_regbeta_where. O(T*N) running sums of pivot-shifted x, y, x², y², xy
 * with the same rebuild schedule as rolling-moments (periodic + on spikes). A pair counts when
 * both values are finite (and, for _where, the condition is true). Strict modes: every pair of a
 * full window must be valid; qlib (corr, cov): partial windows, invalid pairs skipped.
 */
import type { Kernel, Mode } from '../types.js';
import {
  NEAR_CONSTANT_REL as NEAR_CONSTANT_REL_,
  REPIVOT_RATIO as REPIVOT_RATIO_,
  rebuildEvery,
  windowParam,
} from './common.js';

// Local copies: transpilers (tsx, vitest) turn imported bindings into getters, slow in hot loops.
const NEAR_CONSTANT_REL = NEAR_CONSTANT_REL_;
const REPIVOT_RATIO = REPIVOT_RATIO_;

const CORR = 0;
const COV = 1;
const BETA = 2;
const RESI = 3;

/** AlphaGen's Corr: a centred sum of squares below this returns the raw co-moment. */
export const ALPHAGEN_CORR_VAR_EPS = 1e-6;
const SPIKE_RATIO = 1e8;

interface PairSpec {
  emit: number;
  mode: Mode;
  /** qlib partial windows (corr and cov only). */
  partial: boolean;
  /** Minimum valid pairs; strict windows additionally need no invalid pair. */
  need: number;
  d: number;
}

class PairState {
  readonly K: Float64Array;
  /** 5 sums per asset: x, y, xx, yy, xy (shifted by the pivots). */
  readonly S: Float64Array;
  readonly n: Int32Array;
  readonly bad: Int32Array;
  constructor(N: number) {
    this.K = new Float64Array(2 * N);
    this.S = new Float64Array(5 * N);
    this.n = new Int32Array(N);
    this.bad = new Int32Array(N);
  }
}

/** Classify a pair: 1 = use it, -1 = invalid (counts against strict windows), 0 = filtered out. */
function classify(xv: number, yv: number, c: Float64Array | undefined, i: number): number {
  if (c !== undefined) {
    const k = c[i];
    if (Number.isNaN(k) || k === 0) return 0;
  }
  return xv - xv === 0 && yv - yv === 0 ? 1 : -1;
}

function addPair(st: PairState, a: number, xv: number, yv: number, sign: number): void {
  const o = 5 * a;
  const u = xv - st.K[2 * a];
  const w = yv - st.K[2 * a + 1];
  st.S[o] += sign * u;
  st.S[o + 1] += sign * w;
  st.S[o + 2] += sign * u * u;
  st.S[o + 3] += sign * w * w;
  st.S[o + 4] += sign * u * w;
  st.n[a] += sign;
}

function rebuildAsset(
  st: PairState,
  x: Float64Array,
  y: Float64Array,
  c: Float64Array | undefined,
  N: number,
  a: number,
  from: number,
  to: number,
): void {
  st.S.fill(0, 5 * a, 5 * a + 5);
  st.n[a] = 0;
  st.bad[a] = 0;
  const lo = Math.max(0, from);
  let mx = 0;
  let my = 0;
  let n = 0;
  for (let r = lo; r <= to; r++) {
    const i = r * N + a;
    const k = classify(x[i], y[i], c, i);
    if (k < 0) st.bad[a]++;
    else if (k > 0) {
      mx += x[i];
      my += y[i];
      n++;
    }
  }
  if (n === 0) return;
  mx /= n;
  my /= n;
  let gx = Number.POSITIVE_INFINITY;
  let gy = Number.POSITIVE_INFINITY;
  for (let r = lo; r <= to; r++) {
    const i = r * N + a;
    if (classify(x[i], y[i], c, i) <= 0) continue;
    if (Math.abs(x[i] - mx) < gx) {
      gx = Math.abs(x[i] - mx);
      st.K[2 * a] = x[i];
    }
    if (Math.abs(y[i] - my) < gy) {
      gy = Math.abs(y[i] - my);
      st.K[2 * a + 1] = y[i];
    }
  }
  for (let r = lo; r <= to; r++) {
    const i = r * N + a;
    if (classify(x[i], y[i], c, i) > 0) addPair(st, a, x[i], y[i], 1);
  }
}

/** True when a pivot is far from its window (sums of squares dominated by the offset). */
function badPivot(st: PairState, a: number): boolean {
  const o = 5 * a;
  const S = st.S;
  const n = st.n[a];
  const qx = S[o + 2];
  const qy = S[o + 3];
  return (
    qx > REPIVOT_RATIO * (qx - (S[o] * S[o]) / n) || qy > REPIVOT_RATIO * (qy - (S[o + 1] * S[o + 1]) / n)
  );
}

function setPivot(st: PairState, a: number, xv: number, yv: number): void {
  st.K[2 * a] = xv;
  st.K[2 * a + 1] = yv;
}

function rollingPair(
  out: Float64Array,
  x: Float64Array,
  y: Float64Array,
  c: Float64Array | undefined,
  T: number,
  N: number,
  p: PairSpec,
): void {
  const st = new PairState(N);
  const R = rebuildEvery(p.d);
  for (let t = 0; t < T; t++) {
    const drop = t - p.d;
    const full = drop >= 0 && t % R === 0;
    for (let a = 0; a < N; a++) {
      if (full) rebuildAsset(st, x, y, c, N, a, t - p.d + 1, t - 1);
      else if (drop >= 0) removePair(st, x, y, c, N, a, drop, t, p.d);
      const i = t * N + a;
      const k = classify(x[i], y[i], c, i);
      if (k < 0) st.bad[a]++;
      else if (k > 0) {
        if (st.n[a] === 0) setPivot(st, a, x[i], y[i]);
        addPair(st, a, x[i], y[i], 1);
      }
      const ok = p.partial ? st.n[a] >= p.need : st.bad[a] === 0 && t >= p.d - 1 && st.n[a] >= p.need;
      if (ok && badPivot(st, a)) rebuildAsset(st, x, y, c, N, a, t - p.d + 1, t);
      out[i] = ok ? emitPair(st, a, x[i], y[i], p) : Number.NaN;
    }
  }
}

/** The hot path of rollingPair without a condition series: the same steps, inlined. */
function rollingPairPlain(
  out: Float64Array,
  x: Float64Array,
  y: Float64Array,
  T: number,
  N: number,
  p: PairSpec,
): void {
  const st = new PairState(N);
  const { K, S, n, bad } = st;
  const { d, emit } = p;
  const alphagen = p.mode === 'alphagen';
  const R = rebuildEvery(d);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    const drop = t - d;
    const dropRow = drop * N;
    const full = drop >= 0 && t % R === 0;
    for (let a = 0; a < N; a++) {
      const o = 5 * a;
      if (full) rebuildAsset(st, x, y, undefined, N, a, t - d + 1, t - 1);
      else if (drop >= 0) {
        const xo = x[dropRow + a];
        const yo = y[dropRow + a];
        if (xo - xo === 0 && yo - yo === 0) {
          const u = xo - K[2 * a];
          const w = yo - K[2 * a + 1];
          S[o] -= u;
          S[o + 1] -= w;
          S[o + 2] -= u * u;
          S[o + 3] -= w * w;
          S[o + 4] -= u * w;
          if (--n[a] === 0) S.fill(0, o, o + 5);
          else if (u * u > SPIKE_RATIO * S[o + 2] || w * w > SPIKE_RATIO * S[o + 3]) {
            rebuildAsset(st, x, y, undefined, N, a, t - d + 1, t - 1);
          }
        } else bad[a]--;
      }
      const xv = x[row + a];
      const yv = y[row + a];
      if (xv - xv === 0 && yv - yv === 0) {
        if (n[a] === 0) {
          K[2 * a] = xv;
          K[2 * a + 1] = yv;
        }
        const u = xv - K[2 * a];
        const w = yv - K[2 * a + 1];
        S[o] += u;
        S[o + 1] += w;
        S[o + 2] += u * u;
        S[o + 3] += w * w;
        S[o + 4] += u * w;
        n[a]++;
      } else bad[a]++;
      const ok = p.partial ? n[a] >= p.need : bad[a] === 0 && t >= d - 1 && n[a] >= p.need;
      if (!ok) {
        out[row + a] = Number.NaN;
        continue;
      }
      // emission inlined (a non-inlined call returning a double allocates a heap number per cell)
      let m = n[a];
      let mx = S[o] / m;
      let my = S[o + 1] / m;
      let mxx = S[o + 2] - S[o] * mx;
      let myy = S[o + 3] - S[o + 1] * my;
      if (S[o + 2] > REPIVOT_RATIO * mxx || S[o + 3] > REPIVOT_RATIO * myy) {
        rebuildAsset(st, x, y, undefined, N, a, t - d + 1, t);
        m = n[a];
        mx = S[o] / m;
        my = S[o + 1] / m;
        mxx = S[o + 2] - S[o] * mx;
        myy = S[o + 3] - S[o + 1] * my;
      }
      let mxy = S[o + 4] - S[o] * my;
      const constX = mxx <= NEAR_CONSTANT_REL * S[o + 2];
      const constY = myy <= NEAR_CONSTANT_REL * S[o + 3];
      if (constX) mxx = 0;
      if (constY) myy = 0;
      if (constX || constY) mxy = 0;
      let r: number;
      if (emit === COV) r = mxy / (m - 1);
      else if (emit === CORR) {
        if (alphagen && (mxx < ALPHAGEN_CORR_VAR_EPS || myy < ALPHAGEN_CORR_VAR_EPS)) r = mxy;
        else if (constX || constY) r = Number.NaN;
        else r = Math.max(-1, Math.min(1, mxy / Math.sqrt(mxx * myy)));
      } else if (constY) r = Number.NaN;
      else if (emit === BETA) r = mxy / myy;
      else r = xv - K[2 * a] - mx - (mxy / myy) * (yv - K[2 * a + 1] - my);
      out[row + a] = r;
    }
  }
}

function removePair(
  st: PairState,
  x: Float64Array,
  y: Float64Array,
  c: Float64Array | undefined,
  N: number,
  a: number,
  drop: number,
  t: number,
  d: number,
): void {
  const j = drop * N + a;
  const k = classify(x[j], y[j], c, j);
  if (k < 0) st.bad[a]--;
  else if (k > 0) {
    addPair(st, a, x[j], y[j], -1);
    const o = 5 * a;
    if (st.n[a] === 0) st.S.fill(0, o, o + 5);
    else {
      const u = x[j] - st.K[2 * a];
      const w = y[j] - st.K[2 * a + 1];
      if (u * u > SPIKE_RATIO * st.S[o + 2] || w * w > SPIKE_RATIO * st.S[o + 3]) {
        rebuildAsset(st, x, y, c, N, a, t - d + 1, t - 1);
      }
    }
  }
}

function emitPair(st: PairState, a: number, xv: number, yv: number, p: PairSpec): number {
  const o = 5 * a;
  const S = st.S;
  const n = st.n[a];
  const mx = S[o] / n;
  const my = S[o + 1] / n;
  let mxx = S[o + 2] - S[o] * mx;
  let myy = S[o + 3] - S[o + 1] * my;
  let mxy = S[o + 4] - S[o] * my;
  const constX = mxx <= NEAR_CONSTANT_REL * S[o + 2];
  const constY = myy <= NEAR_CONSTANT_REL * S[o + 3];
  if (constX) mxx = 0;
  if (constY) myy = 0;
  if (constX || constY) mxy = 0;
  if (p.emit === COV) return mxy / (n - 1);
  if (p.emit === CORR) {
    if (p.mode === 'alphagen' && (mxx < ALPHAGEN_CORR_VAR_EPS || myy < ALPHAGEN_CORR_VAR_EPS)) return mxy;
    if (constX || constY) return Number.NaN;
    const r = mxy / Math.sqrt(mxx * myy);
    return Math.max(-1, Math.min(1, r));
  }
  if (constY) return Number.NaN;
  const beta = mxy / myy;
  if (p.emit === BETA) return beta;
  return xv - st.K[2 * a] - mx - beta * (yv - st.K[2 * a + 1] - my);
}

function pairKernel(op: string, emit: number, qlibPartial: boolean): Kernel {
  return (out, [x, y], params, { T, N, mode }) => {
    const d = windowParam(op, params);
    const partial = qlibPartial && mode === 'qlib';
    const need = partial ? 2 : Math.max(d, 2);
    rollingPairPlain(out, x, y, T, N, { emit, mode, partial, need, d });
  };
}

/** Pearson correlation of the last d pairs; a (near-)constant side gives NaN (alphagen: raw co-moment). */
export const tsCorr: Kernel = pairKernel('ts_corr', CORR, true);
/** Sample covariance (ddof 1) of the last d pairs. */
export const tsCov: Kernel = pairKernel('ts_cov', COV, true);
/** Slope of a regressed on b: cov(a, b) / var(b); constant b -> NaN. */
export const tsRegbeta: Kernel = pairKernel('ts_regbeta', BETA, false);
/** Today's residual of a regressed on b over the last d pairs. */
export const tsRegresi: Kernel = pairKernel('ts_regresi', RESI, false);

/** GTJA FILTER regression: beta of a on b over the window's pairs where cond holds (>= 2, else NaN). */
export const tsRegbetaWhere: Kernel = (out, [x, y, c], params, { T, N, mode }) => {
  const d = windowParam('ts_regbeta_where', params);
  rollingPair(out, x, y, c, T, N, { emit: BETA, mode, partial: false, need: 2, d });
};
