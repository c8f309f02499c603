/**
 * Run a backtest and collect its outputs: results.json numbers (metrics with bootstrap CIs,
 * equity, benchmark, drawdown, turnover, costs) and CSV files with the daily positions, the
 * trades and the blocked fills.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../core/index.js';
import { levelsFromReturns } from '../backtest/benchmark.js';
import { runBacktest } from '../backtest/engine.js';
import type { Strategy } from '../backtest/strategies.js';
import type { BacktestConfig, BacktestResult, MarketData } from '../backtest/types.js';
import { maxDrawdown } from '../metrics/returns.js';
import { performanceMetrics } from '../metrics/summary.js';
import { type BacktestResults, toSeries } from '../report/results.js';

export interface BacktestRunInput {
  market: MarketData;
  scores: Float64Array;
  strategy: Strategy;
  config: BacktestConfig;
  /** Benchmark daily returns aligned with the dates (NaN on day 0). */
  benchmark: Float64Array;
  periodsPerYear: number;
  seed?: number;
  trials?: { count: number; sharpeVariance: number };
  describe: Record<string, unknown>;
}

export function runBacktestReport(input: BacktestRunInput): {
  result: BacktestResult;
  results: BacktestResults;
} {
  const bt = runBacktest(input.market, input.scores, input.strategy, input.config);
  const metrics = performanceMetrics(bt, input.benchmark, {
    periodsPerYear: input.periodsPerYear,
    rng: new Rng(input.seed ?? 0),
    resamples: 1000,
    trials: input.trials,
  });
  const blockedByReason: Record<string, number> = {};
  for (const b of bt.blocked) blockedByReason[b.reason] = (blockedByReason[b.reason] ?? 0) + 1;
  const results: BacktestResults = {
    kind: 'backtest',
    version: 1,
    created: new Date().toISOString(),
    config: { ...input.describe, strategy: bt.strategy },
    metrics: { ...metrics },
    blockedByReason,
    series: {
      dates: [...bt.dates],
      equity: toSeries(bt.equity.map((v) => v / bt.capital)),
      grossEquity: toSeries(bt.grossEquity.map((v) => v / bt.capital)),
      benchmark: toSeries(levelsFromReturns(input.benchmark)),
      drawdown: toSeries(maxDrawdown(bt.returns).series),
      turnover: toSeries(bt.turnover),
      costs: toSeries(bt.costs),
    },
    files: { positions: 'positions.csv', trades: 'trades.csv', blocked: 'blocked.csv' },
  };
  return { result: bt, results };
}

/** positions.csv (date,symbol,weight for non-zero weights), trades.csv, blocked.csv. */
export function writeBacktestFiles(dir: string, bt: BacktestResult): void {
  const { dates, assets } = bt;
  const N = assets.length;
  const pos: string[] = ['date,symbol,weight'];
  for (let t = 0; t < dates.length; t++) {
    for (let a = 0; a < N; a++) {
      const w = bt.weights[t * N + a];
      if (w !== 0) pos.push(`${dates[t]},${assets[a]},${w}`);
    }
  }
  writeFileSync(join(dir, 'positions.csv'), `${pos.join('\n')}\n`);
  const trades = ['date,symbol,sleeve,shares,price,value,fees,slippage'];
  for (const x of bt.trades)
    trades.push(
      `${dates[x.t]},${assets[x.asset]},${x.sleeve},${x.shares},${x.price},${x.value},${x.fees},${x.slippage}`,
    );
  writeFileSync(join(dir, 'trades.csv'), `${trades.join('\n')}\n`);
  const blocked = ['date,symbol,sleeve,side,reason,value'];
  for (const b of bt.blocked)
    blocked.push(`${dates[b.t]},${assets[b.asset]},${b.sleeve},${b.side},${b.reason},${b.value}`);
  writeFileSync(join(dir, 'blocked.csv'), `${blocked.join('\n')}\n`);
}
