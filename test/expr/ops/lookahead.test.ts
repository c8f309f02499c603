/**
 * No look-ahead: for every operator and mode, changing data after row t0 leaves every output at
 * rows <= t0 unchanged (bit for bit). ts_ref with a negative shift is the labels-only exception and
 * must declare its look-ahead instead.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPS } from '../../../src/expr/ops/index.js';
import { type Case, caseArb, cell, MODES, run } from './helpers.js';

function perturbAfter(c: Case, t0: number, noise: number[], groupArg: number): Case {
  const cut = (t0 + 1) * c.N;
  const inputs = c.inputs.map((x, k) => {
    const y = x.slice();
    for (let i = cut; i < y.length; i++) {
      const v = noise[i % noise.length];
      y[i] = k === groupArg && !Number.isNaN(v) ? Math.abs(Math.round(v)) % 3 : v;
    }
    return y;
  });
  const eligible = c.eligible?.slice();
  if (eligible) for (let i = cut; i < eligible.length; i++) eligible[i] = 1 - eligible[i];
  return { ...c, inputs, eligible };
}

function samePrefix(a: Float64Array, b: Float64Array, n: number): number {
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

describe('no operator reads the future', () => {
  for (const op of Object.values(OPS)) {
    it(op.name, () => {
      fc.assert(
        fc.property(
          caseArb(op, 40),
          fc.constantFrom(...MODES),
          fc.nat(),
          fc.array(cell, { minLength: 7, maxLength: 7 }),
          (c, mode, seed, noise) => {
            if (op.name === 'ts_ref' && c.params[0] < 0) return;
            const t0 = seed % c.T;
            const before = run(op, c, mode);
            const after = run(op, perturbAfter(c, t0, noise, op.args.indexOf('group')), mode);
            const i = samePrefix(before, after, (t0 + 1) * c.N);
            if (i >= 0)
              throw new Error(`${op.name} ${mode}: output at t=${Math.floor(i / c.N)} <= ${t0} changed`);
          },
        ),
        { numRuns: 80, seed: 99 },
      );
    });
  }

  it('ts_ref with a negative shift declares its look-ahead (labels only)', () => {
    const ref = OPS.ts_ref;
    expect(ref.lookahead?.([-5])).toBe(5);
    expect(ref.lookahead?.([3])).toBe(0);
    for (const op of Object.values(OPS))
      if (op.name !== 'ts_ref') expect(op.lookahead?.([5, 0.5]) ?? 0).toBe(0);
  });
});
