/**
 * Summary of a per-date IC series: mean, sample std, ICIR = mean / std (per date, not
 * annualised), Newey-West t-statistic with lag h - 1 for h-day labels (overlapping labels make
 * consecutive ICs autocorrelated), its two-sided normal p-value, and the share of dates with a
 * positive IC. NaN dates are skipped.
 */
import { AgoraError } from '../../core/index.js';
import { moments } from '../stats/moments.js';
import { neweyWest } from '../stats/newey-west.js';
import { twoSidedP } from '../stats/normal.js';

export interface IcSummary {
  /** Dates with a finite IC. */
  days: number;
  mean: number;
  std: number;
  icir: number;
  /** Newey-West t-statistic of the mean (lags = horizon - 1). */
  tNW: number;
  pNW: number;
  positiveShare: number;
  nwLags: number;
}

export function summarizeIc(series: ArrayLike<number>, horizon = 1): IcSummary {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new AgoraError('INVALID_ARGUMENT', `horizon must be an integer >= 1, got ${horizon}`);
  }
  const m = moments(series);
  const nw = neweyWest(series, horizon - 1);
  let pos = 0;
  for (let i = 0; i < series.length; i++) if (series[i] > 0) pos++;
  return {
    days: m.n,
    mean: m.mean,
    std: m.std,
    icir: m.mean / m.std,
    tNW: nw.t,
    pNW: twoSidedP(nw.t),
    positiveShare: m.n > 0 ? pos / m.n : Number.NaN,
    nwLags: nw.lags,
  };
}

/**
 * Coverage: share of eligible cells where the signal is finite (over all dates), and the mean
 * per-date share over dates with at least one eligible cell.
 */
export interface Coverage {
  cells: number;
  eligibleCells: number;
  overall: number;
  meanDaily: number;
}

export function coverage(
  signal: Float64Array,
  eligible: Uint8Array | undefined,
  T: number,
  N: number,
): Coverage {
  let cells = 0;
  let elig = 0;
  let sumDaily = 0;
  let days = 0;
  for (let t = 0; t < T; t++) {
    let e = 0;
    let c = 0;
    for (let a = 0; a < N; a++) {
      const i = t * N + a;
      if (eligible !== undefined && eligible[i] !== 1) continue;
      e++;
      if (Number.isFinite(signal[i])) c++;
    }
    cells += c;
    elig += e;
    if (e > 0) {
      sumDaily += c / e;
      days++;
    }
  }
  return {
    cells,
    eligibleCells: elig,
    overall: elig > 0 ? cells / elig : Number.NaN,
    meanDaily: days > 0 ? sumDaily / days : Number.NaN,
  };
}
