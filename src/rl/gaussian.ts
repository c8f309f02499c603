/**
 * Diagonal Gaussian over a real vector of length d. Parameters of one row: d means followed by
 * d log standard deviations. Float64 on typed arrays.
 */
import type { Rng } from '../core/index.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Draw a = mean + exp(logStd) * z into out[outOff ..]; returns log p(a). */
export function sampleGaussian(
  params: ArrayLike<number>,
  off: number,
  d: number,
  rng: Rng,
  out: Float32Array,
  outOff: number,
): number {
  for (let i = 0; i < d; i++) {
    const mu = params[off + i];
    const ls = params[off + d + i];
    out[outOff + i] = mu + Math.exp(ls) * rng.normal();
  }
  return gaussianLogProb(params, off, d, out, outOff);
}

/** log p(a) = sum_i -((a_i - mu_i) / sigma_i)^2 / 2 - log sigma_i - log(2 pi) / 2. */
export function gaussianLogProb(
  params: ArrayLike<number>,
  off: number,
  d: number,
  a: ArrayLike<number>,
  aOff: number,
): number {
  let lp = 0;
  for (let i = 0; i < d; i++) {
    const ls = params[off + d + i];
    const z = (a[aOff + i] - params[off + i]) / Math.exp(ls);
    lp += -0.5 * z * z - ls - HALF_LOG_2PI;
  }
  return lp;
}

/** Entropy = sum_i log sigma_i + (1 + log 2 pi) / 2. */
export function gaussianEntropy(params: ArrayLike<number>, off: number, d: number): number {
  let h = 0;
  for (let i = 0; i < d; i++) h += params[off + d + i] + 0.5 + HALF_LOG_2PI;
  return h;
}
