/**
 * The single place that imports tfjs. Everything in nn/ (and above, through nn/index.ts) uses this
 * re-export so that the wasm backend is always registered before any tensor is made.
 */
import { type TensorContainer, tidy } from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';

export * from '@tensorflow/tfjs';

/** Threads used by the wasm backend kernels. */
export function wasmThreadsCount(): number {
  return getThreadsCount();
}

/**
 * `tf.tidy` for results typed as interfaces (tensors nested in plain objects and arrays are
 * kept, everything else made inside `f` is disposed).
 */
export function tidyObj<T>(f: () => T): T {
  return tidy(f as () => TensorContainer) as T;
}
