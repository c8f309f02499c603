/** No drift over 3000 rows; the registry agrees with the language signatures; the Inf rule helper. */
import { describe, expect, it } from 'vitest';
import { AgoraError, Rng } from '../../../src/core/index.js';
import { getOp, infToNaN, OPS } from '../../../src/expr/ops/index.js';
import { SIGNATURES } from '../../../src/expr/signatures.js';
import { runNamed } from './helpers.js';

/** A price-like random walk around 1e4 (level far from the spread: cancellation-prone). */
function walk(T: number, N: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const x = new Float64Array(T * N);
  for (let a = 0; a < N; a++) {
    let p = 1e4 * (1 + a);
    for (let t = 0; t < T; t++) {
      p *= 1 + 0.01 * rng.normal();
      x[t * N + a] = p;
    }
  }
  return x;
}

function twoPass(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  const m2 = xs.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(m2 / (xs.length - 1)) };
}

describe('no drift over 3000 rows', () => {
  const T = 3000;
  const N = 3;
  const d = 20;
  const x = walk(T, N, 1);
  const y = walk(T, N, 2);
  const win = (arr: Float64Array, a: number, t: number): number[] =>
    Array.from({ length: d }, (_, k) => arr[(t - d + 1 + k) * N + a]);

  it('ts_mean, ts_std, ts_zscore, ts_corr, ts_slope match two-pass values at every 97th row', () => {
    const mean = runNamed('ts_mean', [x], [d], T, N);
    const std = runNamed('ts_std', [x], [d], T, N);
    const z = runNamed('ts_zscore', [x], [d], T, N);
    const corr = runNamed('ts_corr', [x, y], [d], T, N);
    const slope = runNamed('ts_slope', [x], [d], T, N);
    for (let t = d - 1; t < T; t += 97) {
      for (let a = 0; a < N; a++) {
        const w = win(x, a, t);
        const v = win(y, a, t);
        const ref = twoPass(w);
        const i = t * N + a;
        expect(Math.abs(mean[i] - ref.mean) / ref.mean).toBeLessThan(1e-13);
        expect(Math.abs(std[i] - ref.sd) / ref.sd).toBeLessThan(1e-9);
        expect(Math.abs(z[i] - (w[d - 1] - ref.mean) / ref.sd)).toBeLessThan(1e-8);
        const rv = twoPass(v);
        const cov = w.reduce((s, wi, k) => s + (wi - ref.mean) * (v[k] - rv.mean), 0) / (d - 1);
        expect(Math.abs(corr[i] - cov / (ref.sd * rv.sd))).toBeLessThan(1e-9);
        const jbar = (d + 1) / 2;
        const sxy = w.reduce((s, wi, k) => s + (k + 1 - jbar) * (wi - ref.mean), 0);
        expect(Math.abs(slope[i] - sxy / ((d * (d * d - 1)) / 12)) / ref.sd).toBeLessThan(1e-9);
      }
    }
  });

  it('decay_linear and ts_sum stay exact to 1e-12 relative at the last row', () => {
    const dl = runNamed('decay_linear', [x], [d], T, N);
    const sum = runNamed('ts_sum', [x], [d], T, N);
    for (let a = 0; a < N; a++) {
      const w = win(x, a, T - 1);
      const wsum = w.reduce((s, v, k) => s + (k + 1) * v, 0) / ((d * (d + 1)) / 2);
      expect(Math.abs(dl[(T - 1) * N + a] - wsum) / wsum).toBeLessThan(1e-12);
      const s = w.reduce((acc, v) => acc + v, 0);
      expect(Math.abs(sum[(T - 1) * N + a] - s) / s).toBeLessThan(1e-12);
    }
  });

  it('a spike leaving the window does not poison the variance', () => {
    const z = Float64Array.from({ length: 60 }, (_, t) => (t === 10 ? 1e12 : 1 + (t % 3) * 1e-3));
    const sd = runNamed('ts_std', [z], [5], 60, 1);
    const tail = Array.from({ length: 5 }, (_, k) => z[55 + k]);
    expect(Math.abs(sd[59] - twoPass(tail).sd)).toBeLessThan(1e-12);
  });
});

describe('registry', () => {
  it('has exactly the operators of the language signatures, with the same kinds', () => {
    expect(new Set(Object.keys(OPS))).toEqual(new Set(SIGNATURES.keys()));
    for (const [name, sig] of SIGNATURES) {
      const op = OPS[name];
      expect(op.name, name).toBe(name);
      expect(op.category, name).toBe(sig.category);
      expect([...op.args], name).toEqual([...sig.args]);
      expect(op.commutative, name).toBe(sig.commutative);
      expect(op.doc.length, name).toBeGreaterThan(2);
    }
  });

  it('declares look-back per operator', () => {
    expect(OPS.abs.lookback([])).toBe(0);
    expect(OPS.cs_rank.lookback([])).toBe(0);
    expect(OPS.ts_mean.lookback([20])).toBe(19);
    expect(OPS.ts_corr.lookback([10])).toBe(9);
    expect(OPS.ts_delta.lookback([5])).toBe(5);
    expect(OPS.ts_ref.lookback([5])).toBe(5);
    expect(OPS.ts_ref.lookback([-5])).toBe(0);
    expect(OPS.ts_quantile.lookback([7, 0.5])).toBe(6);
    expect(OPS.sma.lookback([13, 2])).toBe(0);
    expect(OPS.gtja_self143.lookback([])).toBe(1);
    expect(OPS.ts_regbeta_where.lookback([6])).toBe(5);
  });

  it('getOp names close matches in its error', () => {
    expect(getOp('ts_mean')).toBe(OPS.ts_mean);
    try {
      getOp('mean');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AgoraError);
      expect((e as AgoraError).code).toBe('NOT_FOUND');
      expect((e as AgoraError).message).toContain('ts_mean');
    }
  });

  it('kernels refuse bad windows and quantiles with a fix', () => {
    expect(() => runNamed('ts_mean', [new Float64Array(4)], [0], 4, 1)).toThrow(
      /window must be an integer >= 1/,
    );
    expect(() => runNamed('ts_quantile', [new Float64Array(4)], [2, 1.5], 4, 1)).toThrow(
      /q must be in \[0, 1\]/,
    );
    expect(() =>
      runNamed('ind_neutralize', [new Float64Array(2), Float64Array.from([0.5, 1])], [], 1, 2),
    ).toThrow(/integer/);
  });
});

describe('infToNaN', () => {
  it('replaces +-Inf in place and counts them', () => {
    const a = Float64Array.from([1, Number.POSITIVE_INFINITY, Number.NaN, Number.NEGATIVE_INFINITY, 0]);
    expect(infToNaN(a)).toBe(2);
    expect(Array.from(a).map((v) => (Number.isNaN(v) ? 'nan' : v))).toEqual([1, 'nan', 'nan', 'nan', 0]);
  });
});
