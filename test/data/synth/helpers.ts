/** Test helpers: small configs and independent reference computations. */
import type { SynthConfigInput } from '../../../src/data/synth/index.js';

export const QUIET_EVENTS = { ipoFraction: 0, suspensionRate: 0, stFraction: 0 };

export function small(over: Partial<SynthConfigInput> = {}): SynthConfigInput {
  return { assets: 120, periods: 260, start: '2019-06-03', ...over };
}

/** Pearson correlation of paired finite values. */
export function pearson(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    sxy += (xs[k] - mx) * (ys[k] - my);
    sxx += (xs[k] - mx) ** 2;
    syy += (ys[k] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Mean over dates of corr(signal[t], close[t+h]/close[t]-1) over tradable assets, from t0. */
export function referenceIC(
  signal: Float64Array,
  close: Float64Array,
  tradable: Uint8Array,
  T: number,
  N: number,
  h: number,
  t0 = 0,
): number {
  let sum = 0;
  let count = 0;
  for (let t = t0; t + h < T; t++) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let a = 0; a < N; a++) {
      const i = t * N + a;
      const y = close[i + h * N] / close[i] - 1;
      if (tradable[i] === 1 && Number.isFinite(signal[i]) && Number.isFinite(y)) {
        xs.push(signal[i]);
        ys.push(y);
      }
    }
    if (xs.length < 3) continue;
    sum += pearson(xs, ys);
    count++;
  }
  return sum / count;
}

/** Average-tie percentile rank in (0, 1] of the finite entries (straightforward O(n^2)). */
export function naiveRank(values: number[]): number[] {
  const valid = values.filter((v) => Number.isFinite(v));
  return values.map((v) => {
    if (!Number.isFinite(v)) return Number.NaN;
    const below = valid.filter((u) => u < v).length;
    const equal = valid.filter((u) => u === v).length;
    return (below + (equal + 1) / 2) / valid.length;
  });
}
