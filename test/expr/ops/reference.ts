/**
 * Straightforward reference implementations of every operator, written independently of the
 * kernels: per asset, per date, the window is gathered into a plain array and the statistic is
 * computed from its definition (two-pass, float64). Slow on purpose; used by the property tests.
 */
import type { Mode } from '../../../src/expr/types.js';

export interface RefPanel {
  T: number;
  N: number;
  mode: Mode;
  eligible?: Uint8Array;
}

const fin = (v: number): boolean => Number.isFinite(v);
const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
const allEqual = (v: number[]): boolean => v.every((x) => x === v[0]);

function m2(v: number[]): number {
  const m = mean(v);
  return v.reduce((s, x) => s + (x - m) ** 2, 0);
}

/** Qlib-partial operators (operators.md qlib column); the others are strict in every mode. */
const QLIB_PARTIAL = new Set([
  'ts_sum',
  'ts_mean',
  'ts_std',
  'ts_var',
  'ts_skew',
  'ts_kurt',
  'ts_min',
  'ts_max',
  'ts_median',
  'ts_mad',
  'ts_quantile',
  'ts_rank',
  'ts_argmax',
  'ts_argmin',
  'ts_argmax_oldest',
  'ts_argmin_oldest',
  'decay_linear',
  'wma',
]);

const MIN_OBS: Record<string, number> = { ts_std: 2, ts_var: 2, ts_skew: 3, ts_kurt: 4 };

function quantile(sorted: number[], q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  return lo + 1 < sorted.length ? sorted[lo] + (pos - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

function skew(v: number[]): number {
  const n = v.length;
  if (allEqual(v)) return Number.NaN;
  const m = mean(v);
  const s2 = v.reduce((s, x) => s + (x - m) ** 2, 0) / n;
  const s3 = v.reduce((s, x) => s + (x - m) ** 3, 0) / n;
  return ((Math.sqrt(n * (n - 1)) / (n - 2)) * s3) / s2 ** 1.5;
}

function kurt(v: number[]): number {
  const n = v.length;
  if (allEqual(v)) return Number.NaN;
  const m = mean(v);
  const s2 = v.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1);
  const s4 = v.reduce((s, x) => s + (x - m) ** 4, 0);
  return (
    ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * (s4 / s2 ** 2) -
    (3 * (n - 1) ** 2) / ((n - 2) * (n - 3))
  );
}

/** Days since the first (oldest) extreme among positions of `w` (NaN skipped), or -1. */
function argExtreme(w: number[], isMax: boolean): number {
  let best = -1;
  for (let i = 0; i < w.length; i++) {
    if (Number.isNaN(w[i])) continue;
    if (best < 0 || (isMax ? w[i] > w[best] : w[i] < w[best])) best = i;
  }
  return best;
}

/** Statistic of one window (w = raw values oldest first, today last; v = the finite ones). */
function windowStat(op: string, w: number[], v: number[], p: number[], mode: Mode, partial: boolean): number {
  const today = w[w.length - 1];
  const d = p[0];
  switch (op) {
    case 'ts_sum':
      return v.reduce((s, x) => s + x, 0);
    case 'ts_mean':
      return mean(v);
    case 'ts_var':
      return allEqual(v) ? 0 : m2(v) / (v.length - 1);
    case 'ts_std':
      return allEqual(v) ? 0 : Math.sqrt(m2(v) / (v.length - 1));
    case 'ts_zscore':
      return allEqual(v) ? Number.NaN : (today - mean(v)) / Math.sqrt(m2(v) / (v.length - 1));
    case 'ts_skew':
      return skew(v);
    case 'ts_kurt':
      return kurt(v);
    case 'ts_max':
      return Math.max(...v);
    case 'ts_min':
      return Math.min(...v);
    case 'ts_median':
      return quantile(
        [...v].sort((a, b) => a - b),
        0.5,
      );
    case 'ts_quantile':
      return quantile(
        [...v].sort((a, b) => a - b),
        p[1],
      );
    case 'ts_mad': {
      const m = mean(v);
      return v.reduce((s, x) => s + Math.abs(x - m), 0) / v.length;
    }
    case 'ts_rank': {
      if (!fin(today)) return Number.NaN;
      const less = v.filter((x) => x < today).length;
      const eq = v.filter((x) => x === today).length;
      const greater = v.length - less - eq;
      if (mode === 'alphagen') return (greater + (eq + 1) / 2) / d;
      return (less + (eq + 1) / 2) / (partial ? v.length : d);
    }
    case 'ts_argmax':
    case 'ts_argmin':
    case 'ts_argmax_oldest':
    case 'ts_argmin_oldest':
    case 'highday':
    case 'lowday': {
      const i = argExtreme(w, op.includes('max') || op === 'highday');
      if (op === 'highday' || op === 'lowday') return w.length - 1 - i + 1;
      if (partial || op.endsWith('oldest')) return i + 1;
      return w.length - 1 - i;
    }
    case 'decay_linear':
    case 'wma':
      return weighted(op, w, mode, partial);
    case 'ts_product':
      return v.reduce((s, x) => s * x, 1);
    case 'ts_slope':
    case 'ts_rsquare':
    case 'ts_resi':
      return timeRegression(op, v);
    case 'ts_sumac_max':
    case 'ts_sumac_min': {
      let c = 0;
      const path = v.map((x) => (c += x));
      return op === 'ts_sumac_max' ? Math.max(...path) : Math.min(...path);
    }
    default:
      throw new Error(`no reference for ${op}`);
  }
}

function weighted(op: string, w: number[], mode: Mode, partial: boolean): number {
  const n = w.length;
  let weightAt: (age: number) => number;
  if (op === 'decay_linear' || partial) weightAt = (age) => n - age;
  else if (mode === 'alphagen') weightAt = (age) => n - 1 - age;
  else weightAt = (age) => 0.9 ** age;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    if (!fin(w[i])) continue;
    const wt = weightAt(n - 1 - i);
    num += wt * w[i];
    den += wt;
  }
  return num / den;
}

