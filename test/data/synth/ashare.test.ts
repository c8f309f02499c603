import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateMarket, type SynthMarket } from '../../../src/data/synth/index.js';
import { small } from './helpers.js';

/** Independent board/date/ST limit table (hand-written from the exchange rules). */
function expectedLimit(symbol: string, date: string, st: boolean, daysListed: number): number {
  const p3 = symbol.slice(0, 3);
  if (p3 === '688') return daysListed < 5 ? Number.POSITIVE_INFINITY : 0.2;
  if (p3 === '300' || p3 === '301') {
    if (date >= '2020-08-24') return daysListed < 5 ? Number.POSITIVE_INFINITY : 0.2;
    return daysListed < 1 ? Number.POSITIVE_INFINITY : 0.1;
  }
  if (daysListed < 1) return Number.POSITIVE_INFINITY;
  return st ? 0.05 : 0.1;
}

const stressed = (seed: number) =>
  generateMarket(
    small({
      assets: 150,
      periods: 480,
      start: '2019-05-06',
      marketFactor: { vol: 0.03 },
      idio: { vol: 0.03 },
      events: { ipoFraction: 0.3, suspensionRate: 0.01, stFraction: 0.3, stMeanDays: 120 },
    }),
    { seed },
  );

/** Collects failed checks (one expect per test instead of millions). */
class Violations {
  count = 0;
  first: string[] = [];
  check(ok: boolean, what: () => string): void {
    if (ok) return;
    this.count++;
    if (this.first.length < 5) this.first.push(what());
  }
}

interface Cell {
  t: number;
  a: number;
  i: number;
  prev: number;
}

/** Every listed cell with a previous close in the panel. */
function* cells(m: SynthMarket): Generator<Cell> {
  const { T, N } = m.panel;
  const close = m.panel.field('close');
  for (let t = 1; t < T; t++) {
    for (let a = 0; a < N; a++) {
      const i = t * N + a;
      if (m.panel.listed[i] === 1 && m.panel.listed[i - N] === 1) yield { t, a, i, prev: close[i - N] };
    }
  }
}

function checkLimits(m: SynthMarket): { hits: number; onePrice: number; bad: Violations } {
  const p = m.panel;
  const bad = new Violations();
  const [open, high, low, close, st] = ['open', 'high', 'low', 'close', 'is_st'].map((f) => p.field(f));
  let hits = 0;
  let onePrice = 0;
  for (const { t, a, i, prev } of cells(m)) {
    if (p.tradable[i] !== 1) continue;
    const ipo = m.truth.events.ipoBar[a];
    const days = ipo > 0 ? t - ipo : 10_000;
    const pct = expectedLimit(p.assets[a], p.dates[t], st[i] === 1, days);
    if (!Number.isFinite(pct)) continue;
    const tol = 0.005 + 1e-9;
    for (const v of [open[i], high[i], low[i], close[i]]) {
      bad.check(
        v <= prev * (1 + pct) + tol && v >= prev * (1 - pct) - tol,
        () => `${p.assets[a]} ${p.dates[t]}: ${v} vs prev ${prev}, limit ${pct}`,
      );
    }
    if (Math.abs(close[i] / prev - 1) > pct - 0.01) hits++;
    if (open[i] === close[i] && high[i] === low[i] && high[i] === close[i] && close[i] !== prev) onePrice++;
  }
  return { hits, onePrice, bad };
}

