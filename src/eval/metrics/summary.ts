/**
 * All metrics of a backtest in one object (the numbers written to results.json), with
 * block-bootstrap confidence intervals for the annualised Sharpe and the information ratio, and
 * the deflated Sharpe ratio when the number of trials is known.
 */
import type { Rng } from '../../core/index.js';
import type { BacktestResult } from '../backtest/types.js';
import { type BootstrapCI, blockBootstrap } from '../stats/bootstrap.js';
import { type DeflatedSharpeResult, deflatedSharpe } from '../stats/deflated-sharpe.js';
import { mean, moments } from '../stats/moments.js';
import {
  activeReturns,
  annualReturnAdditive,
  annualReturnGeometric,
  hitRate,
  informationRatio,
  maxDrawdown,
  sharpe,
  tradeStats,
  volatility,
} from './returns.js';

export interface MetricsOptions {
  periodsPerYear: number;
  rng?: Rng;
  resamples?: number;
  /** Trials behind this strategy (for the deflated Sharpe) and the variance of their per-period Sharpes. */
  trials?: { count: number; sharpeVariance: number };
}

export interface PerformanceMetrics {
  periods: number;
  periodsPerYear: number;
  totalReturn: number;
  annualReturnGeometric: number;
  annualReturnAdditive: number;
  volatility: number;
  sharpe: number;
  sharpeCI?: BootstrapCI;
  maxDrawdown: number;
  calmar: number;
  benchmarkAnnualReturnGeometric: number;
  excessAnnualReturnAdditive: number;
  informationRatio: number;
  informationRatioCI?: BootstrapCI;
  trackingError: number;
  hitRate: number;
  /** Mean one-sided daily turnover. */
  turnover: number;
  totalCosts: number;
  costDrag: number;
  trades: number;
  blockedFills: number;
  winRate: number;
  payoff: number;
  deflatedSharpe?: DeflatedSharpeResult;
}

export function performanceMetrics(
  bt: BacktestResult,
  bench: Float64Array,
  opts: MetricsOptions,
): PerformanceMetrics {
  const P = opts.periodsPerYear;
  const r = bt.returns.subarray(1);
  const b = bench.subarray(1);
  const period = { periodsPerYear: P };
  const active = activeReturns(r, b);
  const dd = maxDrawdown(r).maxDrawdown;
  const geo = annualReturnGeometric(r, P);
  const gross = grossReturns(bt).subarray(1);
  const ts = tradeStats(bt.closedPnl);
  const m: PerformanceMetrics = {
    periods: moments(r).n,
    periodsPerYear: P,
    totalReturn: bt.equity[bt.equity.length - 1] / bt.capital - 1,
    annualReturnGeometric: geo,
    annualReturnAdditive: annualReturnAdditive(r, P),
    volatility: volatility(r, period),
    sharpe: sharpe(r, period),
    maxDrawdown: dd,
    calmar: dd > 0 ? geo / dd : Number.NaN,
    benchmarkAnnualReturnGeometric: annualReturnGeometric(b, P),
    excessAnnualReturnAdditive: annualReturnAdditive(active, P),
    informationRatio: informationRatio(r, b, period),
    trackingError: volatility(active, period),
    hitRate: hitRate(r, b),
    turnover: mean(bt.turnover.subarray(1)),
    totalCosts: bt.costs.reduce((s, c) => s + c, 0),
    costDrag: annualReturnAdditive(gross, P) - annualReturnAdditive(r, P),
    trades: bt.trades.length,
    blockedFills: bt.blocked.length,
    winRate: ts.winRate,
    payoff: ts.payoff,
  };
  if (opts.rng) {
    const n = r.length;
    const pr = Float64Array.from(r, (v) => (Number.isFinite(v) ? v : 0));
    const pa = Float64Array.from(active, (v) => (Number.isFinite(v) ? v : 0));
    const statOf = (x: Float64Array) => (idx: Int32Array | null) =>
      sharpe(idx ? Float64Array.from(idx, (i) => x[i]) : x, period);
    m.sharpeCI = blockBootstrap(n, statOf(pr), { rng: opts.rng.stream('sharpe'), resamples: opts.resamples });
    m.informationRatioCI = blockBootstrap(n, statOf(pa), {
      rng: opts.rng.stream('ir'),
      resamples: opts.resamples,
    });
  }
  if (opts.trials) m.deflatedSharpe = deflatedSharpe(r, opts.trials.count, opts.trials.sharpeVariance);
  return m;
}

/** Daily returns of the gross (costs added back) equity curve. */
export function grossReturns(bt: BacktestResult): Float64Array {
  const g = bt.grossEquity;
  return Float64Array.from(g, (v, t) => (t === 0 ? Number.NaN : v / g[t - 1] - 1));
}
