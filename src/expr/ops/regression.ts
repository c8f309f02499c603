/**
 * OLS of x on time (positions 1..d, oldest = 1) over the last d rows: ts_slope, ts_rsquare,
 * ts_resi (residual at today). O(T*N): per asset running S = sum(u), Q = sum(u^2) and
 * W = sum(j*u) of pivot-shifted values u = x - K (W_t = W_{t-1} - S_{t-1} + d*u_t), rebuilt every
 * `rebuildEvery(d)` rows. Strict full windows in every mode; a constant window gives slope 0,
 * residual 0 and R^2 NaN.
 */
import type { Kernel } from '../types.js';
import {
  centralValue,
  NEAR_CONSTANT_REL as NEAR_CONSTANT_REL_,
  REPIVOT_RATIO as REPIVOT_RATIO_,
  rebuildEvery,
  windowParam,
} from './common.js';

// Local copies: transpilers (tsx, vitest) turn imported bindings into getters, slow in hot loops.
const NEAR_CONSTANT_REL = NEAR_CONSTANT_REL_;
const REPIVOT_RATIO = REPIVOT_RATIO_;

const SLOPE = 0;
const RSQUARE = 1;
const RESI = 2;

interface TimeRegState {
  K: Float64Array;
  S: Float64Array;
  Q: Float64Array;
  W: Float64Array;
  C: Int32Array;
}

/** Exact sums for the window ending at row t; pivot = newest finite value. */
function rebuild(x: Float64Array, N: number, d: number, t: number, st: TimeRegState): void {
  const { K, S, Q, W, C } = st;
  for (let a = 0; a < N; a++) {
    const v = x[t * N + a];
    if (v - v === 0) K[a] = v;
  }
  S.fill(0);
  Q.fill(0);
  W.fill(0);
  C.fill(0);
  for (let k = 0; k < d && t - k >= 0; k++) {
    const row = (t - k) * N;
    for (let a = 0; a < N; a++) {
      const v = x[row + a];
      if (v - v === 0) {
        const u = v - K[a];
        S[a] += u;
        Q[a] += u * u;
        W[a] += (d - k) * u;
        C[a]++;
      }
    }
  }
}

/** Recompute one asset's sums for the window ending at row t around a central pivot. */
function rebuildAsset(x: Float64Array, N: number, d: number, t: number, a: number, st: TimeRegState): void {
  const k = centralValue(x, N, a, t - d + 1, t);
  st.K[a] = Number.isNaN(k) ? 0 : k;
  let s = 0;
  let q = 0;
  let w = 0;
  let c = 0;
  for (let j = 0; j < d && t - j >= 0; j++) {
    const v = x[(t - j) * N + a];
    if (v - v === 0) {
      const u = v - st.K[a];
      s += u;
      q += u * u;
      w += (d - j) * u;
      c++;
    }
  }
  st.S[a] = s;
  st.Q[a] = q;
  st.W[a] = w;
  st.C[a] = c;
}

function rollingTimeRegression(
  out: Float64Array,
  x: Float64Array,
  T: number,
  N: number,
  d: number,
  emit: number,
): void {
  const st: TimeRegState = {
    K: new Float64Array(N),
    S: new Float64Array(N),
    Q: new Float64Array(N),
    W: new Float64Array(N),
    C: new Int32Array(N),
  };
  const { K, S, Q, W, C } = st;
  const R = rebuildEvery(d);
  const sjj = (d * (d * d - 1)) / 12;
  const jbar = (d + 1) / 2;
  for (let t = 0; t < T; t++) {
    const row = t * N;
    const dropRow = (t - d) * N;
    const fresh = t === d - 1 || (t >= d && t % R === 0);
    if (fresh) rebuild(x, N, d, t, st);
    for (let a = 0; a < N; a++) {
      if (!fresh) {
        const v = x[row + a];
        const u = v - v === 0 ? v - K[a] : 0;
        W[a] += d * u - S[a];
        S[a] += u;
        Q[a] += u * u;
        if (v - v === 0) C[a]++;
        if (t >= d) {
          const w = x[dropRow + a];
          if (w - w === 0) {
            const uw = w - K[a];
            S[a] -= uw;
            Q[a] -= uw * uw;
            C[a]--;
          }
        }
      }
      if (C[a] !== d || d < 2) {
        out[row + a] = Number.NaN;
        continue;
      }
      let syy = Q[a] - (S[a] * S[a]) / d;
      if (Q[a] > REPIVOT_RATIO * syy) {
        rebuildAsset(x, N, d, t, a, st);
        syy = Q[a] - (S[a] * S[a]) / d;
      }
      const constant = syy <= NEAR_CONSTANT_REL * Q[a];
      const slope = constant ? 0 : (W[a] - jbar * S[a]) / sjj;
      if (emit === SLOPE) out[row + a] = slope;
      else if (emit === RSQUARE)
        out[row + a] = constant ? Number.NaN : Math.min(1, (slope * slope * sjj) / syy);
      else out[row + a] = constant ? 0 : x[row + a] - K[a] - S[a] / d - slope * (d - jbar);
    }
  }
}

function timeRegKernel(op: string, emit: number): Kernel {
  return (out, [x], params, { T, N }) => {
    rollingTimeRegression(out, x, T, N, windowParam(op, params), emit);
  };
}

/** OLS slope of x on time over the last d rows. */
export const tsSlope: Kernel = timeRegKernel('ts_slope', SLOPE);
/** R^2 of the OLS of x on time; constant window -> NaN. */
export const tsRsquare: Kernel = timeRegKernel('ts_rsquare', RSQUARE);
/** Residual at today of the OLS of x on time. */
export const tsResi: Kernel = timeRegKernel('ts_resi', RESI);
