/**
 * Causal (decoder-only) transformer with pre-LN blocks:
 *   x <- x + Attn(LN1(x));  x <- x + FF(LN2(x));  output LN_f(x)
 * Inputs are token ids [B, T] (when `vocab` is set) or features [B, T, inputs] (projected to
 * dModel). Positional encoding is learned ([maxLen, dModel]) or sinusoidal (fixed).
 */
import { AgoraError, type Rng } from '../core/index.js';
import type { Activation } from './activation.js';
import { CausalSelfAttention } from './attention.js';
import { Dense } from './dense.js';
import { Module } from './module.js';
import { Embedding, LayerNorm } from './norm.js';
import * as tf from './tf.js';

export interface TransformerConfig {
  readonly dModel: number;
  readonly heads: number;
  readonly layers: number;
  /** Longest sequence the model accepts. */
  readonly maxLen: number;
  /** Token vocabulary: inputs are int ids [B, T]. Give this or `inputs`. */
  readonly vocab?: number;
  /** Feature count: inputs are floats [B, T, inputs]. */
  readonly inputs?: number;
  /** Feed-forward width (default 4 * dModel). */
  readonly ffHidden?: number;
  readonly positional?: 'learned' | 'sinusoidal';
  /** Feed-forward activation (default quickGelu). */
  readonly activation?: Activation;
}

export class TransformerBlock extends Module {
  readonly ln1: LayerNorm;
  readonly attn: CausalSelfAttention;
  readonly ln2: LayerNorm;
  readonly ff1: Dense;
  readonly ff2: Dense;

  constructor(
    name: string,
    dModel: number,
    heads: number,
    ffHidden: number,
    activation: Activation,
    rng: Rng,
  ) {
    super(name);
    this.ln1 = this.child(new LayerNorm('ln1', dModel, rng));
    this.attn = this.child(new CausalSelfAttention('attn', dModel, heads, rng.stream('attn')));
    this.ln2 = this.child(new LayerNorm('ln2', dModel, rng));
    this.ff1 = this.child(new Dense('ff1', dModel, ffHidden, rng.stream('ff1'), { activation }));
    this.ff2 = this.child(new Dense('ff2', ffHidden, dModel, rng.stream('ff2')));
  }

  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const a = tf.add(x, this.attn.forward(this.ln1.forward(x)));
      return tf.add(a, this.ff2.forward(this.ff1.forward(this.ln2.forward(a))));
    });
  }
}

export class CausalTransformer extends Module {
  readonly embed: Embedding | undefined;
  readonly inProj: Dense | undefined;
  readonly pos: tf.Variable | undefined;
  readonly blocks: TransformerBlock[] = [];
  readonly lnF: LayerNorm;
  private sinusoid: tf.Tensor2D | undefined;

  constructor(
    name: string,
    readonly config: TransformerConfig,
    rng: Rng,
  ) {
    super(name);
    const { dModel, heads, layers, maxLen } = config;
    checkConfig(name, config);
    if (config.vocab !== undefined)
      this.embed = this.child(new Embedding('embed', config.vocab, dModel, rng.stream('embed')));
    else this.inProj = this.child(new Dense('inProj', config.inputs as number, dModel, rng.stream('inProj')));
    if ((config.positional ?? 'learned') === 'learned')
      this.pos = this.param('pos', [maxLen, dModel], { kind: 'normal', scale: 0.02 }, rng);
    const ff = config.ffHidden ?? 4 * dModel;
    for (let l = 0; l < layers; l++) {
      const block = new TransformerBlock(
        `block${l}`,
        dModel,
        heads,
        ff,
        config.activation ?? 'quickGelu',
        rng.stream(`block${l}`),
      );
      this.blocks.push(this.child(block));
    }
    this.lnF = this.child(new LayerNorm('lnF', dModel, rng));
  }

  /** ids [B, T] or features [B, T, inputs] -> hidden states [B, T, dModel]. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const time = x.shape[1];
      if (time === undefined || time > this.config.maxLen) {
        throw new AgoraError(
          'INVALID_ARGUMENT',
          `transformer '${this.name}' got sequence shape [${x.shape}], maxLen is ${this.config.maxLen}`,
          {
            hint: 'pass [batch, time] ids or [batch, time, features] with time <= maxLen',
          },
        );
      }
      let h = this.embed ? this.embed.forward(x) : (this.inProj as Dense).forward(x);
      h = tf.add(h, this.positions(time));
      for (const block of this.blocks) h = block.forward(h);
      return this.lnF.forward(h);
    });
  }

  private positions(time: number): tf.Tensor2D {
    const d = this.config.dModel;
    if (this.pos) return tf.slice(this.pos as tf.Tensor2D, [0, 0], [time, d]);
    this.sinusoid ??= tf.keep(sinusoidalTable(this.config.maxLen, d));
    return tf.slice(this.sinusoid, [0, 0], [time, d]);
  }

  override dispose(): void {
    super.dispose();
    this.sinusoid?.dispose();
  }
}

/** PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d)). */
export function sinusoidalTable(maxLen: number, d: number): tf.Tensor2D {
  const values = new Float32Array(maxLen * d);
  for (let p = 0; p < maxLen; p++) {
    for (let j = 0; j < d; j++) {
      const angle = p / 10000 ** ((2 * Math.floor(j / 2)) / d);
      values[p * d + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return tf.tensor2d(values, [maxLen, d]);
}

function checkConfig(name: string, c: TransformerConfig): void {
  if ((c.vocab === undefined) === (c.inputs === undefined)) {
    throw new AgoraError(
      'CONFIG_INVALID',
      `transformer '${name}' needs exactly one of vocab (token ids) or inputs (features)`,
      {
        hint: 'set vocab for token sequences, or inputs for float feature sequences',
      },
    );
  }
  for (const key of ['dModel', 'heads', 'layers', 'maxLen'] as const) {
    if (!Number.isInteger(c[key]) || c[key] < 1) {
      throw new AgoraError(
        'CONFIG_INVALID',
        `transformer '${name}': ${key} must be a positive integer, got ${c[key]}`,
      );
    }
  }
}
