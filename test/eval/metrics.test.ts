import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import {
  annualReturnAdditive,
  annualReturnGeometric,
  equalWeightReturns,
  hitRate,
  indexReturns,
  informationRatio,
  levelsFromReturns,
  makeStrategy,
  maxDrawdown,
  performanceMetrics,
  runBacktest,
  sharpe,
  tradeStats,
  volatility,
} from '../../src/eval/index.js';
import { randomMarket } from './helpers.js';

describe('return metrics by hand', () => {
  const r = [0.1, -0.05, 0.02, Number.NaN, -0.1, 0.04];

  it('annualised returns: geometric (compounded) and additive (mean * P)', () => {
    const prod = 1.1 * 0.95 * 1.02 * 0.9 * 1.04;
    expect(annualReturnGeometric(r, 252)).toBeCloseTo(prod ** (252 / 5) - 1, 10);
    expect(annualReturnAdditive(r, 252)).toBeCloseTo(((0.1 - 0.05 + 0.02 - 0.1 + 0.04) / 5) * 252, 12);
  });

  it('Sharpe and volatility use the sample std and sqrt(P)', () => {
    const x = [0.01, 0.02, -0.01, 0.03];
    const m = 0.0125;
    const sd = Math.sqrt(((0.01 - m) ** 2 + (0.02 - m) ** 2 + (-0.01 - m) ** 2 + (0.03 - m) ** 2) / 3);
    expect(sharpe(x, { periodsPerYear: 252 })).toBeCloseTo((m / sd) * Math.sqrt(252), 12);
    expect(volatility(x, { periodsPerYear: 252 })).toBeCloseTo(sd * Math.sqrt(252), 12);
    expect(informationRatio(x, [0, 0, 0, 0], { periodsPerYear: 252 })).toBeCloseTo(
      (m / sd) * Math.sqrt(252),
      12,
    );
  });

  it('refuses overlapping h-day returns, or subsamples them on request', () => {
    const rng = new Rng(1);
    const daily = Array.from({ length: 3000 }, () => rng.normal(0.0005, 0.01));
    const h = 20;
    const overlapping = daily
      .slice(0, daily.length - h)
      .map((_, t) => daily.slice(t + 1, t + 1 + h).reduce((a, b) => a + b, 0));
    expect(() => sharpe(overlapping, { periodsPerYear: 252, overlap: h })).toThrow(
      /overlapping 20-period returns/,
    );
    const sub = sharpe(overlapping, { periodsPerYear: 252, overlap: h, overlapPolicy: 'subsample' });
    const naive = sharpe(overlapping, { periodsPerYear: 252 }); // wrongly treated as daily
    const truth = sharpe(daily, { periodsPerYear: 252 });
    // the naive number is inflated by about sqrt(h); the subsampled one is on the daily scale
    expect(naive / truth).toBeGreaterThan(2.5);
    expect(Math.abs(sub - truth)).toBeLessThan(0.6);
  });

  it('max drawdown of compounded wealth', () => {
    // wealth 1.1, 1.045, 1.0659, 0.95931, 0.9976824; peak 1.1 -> trough 0.95931: 1 - 0.95931/1.1
    const dd = maxDrawdown(r);
    expect(dd.maxDrawdown).toBeCloseTo(1 - (1.1 * 0.95 * 1.02 * 0.9) / 1.1, 12);
    expect(dd.peak).toBe(0);
    expect(dd.trough).toBe(4);
  });

  it('hit rate, win rate and payoff', () => {
    expect(hitRate([0.01, -0.01, 0.02, 0], [0, 0, 0.03, -0.01])).toBe(0.5);
    expect(tradeStats([10, -5, 20, -15, 0])).toEqual({ trades: 5, winRate: 0.4, payoff: 15 / 10 });
  });

  it('benchmarks: index returns and the equal-weight universe', () => {
    expect([...indexReturns([100, 110, Number.NaN, 99])].map((v) => +v.toFixed(12))).toEqual([
      Number.NaN,
      0.1,
      Number.NaN,
      -0.1,
    ]);
    const ew = equalWeightReturns({
      T: 2,
      N: 3,
      close: Float64Array.from([10, 20, 30, 11, 19, 60]),
      eligible: Uint8Array.from([1, 1, 0, 1, 1, 1]),
    });
    expect(ew[1]).toBeCloseTo((0.1 - 0.05) / 2, 14);
    expect([...levelsFromReturns([Number.NaN, 0.1, -0.1])].map((v) => +v.toFixed(12))).toEqual([
      1, 1.1, 0.99,
    ]);
  });
});

describe('performance summary', () => {
  it('reports every metric with bootstrap CIs and a deflated Sharpe', () => {
    const md = randomMarket(2, 300, 30);
    const rng = new Rng(3);
    const scores = Float64Array.from({ length: 300 * 30 }, () => rng.normal());
    const bt = runBacktest(md, scores, makeStrategy('topk', { k: 5 }), { costs: { slippageBps: 10 } });
    const bench = equalWeightReturns(md);
    const m = performanceMetrics(bt, bench, {
      periodsPerYear: 365,
      rng: new Rng(4),
      resamples: 200,
      trials: { count: 20, sharpeVariance: 0.001 },
    });
    expect(m.periods).toBe(299);
    expect(m.sharpeCI!.lo).toBeLessThan(m.sharpe);
    expect(m.sharpeCI!.hi).toBeGreaterThan(m.sharpe);
    expect(m.costDrag).toBeGreaterThan(0);
    expect(m.totalCosts).toBeGreaterThan(0);
    expect(m.deflatedSharpe!.dsr).toBeGreaterThanOrEqual(0);
    expect(m.deflatedSharpe!.dsr).toBeLessThan(0.5);
    expect(m.calmar).toBeCloseTo(m.annualReturnGeometric / m.maxDrawdown, 12);
    expect(m.turnover).toBeGreaterThan(0.3);
  });
});
