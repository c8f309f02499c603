import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../src/core/index.js';
import {
  fillability,
  forwardReturn,
  loadMembership,
  loadPanel,
  membershipMask,
  nextOpenLabel,
} from '../../src/data/index.js';
import {
  dailyIc,
  equalWeightReturns,
  evaluateSignal,
  makeStrategy,
  marketDataFromPanel,
  performanceMetrics,
  runBacktest,
} from '../../src/eval/index.js';

const stocks = sharedDataFile('cn_stocks_2010_2021.parquet');
const members = sharedDataFile('cn_index_membership_2010_2021.csv');
const reason =
  'needs cn_stocks_2010_2021.parquet and cn_index_membership_2010_2021.csv in the shared data folder';

describe.skipIf(!stocks || !members)(`real A-share data, 2015 (skips: ${reason})`, () => {
  const load = async () => {
    const panel = await loadPanel(stocks!, { from: '2015-01-01', to: '2015-12-31' });
    return panel.withUniverse(membershipMask(panel, await loadMembership(members!, 'csi300')));
  };

  it('the 2015 crash produces blocked fills, and no fill happens at a blocked limit', async () => {
    const panel = await load();
    const { T, N } = panel;
    const close = panel.field('close');
    // 5-day reversal: buy the losers (they are the ones that hit limit-down in a crash)
    const score = new Float64Array(T * N).fill(Number.NaN);
    for (let i = 5 * N; i < T * N; i++) score[i] = close[i - 5 * N] / close[i] - 1;
    const md = marketDataFromPanel(panel, { fill: 'open' });
    const bt = runBacktest(md, score, makeStrategy('topk', { k: 50 }), {
      capital: 1e8,
      costs: { slippageBps: 5 },
    });
    const reasons = new Set(bt.blocked.map((b) => b.reason));
    expect(reasons.has('limit-up') || reasons.has('limit-down')).toBe(true);
    expect(reasons.has('suspended')).toBe(true);
    const feas = fillability(panel, { exec: 'open' });
    for (const tr of bt.trades) {
      const i = tr.t * N + tr.asset;
      expect(panel.tradable[i]).toBe(1);
      if (tr.shares > 0) expect(feas.canBuy[i]).toBe(1);
      else expect(feas.canSell[i]).toBe(1);
      if (tr.shares > 0) expect(tr.shares % 100).toBe(0);
    }
    for (let t = 0; t < T; t++) {
      let gross = 0;
      for (let a = 0; a < N; a++) gross += bt.weights[t * N + a];
      expect(gross).toBeLessThanOrEqual(1 + 1e-9);
      expect(gross).toBeGreaterThanOrEqual(0);
    }
    const m = performanceMetrics(bt, equalWeightReturns(md), { periodsPerYear: 252 });
    expect(m.totalCosts).toBeGreaterThan(0);
    expect(m.blockedFills).toBe(bt.blocked.length);
  });

  it('IC of the reversal signal on the CSI300 universe is computed on ~300 names a day', async () => {
    const panel = await load();
    const { T, N } = panel;
    const close = panel.field('close');
    const signal = new Float64Array(T * N).fill(Number.NaN);
    for (let i = 5 * N; i < T * N; i++) signal[i] = close[i - 5 * N] / close[i] - 1;
    const label = forwardReturn(panel, nextOpenLabel(5));
    const eligible = Uint8Array.from(panel.universe!, (u, i) => u & panel.listed[i]);
    const d = dailyIc({ T, N, signal, label, eligible });
    const counts = [...d.count].filter((c) => c > 0);
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThanOrEqual(300);
    const r = evaluateSignal({ T, N, signal, label, eligible, horizon: 5 });
    expect(r.rankIc.days).toBeGreaterThan(200);
    expect(Math.abs(r.rankIc.mean)).toBeLessThan(0.3);
    expect(r.rankIc.nwLags).toBe(4);
  });
});
