/**
 * Rollout storage: T steps x B env copies, step-major (row t*B + b). Row t holds the
 * observation and mask the action was chosen from, the action, its log-probability and value
 * estimate, and the reward and done flag that action produced. Observations are whatever the
 * env writes: for `index` observations (a token prefix, a date index) only those integers are
 * stored, never the large feature tensors they point into.
 */

import {
  type ActionBuffer,
  actionSize,
  allocActions,
  allocObs,
  type EnvSpec,
  maskSize,
  type ObsBuffer,
} from './spec.js';
import type { EpisodeStats } from './vec-env.js';

export class RolloutStorage {
  readonly obs: ObsBuffer;
  readonly actions: ActionBuffer;
  readonly masks: Uint8Array;
  readonly rewards: Float64Array;
  readonly dones: Uint8Array;
  readonly values: Float64Array;
  readonly logps: Float64Array;
  /** Value of the state each copy is in after the last step (bootstrap). */
  readonly lastValues: Float64Array;
  readonly advantages: Float64Array;
  readonly returns: Float64Array;
  episodes: EpisodeStats = { returns: [], lengths: [] };

  constructor(
    readonly spec: EnvSpec,
    readonly steps: number,
    readonly envs: number,
  ) {
    const rows = steps * envs;
    this.obs = allocObs(spec.obs, rows);
    this.actions = allocActions(spec.action, rows);
    this.masks = new Uint8Array(rows * maskSize(spec));
    this.rewards = new Float64Array(rows);
    this.dones = new Uint8Array(rows);
    this.values = new Float64Array(rows);
    this.logps = new Float64Array(rows);
    this.lastValues = new Float64Array(envs);
    this.advantages = new Float64Array(rows);
    this.returns = new Float64Array(rows);
  }

  get size(): number {
    return this.steps * this.envs;
  }

  /** Copy B rows of obs/masks (the current state of every copy) into step t. */
  writeState(t: number, obs: ObsBuffer, masks: Uint8Array): void {
    const B = this.envs;
    this.obs.set(obs, t * B * this.spec.obs.size);
    const m = maskSize(this.spec);
    if (m > 0) this.masks.set(masks, t * B * m);
  }

  /** Copy the B actions, log-probs and values chosen at step t. */
  writeDecision(t: number, actions: ActionBuffer, logps: Float64Array, values: Float64Array): void {
    const B = this.envs;
    this.actions.set(actions, t * B * actionSize(this.spec.action));
    this.logps.set(logps, t * B);
    this.values.set(values, t * B);
  }

  /** Copy the rewards and done flags produced by step t. */
  writeOutcome(t: number, rewards: Float64Array, dones: Uint8Array): void {
    this.rewards.set(rewards, t * this.envs);
    this.dones.set(dones, t * this.envs);
  }
}

/**
 * Concatenate shards along the env axis: shard s's copy j becomes copy offset_s + j. The
 * result is the same storage a single collector over all copies in shard order would fill.
 */
export function mergeShards(shards: readonly RolloutStorage[]): RolloutStorage {
  const first = shards[0];
  const T = first.steps;
  const B = shards.reduce((s, x) => s + x.envs, 0);
  const out = new RolloutStorage(first.spec, T, B);
  const per = {
    obs: first.spec.obs.size,
    act: actionSize(first.spec.action),
    mask: maskSize(first.spec),
  };
  let off = 0;
  for (const s of shards) {
    for (let t = 0; t < T; t++) {
      copyRows(s.obs, out.obs, t, s.envs, B, off, per.obs);
      copyRows(s.actions, out.actions, t, s.envs, B, off, per.act);
      copyRows(s.masks, out.masks, t, s.envs, B, off, per.mask);
      for (const k of ['rewards', 'values', 'logps', 'advantages', 'returns'] as const) {
        copyRows(s[k], out[k], t, s.envs, B, off, 1);
      }
      copyRows(s.dones, out.dones, t, s.envs, B, off, 1);
    }
    out.lastValues.set(s.lastValues, off);
    out.episodes.returns.push(...s.episodes.returns);
    out.episodes.lengths.push(...s.episodes.lengths);
    off += s.envs;
  }
  return out;
}

type Buf = Float64Array | Float32Array | Int32Array | Uint8Array;

function copyRows(src: Buf, dst: Buf, t: number, bs: number, B: number, off: number, width: number): void {
  if (width === 0) return;
  const from = t * bs * width;
  (dst as Float64Array).set(src.subarray(from, from + bs * width), (t * B + off) * width);
}
