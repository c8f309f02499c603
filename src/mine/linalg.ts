/** Small dense linear algebra for the alpha pool (K <= a few hundred). Row-major Float64Arrays. */

/** Solve (A + ridge*I) x = b for symmetric positive semi-definite A by Cholesky; null if singular. */
export function solveSpd(A: Float64Array, b: Float64Array, k: number, ridge: number): Float64Array | null {
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * k + j] + (i === j ? ridge : 0);
      for (let p = 0; p < j; p++) s -= L[i * k + p] * L[j * k + p];
      if (i === j) {
        if (!(s > 1e-12)) return null;
        L[i * k + i] = Math.sqrt(s);
      } else {
        L[i * k + j] = s / L[j * k + j];
      }
    }
  }
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let p = 0; p < i; p++) s -= L[i * k + p] * y[p];
    y[i] = s / L[i * k + i];
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i];
    for (let p = i + 1; p < k; p++) s -= L[p * k + i] * x[p];
    x[i] = s / L[i * k + i];
  }
  return x;
}

/**
 * Minimise 0.5 w'(A + ridge I)w - b'w + l1*|w|_1 by cyclic coordinate descent (soft thresholding),
 * starting from `init`. Converges for positive-definite A + ridge I.
 */
export function coordinateDescentL1(
  A: Float64Array,
  b: Float64Array,
  k: number,
  ridge: number,
  l1: number,
  init: Float64Array,
  sweeps = 200,
): Float64Array {
  const w = Float64Array.from(init);
  for (let it = 0; it < sweeps; it++) {
    let change = 0;
    for (let i = 0; i < k; i++) {
      const aii = A[i * k + i] + ridge;
      if (!(aii > 0)) continue;
      let r = b[i];
      for (let j = 0; j < k; j++) if (j !== i) r -= A[i * k + j] * w[j];
      const z = Math.sign(r) * Math.max(0, Math.abs(r) - l1);
      const next = z / aii;
      change = Math.max(change, Math.abs(next - w[i]));
      w[i] = next;
    }
    if (change < 1e-10) break;
  }
  return w;
}
