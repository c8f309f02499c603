/**
 * Shifts: ts_ref (x[t-d]; negative d reads the future and is allowed only in labels, which the
 * linter enforces) and ts_delta (x[t] - x[t-d]). Rows without a source row are NaN. Same in
 * every mode.
 */
import { AgoraError } from '../../core/index.js';
import type { Kernel } from '../types.js';
import { windowParam } from './common.js';

function shiftParam(params: readonly number[]): number {
  const d = params[0];
  if (d === undefined || !Number.isInteger(d)) {
    throw new AgoraError('INVALID_ARGUMENT', `ts_ref: shift must be an integer, got ${String(d)}`, {
      hint: 'write ts_ref(x, 5) for 5 rows back (negative = future, labels only)',
    });
  }
  return d;
}

export const tsRef: Kernel = (out, [x], params, { T, N }) => {
  const d = shiftParam(params);
  out.fill(Number.NaN);
  const lo = Math.max(0, d);
  const hi = Math.min(T, T + d);
  if (lo < hi) out.set(x.subarray((lo - d) * N, (hi - d) * N), lo * N);
};

export const tsDelta: Kernel = (out, [x], params, { T, N }) => {
  const d = windowParam('ts_delta', params);
  const start = Math.min(T, d) * N;
  out.fill(Number.NaN, 0, start);
  for (let i = start; i < T * N; i++) out[i] = x[i] - x[i - d * N];
};
