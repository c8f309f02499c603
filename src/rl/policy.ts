/**
 * What PPO and REINFORCE need from a network: a batched forward pass from observations to
 * distribution parameters (logits, item scores or mean|logStd, one row per observation) and a
 * state value, the list of trainable variables, and weight get/set by name (to ship weights
 * to rollout workers and to checkpoints). Token LSTMs, transformers and set encoders all fit:
 * an `index` observation (token prefix, date index) is passed as an int32 tensor and decoded
 * by the model itself.
 */
import { AgoraError } from '../core/index.js';
import { type Param, tf } from '../nn/index.js';
import type { ObsBuffer, ObsSpec } from './spec.js';

export interface PolicyOutput {
  /** [B, paramSize] distribution parameters. */
  params: tf.Tensor2D;
  /** [B] state values; may be absent for a policy without a critic (REINFORCE, mean baseline). */
  value?: tf.Tensor1D;
}

/** Named float32 weights (structurally the same as nn's WeightEntry). */
export interface NamedWeights {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/**
 * A policy (and optional critic). `parameters()` must list every trainable variable of both
 * networks under unique names: the optimiser is built from it, so a variable left out would
 * silently never train (tests check that every listed variable moves after an update). An nn
 * `Module` subclass fits by adding `policy()`.
 */
export interface PolicyModel {
  /** Forward pass on a batch of observations ([B, obsSize], float32 or int32). */
  policy(obs: tf.Tensor2D): PolicyOutput;
  parameters(): Param[];
  getWeights(): NamedWeights[];
  setWeights(weights: readonly NamedWeights[]): void;
}

/** Observation rows [from, from + rows) as a [rows, size] tensor (int32 for index observations). */
export function obsTensor(buf: ObsBuffer, spec: ObsSpec, from: number, rows: number): tf.Tensor2D {
  const view = buf.subarray(from * spec.size, (from + rows) * spec.size);
  return tf.tensor2d(view, [rows, spec.size], spec.kind === 'float' ? 'float32' : 'int32');
}

/** Run the model without recording gradients; returns params and values as typed arrays. */
export function inferBatch(
  model: PolicyModel,
  obs: tf.Tensor2D,
  outValues: Float64Array,
): { params: Float32Array; hasValue: boolean } {
  const out = model.policy(obs);
  try {
    const params = out.params.dataSync() as Float32Array;
    if (out.value === undefined) {
      outValues.fill(0);
      return { params, hasValue: false };
    }
    const v = out.value.dataSync();
    if (v.length !== outValues.length) {
      throw new AgoraError(
        'INVALID_ARGUMENT',
        `policy returned ${v.length} values for ${outValues.length} rows`,
        {
          hint: 'the value head must output one number per observation ([B] or [B, 1] reshaped)',
        },
      );
    }
    for (let i = 0; i < v.length; i++) outValues[i] = v[i];
    return { params, hasValue: true };
  } finally {
    out.params.dispose();
    out.value?.dispose();
  }
}
