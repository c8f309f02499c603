/**
 * Causal multi-head self-attention. Projections `q`, `k`, `v` [d, d] (head h uses columns
 * h*dh..(h+1)*dh); position t attends to positions <= t only; scores are scaled by 1/sqrt(dh);
 * `out` [d, d] mixes the heads. (Three projections rather than one fused [d, 3d]: splitting a
 * fused result would go through the wasm Slice kernel, which copies its whole input.)
 */
import { AgoraError, type Rng } from '../core/index.js';
import { Dense } from './dense.js';
import { matMul, matMulT } from './matmul.js';
import { Module } from './module.js';
import * as tf from './tf.js';

/** A large negative number added to masked scores (softmax weight exp(-1e9) = 0 in float32). */
const MASKED = -1e9;

export class CausalSelfAttention extends Module {
  readonly q: Dense;
  readonly k: Dense;
  readonly v: Dense;
  readonly out: Dense;
  readonly headDim: number;
  private readonly masks = new Map<number, tf.Tensor2D>();

  constructor(
    name: string,
    readonly dModel: number,
    readonly heads: number,
    rng: Rng,
  ) {
    super(name);
    if (!Number.isInteger(heads) || heads < 1 || dModel % heads !== 0) {
      throw new AgoraError(
        'INVALID_ARGUMENT',
        `attention '${name}': dModel ${dModel} is not divisible by ${heads} heads`,
        {
          hint: 'choose heads so that dModel / heads is an integer',
        },
      );
    }
    this.headDim = dModel / heads;
    this.q = this.child(new Dense('q', dModel, dModel, rng.stream('q')));
    this.k = this.child(new Dense('k', dModel, dModel, rng.stream('k')));
    this.v = this.child(new Dense('v', dModel, dModel, rng.stream('v')));
    this.out = this.child(new Dense('out', dModel, dModel, rng.stream('out')));
  }

  /** x [B, T, d] -> [B, T, d]. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const [batch, time] = x.shape;
      const [q, k, v] = [this.q, this.k, this.v].map((p) => this.splitHeads(p.forward(x), batch, time));
      const scores = tf.add(tf.mul(matMulT(q, k), 1 / Math.sqrt(this.headDim)), this.mask(time));
      const mixed = matMul(tf.softmax(scores) as tf.Tensor3D, v);
      const merged = tf.reshape(
        tf.transpose(tf.reshape(mixed, [batch, this.heads, time, this.headDim]), [0, 2, 1, 3]),
        [batch, time, this.dModel],
      );
      return this.out.forward(merged);
    });
  }

  /** [B, T, d] -> [B * heads, T, dh]. */
  private splitHeads(t: tf.Tensor, batch: number, time: number): tf.Tensor3D {
    const r = tf.reshape(t, [batch, time, this.heads, this.headDim]);
    return tf.reshape(tf.transpose(r, [0, 2, 1, 3]), [batch * this.heads, time, this.headDim]);
  }

  /** Additive causal mask [T, T]: 0 on and below the diagonal, MASKED above; cached per T. */
  private mask(time: number): tf.Tensor2D {
    let m = this.masks.get(time);
    if (!m) {
      const values = new Float32Array(time * time);
      for (let i = 0; i < time; i++) values.fill(MASKED, i * time + i + 1, (i + 1) * time);
      m = tf.keep(tf.tensor2d(values, [time, time]));
      this.masks.set(time, m);
    }
    return m;
  }

  override dispose(): void {
    super.dispose();
    for (const m of this.masks.values()) m.dispose();
    this.masks.clear();
  }
}
