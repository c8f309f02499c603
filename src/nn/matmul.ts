/**
 * Matrix product with a backward pass that transposes explicitly. In tfjs-wasm 4.22 a matMul
 * with transposeA/transposeB set skips the fast XNNPACK path and runs ~10x slower than an
 * explicit `transpose` followed by a plain matMul; tf's own matMul gradient uses those flags.
 * Measured here on [3000, 64] x [64, 64]: 25 ms with the flag, 2.6 ms explicit.
 */
import * as tf from './tf.js';

function swapLast(t: tf.Tensor): tf.Tensor {
  return t.rank === 2 ? tf.transpose(t) : tf.transpose(t, [0, 2, 1]);
}

const product = tf.customGrad((a, b, save) => {
  const x = a as tf.Tensor;
  const y = b as tf.Tensor;
  (save as tf.GradSaveFunc)([x, y]);
  return {
    value: tf.matMul(x as tf.Tensor3D, y as tf.Tensor3D),
    gradFunc: (dy, saved) => {
      const [sx, sy] = saved;
      const g = dy as tf.Tensor3D;
      return [tf.matMul(g, swapLast(sy) as tf.Tensor3D), tf.matMul(swapLast(sx) as tf.Tensor3D, g)];
    },
  };
});

/** a [M, K] x b [K, N] (or batched [B, M, K] x [B, K, N]) with a fast gradient. */
export function matMul<T extends tf.Tensor2D | tf.Tensor3D>(a: T, b: T): T {
  return product(a, b) as T;
}

/** a x b^T over the last two axes, transposing b explicitly (fast path). */
export function matMulT<T extends tf.Tensor2D | tf.Tensor3D>(a: T, b: T): T {
  return tf.tidy(() => matMul(a, swapLast(b) as T));
}

const affineOp = tf.customGrad((a, w, b, save) => {
  const x = a as tf.Tensor2D;
  const wt = w as tf.Tensor2D;
  (save as tf.GradSaveFunc)([x, wt]);
  return {
    value: tf.add(tf.matMul(x, wt), b as tf.Tensor1D),
    gradFunc: (dy, saved) => {
      const [sx, sw] = saved as tf.Tensor2D[];
      const g = dy as tf.Tensor2D;
      const ones = tf.ones([1, g.shape[0]]) as tf.Tensor2D;
      return [
        tf.matMul(g, tf.transpose(sw)),
        tf.matMul(tf.transpose(sx), g),
        tf.reshape(tf.matMul(ones, g), [-1]),
      ];
    },
  };
});

/**
 * x [M, K] W [K, N] + b [N] with a fast gradient: besides the explicit transposes, the bias
 * gradient is ones[1, M] x dy (a matrix product) instead of a column sum, which the wasm backend
 * computes through a transpose.
 */
export function affine(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return affineOp(x, w, b) as tf.Tensor2D;
}
