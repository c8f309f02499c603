/**
 * Strict rolling sums by block decomposition (the van Herk idea applied to addition): rows are
 * cut into blocks of d; a window ending at row t is the suffix of the previous block plus the
 * prefix of the current one, both summed afresh. Nothing is ever subtracted, so there is no drift
 * and a spike leaves no trace once it exits the window; NaN propagates through the additions, so
 * a window holding NaN gives NaN without bookkeeping. Values are shifted by a per-asset pivot K
 * (the last finite value before the block) so squares do not cancel; both halves of a window use
 * the same pivot.
 */

/** Emission codes for blockMoments. */
export const BLOCK_SUM = 0;
export const BLOCK_MEAN = 1;
export const BLOCK_VAR = 2;
export const BLOCK_STD = 3;
export const BLOCK_ZSCORE = 4;

/** Near-constant threshold (kept local: transpilers make imported bindings getters in hot loops). */
const NEAR_REL = 1e-12;
/** Pivot-shifted sum of squares above this multiple of the centred one: recompute two-pass. */
const REPIVOT = 1e4;

/**
 * Strict rolling sum (scale = 1) or mean (scale = 1/d) of raw values: plain block sums, no pivot
 * (a sum has no cancellation beyond its own terms). Non-finite windows give NaN.
 */
export function blockSum(
  out: Float64Array,
  x: Float64Array,
  T: number,
  N: number,
  d: number,
  scale: number,
): void {
  const g = new Float64Array(N);
  const h = new Float64Array((d + 1) * N);
  for (let b0 = 0; b0 < T; b0 += d) {
    const b1 = Math.min(T, b0 + d) - 1;
    if (b0 > 0) {
      for (let i = d - 1; i >= 0; i--) {
        const row = (b0 - d + i) * N;
        const hi = i * N;
        for (let a = 0; a < N; a++) h[hi + a] = h[hi + N + a] + x[row + a];
      }
    }
    for (let t = b0; t <= b1; t++) {
      const i = t - b0;
      const row = t * N;
      if (i === 0) g.set(x.subarray(row, row + N));
      else for (let a = 0; a < N; a++) g[a] += x[row + a];
      if (b0 === 0 && i < d - 1) {
        out.fill(Number.NaN, row, row + N);
        continue;
      }
      const hr = (i + 1) * N;
      for (let a = 0; a < N; a++) {
        const v = (i === d - 1 ? g[a] : h[hr + a] + g[a]) * scale;
        out[row + a] = v - v === 0 ? v : Number.NaN;
      }
    }
  }
}

/** Strict rolling sum / mean / var / std / zscore of the last d rows (min_periods = d). */
export function blockMoments(
  out: Float64Array,
  x: Float64Array,
  T: number,
  N: number,
  d: number,
  emit: number,
): void {
  const K = new Float64Array(N);
  const h1 = new Float64Array((d + 1) * N);
  const h2 = new Float64Array((d + 1) * N);
  const g1 = new Float64Array(N);
  const g2 = new Float64Array(N);
  const scratch = new Float64Array(2);
  const hPair = [h1, h2];
  for (let a = 0; a < N && T > 0; a++) K[a] = firstFinite(x, T, N, a);
  for (let b0 = 0; b0 < T; b0 += d) {
    const b1 = Math.min(T, b0 + d) - 1;
    if (b0 > 0) suffixSums(x, N, d, b0 - d, K, h1, h2);
    for (let t = b0; t <= b1; t++) {
      const i = t - b0;
      const row = t * N;
      if (i === 0) {
        for (let a = 0; a < N; a++) {
          const u = x[row + a] - K[a];
          g1[a] = u;
          g2[a] = u * u;
        }
      } else {
        for (let a = 0; a < N; a++) {
          const u = x[row + a] - K[a];
          g1[a] += u;
          g2[a] += u * u;
        }
      }
      if (b0 === 0 && i < d - 1) out.fill(Number.NaN, row, row + N);
      else emitRow(out, x, t, N, d, emit, K, g1, g2, i === d - 1 ? undefined : hPair, (i + 1) * N, scratch);
    }
  }
}

/** Emit var / std / zscore for row t from the prefix sums g and (unless the window is one block) suffix sums h. */
function emitRow(
  out: Float64Array,
  x: Float64Array,
  t: number,
  N: number,
  d: number,
  emit: number,
  K: Float64Array,
  g1: Float64Array,
  g2: Float64Array,
  h: Float64Array[] | undefined,
  hRow: number,
  scratch: Float64Array,
): void {
  const row = t * N;
  const h1 = h?.[0];
  const h2 = h?.[1];
  const invD = 1 / d;
  const invDm1 = 1 / (d - 1);
  for (let a = 0; a < N; a++) {
    const s1 = h1 === undefined ? g1[a] : h1[hRow + a] + g1[a];
    const s2 = h2 === undefined ? g2[a] : h2[hRow + a] + g2[a];
    const mean = s1 * invD;
    let m2 = s2 - s1 * mean;
    let dev = x[row + a] - K[a] - mean;
    if (s2 > REPIVOT * m2 && !Number.isNaN(m2)) {
      exactWindow(x, N, a, t, d, scratch);
      m2 = scratch[0];
      dev = x[row + a] - scratch[1];
    } else if (m2 <= NEAR_REL * s2) m2 = 0;
    const variance = m2 * invDm1;
    if (emit === BLOCK_VAR) out[row + a] = variance;
    else if (emit === BLOCK_STD) out[row + a] = Math.sqrt(variance);
    else out[row + a] = m2 === 0 ? Number.NaN : dev / Math.sqrt(variance);
  }
}

/**
 * Two-pass centred sum of squares and mean of asset a's window ending at row t (the rare path
 * when the pivot is far from the window: a spike or a level jump). Equal values give exactly 0.
 */
function exactWindow(x: Float64Array, N: number, a: number, t: number, d: number, res: Float64Array): void {
  let s = 0;
  const first = (t - d + 1) * N + a;
  const last = t * N + a;
  const v0 = x[first];
  let same = true;
  for (let i = first; i <= last; i += N) {
    s += x[i];
    same = same && x[i] === v0;
  }
  const mean = s / d;
  let m2 = 0;
  if (!same) for (let i = first; i <= last; i += N) m2 += (x[i] - mean) * (x[i] - mean);
  res[0] = m2;
  res[1] = same ? v0 : mean;
}

function firstFinite(x: Float64Array, T: number, N: number, a: number): number {
  for (let t = 0; t < T; t++) {
    const v = x[t * N + a];
    if (v - v === 0) return v;
  }
  return 0;
}

/**
 * Move the pivot to the last finite value of the block starting at row p0 (kept when that value
 * is missing), then write that block's suffix sums of shifted values and squares into h1/h2
 * (row i = sum over rows p0+i .. p0+d-1; row d = 0).
 */
function suffixSums(
  x: Float64Array,
  N: number,
  d: number,
  p0: number,
  K: Float64Array,
  h1: Float64Array,
  h2: Float64Array,
): void {
  const last = (p0 + d - 1) * N;
  for (let a = 0; a < N; a++) {
    const v = x[last + a];
    if (v - v === 0) K[a] = v;
  }
  h1.fill(0, d * N, (d + 1) * N);
  h2.fill(0, d * N, (d + 1) * N);
  for (let i = d - 1; i >= 0; i--) {
    const row = (p0 + i) * N;
    const hi = i * N;
    for (let a = 0; a < N; a++) {
      const u = x[row + a] - K[a];
      h1[hi + a] = h1[hi + N + a] + u;
      h2[hi + a] = h2[hi + N + a] + u * u;
    }
  }
}
