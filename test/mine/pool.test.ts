import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import { dailyCorrelation, meanStd, rankRows, zscoreRows } from '../../src/mine/cross-section.js';
import { coordinateDescentL1, solveSpd } from '../../src/mine/linalg.js';
import { AlphaPool, combine } from '../../src/mine/pool.js';

const T = 120;
const N = 60;

function noise(rng: Rng): Float64Array {
  const x = new Float64Array(T * N);
  rng.fillNormal(x);
  return x;
}

function planted(seed: number) {
  const rng = new Rng(seed);
  const s1 = noise(rng);
  const s2 = noise(rng);
  const eps = noise(rng);
  const label = new Float64Array(T * N);
  for (let i = 0; i < label.length; i++) label[i] = 0.3 * s1[i] + 0.2 * s2[i] + eps[i];
  return { rng, s1, s2, label };
}

describe('cross-section helpers', () => {
  it('zscoreRows gives mean 0 / sd 1 per date over valid values and fills the rest', () => {
    const v = new Float64Array([1, 2, 3, Number.NaN, 10, 10, 10, 10]);
    zscoreRows(v, 2, 4, undefined, 0);
    expect(v[0]).toBeCloseTo(-1);
    expect(v[1]).toBeCloseTo(0);
    expect(v[2]).toBeCloseTo(1);
    expect(v[3]).toBe(0);
    expect([...v.subarray(4)]).toEqual([0, 0, 0, 0]);
  });
  it('rankRows uses average ties and skips ineligible cells', () => {
    const r = rankRows(new Float64Array([3, 1, 3, 2]), 1, 4, new Uint8Array([1, 1, 1, 0]));
    expect([...r]).toEqual([2.5, 1, 2.5, Number.NaN]);
  });
  it('dailyCorrelation equals a direct Pearson computation', () => {
    const x = new Float64Array([1, 2, 3, 4, 1, 1, 2, 2]);
    const y = new Float64Array([2, 4, 5, Number.NaN, 1, 2, 3, 4]);
    const d = dailyCorrelation(x, y, 2, 4, new Float64Array(2), 2);
    const pearson = (a: number[], b: number[]) => {
      const ma = a.reduce((s, v) => s + v) / a.length;
      const mb = b.reduce((s, v) => s + v) / b.length;
      let c = 0;
      let va = 0;
      let vb = 0;
      for (let i = 0; i < a.length; i++) {
        c += (a[i] - ma) * (b[i] - mb);
        va += (a[i] - ma) ** 2;
        vb += (b[i] - mb) ** 2;
      }
      return c / Math.sqrt(va * vb);
    };
    expect(d[0]).toBeCloseTo(pearson([1, 2, 3], [2, 4, 5]), 12);
    expect(d[1]).toBeCloseTo(pearson([1, 1, 2, 2], [1, 2, 3, 4]), 12);
  });
});

describe('linalg', () => {
  it('solveSpd solves a 3x3 system', () => {
    const A = new Float64Array([4, 1, 0, 1, 3, 1, 0, 1, 2]);
    const x = solveSpd(A, new Float64Array([1, 2, 3]), 3, 0)!;
    const back = [0, 1, 2].map((i) => A[i * 3] * x[0] + A[i * 3 + 1] * x[1] + A[i * 3 + 2] * x[2]);
    expect(back[0]).toBeCloseTo(1, 10);
    expect(back[1]).toBeCloseTo(2, 10);
    expect(back[2]).toBeCloseTo(3, 10);
    expect(solveSpd(new Float64Array([1, 1, 1, 1]), new Float64Array([1, 1]), 2, 0)).toBeNull();
  });
  it('L1 coordinate descent zeroes a weak coefficient and matches the closed form at l1=0', () => {
    const A = new Float64Array([1, 0, 0, 1]);
    const b = new Float64Array([0.5, 0.05]);
    const w0 = coordinateDescentL1(A, b, 2, 0, 0, new Float64Array(2));
    expect(w0[0]).toBeCloseTo(0.5);
    expect(w0[1]).toBeCloseTo(0.05);
    const w = coordinateDescentL1(A, b, 2, 0, 0.1, new Float64Array(2));
    expect(w[0]).toBeCloseTo(0.4);
    expect(w[1]).toBe(0);
  });
});

