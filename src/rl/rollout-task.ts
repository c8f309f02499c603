/** Worker task module for poolRollouts: builds the setup once, then collects shards on request. */
import { Rng } from '../core/index.js';
import { initBackend } from '../nn/index.js';
import { headFor } from './heads.js';
import {
  collectShard,
  type RolloutPlan,
  type RolloutSetup,
  type SetupRef,
  type ShardTask,
  type StorageParts,
  toParts,
} from './rollouts.js';
import { VecEnv } from './vec-env.js';

export async function loadSetup(ref: SetupRef): Promise<RolloutSetup> {
  const mod = (await import(ref.module)) as Record<
    string,
    (o: unknown) => RolloutSetup | Promise<RolloutSetup>
  >;
  const factory = mod[ref.name];
  if (typeof factory !== 'function') throw new Error(`module ${ref.module} has no export '${ref.name}'`);
  return factory(ref.options);
}

export async function createHandler(options: { ref: SetupRef; plan: RolloutPlan }) {
  await initBackend();
  const { ref, plan } = options;
  const setup = await loadSetup(ref);
  const model = setup.makeModel();
  const vecs = new Map<number, VecEnv>();
  return (task: ShardTask): StorageParts => {
    let vec = vecs.get(task.shard);
    if (vec === undefined) {
      const base = task.shard * plan.envsPerShard;
      vec = new VecEnv((i) => setup.makeEnv(base + i), plan.envsPerShard);
      vecs.set(task.shard, vec);
    }
    model.setWeights(task.weights);
    const head = setup.head ?? headFor(vec.spec.action);
    return toParts(collectShard(vec, model, head, plan.steps, Rng.fromState(task.rng)));
  };
}
