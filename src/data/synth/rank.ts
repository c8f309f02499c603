/**
 * Cross-sectional helpers on one date row: average-tie percentile rank in (0, 1] (the expression
 * language's `rank`), and standardisation to mean 0, standard deviation 1 over valid entries.
 */

/** Percentile ranks of the non-NaN entries of `values` into `out` (NaN stays NaN). Returns the count. */
export function csRank(values: Float64Array, out: Float64Array, scratch: Float64Array): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) scratch[n++] = values[i];
  const sorted = scratch.subarray(0, n).sort();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      out[i] = Number.NaN;
      continue;
    }
    const lo = lowerBound(sorted, v);
    const hi = upperBound(sorted, v, lo);
    out[i] = (lo + 1 + hi) / 2 / n;
  }
  return n;
}

function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: Float64Array, v: number, from: number): number {
  if (from + 1 >= a.length || a[from + 1] > v) return from + 1; // no tie: the common case
  let lo = from;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Standardise the non-NaN entries of `x` into `out` (NaN -> 0 in `out`); returns the count used. */
export function standardizeInto(x: Float64Array, out: Float64Array): number {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isNaN(x[i])) {
      n++;
      sum += x[i];
    }
  }
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) ss += (x[i] - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / n) : 0;
  for (let i = 0; i < x.length; i++) out[i] = Number.isNaN(x[i]) || sd === 0 ? 0 : (x[i] - mean) / sd;
  return sd === 0 ? 0 : n;
}
