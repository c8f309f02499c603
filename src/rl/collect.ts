/**
 * Collect one rollout: from the current state of every copy in a VecEnv, run the policy,
 * sample an action per copy with the head's typed-array sampler (seeded Rng), step, and store
 * (state, mask, action, log-prob, value, reward, done) per step. The value of the state the
 * rollout stops in is stored for bootstrapping.
 */
import { AgoraError, type Rng } from '../core/index.js';
import { tf } from '../nn/index.js';
import type { ActionHead } from './heads.js';
import { inferBatch, obsTensor, type PolicyModel } from './policy.js';
import { allocActions, maskSize, paramSize } from './spec.js';
import { RolloutStorage } from './storage.js';
import type { VecEnv } from './vec-env.js';

export function collectRollout(
  vec: VecEnv,
  model: PolicyModel,
  head: ActionHead,
  steps: number,
  rng: Rng,
): RolloutStorage {
  const B = vec.count;
  const spec = vec.spec;
  const store = new RolloutStorage(spec, steps, B);
  const actions = allocActions(spec.action, B);
  const logps = new Float64Array(B);
  const values = new Float64Array(B);
  const masks = maskSize(spec) > 0 ? vec.masks : null;
  for (let t = 0; t < steps; t++) {
    store.writeState(t, vec.obs, vec.masks);
    const params = forwardParams(vec, model, values);
    for (let b = 0; b < B; b++) logps[b] = head.sample(params, b, masks, actions, rng);
    store.writeDecision(t, actions, logps, values);
    vec.step(actions);
    store.writeOutcome(t, vec.rewards, vec.dones);
  }
  forwardParams(vec, model, store.lastValues);
  store.episodes = vec.takeEpisodeStats();
  return store;
}

function forwardParams(vec: VecEnv, model: PolicyModel, values: Float64Array): Float32Array {
  const obs = obsTensor(vec.obs, vec.spec.obs, 0, vec.count);
  try {
    const { params } = tf.tidy(() => inferBatch(model, obs, values));
    const want = vec.count * paramSize(vec.spec.action);
    if (params.length !== want) {
      throw new AgoraError(
        'INVALID_ARGUMENT',
        `policy output has ${params.length} numbers, expected ${want}`,
        {
          hint: `the head needs [B, ${paramSize(vec.spec.action)}] parameters per batch of B observations`,
        },
      );
    }
    return params;
  } finally {
    obs.dispose();
  }
}
