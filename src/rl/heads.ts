/**
 * Action heads: one distribution family each, with the two halves PPO and REINFORCE need.
 * `sample`/`mode`/`logProb` run in float64 on typed arrays during rollouts (seeded Rng, no
 * tensors); `logProbEntropy` runs in tfjs on a minibatch and is differentiable in the policy
 * output. Masked items get logit -1e9 before the softmax, which underflows to an exact zero
 * probability in float32, so the softmax is renormalised over the valid items only.
 */

import type { Rng } from '../core/index.js';
import { tf } from '../nn/index.js';
import {
  categoricalEntropy,
  categoricalLogProb,
  categoricalMode,
  type Row,
  sampleCategorical,
} from './categorical.js';
import { gaussianEntropy, gaussianLogProb, sampleGaussian } from './gaussian.js';
import { plackettLuceLogProb, plackettLuceMode, samplePlackettLuce } from './plackett-luce.js';
import type { ActionBuffer, ActionSpec } from './spec.js';
import { paramSize } from './spec.js';

const MASKED_LOGIT = -1e9;

export interface HeadOutput {
  logp: tf.Tensor1D;
  entropy: tf.Tensor1D;
}

export interface ActionHead {
  readonly spec: ActionSpec;
  /** Sample row b's action into `actions`; returns its log-probability (float64). */
  sample(
    params: ArrayLike<number>,
    b: number,
    mask: Uint8Array | null,
    actions: ActionBuffer,
    rng: Rng,
  ): number;
  /** The most probable action for row b (evaluation, deployment). */
  mode(params: ArrayLike<number>, b: number, mask: Uint8Array | null, actions: ActionBuffer): void;
  /** Log-probability of the stored action of row b (float64 reference). */
  logProb(params: ArrayLike<number>, b: number, mask: Uint8Array | null, actions: ActionBuffer): number;
  /** Per-row entropy (exact, or an estimate for rankings with k > 1: see the head). */
  entropy(params: ArrayLike<number>, b: number, mask: Uint8Array | null): number;
  /** Differentiable log pi(a|s) and entropy for a minibatch. `mask` is bool [B, n] or null. */
  logProbEntropy(params: tf.Tensor2D, actions: tf.Tensor, mask: tf.Tensor2D | null): HeadOutput;
  /** dtype of the action tensor `logProbEntropy` expects. */
  readonly actionDtype: 'int32' | 'float32';
}

function rowView(n: number): Row {
  return { logits: new Float32Array(0), off: 0, n, mask: null, maskOff: 0 };
}

function setRow(r: Row, params: ArrayLike<number>, b: number, mask: Uint8Array | null): Row {
  r.logits = params;
  r.off = b * r.n;
  r.mask = mask;
  r.maskOff = b * r.n;
  return r;
}

/** Masked log-softmax in tfjs: log-probabilities over valid items, -1e9-ish for masked ones. */
export function maskedLogSoftmax(logits: tf.Tensor2D, mask: tf.Tensor2D | null): tf.Tensor2D {
  const x = mask === null ? logits : tf.where(mask, logits, tf.fill(logits.shape, MASKED_LOGIT));
  return tf.logSoftmax(x) as tf.Tensor2D;
}

/** Entropy over valid items from masked log-probabilities (masked terms contribute zero). */
export function maskedEntropy(logp: tf.Tensor2D, mask: tf.Tensor2D | null): tf.Tensor1D {
  const plogp = tf.mul(tf.exp(logp), logp);
  const kept = mask === null ? plogp : tf.where(mask, plogp, tf.zerosLike(plogp));
  return tf.neg(tf.sum(kept, 1)) as tf.Tensor1D;
}

/** Masked categorical over `n` actions (token generation). */
export function categoricalHead(n: number): ActionHead {
  const r = rowView(n);
  return {
    spec: { kind: 'discrete', n },
    actionDtype: 'int32',
    sample(params, b, mask, actions, rng) {
      setRow(r, params, b, mask);
      const a = sampleCategorical(r, rng);
      actions[b] = a;
      return categoricalLogProb(r, a);
    },
    mode(params, b, mask, actions) {
      actions[b] = categoricalMode(setRow(r, params, b, mask));
    },
    logProb(params, b, mask, actions) {
      return categoricalLogProb(setRow(r, params, b, mask), actions[b]);
    },
    entropy(params, b, mask) {
      return categoricalEntropy(setRow(r, params, b, mask));
    },
    logProbEntropy(params, actions, mask) {
      const logp = maskedLogSoftmax(params, mask);
      const picked = tf.sum(tf.mul(logp, tf.oneHot(actions as tf.Tensor1D, n)), 1) as tf.Tensor1D;
      return { logp: picked, entropy: maskedEntropy(logp, mask) };
    },
  };
}

