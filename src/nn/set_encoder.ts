/**
 * Per-asset set encoder (permutation-equivariant, any number of assets N):
 *   h_a   = LN(phi(x_a))                       phi: MLP features -> embed, same for every asset
 *   ctx   = [mean_a h_a, max_a h_a]            market context over the (unmasked) assets
 *   s_a   = head([h_a, ctx])                   head: MLP 3*embed -> 1, one score per asset
 * (the joint row [h_a, ctx] is never materialised: see firstHeadLayer)
 * Input [N, F] -> scores [N], or batched [B, N, F] -> [B, N]. An optional 0/1 mask ([N] or
 * [B, N]) removes assets (padding, untradable) from the pooled context; their scores are still
 * computed and the caller ignores them. With an all-zero mask the context is zeros.
 */
import { AgoraError, type Rng } from '../core/index.js';
import { type Activation, activate } from './activation.js';
import { Mlp } from './dense.js';
import { affine, matMul } from './matmul.js';
import { Module } from './module.js';
import { LayerNorm } from './norm.js';
import * as tf from './tf.js';

export interface SetEncoderConfig {
  /** Features per asset (F). */
  readonly features: number;
  /** Hidden sizes of phi before the embedding (default [64]). */
  readonly hidden?: readonly number[];
  /** Embedding width E (default 64). */
  readonly embed?: number;
  /** Hidden sizes of the score head (default [64]). */
  readonly head?: readonly number[];
  /** Activation inside phi and the head (default relu). */
  readonly activation?: Activation;
}

const NEG = -1e9;

export class SetEncoder extends Module {
  readonly phi: Mlp;
  readonly ln: LayerNorm;
  readonly head: Mlp;
  readonly embedDim: number;

  constructor(
    name: string,
    readonly config: SetEncoderConfig,
    rng: Rng,
  ) {
    super(name);
    const act = config.activation ?? 'relu';
    this.embedDim = config.embed ?? 64;
    const phiSizes = [config.features, ...(config.hidden ?? [64]), this.embedDim];
    this.phi = this.child(new Mlp('phi', phiSizes, rng.stream('phi'), { activation: act }));
    this.ln = this.child(new LayerNorm('ln', this.embedDim, rng));
    const headSizes = [3 * this.embedDim, ...(config.head ?? [64]), 1];
    this.head = this.child(new Mlp('head', headSizes, rng.stream('head'), { activation: act }));
  }

  get features(): number {
    return this.config.features;
  }

  /** Scores [N] or [B, N]. */
  forward(x: tf.Tensor): tf.Tensor {
    return this.score(x);
  }

  /** Scores with an optional 0/1 mask excluding assets from the pooled context. */
  score(x: tf.Tensor, mask?: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const { h, context } = this.encode(x, mask);
      let z = this.firstHeadLayer(h, context);
      for (const layer of this.head.layers.slice(1)) z = layer.forward(z);
      return tf.squeeze(z, [-1]);
    });
  }

  /**
   * Per-asset embeddings h [.., N, E] and the market context [.., 2E] (mean then max over the
   * unmasked assets); value heads that share the encoder read these.
   */
  encode(x: tf.Tensor, mask?: tf.Tensor): { h: tf.Tensor; context: tf.Tensor } {
    return tf.tidyObj(() => {
      this.checkInput(x, mask);
      const h = this.ln.forward(this.phi.forward(x));
      const axis = h.rank - 2;
      const context = mask ? maskedPool(h, mask, axis) : tf.concat([tf.mean(h, axis), tf.max(h, axis)], -1);
      return { h, context };
    });
  }

  /**
   * act([h_a, ctx] W + b) computed as h_a W_h + (ctx W_c) + b, with W split by rows: the same
   * numbers without materialising the [.., N, 3E] joint rows (tfjs-wasm's Tile and Concat are
   * slow JS loops).
   */
  private firstHeadLayer(h: tf.Tensor, context: tf.Tensor): tf.Tensor {
    const first = this.head.layers[0];
    const e = this.embedDim;
    const units = first.units;
    const w = first.w as tf.Tensor2D;
    const rows = affine(
      tf.reshape(h, [-1, e]) as tf.Tensor2D,
      tf.slice(w, [0, 0], [e, units]),
      first.b as tf.Tensor1D,
    );
    const ctx = matMul(tf.reshape(context, [-1, 2 * e]) as tf.Tensor2D, tf.slice(w, [e, 0], [2 * e, units]));
    const shaped = h.rank === 2 ? rows : tf.reshape(rows, [h.shape[0], h.shape[1] as number, units]);
    const broadcastCtx = h.rank === 2 ? ctx : tf.expandDims(ctx, 1);
    return activate(tf.add(shaped, broadcastCtx), first.activation);
  }

  private checkInput(x: tf.Tensor, mask?: tf.Tensor): void {
    const ok =
      (x.rank === 2 || x.rank === 3) && x.shape[x.rank - 1] === this.features && x.shape[x.rank - 2]! > 0;
    if (!ok) {
      throw new AgoraError(
        'INVALID_ARGUMENT',
        `set encoder '${this.name}' expects [N, ${this.features}] or [B, N, ${this.features}] with N >= 1, got [${x.shape}]`,
        {
          hint: 'one row per asset, one column per feature',
        },
      );
    }
    if (mask && mask.shape.join() !== x.shape.slice(0, -1).join()) {
      throw new AgoraError(
        'INVALID_ARGUMENT',
        `set encoder mask shape [${mask.shape}] does not match assets [${x.shape.slice(0, -1)}]`,
        {
          hint: 'pass a 0/1 mask with one entry per asset row',
        },
      );
    }
  }
}

/** Mean and max over `axis` of h counting only rows with mask 1; zeros where no row is on. */
function maskedPool(h: tf.Tensor, mask: tf.Tensor, axis: number): tf.Tensor {
  const m = tf.expandDims(tf.cast(mask, 'float32'), -1);
  const count = tf.sum(m, axis);
  const mean = tf.div(tf.sum(tf.mul(h, m), axis), tf.maximum(count, 1));
  const any = tf.cast(tf.greater(count, 0), 'float32');
  const max = tf.mul(tf.max(tf.add(tf.mul(h, m), tf.mul(tf.sub(m, 1), -NEG)), axis), any);
  return tf.concat([mean, max], -1);
}
