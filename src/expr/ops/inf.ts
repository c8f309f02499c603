/** The Inf rule (operators.md): +-Inf becomes NaN before CS operators and at the end of a formula. */

/** Replace +-Inf by NaN in place; returns how many cells were replaced (for diagnostics). */
export function infToNaN(arr: Float64Array): number {
  let count = 0;
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) {
      arr[i] = Number.NaN;
      count++;
    }
  }
  return count;
}
