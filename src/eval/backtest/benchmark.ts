/**
 * Benchmarks as daily return series aligned with the backtest dates (NaN on day 0):
 *   - an index: close-to-close returns of a level series (e.g. 000300.SH), NaN-safe;
 *   - the equal-weight universe: on day t, the mean close-to-close return of the assets eligible
 *     at the close of t-1 with a finite close on both days (daily rebalanced, no costs).
 */
import { AgoraError } from '../../core/index.js';
import type { MarketData } from './types.js';

export function indexReturns(levels: ArrayLike<number>): Float64Array {
  const out = new Float64Array(levels.length).fill(Number.NaN);
  let prev = Number.NaN;
  for (let t = 0; t < levels.length; t++) {
    const v = levels[t];
    if (t > 0 && Number.isFinite(v) && prev > 0) out[t] = v / prev - 1;
    if (Number.isFinite(v)) prev = v;
  }
  return out;
}

export function equalWeightReturns(md: Pick<MarketData, 'T' | 'N' | 'close' | 'eligible'>): Float64Array {
  const { T, N, close, eligible } = md;
  const out = new Float64Array(T).fill(Number.NaN);
  for (let t = 1; t < T; t++) {
    let s = 0;
    let n = 0;
    for (let a = 0; a < N; a++) {
      const p0 = close[(t - 1) * N + a];
      const p1 = close[t * N + a];
      if (eligible[(t - 1) * N + a] === 1 && p0 > 0 && Number.isFinite(p1)) {
        s += p1 / p0 - 1;
        n++;
      }
    }
    if (n > 0) out[t] = s / n;
  }
  return out;
}

/** Levels from returns, starting at `start` (NaN returns count as 0 for the level path). */
export function levelsFromReturns(returns: ArrayLike<number>, start = 1): Float64Array {
  const out = new Float64Array(returns.length);
  let v = start;
  for (let t = 0; t < returns.length; t++) {
    if (t > 0 && Number.isFinite(returns[t])) v *= 1 + returns[t];
    out[t] = v;
  }
  return out;
}

/** Align an index series given by date onto the backtest dates (missing dates give NaN). */
export function alignByDate(
  dates: readonly string[],
  src: { dates: readonly string[]; values: ArrayLike<number> },
): Float64Array {
  if (src.dates.length !== src.values.length) {
    throw new AgoraError('INVALID_ARGUMENT', 'benchmark dates and values differ in length');
  }
  const map = new Map<string, number>();
  src.dates.forEach((d, i) => {
    map.set(d, src.values[i]);
  });
  return Float64Array.from(dates, (d) => map.get(d) ?? Number.NaN);
}
