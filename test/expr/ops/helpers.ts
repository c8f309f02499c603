/** Shared test helpers: random panels with NaN, ties, zeros and negatives; tolerant comparison. */
import fc from 'fast-check';
import { OPS } from '../../../src/expr/ops/index.js';
import type { KernelContext, Mode, OpSpec } from '../../../src/expr/types.js';

export const MODES: readonly Mode[] = ['canonical', 'alphagen', 'qlib'];

/** A value on a coarse grid (many ties and zeros), negative or positive, NaN about 10% of the time. */
export const cell = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: -8, max: 8 }).map((k) => k / 2) },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
);

export interface Case {
  T: number;
  N: number;
  inputs: Float64Array[];
  params: number[];
  eligible: Uint8Array | undefined;
}

function seriesArb(size: number, kind: 'series' | 'group' | 'cond'): fc.Arbitrary<Float64Array> {
  const value =
    kind === 'group'
      ? fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: 0, max: 2 }) },
          { weight: 1, arbitrary: fc.constant(Number.NaN) },
        )
      : kind === 'cond'
        ? fc.constantFrom(0, 1, 1, Number.NaN)
        : cell;
  return fc.array(value, { minLength: size, maxLength: size }).map((v) => Float64Array.from(v));
}

/** Parameter arbitraries per operator (windows 1..6, ts_ref -3..6, the constants of each op). */
function paramsArb(op: OpSpec): fc.Arbitrary<number[]> {
  if (op.name === 'ts_ref') return fc.integer({ min: -3, max: 6 }).map((d) => [d]);
  if (op.name === 'sma')
    return fc.integer({ min: 1, max: 6 }).chain((n) => fc.integer({ min: 1, max: n }).map((m) => [n, m]));
  if (op.name === 'ts_quantile')
    return fc
      .tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom(0, 0.25, 0.5, 0.8, 1))
      .map(([d, q]) => [d, q]);
  if (op.name === 'cs_scale') return fc.constantFrom([1], [2], [-0.5]);
  const windows = op.args.filter((a) => a === 'window').length;
  return fc.array(fc.integer({ min: 1, max: 6 }), { minLength: windows, maxLength: windows });
}

/** Random case for an operator: T 1..30 dates, N 1..4 assets, optional eligibility mask. */
export function caseArb(op: OpSpec, maxT = 30): fc.Arbitrary<Case> {
  return fc
    .record({ T: fc.integer({ min: 1, max: maxT }), N: fc.integer({ min: 1, max: 4 }) })
    .chain(({ T, N }) => {
      const series = op.args
        .map((a, k) => ({ a, k }))
        .filter(({ a }) => a === 'series' || a === 'group')
        .map(({ a, k }) => {
          const isCond = (op.name === 'ts_sumif' && k === 2) || (op.name === 'ts_regbeta_where' && k === 2);
          return seriesArb(T * N, a === 'group' ? 'group' : isCond ? 'cond' : 'series');
        });
      const eligible =
        op.category === 'cross_section'
          ? fc.option(
              fc
                .array(fc.constantFrom(0, 1, 1, 1), { minLength: T * N, maxLength: T * N })
                .map((v) => Uint8Array.from(v)),
              {
                nil: undefined,
              },
            )
          : fc.constant(undefined);
      return fc.record({
        T: fc.constant(T),
        N: fc.constant(N),
        inputs: fc.tuple(...series).map((s) => [...s]),
        params: paramsArb(op),
        eligible,
      });
    });
}

export function run(op: OpSpec, c: Case, mode: Mode): Float64Array {
  const out = new Float64Array(c.T * c.N).fill(12345);
  const ctx: KernelContext = { T: c.T, N: c.N, mode, eligible: c.eligible };
  op.kernel(out, c.inputs, c.params, ctx);
  return out;
}

export function runNamed(
  name: string,
  inputs: Float64Array[],
  params: number[],
  T: number,
  N: number,
  mode: Mode = 'canonical',
): Float64Array {
  return run(OPS[name], { T, N, inputs, params, eligible: undefined }, mode);
}

/** Same value: both NaN, identical, or within a relative tolerance. */
export function close(a: number, b: number, rel = 1e-9): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}

/** First index where two arrays differ (per `close`), or -1. */
export function firstMismatch(a: Float64Array, b: Float64Array, rel = 1e-9): number {
  for (let i = 0; i < a.length; i++) if (!close(a[i], b[i], rel)) return i;
  return -1;
}

/** Values with rare large spikes (1e7) to exercise rebuilds after a spike leaves the window. */
export const spikyCell = fc.oneof(
  { weight: 40, arbitrary: fc.integer({ min: -8, max: 8 }).map((k) => k / 2 + 100) },
  { weight: 3, arbitrary: fc.constant(Number.NaN) },
  { weight: 1, arbitrary: fc.constantFrom(1e7, -3e6) },
);

/** Long case (T 130..400, so periodic rebuilds run; windows up to 40). */
export function longCaseArb(op: OpSpec): fc.Arbitrary<Case> {
  return fc
    .record({ T: fc.integer({ min: 130, max: 400 }), N: fc.integer({ min: 1, max: 3 }) })
    .chain(({ T, N }) => {
      const nSeries = op.args.filter((a) => a === 'series').length;
      const series = Array.from({ length: nSeries }, (_, k) =>
        op.name === 'ts_regbeta_where' && k === 2
          ? fc
              .array(fc.constantFrom(0, 1, 1), { minLength: T * N, maxLength: T * N })
              .map((v) => Float64Array.from(v))
          : fc.array(spikyCell, { minLength: T * N, maxLength: T * N }).map((v) => Float64Array.from(v)),
      );
      const params =
        op.name === 'ts_quantile' || op.name === 'sma'
          ? fc.integer({ min: 1, max: 40 }).map((d) => [d, op.name === 'sma' ? 1 : 0.3])
          : fc.integer({ min: 1, max: 40 }).map((d) => [d]);
      return fc.record({
        T: fc.constant(T),
        N: fc.constant(N),
        inputs: fc.tuple(...series).map((s) => [...s]),
        params,
        eligible: fc.constant(undefined),
      });
    });
}
