/**
 * Per-date normalisation and daily correlation for mining, on date-major T x N panels.
 *
 * As in AlphaGen, signals and the label are z-scored per date over their valid assets (NaN
 * ignored) and missing signal values are then set to 0 (the cross-sectional mean), so a
 * weighted sum of alphas is always defined. Daily IC is the Pearson correlation over the assets
 * where the label is valid and the asset is eligible; its mean over dates is the pool's IC.
 */

/** z-score each date's row in place over finite eligible values; others become `fill`. */
export function zscoreRows(
  values: Float64Array,
  T: number,
  N: number,
  eligible: Uint8Array | undefined,
  fill: number,
): Float64Array {
  for (let t = 0; t < T; t++) {
    const row = t * N;
    let n = 0;
    let s = 0;
    for (let a = 0; a < N; a++) {
      const v = values[row + a];
      if (v === v && (eligible === undefined || eligible[row + a] === 1) && Math.abs(v) !== Infinity) {
        n++;
        s += v;
      }
    }
    const mean = n > 0 ? s / n : 0;
    let ss = 0;
    for (let a = 0; a < N; a++) {
      const v = values[row + a];
      if (v === v && (eligible === undefined || eligible[row + a] === 1) && Math.abs(v) !== Infinity) {
        ss += (v - mean) * (v - mean);
      }
    }
    const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    for (let a = 0; a < N; a++) {
      const i = row + a;
      const v = values[i];
      const ok = v === v && (eligible === undefined || eligible[i] === 1) && Math.abs(v) !== Infinity;
      values[i] = ok && sd > 1e-12 ? (v - mean) / sd : fill;
    }
  }
  return values;
}

/** Replace each date's finite eligible values by their average-tie ranks (1..n); others NaN. */
export function rankRows(
  values: Float64Array,
  T: number,
  N: number,
  eligible: Uint8Array | undefined,
): Float64Array {
  const idx = new Int32Array(N);
  const out = new Float64Array(values.length);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    let n = 0;
    for (let a = 0; a < N; a++) {
      const v = values[row + a];
      out[row + a] = Number.NaN;
      if (v === v && Math.abs(v) !== Infinity && (eligible === undefined || eligible[row + a] === 1))
        idx[n++] = a;
    }
    const view = idx.subarray(0, n);
    view.sort((x, y) => values[row + x] - values[row + y]);
    let i = 0;
    while (i < n) {
      let j = i;
      while (j + 1 < n && values[row + view[j + 1]] === values[row + view[i]]) j++;
      const r = (i + j) / 2 + 1;
      for (let k = i; k <= j; k++) out[row + view[k]] = r;
      i = j + 1;
    }
  }
  return out;
}

/** Fewest valid pairs for a date's correlation to count (the same rule as src/eval's IC). */
export const MIN_PAIRS_PER_DATE = 10;

/**
 * Daily Pearson correlation between x and y over assets where both are finite. Writes one value
 * per date into `out` (NaN when fewer than `minPairs` pairs or a constant row) and returns it.
 */
export function dailyCorrelation(
  x: Float64Array,
  y: Float64Array,
  T: number,
  N: number,
  out: Float64Array = new Float64Array(T),
  minPairs = MIN_PAIRS_PER_DATE,
): Float64Array {
  for (let t = 0; t < T; t++) {
    const row = t * N;
    let n = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let a = 0; a < N; a++) {
      const yv = y[row + a];
      if (yv !== yv) continue;
      const xv = x[row + a];
      if (xv !== xv) continue;
      n++;
      sx += xv;
      sy += yv;
      sxx += xv * xv;
      syy += yv * yv;
      sxy += xv * yv;
    }
    if (n < minPairs) {
      out[t] = Number.NaN;
      continue;
    }
    const cov = sxy - (sx * sy) / n;
    const vx = sxx - (sx * sx) / n;
    const vy = syy - (sy * sy) / n;
    out[t] = vx > 1e-12 && vy > 1e-12 ? cov / Math.sqrt(vx * vy) : Number.NaN;
  }
  return out;
}

/** Mean and standard deviation (ddof 1) of the finite entries. */
export function meanStd(xs: Float64Array): { mean: number; std: number; n: number } {
  let n = 0;
  let s = 0;
  for (const v of xs) {
    if (v === v) {
      n++;
      s += v;
    }
  }
  const mean = n > 0 ? s / n : Number.NaN;
  let ss = 0;
  for (const v of xs) if (v === v) ss += (v - mean) * (v - mean);
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN, n };
}
