import { describe, expect, it } from 'vitest';
import { generateMarket, presetConfig } from '../../../src/data/synth/index.js';
import { naiveRank, referenceIC, small } from './helpers.js';

describe('planted signals', () => {
  it('expose the oracle formulas exactly (reference implementation of rank/delay/sum)', () => {
    const m = generateMarket(
      small({
        alphas: [
          { name: 'rev', kind: 'reversal', ic: 0.05, lookback: 5 },
          { name: 'vp', kind: 'volume-price', ic: 0.04, lookback: 10 },
        ],
        events: { suspensionRate: 0.01 },
      }),
      { seed: 3 },
    );
    const p = m.panel;
    const { T, N } = p;
    const close = p.field('close');
    const volume = p.field('volume');
    const at = (f: Float64Array, t: number, a: number) => (t >= 0 ? f[t * N + a] : Number.NaN);
    let compared = 0;
    for (let t = 0; t < T; t++) {
      const rev: number[] = [];
      const vp: number[] = [];
      for (let a = 0; a < N; a++) {
        const listed = p.listed[t * N + a] === 1;
        rev.push(listed ? -1 * (at(close, t, a) / at(close, t - 5, a)) : Number.NaN);
        let sum = 0;
        for (let k = 0; k < 10; k++) sum += at(volume, t - k, a);
        const v = -1 * ((at(close, t, a) / at(close, t - 1, a) - 1) * (at(volume, t, a) / (sum / 10)));
        vp.push(listed && Number.isFinite(v) ? v : Number.NaN);
      }
      const [rr, rv] = [naiveRank(rev), naiveRank(vp)];
      for (let a = 0; a < N; a++) {
        const [fr, fv] = [p.field('alpha_rev')[t * N + a], p.field('alpha_vp')[t * N + a]];
        if (Number.isNaN(rr[a])) expect(fr).toBeNaN();
        else expect(Math.abs(fr - rr[a])).toBeLessThan(1e-12);
        if (Number.isNaN(rv[a])) expect(fv).toBeNaN();
        else expect(Math.abs(fv - rv[a])).toBeLessThan(1e-12);
        if (!Number.isNaN(rr[a])) compared++;
      }
    }
    expect(compared).toBeGreaterThan(20_000);
  });

  it.each([21, 22])('reach their intended IC within tolerance (planted preset, seed %i)', (seed) => {
    const cfg = presetConfig('planted', { assets: 250, days: 500 });
    const m = generateMarket(cfg, { seed, preset: 'planted' });
    const p = m.panel;
    expect(m.truth.signals.length).toBe(4);
    for (const s of m.truth.signals) {
      const ic = referenceIC(p.field(s.field), p.field('close'), p.tradable, p.T, p.N, s.horizon);
      expect(Math.abs(ic - s.realisedIC), s.name).toBeLessThan(1e-9);
      expect(
        Math.abs(ic - s.intendedIC),
        `${s.name}: realised ${ic} vs intended ${s.intendedIC}`,
      ).toBeLessThan(0.012);
    }
  });

  it('plants negative ICs and multi-bar horizons too, and standardises latent fields', () => {
    const m = generateMarket(
      small({
        assets: 200,
        periods: 400,
        alphas: [
          { name: 'neg', kind: 'latent', ic: -0.06 },
          { name: 'slow', kind: 'latent', ic: 0.05, horizon: 5, persistence: 0.7 },
        ],
      }),
      { seed: 4 },
    );
    const p = m.panel;
    const [neg, slow] = m.truth.signals;
    expect(referenceIC(p.field('alpha_neg'), p.field('close'), p.tradable, p.T, p.N, 1)).toBeCloseTo(
      -0.06,
      1,
    );
    expect(Math.abs(neg.realisedIC + 0.06)).toBeLessThan(0.012);
    expect(Math.abs(slow.realisedIC - 0.05)).toBeLessThan(0.015);
    // a latent field is standardised over listed assets
    const row = [...p.field('alpha_neg').subarray(100 * p.N, 101 * p.N)].filter(Number.isFinite);
    const mean = row.reduce((a, b) => a + b, 0) / row.length;
    const sd = Math.sqrt(row.reduce((a, b) => a + (b - mean) ** 2, 0) / row.length);
    expect(mean).toBeCloseTo(0, 10);
    expect(sd).toBeCloseTo(1, 10);
  });

  it('records formulas and refuses unreachable or inconsistent signal configs', () => {
    const m = generateMarket(
      small({ periods: 40, alphas: [{ name: 'r', kind: 'reversal', ic: 0.1, lookback: 3 }] }),
      {
        seed: 1,
      },
    );
    expect(m.truth.signals[0].formula).toBe('rank(-1 * (close / delay(close, 3)))');
    expect(() =>
      generateMarket(small({ alphas: [{ name: 'r', kind: 'reversal', ic: 0.1, horizon: 5 }] }), { seed: 1 }),
    ).toThrow(/only latent signals take horizon > 1/);
    expect(() =>
      generateMarket(
        small({
          alphas: [
            { name: 'a', kind: 'latent', ic: 0.5 },
            { name: 'b', kind: 'latent', ic: 0.5 },
          ],
        }),
        { seed: 1 },
      ),
    ).toThrow(/sum of squared ICs/);
  });
});