describe('AlphaPool', () => {
  it('accepts planted signals, weights them in proportion, and improves the objective', () => {
    const { rng, s1, s2, label } = planted(1);
    const pool = new AlphaPool(label, T, N, undefined, { capacity: 5 });
    const r1 = pool.offer('s1', s1);
    expect(r1.accepted).toBe(true);
    expect(r1.ic).toBeGreaterThan(0.2);
    const r2 = pool.offer('s2', s2);
    expect(r2.accepted).toBe(true);
    expect(r2.after).toBeGreaterThan(r2.before);
    const m = pool.members();
    expect(m[0].weight / m[1].weight).toBeGreaterThan(1.1);
    expect(m[0].weight / m[1].weight).toBeLessThan(2.2);
    pool.offer('noise', noise(rng));
    expect(pool.best.objective).toBeGreaterThanOrEqual(r2.after - 1e-12);
  });

  it('closed-form weights are at least as good as any weights on a grid (K = 2)', () => {
    const { s1, s2, label } = planted(2);
    const pool = new AlphaPool(label, T, N, undefined);
    pool.offer('s1', s1);
    pool.offer('s2', s2);
    const a = pool.normalise(s1);
    const b = pool.normalise(s2);
    const y = pool.normalise(label, Number.NaN);
    let best = Number.NEGATIVE_INFINITY;
    for (let th = 0; th < Math.PI; th += Math.PI / 90) {
      const c = combine([a, b], [Math.cos(th), Math.sin(th)], T * N);
      best = Math.max(best, meanStd(dailyCorrelation(c, y, T, N)).mean);
    }
    expect(pool.objective).toBeGreaterThan(best - 2e-3);
  });

  it('rejects near-duplicates, duplicates and non-finite alphas', () => {
    const { s1, label } = planted(3);
    const pool = new AlphaPool(label, T, N, undefined);
    pool.offer('s1', s1);
    const scaled = s1.map((v, i) => 2 * v + 1e-6 * (i % 7));
    expect(pool.offer('2*s1', scaled).reason).toBe('too_correlated');
    expect(pool.offer('s1', s1).reason).toBe('duplicate');
    expect(pool.offer('nan', new Float64Array(T * N).fill(Number.NaN)).reason).toBe('not_finite');
    const low = new AlphaPool(label, T, N, undefined, { icThreshold: 0.5 });
    expect(low.offer('s1', s1).reason).toBe('low_ic');
  });

  it('evicts the smallest-weight member past capacity and keeps the best snapshot', () => {
    const { rng, s1, s2, label } = planted(4);
    for (const eviction of ['min_weight', 'leave_one_out'] as const) {
      const pool = new AlphaPool(label, T, N, undefined, { capacity: 2, eviction });
      pool.offer('s1', s1);
      pool.offer('n1', noise(rng));
      pool.offer('s2', s2);
      expect(pool.size).toBe(2);
      expect(
        pool
          .members()
          .map((m) => m.formula)
          .sort(),
      ).toEqual(['s1', 's2']);
      expect(pool.best.members.map((m) => m.formula).sort()).toEqual(['s1', 's2']);
    }
  });

  it('rank_ic and icir objectives are measured on the combination', () => {
    const { s1, label } = planted(5);
    const rank = new AlphaPool(label, T, N, undefined, { objective: 'rank_ic' });
    rank.offer(
      's1',
      s1.map((v) => v ** 3),
    );
    expect(rank.objective).toBeGreaterThan(0.2);
    const icir = new AlphaPool(label, T, N, undefined, { objective: 'icir' });
    icir.offer('s1', s1);
    expect(icir.objective).toBeGreaterThan(1);
  });
});
