/**
 * The environment interface. An env writes its observation and action mask into buffers the
 * caller owns (no allocation per step) and reports the step outcome into a reused object.
 * `reset(seed)` must fully determine the episode that follows from the seed and the actions.
 */
import type { ActionBuffer, EnvSpec, ObsBuffer } from './spec.js';

export interface StepOut {
  reward: number;
  /** The episode ended with this step (terminal: no bootstrap from the next state). */
  done: boolean;
}

export interface Env {
  readonly spec: EnvSpec;
  /** Start a new episode; all randomness of the episode comes from `seed`. */
  reset(seed: number): void;
  /** Write the current observation into `out[offset .. offset + spec.obs.size)`. */
  observe(out: ObsBuffer, offset: number): void;
  /** Write the action mask (1 = allowed) into `out[offset .. offset + n)`; needed when spec.masked. */
  mask?(out: Uint8Array, offset: number): void;
  /** Apply the action stored at `action[offset ..]` and report reward and done into `out`. */
  step(action: ActionBuffer, offset: number, out: StepOut): void;
}

/** Builds the i-th copy of an environment (vectorised envs and workers call this). */
export type EnvFactory = (index: number) => Env;
