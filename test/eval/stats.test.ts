import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import {
  blockBootstrap,
  bootstrapSeries,
  deflatedSharpe,
  expectedMaxSharpe,
  halfCombinations,
  mean,
  moments,
  neweyWest,
  normalCdf,
  normalQuantile,
  probabilisticSharpe,
  probabilityOfOverfitting,
} from '../../src/eval/stats/index.js';

describe('normal distribution', () => {
  it('matches tabulated values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 15);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 12);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 12);
    expect(normalCdf(-5)).toBeCloseTo(2.866515718791939e-7, 15);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 10);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 9);
  });
  it('quantile inverts the cdf (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }), (p) => {
        expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 9);
      }),
    );
  });
});

describe('Newey-West', () => {
  it('equals the hand-computed value on a short series', () => {
    // x = [1, 2, 3, 4], mean 2.5, deviations [-1.5, -0.5, 0.5, 1.5]
    // gamma0 = (2.25+0.25+0.25+2.25)/4 = 1.25; gamma1 = (0.75 - 0.25 + 0.75)/4 = 0.3125
    // lag 1: S = 1.25 + 2 * (1 - 1/2) * 0.3125 = 1.5625; se = sqrt(1.5625 / 4) = 0.625
    const r = neweyWest([1, 2, 3, 4], 1);
    expect(r.longRunVariance).toBeCloseTo(1.5625, 14);
    expect(r.se).toBeCloseTo(Math.sqrt(1.5625 / 4), 14);
    expect(r.t).toBeCloseTo(2.5 / Math.sqrt(1.5625 / 4), 12);
    const r0 = neweyWest([1, 2, Number.NaN, 3, 4], 0);
    expect(r0.longRunVariance).toBeCloseTo(1.25, 14);
    expect(r0.n).toBe(4);
  });
  it('widens the standard error for positively autocorrelated (overlapping) series', () => {
    const rng = new Rng(1);
    const e = Array.from({ length: 2000 }, () => rng.normal());
    const h = 10;
    const overlap = e.slice(h).map((_, t) => e.slice(t, t + h).reduce((a, b) => a + b, 0));
    const plain = neweyWest(overlap, 0);
    const nw = neweyWest(overlap, h - 1);
    expect(nw.se).toBeGreaterThan(2 * plain.se);
  });
  it('refuses negative lags', () => {
    expect(() => neweyWest([1, 2, 3], -1)).toThrow(/lags/);
  });
});

describe('moments', () => {
  it('skips NaN and uses n - 1', () => {
    const m = moments([1, Number.NaN, 2, 3]);
    expect(m.n).toBe(3);
    expect(m.mean).toBe(2);
    expect(m.std).toBeCloseTo(1, 14);
    expect(m.skew).toBeCloseTo(0, 14);
    expect(m.kurtosis).toBeCloseTo(1.5, 14); // m4 = 2/3, m2 = 2/3 -> 1.5
  });
});

describe('block bootstrap', () => {
  it('is deterministic for a seed and covers the true mean of iid noise', () => {
    const rng = new Rng(7);
    const x = Float64Array.from({ length: 500 }, () => rng.normal(0, 1));
    const a = bootstrapSeries(x, mean, { rng: new Rng(3), resamples: 400 });
    const b = bootstrapSeries(x, mean, { rng: new Rng(3), resamples: 400 });
    expect(a).toEqual(b);
    expect(a.lo).toBeLessThan(0);
    expect(a.hi).toBeGreaterThan(0);
    expect(a.hi - a.lo).toBeGreaterThan(0.1); // ~ 2*1.96/sqrt(500) = 0.175
    expect(a.hi - a.lo).toBeLessThan(0.25);
    expect(a.blockLength).toBe(8);
  });
  it('resamples whole blocks (a paired statistic sees aligned indices)', () => {
    const n = 50;
    const seen: number[] = [];
    blockBootstrap(
      n,
      (idx) => {
        if (idx)
          for (let i = 1; i < idx.length; i++) if (i % 5 !== 0) seen.push((idx[i] - idx[i - 1] + n) % n);
        return 0;
      },
      { rng: new Rng(1), resamples: 20, blockLength: 5 },
    );
    expect(new Set(seen)).toEqual(new Set([1]));
  });
});

describe('deflated Sharpe', () => {
  it('PSR at SR* = SR is one half; more trials deflate more', () => {
    expect(probabilisticSharpe(0.1, 0.1, 250, 0, 3)).toBeCloseTo(0.5, 14);
    expect(expectedMaxSharpe(1, 0.01)).toBe(0);
    expect(expectedMaxSharpe(100, 0.01)).toBeGreaterThan(expectedMaxSharpe(10, 0.01));
  });
  it('matches the Bailey-Lopez de Prado closed form by hand', () => {
    // N = 10 trials, V = 0.0025: SR0 = 0.05 * ((1-g) z(0.9) + g z(1 - 1/(10e)))
    const g = 0.5772156649015329;
    const sr0 = 0.05 * ((1 - g) * normalQuantile(0.9) + g * normalQuantile(1 - 1 / (10 * Math.E)));
    expect(expectedMaxSharpe(10, 0.0025)).toBeCloseTo(sr0, 12);
    const rng = new Rng(5);
    const r = Float64Array.from({ length: 1000 }, () => rng.normal(0.001, 0.01));
    const m = moments(r);
    const sr = m.mean / m.std;
    const expected = normalCdf(
      ((sr - sr0) * Math.sqrt(999)) / Math.sqrt(1 - m.skew * sr + ((m.kurtosis - 1) / 4) * sr * sr),
    );
    const d = deflatedSharpe(r, 10, 0.0025);
    expect(d.dsr).toBeCloseTo(expected, 12);
    expect(d.sr0).toBeCloseTo(sr0, 12);
  });
});

describe('PBO (CSCV)', () => {
  it('enumerates C(8,4) = 70 splits', () => {
    expect(halfCombinations(8)).toHaveLength(70);
  });
  it('is near 1/2 for pure noise strategies and near 0 when one strategy truly dominates', () => {
    const rng = new Rng(11);
    const noise = Array.from({ length: 20 }, () =>
      Float64Array.from({ length: 800 }, () => rng.normal(0, 0.01)),
    );
    const p = probabilityOfOverfitting(noise, 10);
    expect(p.splits).toBe(252);
    expect(p.pbo).toBeGreaterThan(0.2);
    expect(p.pbo).toBeLessThan(0.8);
    const good = [...noise.slice(1), Float64Array.from({ length: 800 }, () => rng.normal(0.004, 0.01))];
    expect(probabilityOfOverfitting(good, 10).pbo).toBeLessThan(0.05);
  });
  it('refuses odd block counts', () => {
    expect(() => probabilityOfOverfitting([new Float64Array(40), new Float64Array(40)], 5)).toThrow(/even/);
  });
});
