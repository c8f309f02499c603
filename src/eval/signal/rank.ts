/**
 * Cross-sectional ranks with average ties (1-based), the convention of Spearman's rho:
 * tied values share the mean of the positions they occupy.
 */
import { radixRanks } from './radix.js';

/** First position in sorted[0..n) whose value is >= v. */
export function lowerBound(sorted: Float64Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Average ranks of x[0..n) into out[0..n); `sorted` is scratch of length >= n.
 * x must hold finite values only.
 *
 * Rows of RADIX_MIN or more values use an exact radix sort on float32 keys (radix.ts). Otherwise
 * (or when that gives up on crowded values): each value's low mantissa bits are overwritten with its index, the keys are sorted
 * natively, and ties are found by comparing the ORIGINAL values of neighbours, so ranks stay
 * exact. Overwriting low bits can only swap values that differ by less than ~2^-42 relative;
 * the walk checks that the original values come out non-decreasing and otherwise redoes the
 * row with the exact sort + binary search method.
 */
export function averageRanks(x: Float64Array, n: number, sorted: Float64Array, out: Float64Array): void {
  if (n <= 1) {
    if (n === 1) out[0] = 1;
    return;
  }
  if (n >= RADIX_MIN && radixRanks(x, n, out)) return;
  const bits = 32 - Math.clz32(n - 1);
  if (bits > 20 || !fastRanks(x, n, sorted, out, bits)) exactRanks(x, n, sorted, out);
}

/** From this many values on, the float32 radix path (radix.ts) beats the native sort. */
export const RADIX_MIN = 128;

/** Index of the low 32-bit word of a float64 in a Uint32Array view (platform endianness). */
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

function fastRanks(x: Float64Array, n: number, keys: Float64Array, out: Float64Array, bits: number): boolean {
  const words = new Uint32Array(keys.buffer, keys.byteOffset, 2 * n);
  const mask = (1 << bits) - 1;
  const keep = ~mask;
  for (let j = 0; j < n; j++) {
    keys[j] = x[j];
    words[2 * j + LOW] = (words[2 * j + LOW] & keep) | j;
  }
  keys.subarray(0, n).sort();
  let start = 0;
  let prev = x[words[LOW] & mask];
  for (let j = 1; j <= n; j++) {
    const v = j < n ? x[words[2 * j + LOW] & mask] : Number.NaN;
    if (v === prev) continue;
    if (v < prev) return false;
    const r = (start + 1 + j) / 2;
    for (let m = start; m < j; m++) out[words[2 * m + LOW] & mask] = r;
    start = j;
    prev = v;
  }
  return true;
}

/** Native sort of a copy, then the rank of each value from binary searches. */
export function exactRanks(x: Float64Array, n: number, sorted: Float64Array, out: Float64Array): void {
  const s = sorted.subarray(0, n);
  s.set(x.subarray(0, n));
  s.sort();
  for (let i = 0; i < n; i++) {
    const v = x[i];
    const lo = lowerBound(s, n, v);
    let hi = lo + 1;
    while (hi < n && s[hi] === v) hi++;
    out[i] = (lo + 1 + hi) / 2;
  }
}

/** Pearson correlation of a[0..n) and b[0..n); NaN when either is constant or n < 2. */
export function pearsonDense(a: Float64Array, b: Float64Array, n: number): number {
  if (n < 2) return Number.NaN;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i];
    sb += b[i];
  }
  const ma = sa / n;
  const mb = sb / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Number.NaN;
}

/**
 * Pearson correlation of two average-rank vectors of length n (Spearman's rho). The mean of
 * average ranks is exactly (n + 1) / 2, ties or not, so one pass suffices.
 */
export function rankPearson(ra: Float64Array, rb: Float64Array, n: number): number {
  if (n < 2) return Number.NaN;
  const m = (n + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = ra[i] - m;
    const db = rb[i] - m;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Number.NaN;
}
