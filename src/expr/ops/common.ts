/**
 * Shared helpers for kernels: mode policies (warm-up and NaN rules per operators.md), argument
 * checks with errors for people, and the finiteness test used in hot loops.
 */
import { AgoraError } from '../../core/index.js';
import type { KernelContext, Mode } from '../types.js';

/**
 * Rolling-window policy of a mode. `strict`: any NaN (or +-Inf) in the window gives NaN and the
 * window must be full (min_periods = d): canonical and alphagen. Otherwise (qlib): partial
 * windows, non-finite values skipped, output once `minObs` valid values are in the window.
 */
export interface WindowPolicy {
  strict: boolean;
  /** Minimum number of valid observations in the window for an output. */
  need: number;
}

/** Window policy for an operator that has a Qlib counterpart (partial windows in qlib mode). */
export function windowPolicy(mode: Mode, d: number, minObs: number): WindowPolicy {
  if (mode === 'qlib') return { strict: false, need: Math.max(1, minObs) };
  return { strict: true, need: Math.max(d, minObs) };
}

/** Strict policy regardless of mode (GTJA-only operators: no Qlib counterpart). */
export function strictPolicy(d: number, minObs: number): WindowPolicy {
  return { strict: true, need: Math.max(d, minObs) };
}

/** Rows between full recomputations of running sums (bounds floating-point drift). */
export function rebuildEvery(d: number): number {
  return Math.max(128, 2 * d);
}

/** Relative threshold under which a centred sum of squares is rounding noise (constant window). */
export const NEAR_CONSTANT_REL = 1e-12;

/**
 * Re-pivot threshold: when a running sum of squared pivot offsets exceeds this multiple of the
 * centred sum of squares, the pivot is far from the window (a spike or a level shift) and the
 * asset's sums are rebuilt around a central value (relative error then stays near 1e-12).
 */
export const REPIVOT_RATIO = 1e4;

/**
 * The finite value of asset a in rows [from, to] closest to their mean (NaN if none): a pivot that
 * is an actual data value, so a constant window has exactly zero offsets.
 */
export function centralValue(x: Float64Array, N: number, a: number, from: number, to: number): number {
  let s = 0;
  let n = 0;
  for (let r = Math.max(0, from); r <= to; r++) {
    const v = x[r * N + a];
    if (v - v === 0) {
      s += v;
      n++;
    }
  }
  if (n === 0) return Number.NaN;
  const m = s / n;
  let best = Number.NaN;
  let gap = Number.POSITIVE_INFINITY;
  for (let r = Math.max(0, from); r <= to; r++) {
    const v = x[r * N + a];
    if (v - v === 0 && Math.abs(v - m) < gap) {
      gap = Math.abs(v - m);
      best = v;
    }
  }
  return best;
}

/** Read a window parameter: an integer >= 1 (the language floors and checks; this guards). */
export function windowParam(op: string, params: readonly number[], index = 0): number {
  const d = params[index];
  if (d === undefined || !Number.isInteger(d) || d < 1) {
    throw new AgoraError('INVALID_ARGUMENT', `${op}: window must be an integer >= 1, got ${String(d)}`, {
      hint: `write a positive whole number of rows, e.g. ${op}(x, 10)`,
    });
  }
  return d;
}

/** Read a constant parameter that must be a finite number. */
export function constantParam(op: string, params: readonly number[], index: number, what: string): number {
  const c = params[index];
  if (c === undefined || !Number.isFinite(c)) {
    throw new AgoraError('INVALID_ARGUMENT', `${op}: ${what} must be a finite number, got ${String(c)}`, {
      hint: `pass a literal number as the ${what} argument of ${op}`,
    });
  }
  return c;
}

/** Check the output and input lengths against T*N once per kernel call. */
export function checkShapes(
  op: string,
  out: Float64Array,
  inputs: readonly Float64Array[],
  arity: number,
  ctx: KernelContext,
): void {
  const size = ctx.T * ctx.N;
  if (inputs.length < arity) {
    throw new AgoraError('INVALID_ARGUMENT', `${op}: expected ${arity} series inputs, got ${inputs.length}`, {
      hint: 'pass the series arguments in signature order',
    });
  }
  if (out.length !== size) {
    throw new AgoraError('INVALID_ARGUMENT', `${op}: output length ${out.length} != T*N = ${size}`);
  }
  for (let k = 0; k < arity; k++) {
    if (inputs[k].length !== size) {
      throw new AgoraError(
        'INVALID_ARGUMENT',
        `${op}: input ${k} has length ${inputs[k].length}, expected T*N = ${size}`,
        {
          hint: 'all series of one evaluation must come from the same panel (date-major T x N)',
        },
      );
    }
  }
}
