/**
 * Performance metrics of a periodic return series r_1..r_n (NaN entries skipped) with P periods
 * per year (252 for exchange days, 365 for crypto days, 52 weeks, 12 months):
 *   annualReturnGeometric = (prod(1 + r))^(P / n) - 1          (compounded, CAGR)
 *   annualReturnAdditive  = mean(r) * P                         (simple, Qlib-style)
 *   volatility            = std(r) * sqrt(P)                    (sample std, n - 1)
 *   sharpe                = mean(r - rf) / std(r - rf) * sqrt(P)    (rf per period, default 0)
 *   informationRatio      = mean(r - b) / std(r - b) * sqrt(P)
 *   maxDrawdown           = max over t of 1 - W_t / max_{s<=t} W_s, W the compounded wealth (>= 0)
 *   calmar                = annualReturnGeometric / maxDrawdown
 *   hitRate               = share of periods with r > b (r > 0 without a benchmark)
 * Sharpe and volatility need NON-overlapping periods: a series of overlapping h-day returns is
 * refused (pass `overlap: h`) unless `overlapPolicy: 'subsample'`, which keeps every h-th return
 * and uses P / h periods per year.
 */
import { AgoraError } from '../../core/index.js';
import { moments } from '../stats/moments.js';

export interface PeriodOptions {
  periodsPerYear: number;
  /** Each return spans this many base periods and consecutive returns overlap (default 1). */
  overlap?: number;
  overlapPolicy?: 'refuse' | 'subsample';
}

/** Non-overlapping view of a series and its periods per year, or an error for overlapping input. */
export function nonOverlapping(
  r: ArrayLike<number>,
  opts: PeriodOptions,
): { r: Float64Array; periodsPerYear: number } {
  const h = opts.overlap ?? 1;
  if (!(opts.periodsPerYear > 0)) {
    throw new AgoraError('INVALID_ARGUMENT', `periodsPerYear must be > 0, got ${opts.periodsPerYear}`);
  }
  if (!Number.isInteger(h) || h < 1)
    throw new AgoraError('INVALID_ARGUMENT', `overlap must be an integer >= 1, got ${h}`);
  if (h === 1) return { r: Float64Array.from(r), periodsPerYear: opts.periodsPerYear };
  if ((opts.overlapPolicy ?? 'refuse') === 'refuse') {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `refusing to compute a Sharpe ratio on overlapping ${h}-period returns: overlap inflates it by about sqrt(${h})`,
      {
        hint: "use daily (non-overlapping) returns, or pass overlapPolicy: 'subsample' to keep every h-th return",
      },
    );
  }
  const out = new Float64Array(Math.ceil(r.length / h));
  for (let i = 0, j = 0; i < r.length; i += h) out[j++] = r[i];
  return { r: out, periodsPerYear: opts.periodsPerYear / h };
}

export function sharpe(r: ArrayLike<number>, opts: PeriodOptions & { riskFree?: number }): number {
  const x = nonOverlapping(r, opts);
  const rf = opts.riskFree ?? 0;
  const ex = x.r.map((v) => v - rf);
  const m = moments(ex);
  return (m.mean / m.std) * Math.sqrt(x.periodsPerYear);
}

export function volatility(r: ArrayLike<number>, opts: PeriodOptions): number {
  const x = nonOverlapping(r, opts);
  return moments(x.r).std * Math.sqrt(x.periodsPerYear);
}

export function informationRatio(
  r: ArrayLike<number>,
  bench: ArrayLike<number>,
  opts: PeriodOptions,
): number {
  return sharpe(activeReturns(r, bench), opts);
}

export function activeReturns(r: ArrayLike<number>, bench: ArrayLike<number>): Float64Array {
  if (r.length !== bench.length)
    throw new AgoraError('INVALID_ARGUMENT', 'returns and benchmark differ in length');
  return Float64Array.from({ length: r.length }, (_, i) => r[i] - bench[i]);
}

export function annualReturnGeometric(r: ArrayLike<number>, periodsPerYear: number): number {
  let logSum = 0;
  let n = 0;
  for (let i = 0; i < r.length; i++) {
    if (!Number.isFinite(r[i])) continue;
    logSum += Math.log1p(r[i]);
    n++;
  }
  return n > 0 ? Math.expm1((logSum * periodsPerYear) / n) : Number.NaN;
}

export function annualReturnAdditive(r: ArrayLike<number>, periodsPerYear: number): number {
  return moments(r).mean * periodsPerYear;
}

/** Maximum drawdown of compounded wealth, as a positive fraction, with peak and trough indices. */
export function maxDrawdown(r: ArrayLike<number>): {
  maxDrawdown: number;
  peak: number;
  trough: number;
  series: Float64Array;
} {
  const series = new Float64Array(r.length);
  let wealth = 1;
  let peakWealth = 1;
  let peakAt = 0;
  let best = { maxDrawdown: 0, peak: 0, trough: 0 };
  for (let i = 0; i < r.length; i++) {
    if (Number.isFinite(r[i])) wealth *= 1 + r[i];
    if (wealth > peakWealth) {
      peakWealth = wealth;
      peakAt = i;
    }
    const dd = peakWealth > 0 ? 1 - wealth / peakWealth : 0;
    series[i] = dd;
    if (dd > best.maxDrawdown) best = { maxDrawdown: dd, peak: peakAt, trough: i };
  }
  return { ...best, series };
}

export function hitRate(r: ArrayLike<number>, bench?: ArrayLike<number>): number {
  let hit = 0;
  let n = 0;
  for (let i = 0; i < r.length; i++) {
    const b = bench ? bench[i] : 0;
    if (!Number.isFinite(r[i]) || !Number.isFinite(b)) continue;
    n++;
    if (r[i] > b) hit++;
  }
  return n > 0 ? hit / n : Number.NaN;
}

/** Win rate and payoff of closed trades: share with P&L > 0; mean win / |mean loss|. */
export function tradeStats(pnl: readonly number[]): { trades: number; winRate: number; payoff: number } {
  let wins = 0;
  let winSum = 0;
  let losses = 0;
  let lossSum = 0;
  for (const p of pnl) {
    if (p > 0) {
      wins++;
      winSum += p;
    } else if (p < 0) {
      losses++;
      lossSum += p;
    }
  }
  const n = pnl.length;
  const payoff = wins > 0 && losses > 0 ? winSum / wins / Math.abs(lossSum / losses) : Number.NaN;
  return { trades: n, winRate: n > 0 ? wins / n : Number.NaN, payoff };
}