/**
 * Plackett-Luce over `n` items selecting `k` in order (top-K picking). The differentiable
 * entropy used as a bonus is the entropy of the first pick (the softmax over valid items),
 * exact when k = 1; `entropy()` on typed arrays gives the same quantity for reporting.
 */
export function plackettLuceHead(n: number, k: number): ActionHead {
  const r = rowView(n);
  return {
    spec: { kind: 'ranking', n, k },
    actionDtype: 'int32',
    sample(params, b, mask, actions, rng) {
      setRow(r, params, b, mask);
      samplePlackettLuce(r, k, rng, actions as Int32Array, b * k);
      return plackettLuceLogProb(r, actions, b * k, k);
    },
    mode(params, b, mask, actions) {
      plackettLuceMode(setRow(r, params, b, mask), k, actions as Int32Array, b * k);
    },
    logProb(params, b, mask, actions) {
      return plackettLuceLogProb(setRow(r, params, b, mask), actions, b * k, k);
    },
    entropy(params, b, mask) {
      return categoricalEntropy(setRow(r, params, b, mask));
    },
    logProbEntropy(params, actions, mask) {
      const logp0 = maskedLogSoftmax(params, mask);
      return {
        logp: plackettLuceLogProbTf(logp0, actions as tf.Tensor2D, n),
        entropy: maskedEntropy(logp0, mask),
      };
    },
  };
}

/**
 * Ordered-selection log-probability from first-pick log-probabilities z (= log softmax over
 * valid items): sum_j z_{a_j} - log(1 - sum_{i<j} p_{a_i}). The remaining mass is clamped
 * below by p_{a_j} (the item being picked is still available), which is exact in real
 * arithmetic and guards against float32 cancellation when the selection holds most mass.
 */
export function plackettLuceLogProbTf(logp0: tf.Tensor2D, actions: tf.Tensor2D, n: number): tf.Tensor1D {
  const [b, k] = actions.shape;
  const rowBase = tf.mul(tf.range(0, b, 1, 'int32').reshape([b, 1]), tf.scalar(n, 'int32'));
  const flat = tf.add(actions, rowBase).reshape([b * k]) as tf.Tensor1D;
  const sel = gatherFlat(logp0.reshape([b * n]), flat).reshape([b, k]);
  const p = tf.exp(sel);
  const before = tf.cumsum(p, 1, true);
  const remaining = tf.maximum(tf.sub(tf.scalar(1), before), p);
  return tf.sum(tf.sub(sel, tf.log(remaining)), 1) as tf.Tensor1D;
}

/**
 * x[idx] with a gradient that scatters back through ScatterNd: the wasm backend has no
 * UnsortedSegmentSum kernel, which tf.gather's own gradient needs. Indices must be distinct
 * (they are: distinct items per row, distinct rows).
 */
function gatherFlat(x: tf.Tensor, idx: tf.Tensor1D): tf.Tensor1D {
  const size = x.size;
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, at, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([at]);
    return {
      value: tf.gather(input, at as tf.Tensor1D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        tf.scatterND(tf.reshape(saved[0], [-1, 1]), dy, [size]),
        tf.zerosLike(saved[0]),
      ],
    };
  });
  return f(x, idx) as tf.Tensor1D;
}

/** Diagonal Gaussian over `dim` reals; the policy outputs [mean | logStd] per row. */
export function gaussianHead(dim: number): ActionHead {
  const w = paramSize({ kind: 'box', dim });
  return {
    spec: { kind: 'box', dim },
    actionDtype: 'float32',
    sample(params, b, _mask, actions, rng) {
      return sampleGaussian(params, b * w, dim, rng, actions as Float32Array, b * dim);
    },
    mode(params, b, _mask, actions) {
      for (let i = 0; i < dim; i++) actions[b * dim + i] = params[b * w + i];
    },
    logProb(params, b, _mask, actions) {
      return gaussianLogProb(params, b * w, dim, actions, b * dim);
    },
    entropy(params, b) {
      return gaussianEntropy(params, b * w, dim);
    },
    logProbEntropy(params, actions) {
      const [mean, logStd] = tf.split(params, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      const z = tf.div(tf.sub(actions, mean), tf.exp(logStd));
      const c = 0.5 * Math.log(2 * Math.PI);
      const lp = tf.sum(tf.sub(tf.sub(tf.mul(tf.square(z), -0.5), logStd), c), 1) as tf.Tensor1D;
      const ent = tf.sum(tf.add(logStd, 0.5 + c), 1) as tf.Tensor1D;
      return { logp: lp, entropy: ent };
    },
  };
}

/** The head that matches an action spec (ranking -> Plackett-Luce, box -> Gaussian). */
export function headFor(spec: ActionSpec): ActionHead {
  if (spec.kind === 'discrete') return categoricalHead(spec.n);
  if (spec.kind === 'ranking') return plackettLuceHead(spec.n, spec.k);
  return gaussianHead(spec.dim);
}
