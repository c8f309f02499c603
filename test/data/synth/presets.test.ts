import { describe, expect, it } from 'vitest';
import { generatePreset, listPresets, presetConfig, SYNTH_PRESETS } from '../../../src/data/synth/index.js';

const logReturns = (idx: Float64Array) => Array.from(idx.subarray(1), (v, t) => Math.log(v / idx[t]));
const sd = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
};

describe('synthetic presets', () => {
  it('lists every required preset', () => {
    const names = listPresets().map((p) => p.name);
    for (const n of [
      'default',
      'planted',
      'crypto-hourly',
      'super-bull',
      'extreme-bear',
      'flash-crash',
      'high-vol-chop',
      'liquidity-drought',
      'high-slippage',
      'regime-flips',
    ]) {
      expect(names).toContain(n);
    }
    expect(() => presetConfig('nope')).toThrow(/unknown synthetic preset 'nope'/);
    expect(() => presetConfig('super-bull', { days: 100 })).toThrow(/--days 180 or more/);
  });

  it.each([1, 2])('super-bull: index +500% over 120 trading days (seed %i)', (seed) => {
    const m = generatePreset('super-bull', seed, { assets: 150 });
    const idx = m.truth.index;
    expect(idx[179] / idx[59]).toBeGreaterThan(5.4);
    expect(idx[179] / idx[59]).toBeLessThan(6.6);
    expect(m.truth.events.limitHits).toBeGreaterThan(0);
  });

  it.each([1, 2])('extreme-bear: index -80% over 60 trading days (seed %i)', (seed) => {
    const idx = generatePreset('extreme-bear', seed, { assets: 150 }).truth.index;
    expect(idx[119] / idx[59]).toBeGreaterThan(0.17);
    expect(idx[119] / idx[59]).toBeLessThan(0.23);
  });

  it('flash-crash: -30% within one hour, then half of it recovered', () => {
    const m = generatePreset('flash-crash', 3);
    const idx = m.truth.index;
    expect(idx[200] / idx[199]).toBeGreaterThan(0.68);
    expect(idx[200] / idx[199]).toBeLessThan(0.72);
    expect(idx[206] / idx[199]).toBeGreaterThan(0.82);
    expect(idx[206] / idx[199]).toBeLessThan(0.88);
    expect(m.panel.dates[200]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00Z$/);
    expect(m.truth.regimes.names[m.truth.regimes.path[200]]).toBe('crash');
  });

  it('high-vol-chop: about +-20% a day with no trend', () => {
    const idx = generatePreset('high-vol-chop', 4).truth.index;
    const r = logReturns(idx);
    expect(sd(r)).toBeGreaterThan(0.15);
    expect(sd(r)).toBeLessThan(0.26);
    expect(Math.abs(Math.log(idx[idx.length - 1]))).toBeLessThan(0.35);
  });

  it('liquidity-drought: one tenth of normal volume, higher slippage', () => {
    const m = generatePreset('liquidity-drought', 5, { assets: 100 });
    const p = m.panel;
    const vol = p.field('volume');
    const slip = p.field('slippage');
    const inside = { lv: 0, s: 0, n: 0 };
    const outside = { lv: 0, s: 0, n: 0 };
    for (let t = 0; t < p.T; t++) {
      const w = t >= 0.4 * p.T && t < 0.7 * p.T ? inside : outside;
      for (let a = 0; a < p.N; a++) {
        const i = t * p.N + a;
        if (p.tradable[i] !== 1) continue;
        w.lv += Math.log(vol[i]);
        w.s += slip[i];
        w.n++;
      }
    }
    const ratio = Math.exp(inside.lv / inside.n - outside.lv / outside.n);
    expect(ratio).toBeGreaterThan(0.08);
    expect(ratio).toBeLessThan(0.125);
    expect(inside.s / inside.n).toBeGreaterThan(1.5 * (outside.s / outside.n));
  });

  it('high-slippage: slippage between 2% and 5% on every traded bar', () => {
    const m = generatePreset('high-slippage', 6, { assets: 80, days: 200 });
    const p = m.panel;
    const slip = p.field('slippage');
    let min = 1;
    let max = 0;
    for (let i = 0; i < p.size; i++) {
      if (p.tradable[i] !== 1) continue;
      min = Math.min(min, slip[i]);
      max = Math.max(max, slip[i]);
    }
    expect(min).toBeGreaterThanOrEqual(0.02);
    expect(max).toBeLessThanOrEqual(0.05);
    expect(max - min).toBeGreaterThan(0.02);
  });

  it('regime-flips: frequent long/short flips that move the index', () => {
    const m = generatePreset('regime-flips', 7, { assets: 100 });
    const path = m.truth.regimes.path;
    let flips = 0;
    for (let t = 1; t < path.length; t++) if (path[t] !== path[t - 1]) flips++;
    expect(flips).toBeGreaterThan(path.length / 10);
    const r = logReturns(m.truth.index);
    const mean = (state: string) => {
      const xs = r.filter((_, t) => m.truth.regimes.names[path[t + 1]] === state);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(mean('bull')).toBeGreaterThan(0.005);
    expect(mean('bear')).toBeLessThan(-0.005);
  });

  it('crypto-hourly: 24/7 ISO hours, USDT pairs, no price limits, volume seasonality', () => {
    const m = generatePreset('crypto-hourly', 8, { assets: 20, days: 20 });
    const p = m.panel;
    expect(p.meta.frequency).toBe('1h');
    expect(p.meta.market).toBe('crypto');
    expect(p.T).toBe(480);
    expect(p.dates[0]).toBe('2021-01-01T00:00Z');
    expect(p.dates[24 * 2 + 5]).toBe('2021-01-03T05:00Z');
    expect(p.assets.slice(0, 2)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(p.hasField('is_st')).toBe(false);
    expect(m.truth.events.limitHits).toBe(0);
    const vol = p.field('volume');
    const byHour = new Float64Array(24);
    for (let t = 0; t < p.T; t++)
      for (let a = 0; a < p.N; a++) if (p.tradable[t * p.N + a]) byHour[t % 24] += Math.log(vol[t * p.N + a]);
    expect(byHour[15]).toBeGreaterThan(byHour[3]);
  });

  it('has a generator config for every listed preset', () => {
    expect(SYNTH_PRESETS.length).toBe(listPresets().length);
    for (const p of SYNTH_PRESETS) expect(p.summary.length).toBeGreaterThan(10);
  });
});
