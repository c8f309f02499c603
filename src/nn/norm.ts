/** Layer normalisation over the last axis, and token embeddings. */
import type { Rng } from '../core/index.js';
import { checkPositive } from './dense.js';
import { Module } from './module.js';
import * as tf from './tf.js';

/** y = (x - mean) / sqrt(var + eps) * gain + bias over the last axis (biased variance). */
export class LayerNorm extends Module {
  readonly gain: tf.Variable;
  readonly bias: tf.Variable;

  constructor(
    name: string,
    readonly dim: number,
    rng: Rng,
    readonly eps = 1e-5,
  ) {
    super(name);
    checkPositive('dim', dim, name);
    this.gain = this.param('gain', [dim], { kind: 'ones' }, rng);
    this.bias = this.param('bias', [dim], { kind: 'zeros' }, rng);
  }

  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const axis = x.rank - 1;
      const mean = tf.mean(x, axis, true);
      const centred = tf.sub(x, mean);
      const variance = tf.mean(tf.square(centred), axis, true);
      const normed = tf.mul(centred, tf.rsqrt(tf.add(variance, this.eps)));
      return tf.add(tf.mul(normed, this.gain), this.bias);
    });
  }
}

/**
 * Lookup table [vocab, dim]. Forward takes int32 ids of any shape and returns [...ids, dim].
 * The backward pass is a one-hot matrix product (the wasm backend has no scatter-add kernel).
 */
export class Embedding extends Module {
  readonly table: tf.Variable;

  constructor(
    name: string,
    readonly vocab: number,
    readonly dim: number,
    rng: Rng,
    scale = 0.02,
  ) {
    super(name);
    checkPositive('vocab', vocab, name);
    checkPositive('dim', dim, name);
    this.table = this.param('table', [vocab, dim], { kind: 'normal', scale }, rng);
  }

  forward(ids: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const flat = tf.reshape(tf.cast(ids, 'int32'), [-1]) as tf.Tensor1D;
      const rows = lookup(flat, this.table as tf.Tensor2D, this.vocab);
      return tf.reshape(rows, [...ids.shape, this.dim]);
    });
  }
}

function lookup(ids: tf.Tensor1D, table: tf.Tensor2D, vocab: number): tf.Tensor2D {
  const f = tf.customGrad((idsIn, tableIn, save) => {
    const i = idsIn as tf.Tensor1D;
    (save as tf.GradSaveFunc)([i]);
    return {
      value: tf.gather(tableIn as tf.Tensor2D, i),
      gradFunc: (dy, saved) => {
        const oneHot = tf.oneHot(saved[0] as tf.Tensor1D, vocab);
        return [tf.zerosLike(saved[0]), tf.matMul(tf.transpose(oneHot), dy as tf.Tensor2D)];
      },
    };
  });
  return f(ids, table) as tf.Tensor2D;
}
