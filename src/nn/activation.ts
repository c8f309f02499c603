/**
 * Element-wise activations shared by the layers and mirrored by the ONNX exporter.
 *
 * Speed note (tfjs-wasm 4.22): `tf.tanh` and `tf.erf` are scalar and ~15x slower than
 * `tf.sigmoid` (XNNPACK), so tanh is computed as 2 sigmoid(2x) - 1 (same function, float32
 * rounding differs by ~1e-7), and 'quickGelu' = x sigmoid(1.702 x) is offered as the fast GELU.
 * 'gelu' is the exact 0.5 x (1 + erf(x / sqrt 2)).
 */
import * as tf from './tf.js';

export type Activation = 'linear' | 'relu' | 'tanh' | 'sigmoid' | 'gelu' | 'quickGelu';

export const ACTIVATIONS: readonly Activation[] = ['linear', 'relu', 'tanh', 'sigmoid', 'gelu', 'quickGelu'];

/** Slope inside the sigmoid of quickGelu. */
export const QUICK_GELU_SLOPE = 1.702;

export function activate(x: tf.Tensor, act: Activation): tf.Tensor {
  switch (act) {
    case 'linear':
      return x;
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return fastTanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'gelu':
      return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2)))));
    case 'quickGelu':
      return tf.tidy(() => tf.mul(x, tf.sigmoid(tf.mul(x, QUICK_GELU_SLOPE))));
  }
}

/** tanh(x) = 2 sigmoid(2x) - 1, on the fast sigmoid kernel. */
export function fastTanh(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sub(tf.mul(tf.sigmoid(tf.mul(x, 2)), 2), 1));
}
