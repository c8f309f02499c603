import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import { cnRules, cryptoRules } from '../../src/data/index.js';
import {
  type BacktestResult,
  bootstrapSeries,
  executeDay,
  makeStrategy,
  marketDataFromPanel,
  runBacktest,
  Sleeve,
  type Strategy,
  sharpe,
  topK,
} from '../../src/eval/index.js';
import { barPanel, plantedMarket, randomMarket } from './helpers.js';

const NaN_ = Number.NaN;

describe('costs and the stamp duty change (2023-08-28)', () => {
  // Buy 600000.SH at the close of day 1 (price 10), sell it at the close of day 2 (price 11).
  const run = (dates: string[]) => {
    const panel = barPanel(dates, ['600000.SH'], [[10], [10], [11]]);
    const md = marketDataFromPanel(panel, { fill: 'close' });
    const scores = Float64Array.from([1, NaN_, NaN_]);
    return runBacktest(md, scores, makeStrategy('topk', { k: 1 }), { capital: 1e6 });
  };

  it('charges commission, transfer fee and sell-side stamp duty by hand', () => {
    const bt = run(['2023-08-25', '2023-08-28', '2023-08-29']);
    // Buy: 1e6 / 10 = 100000 shares, but fees (250 + 10) do not fit: scaled to 99900 shares.
    const [buy, sell] = bt.trades;
    expect(buy.shares).toBe(99900);
    expect(buy.fees).toBeCloseTo(999000 * 0.00025 + 999000 * 0.00001, 9); // 249.75 + 9.99
    // Sell on 2023-08-29: stamp duty 0.05% of 1,098,900 = 549.45.
    expect(sell.shares).toBe(-99900);
    const sellValue = 99900 * 11;
    expect(sell.fees).toBeCloseTo(sellValue * (0.00025 + 0.0005 + 0.00001), 9);
    const cash = 1e6 - 999000 - buy.fees + sellValue - sell.fees;
    expect(bt.equity[2]).toBeCloseTo(cash, 6);
    expect(bt.equity[1]).toBeCloseTo(1e6 - buy.fees, 6);
  });

  it('charges 0.1% stamp duty before the change date', () => {
    const before = run(['2023-08-23', '2023-08-24', '2023-08-25']);
    const after = run(['2023-08-25', '2023-08-28', '2023-08-29']);
    expect(after.equity[2] - before.equity[2]).toBeCloseTo(99900 * 11 * 0.0005, 6);
  });
});

