/**
 * Every operator, in every mode, against the straightforward reference (reference.ts) on random
 * panels with NaN, ties, constant windows, zeros and negatives.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { OPS } from '../../../src/expr/ops/index.js';
import { caseArb, firstMismatch, longCaseArb, MODES, run } from './helpers.js';
import { reference } from './reference.js';

/** Higher moments and regressions accumulate more rounding than a two-pass reference. */
const TOLERANCE: Record<string, number> = { ts_kurt: 1e-7, ts_skew: 1e-8, ts_rsquare: 1e-8 };

describe('kernels match the reference implementation', () => {
  for (const op of Object.values(OPS)) {
    it(`${op.name} in all modes`, () => {
      fc.assert(
        fc.property(caseArb(op), fc.constantFrom(...MODES), (c, mode) => {
          const got = run(op, c, mode);
          const want = reference(op.name, c.inputs, c.params, { T: c.T, N: c.N, mode, eligible: c.eligible });
          const i = firstMismatch(got, want, TOLERANCE[op.name] ?? 1e-9);
          if (i >= 0) {
            const t = Math.floor(i / c.N);
            throw new Error(
              `${op.name} ${mode} params=${c.params} T=${c.T} N=${c.N}: cell ${i} (t=${t}) got ${got[i]}, want ${want[i]}`,
            );
          }
        }),
        { numRuns: 150, seed: 20240603 },
      );
    });
  }
});

/** Residuals of near-perfect fits carry rounding of the inputs' scale (about eps * max|x|). */
function scaledTolerance(op: string, inputs: Float64Array[]): number {
  if (op !== 'ts_regresi' && op !== 'ts_resi') return TOLERANCE[op] ?? 1e-9;
  let scale = 1;
  for (const x of inputs) for (const v of x) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  return Math.max(1e-9, 1e-13 * scale);
}

/** Rolling operators on long panels with spikes: exercises periodic and spike-triggered rebuilds. */
describe('rolling kernels on long panels with spikes match the reference', () => {
  const rolling = Object.values(OPS).filter(
    (op) =>
      (op.category === 'time_series' || op.category === 'pair_time_series' || op.category === 'special') &&
      op.name !== 'ts_sumif',
  );
  for (const op of rolling) {
    it(`${op.name}`, () => {
      fc.assert(
        fc.property(longCaseArb(op), fc.constantFrom(...MODES), (c, mode) => {
          const got = run(op, c, mode);
          const want = reference(op.name, c.inputs, c.params, { T: c.T, N: c.N, mode });
          const i = firstMismatch(got, want, scaledTolerance(op.name, c.inputs));
          if (i >= 0) {
            throw new Error(
              `${op.name} ${mode} d=${c.params[0]}: cell ${i} (t=${Math.floor(i / c.N)}) got ${got[i]}, want ${want[i]}`,
            );
          }
        }),
        { numRuns: 6, seed: 7 },
      );
    });
  }
});