describe('A-share synthetic market', () => {
  it('never exceeds the board/date/ST price limits and does hit them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const m = stressed(seed);
        const { hits, onePrice, bad } = checkLimits(m);
        expect(bad.first).toEqual([]);
        expect(hits).toBeGreaterThan(20);
        expect(onePrice).toBeGreaterThan(0);
      }),
      { numRuns: 2 },
    );
  });

  it('has consistent OHLC on the tick, and lots of 100 shares', () => {
    const m = stressed(11);
    const p = m.panel;
    const [open, high, low, close, volume, amount, vwap] = [
      'open',
      'high',
      'low',
      'close',
      'volume',
      'amount',
      'vwap',
    ].map((f) => p.field(f));
    const bad = new Violations();
    let checked = 0;
    for (let i = 0; i < p.size; i++) {
      if (p.listed[i] !== 1) continue;
      checked++;
      const at = () => `${p.assets[i % p.N]} ${p.dates[Math.floor(i / p.N)]}`;
      bad.check(
        low[i] <= Math.min(open[i], close[i]) && high[i] >= Math.max(open[i], close[i]),
        () => `OHLC ${at()}`,
      );
      bad.check(low[i] >= 0.01, () => `low ${at()}`);
      for (const v of [open[i], high[i], low[i], close[i]]) {
        bad.check(Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, () => `tick ${at()} ${v}`);
      }
      bad.check(vwap[i] >= low[i] && vwap[i] <= high[i], () => `vwap ${at()}`);
      bad.check(volume[i] % 100 === 0, () => `lot ${at()} ${volume[i]}`);
      bad.check(Math.abs(amount[i] - volume[i] * vwap[i]) <= 1e-9 * amount[i], () => `amount ${at()}`);
    }
    expect(bad.first).toEqual([]);
    expect(checked).toBeGreaterThan(50_000);
  });

  it('suspends with no volume and flat prices carried forward, and trades otherwise', () => {
    const m = stressed(12);
    const p = m.panel;
    const [open, high, low, close, volume, amount] = ['open', 'high', 'low', 'close', 'volume', 'amount'].map(
      (f) => p.field(f),
    );
    let suspended = 0;
    const bad = new Violations();
    for (const { i, prev } of cells(m)) {
      if (p.tradable[i] === 1) {
        bad.check(volume[i] >= 100, () => `traded without volume at ${i}`);
        continue;
      }
      suspended++;
      bad.check(volume[i] === 0 && amount[i] === 0, () => `volume on a suspended bar at ${i}`);
      for (const v of [open[i], high[i], low[i], close[i]])
        bad.check(v === prev, () => `moved while suspended at ${i}`);
    }
    expect(bad.first).toEqual([]);
    expect(suspended).toBe(m.truth.events.suspendedBars);
    expect(suspended).toBeGreaterThan(100);
  });

  it('lists assets later (IPO), leaves unlisted rows NaN and never delists', () => {
    const m = stressed(13);
    const p = m.panel;
    const close = p.field('close');
    let ipos = 0;
    const bad = new Violations();
    const fields = p.fieldNames.map((f) => p.field(f));
    for (let a = 0; a < p.N; a++) {
      const ipo = m.truth.events.ipoBar[a];
      if (ipo > 0) ipos++;
      for (let t = 0; t < p.T; t++) {
        const i = t * p.N + a;
        bad.check(p.listed[i] === (t >= ipo ? 1 : 0), () => `listed ${p.assets[a]} ${t}`);
        if (t < ipo)
          bad.check(
            fields.every((f) => Number.isNaN(f[i])),
            () => `value before IPO ${p.assets[a]} ${t}`,
          );
        else bad.check(close[i] > 0, () => `no close ${p.assets[a]} ${t}`);
      }
      if (p.assets[a].startsWith('688')) expect(p.dates[ipo] >= '2019-07-22').toBe(true);
    }
    expect(bad.first).toEqual([]);
    expect(ipos).toBeGreaterThan(20);
  });

  it('uses realistic board codes, ST flags and industry codes', () => {
    const m = stressed(14);
    const p = m.panel;
    for (const s of p.assets) expect(s).toMatch(/^((60[0135]|688)\d{3}\.SH|(00[0-3]|30[01])\d{3}\.SZ)$/);
    expect(new Set(p.assets).size).toBe(p.N);
    expect([...p.assets]).toEqual([...p.assets].sort());
    const boards = new Set(
      p.assets.map((s) => (s.slice(0, 3) === '688' ? 'star' : s.slice(0, 2) === '30' ? 'chinext' : 'main')),
    );
    expect(boards).toEqual(new Set(['main', 'chinext', 'star']));
    const st = p.field('is_st');
    const ind = p.field('industry');
    const names = p.meta.categories?.industry ?? [];
    expect(names.length).toBe(28);
    let stBars = 0;
    const bad = new Violations();
    for (let i = 0; i < p.size; i++) {
      if (p.listed[i] !== 1) continue;
      bad.check(st[i] === 0 || st[i] === 1, () => `is_st ${st[i]}`);
      stBars += st[i];
      bad.check(Number.isInteger(ind[i]) && ind[i] >= 0 && ind[i] < names.length, () => `industry ${ind[i]}`);
    }
    expect(bad.first).toEqual([]);
    expect(stBars).toBe(m.truth.events.stBars);
    expect(stBars).toBeGreaterThan(500);
    expect(p.meta.market).toBe('cn');
    expect(p.dates.every((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))).toBe(true);
  });
});