describe('fills blocked by market rules', () => {
  const dates = ['2021-03-01', '2021-03-02', '2021-03-03', '2021-03-04', '2021-03-05'];

  it('a one-price limit-up bar blocks the buy; the other asset fills', () => {
    // asset 0 opens and stays at +10% (11.00) on day 1; asset 1 trades normally
    const panel = barPanel(
      dates.slice(0, 3),
      ['600000.SH', '000001.SZ'],
      [
        [10, 20],
        [11, 20.2],
        [11.5, 20.1],
      ],
    );
    const md = marketDataFromPanel(panel, { fill: 'open' });
    const scores = Float64Array.from([2, 1, 2, 1, 2, 1]);
    const bt = runBacktest(md, scores, makeStrategy('topk', { k: 2 }), { capital: 1e6 });
    const day1 = bt.trades.filter((t) => t.t === 1);
    expect(day1.map((t) => t.asset)).toEqual([1]);
    expect(bt.blocked.filter((b) => b.t === 1)).toEqual([
      { t: 1, asset: 0, sleeve: 0, side: 'buy', reason: 'limit-up', value: expect.any(Number) },
    ]);
    expect(bt.weights[1 * 2 + 0]).toBe(0);
    // next day the buy goes through
    expect(bt.trades.some((t) => t.t === 2 && t.asset === 0 && t.shares > 0)).toBe(true);
  });

  it('a one-price limit-down bar blocks the sell; the position is sold the next day', () => {
    const close = [[10], [10], [9], [8.5], [8.6]]; // day 2: one-price bar at -10% (9.00)
    const panel = barPanel(dates, ['600000.SH'], close);
    const md = marketDataFromPanel(panel, { fill: 'open' });
    const scores = Float64Array.from([1, NaN_, NaN_, NaN_, NaN_]); // buy day 1, then sell
    const bt = runBacktest(md, scores, makeStrategy('topk', { k: 1 }), { capital: 1e6 });
    expect(bt.blocked).toEqual([
      { t: 2, asset: 0, sleeve: 0, side: 'sell', reason: 'limit-down', value: expect.any(Number) },
    ]);
    expect(bt.weights[2]).toBeGreaterThan(0.9);
    const sells = bt.trades.filter((t) => t.shares < 0);
    expect(sells.map((t) => t.t)).toEqual([3]);
    expect(sells[0].price).toBeCloseTo(8.5, 9);
  });

  it('a suspended day blocks fills, and a suspended asset is not selected that day', () => {
    const panel = barPanel(dates.slice(0, 4), ['600000.SH'], [[10], [10], [10.5], [10.4]], {
      tradable: [[1], [0], [1], [1]],
    });
    const md = marketDataFromPanel(panel, { fill: 'open' });
    const bt = runBacktest(md, Float64Array.from([1, 1, 1, 1]), makeStrategy('topk', { k: 1 }), {
      capital: 1e6,
    });
    expect(bt.blocked.map((b) => [b.t, b.reason])).toEqual([[1, 'suspended']]);
    // the decision at the close of day 1 (suspended) selects nothing; day 2's decision fills on day 3
    expect(bt.trades.map((t) => t.t)).toEqual([3]);
  });

  it('buys in board lots of 100 shares', () => {
    const panel = barPanel(
      dates.slice(0, 2),
      ['600000.SH', '000001.SZ'],
      [
        [13.37, 7.77],
        [13.37, 7.77],
      ],
    );
    const md = marketDataFromPanel(panel, { fill: 'close' });
    const bt = runBacktest(md, Float64Array.from([1, 1, 1, 1]), makeStrategy('topk', { k: 2 }), {
      capital: 1e5,
    });
    for (const t of bt.trades) expect(t.shares % 100).toBe(0);
    expect(bt.trades.length).toBe(2);
  });
});

describe('T+1 sell lock', () => {
  const oneDay = (rules: typeof cnRules extends () => infer R ? R : never) => {
    const md = randomMarket(1, 3, 1);
    const mdr = { ...md, rules, assets: ['600000.SH'] };
    const s = new Sleeve(0, 1, 1e6);
    const out = { trades: [], blocked: [], closedPnl: [] } as unknown as BacktestResult;
    const last = Float64Array.from([md.close[0]]);
    const p = { slippage: 0, fees: false, minTradeWeight: 0 };
    executeDay(s, Float64Array.from([0.5]), 1, mdr, last, p, out); // morning session: buy
    executeDay(s, Float64Array.from([0]), 1, mdr, last, p, out); // same day: try to sell
    const next = executeDay(s, Float64Array.from([0]), 2, mdr, last, p, out); // next day
    return { out, s, next };
  };

  it('blocks selling shares bought the same day in cn, allows it the next day', () => {
    const { out, s } = oneDay(cnRules());
    expect(out.blocked.map((b) => b.reason)).toEqual(['sell-lock']);
    expect(out.trades.map((t) => [t.t, Math.sign(t.shares)])).toEqual([
      [1, 1],
      [2, -1],
    ]);
    expect(s.units[0]).toBe(0);
  });

  it('allows a same-day round trip where settlement is T+0 (crypto)', () => {
    const { out } = oneDay(cryptoRules());
    expect(out.blocked).toEqual([]);
    expect(out.trades.map((t) => t.t)).toEqual([1, 1]);
  });
});

