import { describe, expect, it } from 'vitest';
import { generateMarket } from '../../../src/data/synth/index.js';
import { QUIET_EVENTS, small } from './helpers.js';

function bytes(a: Float64Array | Uint8Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

const planted = [
  { name: 'rev', kind: 'reversal', ic: 0.05 },
  { name: 'lat', kind: 'latent', ic: 0.05, horizon: 3, persistence: 0.5 },
] as const;

describe('synthetic market determinism', () => {
  it('gives the same panel and truth bit for bit for the same seed', () => {
    const cfg = small({ alphas: [...planted] });
    const a = generateMarket(cfg, { seed: 42 });
    const b = generateMarket(cfg, { seed: 42 });
    expect(a.panel.assets).toEqual(b.panel.assets);
    expect(a.panel.dates).toEqual(b.panel.dates);
    expect(a.panel.fieldNames).toEqual(b.panel.fieldNames);
    for (const f of a.panel.fieldNames)
      expect(bytes(a.panel.field(f)).equals(bytes(b.panel.field(f)))).toBe(true);
    expect(bytes(a.panel.listed).equals(bytes(b.panel.listed))).toBe(true);
    expect(bytes(a.panel.tradable).equals(bytes(b.panel.tradable))).toBe(true);
    expect(bytes(a.truth.market.factor).equals(bytes(b.truth.market.factor))).toBe(true);
    expect(a.truth.signals).toEqual(b.truth.signals);
  });

  it('gives a different market for a different seed (numeric or text)', () => {
    const a = generateMarket(small(), { seed: 1 });
    const b = generateMarket(small(), { seed: 2 });
    const c = generateMarket(small(), { seed: 'two' });
    expect(bytes(a.panel.field('close')).equals(bytes(b.panel.field('close')))).toBe(false);
    expect(bytes(b.panel.field('close')).equals(bytes(c.panel.field('close')))).toBe(false);
    expect(a.panel.assets).not.toEqual(b.panel.assets);
  });

  it('keeps the market, regime, industry and idiosyncratic streams independent of the alpha config', () => {
    const base = small({ events: QUIET_EVENTS, limits: false });
    const a = generateMarket(base, { seed: 7 });
    const b = generateMarket({ ...base, alphas: [...planted] }, { seed: 7 });
    expect(bytes(a.truth.market.factor).equals(bytes(b.truth.market.factor))).toBe(true);
    expect(bytes(a.truth.regimes.path).equals(bytes(b.truth.regimes.path))).toBe(true);
    expect(bytes(a.truth.industries.factor).equals(bytes(b.truth.industries.factor))).toBe(true);
    expect(a.panel.assets).toEqual(b.panel.assets);
    // the closes differ only by the planted part: on bar 0 nothing is planted yet
    const N = a.panel.N;
    expect(
      bytes(a.panel.field('close').subarray(0, N)).equals(bytes(b.panel.field('close').subarray(0, N))),
    ).toBe(true);
    expect(bytes(a.panel.field('close')).equals(bytes(b.panel.field('close')))).toBe(false);
  });

  it('keeps the market factor independent of the event schedule', () => {
    const a = generateMarket(small(), { seed: 9 });
    const b = generateMarket(small({ events: { suspensionRate: 0.02, stFraction: 0.3 } }), { seed: 9 });
    expect(bytes(a.truth.market.factor).equals(bytes(b.truth.market.factor))).toBe(true);
    expect(b.truth.events.suspendedBars).toBeGreaterThan(a.truth.events.suspendedBars);
  });

  it('is causal: a longer sample repeats the shorter one bar for bar (no look-ahead)', () => {
    // IPO dates are drawn over the whole sample, so listings are switched off here (and the sample
    // starts before the STAR board exists, whose symbols must list inside the sample).
    const cfg = { events: QUIET_EVENTS, alphas: [...planted], start: '2016-01-04' };
    const short = generateMarket(small({ ...cfg, periods: 150 }), { seed: 5 });
    const long = generateMarket(small({ ...cfg, periods: 260 }), { seed: 5 });
    const n = 150 * short.panel.N;
    for (const f of short.panel.fieldNames) {
      expect(bytes(short.panel.field(f)).equals(bytes(long.panel.field(f).subarray(0, n))), f).toBe(true);
    }
  });
});
