/**
 * Token policies for mining. Both read the token prefix (ids, 0-padded), prepend a BEG token,
 * encode the sequence, and take the encoding at the prefix's last position (BEG for an empty
 * prefix) as the state: logits over the actions and a state value come from two linear heads.
 * - `LstmTokenPolicy`: AlphaGen's actor-critic (token embedding + multi-layer LSTM).
 * - `TransformerTokenPolicy`: AlphaGPT-style small causal transformer.
 */
import type { Rng } from '../core/index.js';
import { CausalTransformer, Dense, Embedding, Lstm, Module, tf } from '../nn/index.js';
import type { PolicyModel, PolicyOutput } from '../rl/index.js';
import type { TokenSpace } from './tokens.js';

export interface LstmPolicyConfig {
  hidden: number;
  layers: number;
  embedding: number;
}

export interface TransformerPolicyConfig {
  dModel: number;
  heads: number;
  layers: number;
}

abstract class TokenPolicy extends Module implements PolicyModel {
  protected readonly maxLength: number;
  protected readonly begId: number;
  readonly piHead: Dense;
  readonly vHead: Dense;

  protected constructor(name: string, space: TokenSpace, width: number, rng: Rng) {
    super(name);
    this.maxLength = space.config.maxLength;
    this.begId = space.size;
    this.piHead = this.child(
      new Dense('pi', width, space.actions, rng.stream('pi'), { init: { kind: 'normal', scale: 0.01 } }),
    );
    this.vHead = this.child(new Dense('v', width, 1, rng.stream('v')));
  }

  /** [B, L + 1, width] encodings of BEG + prefix. */
  protected abstract encode(ids: tf.Tensor2D): tf.Tensor3D;

  forward(x: tf.Tensor): tf.Tensor {
    return this.policy(x as tf.Tensor2D).params;
  }

  policy(obs: tf.Tensor2D): PolicyOutput {
    return tf.tidyObj(() => {
      const ids = tf.cast(obs, 'int32') as tf.Tensor2D;
      const batch = ids.shape[0];
      const withBeg = tf.concat([tf.fill([batch, 1], this.begId, 'int32'), ids], 1) as tf.Tensor2D;
      const enc = this.encode(withBeg);
      const lengths = tf.sum(tf.cast(tf.greater(ids, 0), 'int32'), 1);
      const pick = tf.expandDims(tf.oneHot(lengths, this.maxLength + 1), 2);
      const state = tf.sum(tf.mul(enc, pick), 1) as tf.Tensor2D;
      return {
        params: this.piHead.forward(state) as tf.Tensor2D,
        value: tf.reshape(this.vHead.forward(state), [batch]) as tf.Tensor1D,
      };
    });
  }
}

export class LstmTokenPolicy extends TokenPolicy {
  private readonly embed: Embedding;
  private readonly lstm: Lstm;

  constructor(space: TokenSpace, config: LstmPolicyConfig, rng: Rng) {
    super('lstm_policy', space, config.hidden, rng);
    this.embed = this.child(new Embedding('embed', space.size + 1, config.embedding, rng.stream('embed')));
    this.lstm = this.child(
      new Lstm('lstm', config.embedding, config.hidden, config.layers, rng.stream('lstm')),
    );
  }

  protected encode(ids: tf.Tensor2D): tf.Tensor3D {
    return this.lstm.run(this.embed.forward(ids) as tf.Tensor3D).output;
  }
}

export class TransformerTokenPolicy extends TokenPolicy {
  private readonly net: CausalTransformer;

  constructor(space: TokenSpace, config: TransformerPolicyConfig, rng: Rng) {
    super('transformer_policy', space, config.dModel, rng);
    this.net = this.child(
      new CausalTransformer(
        'net',
        { ...config, maxLen: space.config.maxLength + 1, vocab: space.size + 1, positional: 'learned' },
        rng.stream('net'),
      ),
    );
  }

  protected encode(ids: tf.Tensor2D): tf.Tensor3D {
    return this.net.forward(ids) as tf.Tensor3D;
  }

  /** Attention weight matrices (query, key, value, output projections) for the LoRD regulariser. */
  attentionWeights(): tf.Variable[] {
    return this.parameters()
      .filter((p) => /attn\//.test(p.name) && p.variable.shape.length === 2)
      .map((p) => p.variable);
  }
}