describe('strategies', () => {
  const ctx = (scores: number[], weights = scores.map(() => 0)) => ({
    t: 0,
    N: scores.length,
    scores: Float64Array.from(scores),
    eligible: new Uint8Array(scores.length).fill(1),
    weights: Float64Array.from(weights),
  });
  const decide = (s: Strategy, c: ReturnType<typeof ctx>) => {
    const out = new Float64Array(c.N);
    s.decide(c, out);
    return [...out];
  };

  it('topK selection equals a full sort with ties broken by asset index (property)', () => {
    const cell = fc.tuple(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(Number.NaN)), fc.boolean());
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 45 }),
        fc.boolean(),
        (cells, k, asc) => {
          const scores = Float64Array.from(cells, (c) => c[0]);
          const elig = Uint8Array.from(cells, (c) => (c[1] ? 1 : 0));
          const ref = [...scores.keys()]
            .filter((a) => elig[a] === 1 && Number.isFinite(scores[a]))
            .sort((x, y) => (asc ? scores[x] - scores[y] : scores[y] - scores[x]) || x - y)
            .slice(0, k);
          const out = new Int32Array(cells.length);
          const m = topK(scores, elig, k, out, new Int32Array(cells.length), asc);
          expect([...out.subarray(0, m)]).toEqual(ref);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('top-K score weighted: weights proportional to positive scores', () => {
    // top 3 = scores 3, 1, 0.5 (sum 4.5); -1 and NaN get nothing
    const w = decide(makeStrategy('topk-score', { k: 3 }), ctx([3, 1, -1, NaN_, 0.5]));
    for (const [i, v] of [3 / 4.5, 1 / 4.5, 0, 0, 0.5 / 4.5].entries()) expect(w[i]).toBeCloseTo(v, 15);
    expect(decide(makeStrategy('topk-score', { k: 2 }), ctx([-3, -1]))).toEqual([0, 0]);
  });

  it('top-K equal weight and long-short', () => {
    expect(decide(makeStrategy('topk', { k: 2 }), ctx([1, 3, 2, NaN_]))).toEqual([0, 0.5, 0.5, 0]);
    expect(decide(makeStrategy('long-short', { groups: 2 }), ctx([1, 4, 2, 3]))).toEqual([
      -0.5, 0.5, -0.5, 0.5,
    ]);
  });

  it('TopK-Dropout replaces at most n names and keeps the rest untouched', () => {
    // held: 0,1,2 (k=3); candidates 3 (score 9) and 4 (score 8); n = 1 -> sell the worst held (2)
    const out = decide(
      makeStrategy('topk-dropout', { k: 3, n: 1 }),
      ctx([5, 4, 1, 9, 8], [0.3, 0.3, 0.3, 0, 0]),
    );
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(0);
    expect(out[3]).toBeCloseTo(0.4, 12); // freed 1 - 0.6
    expect(out[4]).toBeNaN();
  });

  it('TopK-Dropout trades at most n names a day in a backtest (turnover <= n/K)', () => {
    const md = randomMarket(3, 60, 30);
    const rng = new Rng(4);
    const scores = Float64Array.from({ length: 60 * 30 }, () => rng.normal());
    const bt = runBacktest(md, scores, makeStrategy('topk-dropout', { k: 10, n: 2 }), {
      capital: 1e6,
      costs: { fees: false },
    });
    for (let t = 2; t < 60; t++) {
      const sells = bt.trades.filter((x) => x.t === t && x.shares < 0).length;
      const buys = bt.trades.filter((x) => x.t === t && x.shares > 0).length;
      expect(sells).toBeLessThanOrEqual(2);
      expect(buys).toBe(sells);
      expect(bt.turnover[t]).toBeLessThan(2 / 10 + 0.05);
      let held = 0;
      for (let a = 0; a < 30; a++) if (bt.weights[t * 30 + a] > 0) held++;
      expect(held).toBe(10);
    }
    const full = runBacktest(md, scores, makeStrategy('topk', { k: 10 }), {
      capital: 1e6,
      costs: { fees: false },
    });
    const mean = (x: Float64Array) => x.subarray(2).reduce((a, b) => a + b, 0) / (x.length - 2);
    expect(mean(bt.turnover)).toBeLessThan(mean(full.turnover));
  });

  it('staggered sleeves: sleeve s trades only on days s+1, s+1+h, ...', () => {
    const md = randomMarket(5, 30, 20);
    const rng = new Rng(6);
    const scores = Float64Array.from({ length: 30 * 20 }, () => rng.normal());
    const bt = runBacktest(md, scores, makeStrategy('topk', { k: 5 }), {
      rebalanceEvery: 5,
      staggered: true,
      costs: { fees: false },
    });
    expect(new Set(bt.trades.map((t) => t.sleeve))).toEqual(new Set([0, 1, 2, 3, 4]));
    for (const tr of bt.trades) expect((tr.t - 1 - tr.sleeve) % 5).toBe(0);
    const single = runBacktest(md, scores, makeStrategy('topk', { k: 5 }), {
      rebalanceEvery: 5,
      costs: { fees: false },
    });
    expect(new Set(single.trades.map((t) => t.t % 5))).toEqual(new Set([1]));
  });
});

