/**
 * The daily portfolio loop. On each date t:
 *   1. fills: every sleeve with a decision from the close of t-1 trades at day t's fill price,
 *      subject to fill feasibility (limits, suspensions), the sell lock, lots, fees and cash;
 *   2. marks: equity at the close of t (a missing close keeps the last known close);
 *   3. decides: sleeves whose rebalance day is t read the score row of t (and nothing later) and
 *      store target weights for the fill at t+1.
 * With `rebalanceEvery = h` and `staggered`, h sleeves of capital/h each rebalance on days
 * t = s, s+h, s+2h...; otherwise one sleeve rebalances on t = 0, h, 2h...
 */
import { AgoraError } from '../../core/index.js';
import { checkGrid } from '../signal/ic.js';
import { type ExecParams, executeDay, Sleeve } from './sleeve.js';
import type { Strategy } from './strategies.js';
import type { BacktestConfig, BacktestResult, MarketData } from './types.js';

export function runBacktest(
  md: MarketData,
  scores: Float64Array,
  strategy: Strategy,
  config: BacktestConfig = {},
): BacktestResult {
  const { T, N } = md;
  checkGrid('scores', scores, md);
  const capital = config.capital ?? 1e7;
  const h = config.rebalanceEvery ?? 1;
  if (!Number.isInteger(h) || h < 1)
    throw new AgoraError('INVALID_ARGUMENT', `rebalanceEvery must be an integer >= 1, got ${h}`);
  if (!(capital > 0)) throw new AgoraError('INVALID_ARGUMENT', `capital must be > 0, got ${capital}`);
  const S = config.staggered && h > 1 ? h : 1;
  const sleeves = Array.from({ length: S }, (_, s) => new Sleeve(s, N, capital / S));
  const params: ExecParams = {
    slippage: (config.costs?.slippageBps ?? 0) / 1e4,
    fees: config.costs?.fees ?? true,
    minTradeWeight: config.minTradeWeight ?? 0,
    lots: md.assets.map((symbol) => md.rules.lot(symbol)),
  };
  const out = emptyResult(md, strategy.name, capital);
  const last = new Float64Array(N).fill(Number.NaN);
  const w = new Float64Array(N);
  let prevEquity = capital;
  let cumCosts = 0;
  for (let t = 0; t < T; t++) {
    const row = t * N;
    let traded = 0;
    for (const s of sleeves) {
      if (!s.pending) continue;
      const log = executeDay(s, s.pending, t, md, last, params, out);
      s.pending = null;
      traded += log.traded;
      out.costs[t] += log.costs;
    }
    updateLast(md.close, row, last);
    let equity = 0;
    for (const s of sleeves) equity += s.equity(md.close, row, last);
    cumCosts += out.costs[t];
    out.equity[t] = equity;
    out.grossEquity[t] = equity + cumCosts;
    out.returns[t] = t === 0 ? Number.NaN : equity / prevEquity - 1;
    out.turnover[t] = traded / 2 / prevEquity;
    recordWeights(sleeves, last, equity, out.weights, row);
    prevEquity = equity;
    if (t === T - 1) break;
    for (const s of sleeves) {
      if (!isRebalanceDay(t, s.id, h, S)) continue;
      sleeveWeights(s, last, w);
      strategy.decide(
        {
          t,
          N,
          scores: scores.subarray(row, row + N),
          eligible: md.eligible.subarray(row, row + N),
          weights: w,
        },
        s.target,
      );
      s.pending = s.target;
    }
  }
  return out;
}

function isRebalanceDay(t: number, sleeve: number, h: number, S: number): boolean {
  return S > 1 ? t >= sleeve && (t - sleeve) % h === 0 : t % h === 0;
}

function updateLast(close: Float64Array, row: number, last: Float64Array): void {
  for (let a = 0; a < last.length; a++) {
    const c = close[row + a];
    if (Number.isFinite(c)) last[a] = c;
  }
}

function sleeveWeights(s: Sleeve, last: Float64Array, out: Float64Array): void {
  let e = s.cash;
  for (let a = 0; a < out.length; a++) if (s.units[a] !== 0) e += s.units[a] * last[a];
  for (let a = 0; a < out.length; a++) out[a] = s.units[a] !== 0 && e !== 0 ? (s.units[a] * last[a]) / e : 0;
}

function recordWeights(
  sleeves: Sleeve[],
  last: Float64Array,
  equity: number,
  weights: Float64Array,
  row: number,
): void {
  for (const s of sleeves) {
    for (let a = 0; a < last.length; a++)
      if (s.units[a] !== 0) weights[row + a] += (s.units[a] * last[a]) / equity;
  }
}

function emptyResult(md: MarketData, strategy: string, capital: number): BacktestResult {
  const { T, N } = md;
  return {
    dates: md.dates,
    assets: md.assets,
    strategy,
    capital,
    equity: new Float64Array(T),
    grossEquity: new Float64Array(T),
    returns: new Float64Array(T),
    costs: new Float64Array(T),
    turnover: new Float64Array(T),
    weights: new Float64Array(T * N),
    trades: [],
    blocked: [],
    closedPnl: [],
  };
}