function timeRegression(op: string, y: number[]): number {
  const d = y.length;
  const xs = y.map((_, i) => i + 1);
  const mx = mean(xs);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < d; i++) {
    sxy += (xs[i] - mx) * (y[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const constant = allEqual(y);
  const slope = constant ? 0 : sxy / sxx;
  if (op === 'ts_slope') return slope;
  if (op === 'ts_resi') return constant ? 0 : y[d - 1] - (my + slope * (d - mx));
  if (constant) return Number.NaN;
  const fitted = xs.map((x) => my + slope * (x - mx));
  const ssr = y.reduce((s, v, i) => s + (v - fitted[i]) ** 2, 0);
  return 1 - ssr / m2(y);
}

function windowOp(op: string, x: Float64Array, p: number[], P: RefPanel): Float64Array {
  const { T, N, mode } = P;
  const d = p[0];
  const partial = mode === 'qlib' && QLIB_PARTIAL.has(op);
  const need = partial ? Math.max(1, MIN_OBS[op] ?? 1) : Math.max(d, MIN_OBS[op] ?? 1);
  const out = new Float64Array(T * N).fill(Number.NaN);
  for (let a = 0; a < N; a++) {
    for (let t = 0; t < T; t++) {
      if (!partial && t < d - 1) continue;
      const w: number[] = [];
      for (let r = Math.max(0, t - d + 1); r <= t; r++) w.push(x[r * N + a]);
      const v = w.filter(fin);
      if (!partial && v.length < w.length) continue;
      if (v.length < need) continue;
      if (op === 'ts_slope' || op === 'ts_rsquare' || op === 'ts_resi') if (d < 2) continue;
      out[t * N + a] = windowStat(
        op,
        partial ? w.map((z) => (fin(z) ? z : Number.NaN)) : w,
        v,
        p,
        mode,
        partial,
      );
    }
  }
  return out;
}

function pairOp(
  op: string,
  x: Float64Array,
  y: Float64Array,
  c: Float64Array | undefined,
  d: number,
  P: RefPanel,
): Float64Array {
  const { T, N, mode } = P;
  const partial = mode === 'qlib' && (op === 'ts_corr' || op === 'ts_cov');
  const out = new Float64Array(T * N).fill(Number.NaN);
  for (let a = 0; a < N; a++) {
    for (let t = 0; t < T; t++) {
      if (!partial && t < d - 1) continue;
      const xs: number[] = [];
      const ys: number[] = [];
      let invalid = false;
      for (let r = Math.max(0, t - d + 1); r <= t; r++) {
        const i = r * N + a;
        if (c && (Number.isNaN(c[i]) || c[i] === 0)) continue;
        if (fin(x[i]) && fin(y[i])) {
          xs.push(x[i]);
          ys.push(y[i]);
        } else invalid = true;
      }
      if ((invalid && !partial) || xs.length < 2) continue;
      out[t * N + a] = pairStat(op, xs, ys, x[t * N + a], y[t * N + a], mode);
    }
  }
  return out;
}

function pairStat(op: string, xs: number[], ys: number[], xt: number, yt: number, mode: Mode): number {
  const n = xs.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  for (let i = 0; i < n; i++) sxy += (xs[i] - mx) * (ys[i] - my);
  const cx = allEqual(xs);
  const cy = allEqual(ys);
  if (cx || cy) sxy = 0;
  const sxx = cx ? 0 : m2(xs);
  const syy = cy ? 0 : m2(ys);
  if (op === 'ts_cov') return sxy / (n - 1);
  if (op === 'ts_corr') {
    if (mode === 'alphagen' && (sxx < 1e-6 || syy < 1e-6)) return sxy;
    return cx || cy ? Number.NaN : sxy / Math.sqrt(sxx * syy);
  }
  if (cy) return Number.NaN;
  const beta = sxy / syy;
  if (op === 'ts_regresi') return xt - mx - beta * (yt - my);
  return beta;
}

function emaRef(x: Float64Array, d: number, P: RefPanel): Float64Array {
  const { T, N, mode } = P;
  const out = new Float64Array(T * N).fill(Number.NaN);
  const r = 1 - 2 / (d + 1);
  for (let a = 0; a < N; a++) {
    let y = Number.NaN;
    let seen = 0;
    for (let t = 0; t < T; t++) {
      const i = t * N + a;
      if (mode === 'alphagen') {
        if (t < d - 1) continue;
        const w: number[] = [];
        for (let k = 0; k < d; k++) w.push(x[(t - k) * N + a]);
        if (!w.every(fin)) continue;
        const ws = w.map((_, k) => r ** k);
        out[i] = w.reduce((s, v, k) => s + v * ws[k], 0) / ws.reduce((s, v) => s + v, 0);
      } else if (mode === 'qlib') {
        let num = 0;
        let den = 0;
        for (let s = 0; s <= t; s++) {
          const v = x[s * N + a];
          if (fin(v)) {
            num += r ** (t - s) * v;
            den += r ** (t - s);
          }
        }
        if (den > 0) out[i] = num / den;
      } else {
        if (!fin(x[i])) continue;
        y = seen === 0 ? x[i] : (2 / (d + 1)) * x[i] + (1 - 2 / (d + 1)) * y;
        seen++;
        if (seen >= d) out[i] = y;
      }
    }
  }
  return out;
}

function perAsset(T: number, N: number, f: (a: number, t: number) => number): Float64Array {
  const out = new Float64Array(T * N);
  for (let a = 0; a < N; a++) for (let t = 0; t < T; t++) out[t * N + a] = f(a, t);
  return out;
}

function csOp(
  op: string,
  x: Float64Array,
  g: Float64Array | undefined,
  p: number[],
  P: RefPanel,
): Float64Array {
  const { T, N, eligible } = P;
  const out = new Float64Array(T * N).fill(Number.NaN);
  for (let t = 0; t < T; t++) {
    const ids: number[] = [];
    for (let a = 0; a < N; a++) {
      const i = t * N + a;
      if (fin(x[i]) && (!eligible || eligible[i] === 1)) ids.push(i);
    }
    const vals = ids.map((i) => x[i]);
    for (const i of ids) {
      const v = x[i];
      if (op === 'cs_rank') {
        const less = vals.filter((z) => z < v).length;
        const eq = vals.filter((z) => z === v).length;
        out[i] = (less + (eq + 1) / 2) / vals.length;
      } else if (op === 'cs_zscore') {
        out[i] =
          vals.length < 2 || allEqual(vals)
            ? Number.NaN
            : (v - mean(vals)) / Math.sqrt(m2(vals) / (vals.length - 1));
      } else if (op === 'cs_scale') {
        const s = vals.reduce((acc, z) => acc + Math.abs(z), 0);
        out[i] = s === 0 ? Number.NaN : (p[0] * v) / s;
      } else if (op === 'ind_neutralize' && g) {
        if (Number.isNaN(g[i])) continue;
        const peers = ids.filter((j) => g[j] === g[i]).map((j) => x[j]);
        out[i] = v - mean(peers);
      }
    }
  }
  return out;
}

/** Reference output of operator `op` on series inputs and numeric params. */
export function reference(op: string, inputs: Float64Array[], p: number[], P: RefPanel): Float64Array {
  const { T, N, mode } = P;
  const [x, y, z] = inputs;
  const at = (arr: Float64Array, a: number, t: number): number =>
    t >= 0 && t < T ? arr[t * N + a] : Number.NaN;
  switch (op) {
    case 'cs_rank':
    case 'cs_zscore':
    case 'cs_scale':
    case 'ind_neutralize':
      return csOp(op, x, y, p, P);
    case 'ts_ref':
      return perAsset(T, N, (a, t) => at(x, a, t - p[0]));
    case 'ts_delta':
      return perAsset(T, N, (a, t) => at(x, a, t) - at(x, a, t - p[0]));
    case 'ts_corr':
    case 'ts_cov':
    case 'ts_regbeta':
    case 'ts_regresi':
      return pairOp(op, x, y, undefined, p[0], P);
    case 'ts_regbeta_where':
      return pairOp('ts_regbeta', x, y, z, p[0], P);
    case 'ema':
      return emaRef(x, p[0], P);
    case 'sma':
      return smaRef(x, p[0], p[1], P);
    case 'ts_count':
      return countRef(x, p[0], P);
    case 'ts_sumif': {
      const masked = x.map((v, i) => (!Number.isNaN(y[i]) && y[i] !== 0 ? v : 0));
      return windowOp('ts_sum', masked, p, { ...P, mode: 'canonical' });
    }
    case 'gtja_self143':
      return selfRef(x, P);
    default:
      if (op.startsWith('ts_') || ['highday', 'lowday', 'decay_linear', 'wma'].includes(op)) {
        return windowOp(op, x, p, P);
      }
      return elementwiseRef(op, inputs, mode);
  }
}

function smaRef(x: Float64Array, n: number, m: number, P: RefPanel): Float64Array {
  return perAssetRecursion(x, P, (v, prev) => (Number.isNaN(prev) ? v : (m * v + (n - m) * prev) / n));
}

function perAssetRecursion(
  x: Float64Array,
  P: RefPanel,
  step: (v: number, prev: number) => number,
): Float64Array {
  const { T, N } = P;
  const out = new Float64Array(T * N).fill(Number.NaN);
  for (let a = 0; a < N; a++) {
    let y = Number.NaN;
    for (let t = 0; t < T; t++) {
      const v = x[t * N + a];
      if (!fin(v)) continue;
      y = step(v, y);
      out[t * N + a] = y;
    }
  }
  return out;
}

function countRef(c: Float64Array, d: number, P: RefPanel): Float64Array {
  const { T, N, mode } = P;
  return perAsset(T, N, (a, t) => {
    if (mode !== 'qlib' && t < d - 1) return Number.NaN;
    let k = 0;
    for (let r = Math.max(0, t - d + 1); r <= t; r++) {
      const v = c[r * N + a];
      if (mode === 'qlib' ? !Number.isNaN(v) : !Number.isNaN(v) && v !== 0) k++;
    }
    return mode === 'qlib' && k === 0 ? Number.NaN : k;
  });
}

function selfRef(x: Float64Array, P: RefPanel): Float64Array {
  const { T, N } = P;
  const out = new Float64Array(T * N).fill(Number.NaN);
  for (let a = 0; a < N; a++) {
    let s = 1;
    for (let t = 1; t < T; t++) {
      const c = x[t * N + a];
      const prev = x[(t - 1) * N + a];
      if (!fin(c) || !fin(prev)) continue;
      if (c > prev) s = s * (c / prev - 1);
      out[t * N + a] = s;
    }
  }
  return out;
}

function elementwiseRef(op: string, inputs: Float64Array[], _mode: Mode): Float64Array {
  const [x, y, z] = inputs;
  const n = x.length;
  const out = new Float64Array(n);
  const nan = Number.NaN;
  const bool = (a: number, b: number, f: (a: number, b: number) => boolean): number =>
    Number.isNaN(a) || Number.isNaN(b) ? nan : f(a, b) ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const a = x[i];
    const b = y ? y[i] : nan;
    const table: Record<string, () => number> = {
      abs: () => Math.abs(a),
      sign: () => (Number.isNaN(a) ? nan : a > 0 ? 1 : a < 0 ? -1 : 0),
      log: () => (a > 0 ? Math.log(a) : nan),
      sqrt: () => (a >= 0 ? Math.sqrt(a) : nan),
      neg: () => -a,
      inv: () => 1 / a,
      add: () => a + b,
      sub: () => a - b,
      mul: () => a * b,
      div: () => a / b,
      pow: () => (Number.isNaN(a) || Number.isNaN(b) ? nan : a < 0 && !Number.isInteger(b) ? nan : a ** b),
      signed_power: () => Math.sign(a) * Math.abs(a) ** b,
      greater: () => (Number.isNaN(a) || Number.isNaN(b) ? nan : Math.max(a, b)),
      less: () => (Number.isNaN(a) || Number.isNaN(b) ? nan : Math.min(a, b)),
      gt: () => bool(a, b, (p, q) => p > q),
      ge: () => bool(a, b, (p, q) => p >= q),
      lt: () => bool(a, b, (p, q) => p < q),
      le: () => bool(a, b, (p, q) => p <= q),
      eq: () => bool(a, b, (p, q) => p === q),
      ne: () => bool(a, b, (p, q) => p !== q),
      and: () => bool(a, b, (p, q) => p !== 0 && q !== 0),
      or: () => bool(a, b, (p, q) => p !== 0 || q !== 0),
      not: () => (Number.isNaN(a) ? nan : a === 0 ? 1 : 0),
      if: () => (Number.isNaN(a) ? nan : a !== 0 ? b : z[i]),
    };
    const f = table[op];
    if (!f) throw new Error(`no reference for ${op}`);
    out[i] = f();
  }
  return out;
}