describe('honesty checks', () => {
  it('prices and scores after t do not change positions, trades or equity up to t (no look-ahead)', () => {
    const T = 80;
    const N = 25;
    const md = randomMarket(7, T, N);
    const rng = new Rng(8);
    const scores = Float64Array.from({ length: T * N }, () => rng.normal());
    const strat = () => makeStrategy('topk-dropout', { k: 8, n: 2 });
    const base = runBacktest(md, scores, strat(), { capital: 1e6, costs: { slippageBps: 5 } });
    const t0 = 50;
    const cut = (t0 + 1) * N;
    const close = md.close.slice();
    const open = md.fillPrice.slice();
    const s2 = scores.slice();
    for (let i = cut; i < T * N; i++) {
      close[i] *= 1.5 + Math.sin(i);
      open[i] *= 0.7;
      s2[i] = -s2[i];
    }
    const pert = runBacktest({ ...md, close, fillPrice: open }, s2, strat(), {
      capital: 1e6,
      costs: { slippageBps: 5 },
    });
    expect(pert.equity.subarray(0, t0 + 1)).toEqual(base.equity.subarray(0, t0 + 1));
    expect(pert.weights.subarray(0, cut)).toEqual(base.weights.subarray(0, cut));
    expect(pert.trades.filter((t) => t.t <= t0)).toEqual(base.trades.filter((t) => t.t <= t0));
    expect(pert.equity[T - 1]).not.toBe(base.equity[T - 1]);
  });

  it('random scores show no significant edge (Sharpe CI covers 0)', () => {
    const md = randomMarket(9, 500, 40);
    const rng = new Rng(10);
    const scores = Float64Array.from({ length: 500 * 40 }, () => rng.normal());
    const bt = runBacktest(md, scores, makeStrategy('topk', { k: 10 }), { costs: { fees: false } });
    const ci = bootstrapSeries(bt.returns.subarray(1), (x) => sharpe(x, { periodsPerYear: 365 }), {
      rng: new Rng(1),
      resamples: 300,
    });
    expect(ci.lo).toBeLessThan(0);
    expect(ci.hi).toBeGreaterThan(0);
  });

  it('a planted edge of known size is recovered: top-K beats the field by about beta * E[z | top K]', () => {
    const beta = 0.002;
    const { md, scores } = plantedMarket(12, 400, 50, beta);
    const bt = runBacktest(md, scores, makeStrategy('topk', { k: 10 }), { costs: { fees: false } });
    const ci = bootstrapSeries(bt.returns.subarray(2), (x) => sharpe(x, { periodsPerYear: 252 }), {
      rng: new Rng(2),
      resamples: 300,
    });
    expect(ci.lo).toBeGreaterThan(0);
    // mean z of the top 10 of 50 standard normals is about 1.40 (order statistics)
    const daily = bt.returns.subarray(2).reduce((a, b) => a + b, 0) / (bt.returns.length - 2);
    expect(daily).toBeGreaterThan(beta * 1.4 * 0.6);
    expect(daily).toBeLessThan(beta * 1.4 * 1.4);
  });

  it('scores that know tomorrow show a large edge (the test can tell)', () => {
    const md = randomMarket(9, 200, 40);
    const { T, N } = md;
    const scores = new Float64Array(T * N).fill(NaN_);
    for (let t = 0; t + 1 < T; t++)
      for (let a = 0; a < N; a++)
        scores[t * N + a] = md.close[(t + 1) * N + a] / md.fillPrice[(t + 1) * N + a];
    const bt = runBacktest(md, scores, makeStrategy('topk', { k: 5 }), { costs: { fees: false } });
    expect(sharpe(bt.returns.subarray(1), { periodsPerYear: 365 })).toBeGreaterThan(5);
  });
});
