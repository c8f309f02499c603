/**
 * Cross-sectional Pearson IC of a signal row against the forward simple return
 * close[t+h] / close[t] - 1, over assets tradable at t with finite values.
 */
export function rowIC(
  signal: Float64Array,
  closeNow: Float64Array,
  closeLater: Float64Array,
  tradable: Uint8Array,
): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let a = 0; a < signal.length; a++) {
    const x = signal[a];
    const y = closeLater[a] / closeNow[a] - 1;
    if (tradable[a] !== 1 || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }
  if (n < 3) return Number.NaN;
  const cov = sxy - (sx * sy) / n;
  const vx = sxx - (sx * sx) / n;
  const vy = syy - (sy * sy) / n;
  return vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : Number.NaN;
}

/** Mean of rowIC over every date t with t + h inside the panel arrays (NaN dates skipped). */
export function meanIC(
  signal: Float64Array,
  close: Float64Array,
  tradable: Uint8Array,
  N: number,
  h: number,
): { mean: number; dates: number } {
  const T = close.length / N;
  let sum = 0;
  let dates = 0;
  for (let t = 0; t + h < T; t++) {
    const lo = t * N;
    const ic = rowIC(
      signal.subarray(lo, lo + N),
      close.subarray(lo, lo + N),
      close.subarray(lo + h * N, lo + (h + 1) * N),
      tradable.subarray(lo, lo + N),
    );
    if (Number.isNaN(ic)) continue;
    sum += ic;
    dates++;
  }
  return { mean: dates > 0 ? sum / dates : Number.NaN, dates };
}
