import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import { initBackend, type Param, tf } from '../../src/nn/index.js';
import {
  AlignEnv,
  BanditEnv,
  categoricalHead,
  collectRollout,
  mergeShards,
  type NamedWeights,
  type PolicyModel,
  RolloutStorage,
  TOKEN_TASK,
  TokenSequenceEnv,
  VecEnv,
} from '../../src/rl/index.js';

beforeAll(async () => {
  await initBackend();
});

/** A parameter-free policy: uniform logits over n actions, value = 100 * obs[0] + obs[1]. */
function probePolicy(n: number): PolicyModel {
  return {
    policy: (obs) =>
      tf.tidy(() => {
        const o = tf.cast(obs, 'float32') as tf.Tensor2D;
        const value = tf.add(tf.mul(tf.slice(o, [0, 0], [-1, 1]), 100), tf.slice(o, [0, 1], [-1, 1]));
        return {
          params: tf.zeros([obs.shape[0], n]) as tf.Tensor2D,
          value: tf.reshape(value, [-1]) as tf.Tensor1D,
        };
      }),
    parameters: (): Param[] => [],
    getWeights: (): NamedWeights[] => [],
    setWeights: () => {},
  };
}

describe('rollout alignment (golden, 3-step env)', () => {
  it('stores exactly (obs, mask, action, value) before each step and (reward, done) from it', () => {
    const B = 2;
    const T = 7;
    const vec = new VecEnv(() => new AlignEnv(), B);
    vec.resetAll(new Rng(1));
    const store = collectRollout(vec, probePolicy(3), categoricalHead(3), T, new Rng(2));
    for (let b = 0; b < B; b++) {
      let prev = -1;
      for (let t = 0; t < T; t++) {
        const i = t * B + b;
        const step = t % 3;
        const a = store.actions[i];
        expect([store.obs[i * 2], store.obs[i * 2 + 1]]).toEqual([step, prev]);
        const mask = Array.from(store.masks.subarray(i * 3, i * 3 + 3));
        const expected = [1, 1, 1];
        expected[(step + 2) % 3] = 0;
        expect(mask).toEqual(expected);
        expect(mask[a]).toBe(1);
        expect(store.rewards[i]).toBe(10 * step + a);
        expect(store.dones[i]).toBe(step === 2 ? 1 : 0);
        expect(store.values[i]).toBe(100 * step + prev);
        expect(store.logps[i]).toBeCloseTo(Math.log(1 / 2), 12);
        prev = step === 2 ? -1 : a;
      }
      // after 7 steps copy b is at step 1 of its third episode
      expect(store.lastValues[b]).toBe(100 * 1 + store.actions[6 * B + b]);
    }
    expect(store.episodes.returns.length).toBe(4);
    expect(store.episodes.lengths).toEqual([3, 3, 3, 3]);
  });

  it('index observations store the token prefix only', () => {
    const vec = new VecEnv(() => new TokenSequenceEnv(TOKEN_TASK), 3);
    vec.resetAll(new Rng(4));
    const L = TOKEN_TASK.target.length;
    const store = collectRollout(
      vec,
      probePolicy(TOKEN_TASK.vocab),
      categoricalHead(TOKEN_TASK.vocab),
      L,
      new Rng(5),
    );
    expect(store.obs).toBeInstanceOf(Int32Array);
    expect(store.obs.length).toBe(L * 3 * L);
    for (let b = 0; b < 3; b++) {
      for (let t = 0; t < L; t++) {
        const row = Array.from(store.obs.subarray((t * 3 + b) * L, (t * 3 + b + 1) * L));
        const expected = Array.from({ length: L }, (_, j) =>
          j < t ? store.actions[j * 3 + b] : TOKEN_TASK.vocab,
        );
        expect(row).toEqual(expected);
        if (t > 0) expect(store.actions[t * 3 + b]).not.toBe(store.actions[(t - 1) * 3 + b]);
      }
      expect(store.dones[(L - 1) * 3 + b]).toBe(1);
    }
  });

  it('rollouts are reproducible from the seeds', () => {
    const run = () => {
      const vec = new VecEnv(() => new BanditEnv([0, 1, 2], 0.5), 4);
      vec.resetAll(new Rng(8));
      return collectRollout(vec, probePolicy(3), categoricalHead(3), 5, new Rng(9));
    };
    const a = run();
    const b = run();
    expect(Array.from(a.actions)).toEqual(Array.from(b.actions));
    expect(Array.from(a.rewards)).toEqual(Array.from(b.rewards));
  });

  it('VecEnv refuses to step before reset', () => {
    const vec = new VecEnv(() => new AlignEnv(), 1);
    expect(() => vec.step(Int32Array.of(0))).toThrow(/before resetAll/);
  });
});

describe('mergeShards', () => {
  it('places shard s copy j at column s*E + j for every field', () => {
    const spec = new AlignEnv().spec;
    const mk = (tag: number) => {
      const s = new RolloutStorage(spec, 2, 2);
      for (let i = 0; i < 4; i++) {
        s.rewards[i] = tag * 100 + i;
        s.actions[i] = tag * 10 + i;
        s.obs[i * 2] = tag;
        s.obs[i * 2 + 1] = i;
        s.masks[i * 3 + (i % 3)] = 1;
      }
      s.lastValues.set([tag, tag + 0.5]);
      s.episodes = { returns: [tag], lengths: [3] };
      return s;
    };
    const m = mergeShards([mk(1), mk(2)]);
    expect(m.envs).toBe(4);
    // step t, column c: shard = c >> 1, local i = t*2 + (c & 1)
    for (let t = 0; t < 2; t++) {
      for (let c = 0; c < 4; c++) {
        const tag = 1 + (c >> 1);
        const i = t * 2 + (c & 1);
        expect(m.rewards[t * 4 + c]).toBe(tag * 100 + i);
        expect(m.actions[t * 4 + c]).toBe(tag * 10 + i);
        expect([m.obs[(t * 4 + c) * 2], m.obs[(t * 4 + c) * 2 + 1]]).toEqual([tag, i]);
        expect(m.masks[(t * 4 + c) * 3 + (i % 3)]).toBe(1);
      }
    }
    expect(Array.from(m.lastValues)).toEqual([1, 1.5, 2, 2.5]);
    expect(m.episodes.returns).toEqual([1, 2]);
  });
});
