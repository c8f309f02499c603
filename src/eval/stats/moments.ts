/**
 * Moments of a series that may hold NaN (NaN entries are skipped, never treated as 0).
 * `std` is the sample standard deviation (divisor n - 1).
 */

export interface Moments {
  n: number;
  mean: number;
  /** Sample standard deviation, divisor n - 1 (NaN when n < 2). */
  std: number;
  /** Sample skewness (biased estimator m3 / m2^1.5). */
  skew: number;
  /** Kurtosis, not excess (m4 / m2^2; 3 for a normal). */
  kurtosis: number;
}

export function finiteCount(x: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) n++;
  return n;
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return n > 0 ? s / n : Number.NaN;
}

/** Sample standard deviation (n - 1). */
export function std(x: ArrayLike<number>): number {
  return moments(x).std;
}

export function moments(x: ArrayLike<number>): Moments {
  const m = mean(x);
  let n = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) continue;
    const d = v - m;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
    n++;
  }
  const m2 = n > 0 ? s2 / n : Number.NaN;
  return {
    n,
    mean: m,
    std: n > 1 ? Math.sqrt(s2 / (n - 1)) : Number.NaN,
    skew: m2 > 0 ? s3 / n / m2 ** 1.5 : Number.NaN,
    kurtosis: m2 > 0 ? s4 / n / (m2 * m2) : Number.NaN,
  };
}

/** Drop non-finite entries (a dense copy). */
export function finiteOnly(x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(finiteCount(x));
  let j = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) out[j++] = x[i];
  return out;
}

/** Pearson correlation of two equal-length series over the entries finite in both. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      sx += x[i];
      sy += y[i];
      n++;
    }
  }
  if (n < 2) return Number.NaN;
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      const dx = x[i] - mx;
      const dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}
