/**
 * Gather rows of a rollout into contiguous minibatch buffers and tensors. Buffers are sized
 * once for the largest minibatch and reused; only the tensors are new per minibatch.
 */
import { tf } from '../nn/index.js';
import type { ActionHead } from './heads.js';
import { actionSize, allocActions, allocObs, maskSize, type ObsBuffer } from './spec.js';
import type { RolloutStorage } from './storage.js';

export interface Minibatch {
  rows: number;
  obs: tf.Tensor2D;
  actions: tf.Tensor;
  mask: tf.Tensor2D | null;
}

type Buf = ObsBuffer | Int32Array | Float32Array | Uint8Array | Float64Array;

function gatherRows(src: Buf, dst: Buf, idx: Int32Array, from: number, to: number, width: number): void {
  for (let r = from; r < to; r++) {
    const s = idx[r] * width;
    const d = (r - from) * width;
    for (let j = 0; j < width; j++) dst[d + j] = src[s + j];
  }
}

export class MinibatchBuilder {
  private readonly obs: ObsBuffer;
  private readonly actions: Int32Array | Float32Array;
  private readonly masks: Uint8Array;
  private readonly aSize: number;
  private readonly mSize: number;

  constructor(
    private readonly store: RolloutStorage,
    private readonly head: ActionHead,
    maxRows: number,
  ) {
    const spec = store.spec;
    this.obs = allocObs(spec.obs, maxRows);
    this.actions = allocActions(spec.action, maxRows);
    this.masks = new Uint8Array(maxRows * maskSize(spec));
    this.aSize = actionSize(spec.action);
    this.mSize = maskSize(spec);
  }

  /** Tensors for rows idx[from .. to) of the rollout (caller disposes them). */
  build(idx: Int32Array, from: number, to: number): Minibatch {
    const rows = to - from;
    const spec = this.store.spec;
    const w = spec.obs.size;
    gatherRows(this.store.obs, this.obs, idx, from, to, w);
    gatherRows(this.store.actions, this.actions, idx, from, to, this.aSize);
    const obs = tf.tensor2d(
      this.obs.subarray(0, rows * w),
      [rows, w],
      spec.obs.kind === 'float' ? 'float32' : 'int32',
    );
    const a = this.actions.subarray(0, rows * this.aSize);
    const shape = spec.action.kind === 'discrete' ? [rows] : [rows, this.aSize];
    const actions = tf.tensor(a, shape, this.head.actionDtype);
    let mask: tf.Tensor2D | null = null;
    if (this.mSize > 0) {
      gatherRows(this.store.masks, this.masks, idx, from, to, this.mSize);
      mask = tf.tensor2d(this.masks.subarray(0, rows * this.mSize), [rows, this.mSize], 'bool');
    }
    return { rows, obs, actions, mask };
  }
}

/** A float32 [to - from] tensor of src[idx[r]] for r in [from, to). */
export function gatherScalars(src: Float64Array, idx: Int32Array, from: number, to: number): tf.Tensor1D {
  const out = new Float32Array(to - from);
  for (let r = from; r < to; r++) out[r - from] = src[idx[r]];
  return tf.tensor1d(out, 'float32');
}

export function disposeBatch(b: Minibatch): void {
  b.obs.dispose();
  b.actions.dispose();
  b.mask?.dispose();
}

/** Fisher-Yates shuffle of a typed index array with the given Rng. */
export function shuffleIndices(idx: Int32Array, rng: { int(n: number): number }): void {
  for (let i = idx.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
}
