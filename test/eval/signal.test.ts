import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import {
  averageRanks,
  bootstrapSeries,
  dailyIc,
  evaluateSignal,
  icDecay,
  icTable,
  icTableParallel,
  labelCache,
  mean,
  quantileAnalysis,
  signalCorrelation,
  signalStability,
  sortIcTable,
} from '../../src/eval/index.js';
import { radixRanks } from '../../src/eval/signal/radix.js';

const NaN_ = Number.NaN;

/** Independent reference: O(n^2) average ranks and textbook Pearson. */
function refRanks(x: number[]): number[] {
  return x.map((v) => {
    const less = x.filter((y) => y < v).length;
    const eq = x.filter((y) => y === v).length;
    return less + (eq + 1) / 2;
  });
}
function refPearson(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('IC and RankIC', () => {
  it('match hand-computed values with ties and NaNs', () => {
    // one date, 6 assets; asset 4 has a NaN signal, asset 5 is not eligible
    const signal = Float64Array.from([1, 2, 2, 3, NaN_, 9]);
    const label = Float64Array.from([0.1, 0.3, 0.2, 0.4, 0.5, -1]);
    const eligible = Uint8Array.from([1, 1, 1, 1, 1, 0]);
    const d = dailyIc({ T: 1, N: 6, signal, label, eligible, minAssets: 2 });
    // valid pairs: s = [1,2,2,3], l = [.1,.3,.2,.4]; s ranks [1, 2.5, 2.5, 4], l ranks [1,3,2,4]
    // rank deviations from 2.5: s [-1.5,0,0,1.5], l [-1.5,.5,-.5,1.5]: cov 4.5, var_s 4.5, var_l 5 -> 4.5/sqrt(22.5)
    expect(d.count[0]).toBe(4);
    expect(d.rankIc[0]).toBeCloseTo(4.5 / Math.sqrt(22.5), 14);
    // Pearson: s mean 2 dev [-1,0,0,1]; l mean .25 dev [-.15,.05,-.05,.15]: cov .3, var_s 2, var_l .05
    expect(d.ic[0]).toBeCloseTo(0.3 / Math.sqrt(2 * 0.05), 14);
  });

  it('skip dates with too few valid pairs (NaN, not 0)', () => {
    const d = dailyIc({
      T: 1,
      N: 3,
      signal: Float64Array.from([1, 2, 3]),
      label: Float64Array.from([1, 2, 3]),
    });
    expect(d.ic[0]).toBeNaN();
    expect(d.rankIc[0]).toBeNaN();
  });

  it('rank IC equals an independent O(n^2) reference and is invariant to monotone transforms (property)', () => {
    const row = fc.array(
      fc.tuple(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1, max: 1, noNaN: true })),
      { minLength: 3, maxLength: 40 },
    );
    fc.assert(
      fc.property(row, (pairs) => {
        const s = pairs.map((p) => p[0]);
        const l = pairs.map((p) => p[1]);
        const n = s.length;
        const d = dailyIc({
          T: 1,
          N: n,
          signal: Float64Array.from(s),
          label: Float64Array.from(l),
          minAssets: 2,
        });
        const expected = refPearson(refRanks(s), refRanks(l));
        if (Number.isNaN(expected)) expect(d.rankIc[0]).toBeNaN();
        else expect(d.rankIc[0]).toBeCloseTo(expected, 10);
        const cubed = dailyIc({
          T: 1,
          N: n,
          signal: Float64Array.from(s, (v) => v ** 3 + 7),
          label: Float64Array.from(l),
          minAssets: 2,
        });
        if (!Number.isNaN(expected)) expect(cubed.rankIc[0]).toBeCloseTo(d.rankIc[0], 12);
      }),
      { numRuns: 200 },
    );
  });

  it('averageRanks matches the reference (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 30 }), (xs) => {
        const out = new Float64Array(xs.length);
        averageRanks(Float64Array.from(xs), xs.length, new Float64Array(xs.length), out);
        expect([...out]).toEqual(refRanks(xs));
      }),
    );
  });

  it('radix ranks (rows of 64+) match the reference with ties, signs, -0, denormals and huge values (property)', () => {
    const special = fc.constantFrom(
      0,
      -0,
      5e-324,
      -5e-324,
      1e308,
      -1e308,
      1,
      1 + Number.EPSILON,
      -1,
      0.1,
      0.30000000000000004,
    );
    const value = fc.oneof(
      fc.integer({ min: -4, max: 4 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      special,
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 128, maxLength: 300 }), (xs) => {
        const out = new Float64Array(xs.length);
        averageRanks(Float64Array.from(xs), xs.length, new Float64Array(xs.length), out);
        expect([...out]).toEqual(refRanks(xs));
      }),
      { numRuns: 150 },
    );
  });

  it('averageRanks stays exact for values a few ulps apart', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 })), {
          minLength: 2,
          maxLength: 300,
        }),
        (xs) => {
          const vals = xs.map(([b, k]) => (1 + b) * (1 + k * Number.EPSILON));
          const out = new Float64Array(vals.length);
          averageRanks(Float64Array.from(vals), vals.length, new Float64Array(vals.length), out);
          expect([...out]).toEqual(refRanks(vals));
        },
      ),
    );
  });

  it('the float32 radix path is exact on values crowded inside one float32 step, or declines them', () => {
    const n = 200;
    const crowded = Float64Array.from({ length: n }, (_, j) => 1 + ((j * 37) % n) * Number.EPSILON);
    const out = new Float64Array(n);
    expect(radixRanks(crowded, n, out)).toBe(false); // one float32 bucket: too much fixing
    const few = Float64Array.from({ length: n }, (_, j) => (j % 50) + ((j * 7) % 3) * Number.EPSILON * 8);
    expect(radixRanks(few, n, out)).toBe(true);
    expect([...out]).toEqual(refRanks([...few]));
  });

  it('the label-rank cache gives identical results', () => {
    const rng = new Rng(2);
    const T = 30;
    const N = 40;
    const signal = Float64Array.from({ length: T * N }, (_, i) => (i % 7 === 0 ? NaN_ : rng.normal()));
    const label = Float64Array.from({ length: T * N }, () => Math.round(rng.normal() * 3));
    const a = dailyIc({ T, N, signal, label });
    const b = dailyIc({ T, N, signal, label }, labelCache(label, undefined, { T, N }));
    expect(b.rankIc).toEqual(a.rankIc);
  });
});

