/**
 * Circular block bootstrap (Politis & Romano 1992) with percentile confidence intervals.
 * Blocks of `blockLength` consecutive observations start at uniform positions and wrap around
 * the end, so every observation is equally likely to be drawn. Randomness comes only from the
 * Rng passed in.
 */
import { AgoraError, type Rng } from '../../core/index.js';
import { finiteOnly } from './moments.js';

export interface BootstrapOptions {
  rng: Rng;
  /** Number of resamples (default 1000). */
  resamples?: number;
  /** Block length (default ceil(n^(1/3)), at least 1). */
  blockLength?: number;
  /** Two-sided confidence level (default 0.95). */
  level?: number;
}

export interface BootstrapCI {
  estimate: number;
  lo: number;
  hi: number;
  level: number;
  blockLength: number;
  resamples: number;
}

/** Default block length: ceil(n^(1/3)). */
export function defaultBlockLength(n: number): number {
  return Math.max(1, Math.ceil(Math.cbrt(n)));
}

/** Fill `out` with circular-block resampled indices into [0, n). */
export function resampleIndices(n: number, blockLength: number, rng: Rng, out: Int32Array): void {
  let k = 0;
  while (k < n) {
    const start = rng.int(n);
    for (let j = 0; j < blockLength && k < n; j++) out[k++] = (start + j) % n;
  }
}

/**
 * Percentile CI of `stat` computed on index-resampled data (use it for paired series, e.g.
 * portfolio and benchmark returns). `stat(null)` must return the full-sample estimate.
 */
export function blockBootstrap(
  n: number,
  stat: (indices: Int32Array | null) => number,
  opts: BootstrapOptions,
): BootstrapCI {
  const resamples = opts.resamples ?? 1000;
  const level = opts.level ?? 0.95;
  const blockLength = opts.blockLength ?? defaultBlockLength(n);
  if (n < 2) throw new AgoraError('INVALID_ARGUMENT', `bootstrap needs at least 2 observations, got ${n}`);
  if (!(level > 0 && level < 1))
    throw new AgoraError('INVALID_ARGUMENT', `level must be in (0, 1), got ${level}`);
  const idx = new Int32Array(n);
  const draws = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    resampleIndices(n, blockLength, opts.rng, idx);
    draws[b] = stat(idx);
  }
  const finite = finiteOnly(draws).sort();
  const alpha = (1 - level) / 2;
  return {
    estimate: stat(null),
    lo: quantileSorted(finite, alpha),
    hi: quantileSorted(finite, 1 - alpha),
    level,
    blockLength,
    resamples,
  };
}

/** CI of a statistic of one series (NaN entries are dropped first). */
export function bootstrapSeries(
  series: ArrayLike<number>,
  stat: (x: Float64Array) => number,
  opts: BootstrapOptions,
): BootstrapCI {
  const x = finiteOnly(series);
  const buf = new Float64Array(x.length);
  return blockBootstrap(
    x.length,
    (idx) => {
      if (idx === null) return stat(x);
      for (let i = 0; i < idx.length; i++) buf[i] = x[idx[i]];
      return stat(buf);
    },
    opts,
  );
}

/** Linear-interpolated quantile of a sorted array (type 7). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}
