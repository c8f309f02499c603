/**
 * The tfjs backend for all learning: `@tensorflow/tfjs-backend-wasm` (XNNPACK kernels, SIMD when
 * the runtime has it). Never tfjs-node (its install downloads binaries) and never the pure-JS
 * `cpu` backend for training (25-35x slower). `initBackend()` is idempotent and safe to call from
 * every entry point and worker thread; each thread gets its own wasm instance.
 */
import { AgoraError } from '../core/index.js';
import * as tf from './tf.js';

export interface BackendInfo {
  /** Always 'wasm'. */
  readonly name: string;
  /** Whether the wasm module uses SIMD instructions. */
  readonly simd: boolean;
  /** Threads used by the wasm kernels (1 in Node: the threaded build needs a browser worker setup). */
  readonly threads: number;
}

let ready: Promise<BackendInfo> | undefined;

/** Select and initialise the wasm backend once; later calls return the same promise. */
export function initBackend(): Promise<BackendInfo> {
  ready ??= start();
  return ready;
}

async function start(): Promise<BackendInfo> {
  const ok = await tf.setBackend('wasm');
  if (!ok || tf.getBackend() !== 'wasm') {
    ready = undefined;
    throw new AgoraError('UNAVAILABLE', 'could not initialise the tfjs wasm backend', {
      hint: 'check that @tensorflow/tfjs-backend-wasm is installed and its dist/*.wasm files are present',
    });
  }
  await tf.ready();
  return backendInfo();
}

/** What the running backend uses; call after `initBackend()`. */
export function backendInfo(): BackendInfo {
  return {
    name: tf.getBackend(),
    simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    threads: tf.wasmThreadsCount(),
  };
}

/** Throw a clear error when a training entry point runs before `initBackend()`. */
export function assertBackend(): void {
  if (tf.getBackend() !== 'wasm') {
    throw new AgoraError('RUN_STATE', `tfjs backend is '${tf.getBackend()}', expected 'wasm'`, {
      hint: 'await initBackend() from src/nn before building or training networks',
    });
  }
}
