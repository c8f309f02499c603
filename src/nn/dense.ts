/** Fully connected layer and multi-layer perceptron. */
import { AgoraError, type Rng } from '../core/index.js';
import { type Activation, activate } from './activation.js';
import type { InitSpec } from './init.js';
import { affine, matMul } from './matmul.js';
import { Module } from './module.js';
import * as tf from './tf.js';

export interface DenseOptions {
  readonly activation?: Activation;
  readonly bias?: boolean;
  /** Weight initialiser; default He normal for relu/gelu, Glorot uniform otherwise. */
  readonly init?: InitSpec;
}

/** y = act(x W + b) over the last axis; x may have any rank >= 2 (leading axes are batch). */
export class Dense extends Module {
  readonly w: tf.Variable;
  readonly b: tf.Variable | undefined;
  readonly activation: Activation;

  constructor(
    name: string,
    readonly inputs: number,
    readonly units: number,
    rng: Rng,
    options: DenseOptions = {},
  ) {
    super(name);
    checkPositive('inputs', inputs, name);
    checkPositive('units', units, name);
    this.activation = options.activation ?? 'linear';
    const relu = this.activation === 'relu' || this.activation === 'gelu';
    const init = options.init ?? { kind: relu ? 'heNormal' : 'glorotUniform' };
    this.w = this.param('w', [inputs, units], init, rng);
    this.b = options.bias === false ? undefined : this.param('b', [units], { kind: 'zeros' }, rng);
  }

  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => activate(this.linear(x), this.activation));
  }

  /** x W + b without the activation. */
  linear(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const last = x.shape[x.shape.length - 1];
      if (last !== this.inputs) {
        throw new AgoraError(
          'INVALID_ARGUMENT',
          `layer '${this.name}' expects ${this.inputs} input features, got ${last}`,
          {
            hint: `input shape was [${x.shape}]`,
          },
        );
      }
      const flat = x.rank === 2 ? (x as tf.Tensor2D) : (tf.reshape(x, [-1, this.inputs]) as tf.Tensor2D);
      const w = this.w as tf.Tensor2D;
      const y = this.b ? affine(flat, w, this.b as tf.Tensor1D) : matMul(flat, w);
      return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), this.units]);
    });
  }
}

export interface MlpOptions {
  /** Activation between layers (default relu). */
  readonly activation?: Activation;
  /** Activation after the last layer (default linear). */
  readonly outputActivation?: Activation;
}

/** Stack of Dense layers: sizes [in, h1, ..., out]. Parameters: `dense<i>/w`, `dense<i>/b`. */
export class Mlp extends Module {
  readonly layers: Dense[];

  constructor(
    name: string,
    readonly sizes: readonly number[],
    rng: Rng,
    options: MlpOptions = {},
  ) {
    super(name);
    if (sizes.length < 2) {
      throw new AgoraError(
        'INVALID_ARGUMENT',
        `MLP '${name}' needs at least [inputs, outputs], got [${sizes}]`,
        {
          hint: 'pass sizes like [64, 64, 32, 1]',
        },
      );
    }
    const hidden = options.activation ?? 'relu';
    const last = options.outputActivation ?? 'linear';
    this.layers = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      const activation = i + 2 === sizes.length ? last : hidden;
      this.layers.push(
        this.child(new Dense(`dense${i}`, sizes[i], sizes[i + 1], rng.stream(`dense${i}`), { activation })),
      );
    }
  }

  get inputs(): number {
    return this.sizes[0];
  }

  get outputs(): number {
    return this.sizes[this.sizes.length - 1];
  }

  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.layers.reduce<tf.Tensor>((h, layer) => layer.forward(h), x));
  }
}

export function checkPositive(what: string, value: number, where: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `${what} of '${where}' must be a positive integer, got ${value}`,
    );
  }
}
