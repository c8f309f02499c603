/**
 * Masked categorical distribution over one row of logits, in float64 on typed arrays (fast
 * sampling during rollouts with a seeded Rng). Masked actions get probability exactly zero:
 * they are skipped in every sum and can never be returned by the sampler; the remaining
 * probabilities are renormalised exactly over the valid actions.
 */
import { AgoraError, type Rng } from '../core/index.js';

/** A row view: `n` logits at `logits[off ..]`, mask bytes at `mask[maskOff ..]` (null = all valid). */
export interface Row {
  logits: ArrayLike<number>;
  off: number;
  n: number;
  mask: Uint8Array | null;
  maskOff: number;
}

function noValid(n: number): never {
  throw new AgoraError('INVALID_ARGUMENT', `action mask allows none of the ${n} actions`, {
    hint: 'the environment must leave at least one valid action in every non-terminal state',
  });
}

function badLogit(i: number, v: number): never {
  throw new AgoraError('INVALID_ARGUMENT', `logit ${i} is ${v}: policy output is not finite`, {
    hint: 'the network diverged: lower the learning rate or check the inputs for NaN',
  });
}

/** Max over valid logits and the log of the normaliser: log sum_valid exp(l_i). */
export function maskedLogZ(r: Row): { max: number; logZ: number } {
  const { logits, off, n, mask, maskOff } = r;
  let max = Number.NEGATIVE_INFINITY;
  let any = false;
  for (let i = 0; i < n; i++) {
    if (mask !== null && mask[maskOff + i] === 0) continue;
    const v = logits[off + i];
    if (!Number.isFinite(v)) badLogit(i, v);
    any = true;
    if (v > max) max = v;
  }
  if (!any) noValid(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (mask !== null && mask[maskOff + i] === 0) continue;
    sum += Math.exp(logits[off + i] - max);
  }
  return { max, logZ: max + Math.log(sum) };
}

/** Log-probability of action `a`; -Infinity for a masked action. */
export function categoricalLogProb(r: Row, a: number): number {
  if (r.mask !== null && r.mask[r.maskOff + a] === 0) return Number.NEGATIVE_INFINITY;
  return r.logits[r.off + a] - maskedLogZ(r).logZ;
}

/** Entropy over the valid actions: -sum_valid p_i log p_i. */
export function categoricalEntropy(r: Row): number {
  const { logZ } = maskedLogZ(r);
  let h = 0;
  for (let i = 0; i < r.n; i++) {
    if (r.mask !== null && r.mask[r.maskOff + i] === 0) continue;
    const lp = r.logits[r.off + i] - logZ;
    h -= Math.exp(lp) * lp;
  }
  return h;
}

/** Inverse-CDF draw over the valid actions; never returns a masked action. */
export function sampleCategorical(r: Row, rng: Rng): number {
  const { max, logZ } = maskedLogZ(r);
  const total = Math.exp(logZ - max);
  const u = rng.uniform() * total;
  let acc = 0;
  let last = -1;
  for (let i = 0; i < r.n; i++) {
    if (r.mask !== null && r.mask[r.maskOff + i] === 0) continue;
    acc += Math.exp(r.logits[r.off + i] - max);
    last = i;
    if (u < acc) return i;
  }
  return last;
}

/** Most probable valid action (lowest index on ties). */
export function categoricalMode(r: Row): number {
  let best = -1;
  let bestV = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < r.n; i++) {
    if (r.mask !== null && r.mask[r.maskOff + i] === 0) continue;
    const v = r.logits[r.off + i];
    if (best < 0 || v > bestV) {
      best = i;
      bestV = v;
    }
  }
  if (best < 0) noValid(r.n);
  return best;
}
