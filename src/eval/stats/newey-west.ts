/**
 * Newey-West (1987) heteroskedasticity- and autocorrelation-consistent standard error of a mean.
 *
 * For a series x_1..x_n (NaN entries dropped, the rest kept in order) with mean m and
 * autocovariances gamma_j = (1/n) * sum_{t=j+1..n} (x_t - m)(x_{t-j} - m), the long-run variance is
 *   S = gamma_0 + 2 * sum_{j=1..L} (1 - j/(L+1)) * gamma_j        (Bartlett weights)
 * and the standard error of the mean is sqrt(S / n). With L = 0 this is the plain (biased, /n)
 * standard error. For h-day overlapping labels use L = h - 1.
 */
import { AgoraError } from '../../core/index.js';
import { finiteOnly } from './moments.js';

export interface NeweyWestResult {
  n: number;
  mean: number;
  /** Long-run variance S (per observation). */
  longRunVariance: number;
  /** Standard error of the mean, sqrt(S / n). */
  se: number;
  /** mean / se. */
  t: number;
  lags: number;
}

export function neweyWest(series: ArrayLike<number>, lags: number): NeweyWestResult {
  if (!Number.isInteger(lags) || lags < 0) {
    throw new AgoraError('INVALID_ARGUMENT', `Newey-West lags must be an integer >= 0, got ${lags}`, {
      hint: 'use lags = horizon - 1 for h-day forward-return labels',
    });
  }
  const x = finiteOnly(series);
  const n = x.length;
  if (n < 2) return { n, mean: Number.NaN, longRunVariance: Number.NaN, se: Number.NaN, t: Number.NaN, lags };
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  const L = Math.min(lags, n - 1);
  let s = autocov(x, m, 0);
  for (let j = 1; j <= L; j++) s += 2 * (1 - j / (L + 1)) * autocov(x, m, j);
  const se = s > 0 ? Math.sqrt(s / n) : Number.NaN;
  return { n, mean: m, longRunVariance: s, se, t: m / se, lags: L };
}

function autocov(x: Float64Array, m: number, j: number): number {
  let s = 0;
  for (let t = j; t < x.length; t++) s += (x[t] - m) * (x[t - j] - m);
  return s / x.length;
}
