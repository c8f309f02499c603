/**
 * An independent, deliberately plain reference for golden tests: per-asset loops over whole
 * windows (no running sums, no deques), written from operators.md without looking at the
 * engine's kernels. Arrays are T x N date-major like the panel. Canonical rules: a window with a
 * NaN gives NaN, warm-up NaN until d rows exist, +-Inf becomes NaN before cross-sectional
 * operators and at the end of a formula.
 */
export type Arr = Float64Array;

export class Ref {
  constructor(
    readonly T: number,
    readonly N: number,
    readonly eligible: Uint8Array,
  ) {}

  make(fn: (t: number, a: number) => number): Arr {
    const out = new Float64Array(this.T * this.N);
    for (let t = 0; t < this.T; t++) for (let a = 0; a < this.N; a++) out[t * this.N + a] = fn(t, a);
    return out;
  }

  map(x: Arr, fn: (v: number) => number): Arr {
    return x.map(fn);
  }

  zip(x: Arr, y: Arr, fn: (a: number, b: number) => number): Arr {
    return x.map((v, i) => fn(v, y[i]));
  }

  /** The d values of asset a ending at t (oldest first), or undefined before warm-up. */
  window(x: Arr, t: number, a: number, d: number): number[] | undefined {
    if (t < d - 1) return undefined;
    const w: number[] = [];
    for (let s = t - d + 1; s <= t; s++) w.push(x[s * this.N + a]);
    return w;
  }

  /** A strict rolling function: NaN when the window is short or holds a NaN. */
  roll(x: Arr, d: number, fn: (w: number[]) => number): Arr {
    return this.make((t, a) => {
      const w = this.window(x, t, a, d);
      if (!w || w.some(Number.isNaN)) return Number.NaN;
      return fn(w);
    });
  }

  roll2(x: Arr, y: Arr, d: number, fn: (u: number[], v: number[]) => number): Arr {
    return this.make((t, a) => {
      const u = this.window(x, t, a, d);
      const v = this.window(y, t, a, d);
      if (!u || !v || u.some(Number.isNaN) || v.some(Number.isNaN)) return Number.NaN;
      return fn(u, v);
    });
  }

  ref(x: Arr, d: number): Arr {
    return this.make((t, a) => (t >= d ? x[(t - d) * this.N + a] : Number.NaN));
  }

  delta(x: Arr, d: number): Arr {
    return this.zip(x, this.ref(x, d), (u, v) => u - v);
  }

  /** Cross-sectional: apply fn to the finite eligible values of each date. */
  cs(x: Arr, fn: (vals: number[], v: number) => number): Arr {
    const out = new Float64Array(x.length).fill(Number.NaN);
    for (let t = 0; t < this.T; t++) {
      const vals: number[] = [];
      for (let a = 0; a < this.N; a++) {
        const i = t * this.N + a;
        if (this.eligible[i] && Number.isFinite(x[i])) vals.push(x[i]);
      }
      for (let a = 0; a < this.N; a++) {
        const i = t * this.N + a;
        if (this.eligible[i] && Number.isFinite(x[i])) out[i] = fn(vals, x[i]);
      }
    }
    return out;
  }

  rank(x: Arr): Arr {
    return this.cs(x, (vals, v) => avgRank(vals, v) / vals.length);
  }

  scale(x: Arr, k = 1): Arr {
    return this.cs(x, (vals, v) => {
      const s = vals.reduce((p, q) => p + Math.abs(q), 0);
      return s === 0 ? Number.NaN : (k * v) / s;
    });
  }
}

/** Average-tie 1-based rank of v among vals. */
export function avgRank(vals: number[], v: number): number {
  let less = 0;
  let equal = 0;
  for (const u of vals) {
    if (u < v) less++;
    else if (u === v) equal++;
  }
  return less + (equal + 1) / 2;
}

export const sum = (w: number[]) => w.reduce((p, q) => p + q, 0);
export const mean = (w: number[]) => sum(w) / w.length;
export function std(w: number[]): number {
  const m = mean(w);
  return Math.sqrt(w.reduce((p, q) => p + (q - m) ** 2, 0) / (w.length - 1));
}
export function cov(u: number[], v: number[]): number {
  const mu = mean(u);
  const mv = mean(v);
  let s = 0;
  for (let i = 0; i < u.length; i++) s += (u[i] - mu) * (v[i] - mv);
  return s / (u.length - 1);
}
export function corr(u: number[], v: number[]): number {
  const su = std(u);
  const sv = std(v);
  if (!(su > 1e-12 * (Math.abs(mean(u)) + 1)) || !(sv > 1e-12 * (Math.abs(mean(v)) + 1))) return Number.NaN;
  return cov(u, v) / (su * sv);
}
/** 1-based position of the first maximum counted from the oldest row. */
export function argmaxOldest(w: number[]): number {
  let k = 0;
  for (let i = 1; i < w.length; i++) if (w[i] > w[k]) k = i;
  return k + 1;
}
export function argminOldest(w: number[]): number {
  let k = 0;
  for (let i = 1; i < w.length; i++) if (w[i] < w[k]) k = i;
  return k + 1;
}
/** Average-tie rank of today's (last) value in the window, divided by d. */
export const tsRank = (w: number[]) => avgRank(w, w[w.length - 1]) / w.length;
/** decay_linear: weights 1..d, newest = d, normalised. */
export function decayLinear(w: number[]): number {
  let s = 0;
  let ws = 0;
  for (let i = 0; i < w.length; i++) {
    s += (i + 1) * w[i];
    ws += i + 1;
  }
  return s / ws;
}
/** GTJA WMA: weights 0.9^i with i = 0 today, normalised. */
export function wmaGtja(w: number[]): number {
  let s = 0;
  let ws = 0;
  const d = w.length;
  for (let i = 0; i < d; i++) {
    const wt = 0.9 ** (d - 1 - i);
    s += wt * w[i];
    ws += wt;
  }
  return s / ws;
}
/** OLS slope of w on 1..d. */
export function slope(w: number[]): number {
  const x = w.map((_, i) => i + 1);
  return cov(w, x) / cov(x, x);
}
export function regbeta(a: number[], b: number[]): number {
  const vb = cov(b, b);
  return vb === 0 ? Number.NaN : cov(a, b) / vb;
}
/** HIGHDAY: n - (0-based index of the first max from the oldest row). */
export const highday = (w: number[]) => w.length - (argmaxOldest(w) - 1);
export const lowday = (w: number[]) => w.length - (argminOldest(w) - 1);

/**
 * GTJA SMA recursion per asset: starts at the first valid value; a missing input holds Y and emits
 * NaN. Reference choice: +-Inf inputs (x/0) count as missing, like NaN.
 */
export function smaGtja(r: Ref, x: Arr, n: number, m: number): Arr {
  const out = new Float64Array(x.length).fill(Number.NaN);
  for (let a = 0; a < r.N; a++) {
    let y = Number.NaN;
    for (let t = 0; t < r.T; t++) {
      const v = x[t * r.N + a];
      if (!Number.isFinite(v)) continue;
      y = Number.isNaN(y) ? v : (m * v + (n - m) * y) / n;
      out[t * r.N + a] = y;
    }
  }
  return out;
}

/** +-Inf -> NaN (the end-of-formula rule). */
export const finite = (x: Arr): Arr => x.map((v) => (Number.isFinite(v) ? v : Number.NaN));

/** Element-wise boolean as 1/0 with NaN propagation. */
export const bool = (c: boolean, ...inputs: number[]) => (inputs.some(Number.isNaN) ? Number.NaN : c ? 1 : 0);
