/**
 * Rollout sources. A rollout is split into a fixed number of shards (groups of env copies);
 * shard s always holds copies s*E .. s*E+E-1 and draws its env seeds and action samples from
 * `rng.stream('shard-<s>')`. Every shard starts from freshly reset envs, so a shard's result
 * depends only on the weights and its stream: the in-process source and the worker-pool
 * source (any number of workers) produce identical merged rollouts.
 */
import { AgoraError, type Rng, type RngState } from '../core/index.js';
import { collectRollout } from './collect.js';
import type { EnvFactory } from './env.js';
import { type ActionHead, headFor } from './heads.js';
import type { NamedWeights, PolicyModel } from './policy.js';
import { WorkerPool } from './pool.js';
import { mergeShards, RolloutStorage } from './storage.js';
import { VecEnv } from './vec-env.js';

/** How to build the pieces of a rollout; what a setup module's factory returns. */
export interface RolloutSetup {
  makeEnv: EnvFactory;
  /** A model of the right architecture; its weights are overwritten before every rollout. */
  makeModel(): PolicyModel;
  /** Distribution head; default: the head matching the env's action spec. */
  head?: ActionHead;
}

/** Where worker threads find the setup: a module file URL, the factory's export name, options. */
export interface SetupRef {
  module: string;
  name: string;
  options?: unknown;
}

export interface RolloutPlan {
  shards: number;
  envsPerShard: number;
  /** Steps per env copy per rollout. */
  steps: number;
}

export interface RolloutSource {
  readonly plan: RolloutPlan;
  collect(model: PolicyModel, rng: Rng): Promise<RolloutStorage>;
  close(): Promise<void>;
}

export function checkPlan(plan: RolloutPlan): void {
  for (const k of ['shards', 'envsPerShard', 'steps'] as const) {
    if (!(Number.isInteger(plan[k]) && plan[k] >= 1)) {
      throw new AgoraError('CONFIG_INVALID', `rollout ${k} must be a positive integer, got ${plan[k]}`, {
        hint: 'set shards, envsPerShard and steps to integers >= 1',
      });
    }
  }
}

/** Collect shard s on `vec` (its copies already built) with the shard's own streams. */
export function collectShard(
  vec: VecEnv,
  model: PolicyModel,
  head: ActionHead,
  steps: number,
  shardRng: Rng,
) {
  vec.resetAll(shardRng.stream('reset'));
  return collectRollout(vec, model, head, steps, shardRng.stream('actions'));
}

export function shardRng(rng: Rng, s: number): Rng {
  return rng.stream(`shard-${s}`);
}

/** In-process rollouts: shards collected one after another on the calling thread. */
export function localRollouts(setup: RolloutSetup, plan: RolloutPlan): RolloutSource {
  checkPlan(plan);
  const vecs: VecEnv[] = [];
  for (let s = 0; s < plan.shards; s++) {
    vecs.push(new VecEnv((i) => setup.makeEnv(s * plan.envsPerShard + i), plan.envsPerShard));
  }
  const head = setup.head ?? headFor(vecs[0].spec.action);
  return {
    plan,
    async collect(model, rng) {
      const parts = vecs.map((v, s) => collectShard(v, model, head, plan.steps, shardRng(rng, s)));
      return parts.length === 1 ? parts[0] : mergeShards(parts);
    },
    async close() {},
  };
}

/** Task payload sent to a rollout worker. */
export interface ShardTask {
  shard: number;
  weights: NamedWeights[];
  rng: RngState;
}

/** Rollouts in worker threads; each worker builds the setup from `ref` once. */
export async function poolRollouts(
  ref: SetupRef,
  plan: RolloutPlan,
  workers: number,
): Promise<RolloutSource> {
  checkPlan(plan);
  const module = new URL(`./rollout-task${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  const pool = await WorkerPool.create({ workers, module: module.href, options: { ref, plan } });
  return {
    plan,
    async collect(model, rng) {
      const weights = model.getWeights();
      const tasks: ShardTask[] = [];
      for (let s = 0; s < plan.shards; s++)
        tasks.push({ shard: s, weights, rng: shardRng(rng, s).getState() });
      const parts = await pool.map<StorageParts>(tasks);
      const stores = parts.map(fromParts);
      return stores.length === 1 ? stores[0] : mergeShards(stores);
    },
    close: () => pool.close(),
  };
}

/** Plain-object form of a RolloutStorage (what crosses the thread boundary). */
export type StorageParts = Pick<
  RolloutStorage,
  | 'spec'
  | 'steps'
  | 'envs'
  | 'obs'
  | 'actions'
  | 'masks'
  | 'rewards'
  | 'dones'
  | 'values'
  | 'logps'
  | 'lastValues'
> & { episodes: RolloutStorage['episodes'] };

export function toParts(s: RolloutStorage): StorageParts {
  const { spec, steps, envs, obs, actions, masks, rewards, dones, values, logps, lastValues, episodes } = s;
  return { spec, steps, envs, obs, actions, masks, rewards, dones, values, logps, lastValues, episodes };
}

export function fromParts(p: StorageParts): RolloutStorage {
  const s = new RolloutStorage(p.spec, p.steps, p.envs);
  s.obs.set(p.obs);
  s.actions.set(p.actions);
  s.masks.set(p.masks);
  s.rewards.set(p.rewards);
  s.dones.set(p.dones);
  s.values.set(p.values);
  s.logps.set(p.logps);
  s.lastValues.set(p.lastValues);
  s.episodes = p.episodes;
  return s;
}