/** A synthetic cross-section where label = beta * signal + noise (both standard normal). */
function planted(seed: number, T: number, N: number, beta: number) {
  const rng = new Rng(seed);
  const signal = new Float64Array(T * N);
  const label = new Float64Array(T * N);
  rng.stream('signal').fillNormal(signal);
  const noise = rng.stream('noise');
  for (let i = 0; i < T * N; i++) label[i] = beta * signal[i] + noise.normal();
  return { T, N, signal, label };
}

describe('null and planted signals', () => {
  it('a random signal has an IC confidence interval covering 0', () => {
    const p = planted(1, 400, 100, 0);
    const r = evaluateSignal({ ...p, horizon: 1 });
    const ci = bootstrapSeries(r.daily.rankIc, mean, { rng: new Rng(9), resamples: 500 });
    expect(ci.lo).toBeLessThan(0);
    expect(ci.hi).toBeGreaterThan(0);
    expect(Math.abs(r.rankIc.tNW)).toBeLessThan(3);
  });

  it('a planted signal gives the planted IC within tolerance', () => {
    const beta = 0.1;
    const p = planted(2, 300, 200, beta);
    const r = evaluateSignal(p);
    const rho = beta / Math.sqrt(1 + beta * beta); // 0.0995
    const spearman = (6 / Math.PI) * Math.asin(rho / 2); // bivariate-normal Spearman
    // s.e. of a daily IC ~ 1/sqrt(200), over 300 days ~ 0.0041
    expect(r.ic.mean).toBeGreaterThan(rho - 0.012);
    expect(r.ic.mean).toBeLessThan(rho + 0.012);
    expect(r.rankIc.mean).toBeGreaterThan(spearman - 0.012);
    expect(r.rankIc.mean).toBeLessThan(spearman + 0.012);
    expect(r.rankIc.tNW).toBeGreaterThan(10);
    expect(r.rankIc.positiveShare).toBeGreaterThan(0.8);
    expect(r.coverage.overall).toBe(1);
  });

  it('IC decay is reported per horizon with NW lag h - 1', () => {
    const p = planted(3, 100, 50, 0.3);
    const noisy = planted(4, 100, 50, 0);
    const dec = icDecay({ T: p.T, N: p.N, signal: p.signal }, [
      { horizon: 1, values: p.label },
      { horizon: 5, values: noisy.label },
    ]);
    expect(dec.map((d) => d.rankIc.nwLags)).toEqual([0, 4]);
    expect(dec[0].rankIc.mean).toBeGreaterThan(0.2);
    expect(Math.abs(dec[1].rankIc.mean)).toBeLessThan(0.05);
  });
});

