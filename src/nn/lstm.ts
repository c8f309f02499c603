/**
 * Multi-layer LSTM. Per layer and step, for each gate k in (i, f, g, o):
 *   z_k = x_t Wx_k + h Wh_k + b_k
 *   i = sigmoid(z_i), f = sigmoid(z_f), g = tanh(z_g), o = sigmoid(z_o)
 *   c' = f c + i g;  h' = o tanh(c')
 * Forget biases start at 1. Input x is [batch, time, features].
 *
 * Speed notes (tfjs-wasm 4.22): the wasm Slice kernel copies its whole input before slicing, so
 * splitting a fused [B, 4H] gate tensor or unstacking a projected [B, T, 4H] sequence costs
 * O(size) per slice, and Concat along columns is a slow JS loop. Separate weights per gate and
 * per input (x or h), and per-step tensors passed between layers, avoid both; tanh runs on the
 * fast sigmoid kernel (see activation.ts).
 */
import { AgoraError, type Rng } from '../core/index.js';
import { fastTanh } from './activation.js';
import { checkPositive } from './dense.js';
import { affine, matMul } from './matmul.js';
import { Module } from './module.js';
import * as tf from './tf.js';

/** Hidden and cell state of one layer, each [batch, hidden]. */
export interface LstmState {
  readonly h: tf.Tensor2D;
  readonly c: tf.Tensor2D;
}

const GATES = ['i', 'f', 'g', 'o'] as const;

export class LstmLayer extends Module {
  /** Per gate (input, forget, cell, output): input weights [inputs, hidden]. */
  readonly wx: tf.Variable[];
  /** Per gate: recurrent weights [hidden, hidden]. */
  readonly wh: tf.Variable[];
  readonly b: tf.Variable[];

  constructor(
    name: string,
    readonly inputs: number,
    readonly hidden: number,
    rng: Rng,
  ) {
    super(name);
    checkPositive('inputs', inputs, name);
    checkPositive('hidden', hidden, name);
    this.wx = GATES.map((k) => this.param(`wx_${k}`, [inputs, hidden], { kind: 'glorotUniform' }, rng));
    this.wh = GATES.map((k) => this.param(`wh_${k}`, [hidden, hidden], { kind: 'glorotUniform' }, rng));
    this.b = GATES.map((k) => this.param(`b_${k}`, [hidden], { kind: k === 'f' ? 'ones' : 'zeros' }, rng));
  }

  /** Output sequence [B, T, H] for input [B, T, inputs], starting from zeros. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.stack(this.runSteps(unstackTime(x, this.inputs, this.name)).outputs, 1));
  }

  /** Run over per-step inputs [B, inputs]; returns per-step outputs and the final state. */
  runSteps(xs: readonly tf.Tensor2D[], state?: LstmState): { outputs: tf.Tensor2D[]; state: LstmState } {
    return tf.tidyObj(() => {
      let s = state ?? zeroState(xs[0].shape[0], this.hidden);
      const outputs = xs.map((x) => {
        s = this.step(x, s);
        return s.h;
      });
      return { outputs, state: s };
    });
  }

  /** One time step: x [B, inputs]. */
  step(x: tf.Tensor2D, s: LstmState): LstmState {
    return tf.tidyObj(() => {
      const [i, f, g, o] = GATES.map((_, k) =>
        tf.add(
          affine(x, this.wx[k] as tf.Tensor2D, this.b[k] as tf.Tensor1D),
          matMul(s.h, this.wh[k] as tf.Tensor2D),
        ),
      );
      const c = tf.add(tf.mul(tf.sigmoid(f), s.c), tf.mul(tf.sigmoid(i), fastTanh(g))) as tf.Tensor2D;
      const h = tf.mul(tf.sigmoid(o), fastTanh(c)) as tf.Tensor2D;
      return { h, c };
    });
  }
}

/** Stack of `numLayers` LSTM layers; each layer feeds its output sequence to the next. */
export class Lstm extends Module {
  readonly layers: LstmLayer[] = [];

  constructor(
    name: string,
    readonly inputs: number,
    readonly hidden: number,
    readonly numLayers: number,
    rng: Rng,
  ) {
    super(name);
    checkPositive('numLayers', numLayers, name);
    for (let l = 0; l < numLayers; l++) {
      const layer = new LstmLayer(`layer${l}`, l === 0 ? inputs : hidden, hidden, rng.stream(`layer${l}`));
      this.layers.push(this.child(layer));
    }
  }

  /** Top layer's output sequence [B, T, H]. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.run(x as tf.Tensor3D).output);
  }

  /** Output sequence, its last step [B, H], and the final state of every layer. */
  run(
    x: tf.Tensor3D,
    states?: readonly LstmState[],
  ): { output: tf.Tensor3D; last: tf.Tensor2D; states: LstmState[] } {
    return tf.tidyObj(() => {
      let seq = unstackTime(x, this.inputs, this.name);
      const out: LstmState[] = [];
      this.layers.forEach((layer, l) => {
        const r = layer.runSteps(seq, states?.[l]);
        seq = r.outputs;
        out.push(r.state);
      });
      return { output: tf.stack(seq, 1) as tf.Tensor3D, last: seq[seq.length - 1], states: out };
    });
  }

  /** One time step through all layers: x [B, inputs] -> top hidden [B, H] and new states. */
  step(x: tf.Tensor2D, states: readonly LstmState[]): { output: tf.Tensor2D; states: LstmState[] } {
    return tf.tidyObj(() => {
      let h = x;
      const out = this.layers.map((layer, l) => {
        const s = layer.step(h, states[l]);
        h = s.h;
        return s;
      });
      return { output: h, states: out };
    });
  }

  /** Zero initial states for a batch. */
  zeroStates(batch: number): LstmState[] {
    return this.layers.map(() => zeroState(batch, this.hidden));
  }
}

function zeroState(batch: number, hidden: number): LstmState {
  return { h: tf.zeros([batch, hidden]), c: tf.zeros([batch, hidden]) };
}

function unstackTime(x: tf.Tensor, inputs: number, name: string): tf.Tensor2D[] {
  if (x.rank !== 3 || x.shape[2] !== inputs || (x.shape[1] ?? 0) < 1) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `LSTM '${name}' expects [batch, time >= 1, ${inputs}], got [${x.shape}]`,
      {
        hint: 'pass a rank-3 tensor with the feature count the layer was built with',
      },
    );
  }
  return tf.unstack(x, 1) as tf.Tensor2D[];
}