describe('quantiles and stability', () => {
  it('groups by signal rank and computes the long-short spread by hand', () => {
    // one date, 6 assets, 3 groups: ranks 1..6 -> groups [0,0,1,1,2,2]
    const signal = Float64Array.from([6, 5, 4, 3, 2, 1]);
    const label = Float64Array.from([0.6, 0.5, 0.4, 0.3, 0.2, 0.1]);
    const q = quantileAnalysis({ T: 1, N: 6, signal, label, groups: 3 });
    expect([...q.meanByGroup].map((v) => +v.toFixed(12))).toEqual([0.15, 0.35, 0.55]);
    expect(q.longShort[0]).toBeCloseTo(0.4, 14);
    expect(q.monotonicity).toBeCloseTo(1, 14);
  });

  it('turnover is 0 for a constant ranking and 1 for a flipped one; rank autocorrelation +-1', () => {
    const N = 10;
    const up = Float64Array.from({ length: N }, (_, a) => a);
    const down = Float64Array.from({ length: N }, (_, a) => -a);
    const same = signalStability({ T: 2, N, signal: Float64Array.from([...up, ...up]) });
    expect(same.topTurnover[1]).toBe(0);
    expect(same.rankAutocorr[1]).toBeCloseTo(1, 14);
    const flip = signalStability({ T: 2, N, signal: Float64Array.from([...up, ...down]) });
    expect(flip.topTurnover[1]).toBe(1);
    expect(flip.rankAutocorr[1]).toBeCloseTo(-1, 14);
  });

  it('past outputs do not change when future data changes (no look-ahead)', () => {
    const p = planted(5, 60, 30, 0.2);
    const base = signalStability({ T: 60, N: 30, signal: p.signal });
    const baseIc = dailyIc(p);
    const sig2 = p.signal.slice();
    const lab2 = p.label.slice();
    for (let i = 40 * 30; i < sig2.length; i++) {
      sig2[i] = -sig2[i] * 3;
      lab2[i] = lab2[i] * lab2[i];
    }
    const pert = signalStability({ T: 60, N: 30, signal: sig2 });
    const pertIc = dailyIc({ ...p, signal: sig2, label: lab2 });
    expect(pert.rankAutocorr.subarray(0, 40)).toEqual(base.rankAutocorr.subarray(0, 40));
    expect(pertIc.rankIc.subarray(0, 40)).toEqual(baseIc.rankIc.subarray(0, 40));
    expect(pertIc.rankIc[45]).not.toBe(baseIc.rankIc[45]);
  });
});

describe('many signals', () => {
  const p = planted(6, 80, 60, 0.2);
  const rng = new Rng(7);
  const noise = Float64Array.from({ length: p.T * p.N }, () => rng.normal());
  const signals = [
    { name: 'noise', values: noise },
    { name: 'good', values: p.signal },
    { name: 'bad', values: p.signal.map((v) => -v) },
  ];
  const ctx = { T: p.T, N: p.N, label: p.label, horizon: 1 };

  it('builds a table sortable by any column (NaN last, abs option)', () => {
    const rows = icTable(signals, ctx);
    expect(sortIcTable(rows, 'rankIcMean').map((r) => r.name)).toEqual(['good', 'noise', 'bad']);
    expect(sortIcTable(rows, 'rankIcMean', { ascending: true }).map((r) => r.name)).toEqual([
      'bad',
      'noise',
      'good',
    ]);
    expect(sortIcTable(rows, 'rankIcMean', { abs: true })[2].name).toBe('noise');
    expect(sortIcTable(rows, 'name', { ascending: true }).map((r) => r.name)).toEqual([
      'bad',
      'good',
      'noise',
    ]);
    expect(() => sortIcTable(rows, 'nope' as 'icMean')).toThrow(/unknown IC table column/);
  });

  it('runs the same table on worker threads', async () => {
    const seq = icTable(signals, ctx);
    const par = await icTableParallel(signals, ctx, { threads: 2 });
    expect(par).toEqual(seq);
  });

  it('correlation matrix: 1 with itself, -1 with its negation', () => {
    const m = signalCorrelation(
      signals.map((s) => s.values),
      { T: p.T, N: p.N },
    );
    expect(m[1 * 3 + 1]).toBe(1);
    expect(m[1 * 3 + 2]).toBeCloseTo(-1, 12);
    expect(m[2 * 3 + 1]).toBeCloseTo(-1, 12);
    expect(Math.abs(m[0 * 3 + 1])).toBeLessThan(0.1);
  });
});
