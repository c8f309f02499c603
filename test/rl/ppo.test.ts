import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgress, Rng } from '../../src/core/index.js';
import { initBackend, tf } from '../../src/nn/index.js';
import {
  BANDIT_MEANS,
  categoricalHead,
  checkpointEvery,
  headFor,
  loadTrainState,
  localRollouts,
  MemoryMetrics,
  MetricsWriter,
  type PolicyModel,
  Ppo,
  type PpoConfig,
  RANKING_BLOCKED,
  Reinforce,
  type ReinforceConfig,
  TOKEN_TASK,
  type ToyTask,
  toyEnv,
  toySetup,
  train,
} from '../../src/rl/index.js';

const dirs: string[] = [];
beforeAll(async () => {
  await initBackend();
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'agora-rl-'));
  dirs.push(d);
  return d;
}

const PLANS = {
  bandit: { shards: 2, envsPerShard: 16, steps: 2 },
  tokens: { shards: 2, envsPerShard: 16, steps: 10 },
  align: { shards: 1, envsPerShard: 4, steps: 6 },
  ranking: { shards: 2, envsPerShard: 16, steps: 2 },
};

function ppoFor(task: ToyTask, cfg: Partial<PpoConfig> = {}) {
  const setup = toySetup({ task, hidden: 32, seed: 1 });
  const model = setup.makeModel();
  const head = headFor(toyEnv(task).spec.action);
  const algo = new Ppo(model, head, { lr: 3e-3, gamma: 1, lambda: 0.95, entCoef: 0.01, ...cfg });
  return { setup, model, head, algo, source: localRollouts(setup, PLANS[task]) };
}

/** Greedy action probabilities of the model on a batch of observations. */
function probs(model: PolicyModel, obs: tf.Tensor2D): number[][] {
  return tf.tidy(() => tf.softmax(model.policy(obs).params).arraySync() as number[][]);
}

/** Greedy decoding of the token task (argmax over valid tokens at each position). */
function greedyTokens(model: PolicyModel): number[] {
  const env = toyEnv('tokens');
  env.reset(0);
  const L = TOKEN_TASK.target.length;
  const obs = new Int32Array(L);
  const mask = new Uint8Array(TOKEN_TASK.vocab);
  const act = new Int32Array(1);
  const out = { reward: 0, done: false };
  const seq: number[] = [];
  while (!out.done) {
    env.observe(obs, 0);
    env.mask!(mask, 0);
    const p = probs(model, tf.tensor2d(obs, [1, L], 'int32'))[0];
    let best = -1;
    for (let i = 0; i < p.length; i++) if (mask[i] === 1 && (best < 0 || p[i] > p[best])) best = i;
    act[0] = best;
    seq.push(best);
    env.step(act, 0, out);
  }
  return seq;
}

describe('PPO', () => {
  it('has every policy and value variable in the optimiser, and one update moves all of them', async () => {
    const { model, algo, source } = ppoFor('tokens', { epochs: 1, minibatches: 2 });
    const names = model.parameters().map((p) => p.name);
    expect(names.some((n) => n.startsWith('actor/'))).toBe(true);
    expect(names.some((n) => n.startsWith('critic/'))).toBe(true);
    expect(algo.optimizer.params.map((p) => p.name)).toEqual(names);
    const before = model.getWeights();
    const store = await source.collect(model, new Rng(3));
    algo.update(store, new Rng(4));
    const after = model.getWeights();
    for (let i = 0; i < before.length; i++) {
      let moved = 0;
      for (let j = 0; j < before[i].values.length; j++)
        moved += before[i].values[j] !== after[i].values[j] ? 1 : 0;
      expect(moved, `parameter ${before[i].name} did not change`).toBeGreaterThan(0);
    }
  });

  it('learns the bandit: the best arm gets > 0.9 probability within 30 iterations', async () => {
    const { model, algo, source } = ppoFor('bandit');
    const start = tf.tidy(() => tf.ones([1, 1]) as tf.Tensor2D);
    expect(probs(model, start)[0][3]).toBeLessThan(0.5);
    await train({ algo, source, rng: new Rng(7), iterations: 30 });
    const p = probs(model, start)[0];
    start.dispose();
    expect(p.indexOf(Math.max(...p))).toBe(BANDIT_MEANS.indexOf(Math.max(...BANDIT_MEANS)));
    expect(p[3]).toBeGreaterThan(0.9);
  });

  it('learns the masked token task (optimum 1.0) within 40 iterations and never stores a masked action', async () => {
    const { model, algo, source } = ppoFor('tokens');
    const metrics = new MemoryMetrics();
    let violations = 0;
    const wrapped = {
      plan: source.plan,
      close: source.close,
      async collect(m: PolicyModel, rng: Rng) {
        const s = await source.collect(m, rng);
        const n = TOKEN_TASK.vocab;
        for (let i = 0; i < s.size; i++) violations += s.masks[i * n + s.actions[i]] === 0 ? 1 : 0;
        return s;
      },
    };
    await train({ algo, source: wrapped, rng: new Rng(7), iterations: 40, metrics });
    expect(metrics.rows[0].episodeReturnMean).toBeLessThan(0.6);
    expect(metrics.rows.at(-1)!.episodeReturnMean).toBeGreaterThan(0.97);
    expect(greedyTokens(model)).toEqual([...TOKEN_TASK.target]);
    expect(violations).toBe(0);
  });

  it('learns a masked top-2 ranking with the Plackett-Luce head and never picks the blocked item', async () => {
    const { model, head, algo, source } = ppoFor('ranking', { lr: 1e-2 });
    let blocked = 0;
    const wrapped = {
      plan: source.plan,
      close: source.close,
      async collect(m: PolicyModel, rng: Rng) {
        const s = await source.collect(m, rng);
        for (let i = 0; i < s.actions.length; i++) blocked += RANKING_BLOCKED.includes(s.actions[i]) ? 1 : 0;
        return s;
      },
    };
    await train({ algo, source: wrapped, rng: new Rng(3), iterations: 40 });
    const scores = tf.tidy(
      () => model.policy(tf.ones([1, 1]) as tf.Tensor2D).params.dataSync() as Float32Array,
    );
    const best = new Int32Array(2);
    head.mode(scores, 0, Uint8Array.from([1, 1, 1, 1, 1, 0]), best);
    expect(Array.from(best)).toEqual([1, 3]);
    const mask = Uint8Array.from([1, 1, 1, 1, 1, 0]);
    expect(Math.exp(head.logProb(scores, 0, mask, best))).toBeGreaterThan(0.8);
    expect(blocked).toBe(0);
  });

  it('stops early on the KL target without stepping past it', async () => {
    const { model, algo, source } = ppoFor('tokens', { lr: 0.05, epochs: 8, minibatches: 4, targetKl: 1e-4 });
    const stats = algo.update(await source.collect(model, new Rng(1)), new Rng(2));
    expect(stats.earlyStop).toBe(true);
    expect(stats.updates).toBeLessThan(32);
    const free = ppoFor('tokens', { lr: 0.05, epochs: 8, minibatches: 4 });
    const all = free.algo.update(await free.source.collect(free.model, new Rng(1)), new Rng(2));
    expect(all.updates).toBe(32);
    expect(all.earlyStop).toBe(false);
  });

  it('value clipping keeps the run finite and changes the value loss', async () => {
    const a = ppoFor('align', { valueClip: 0.01, epochs: 2 });
    const b = ppoFor('align', { epochs: 2 });
    const sa = a.algo.update(await a.source.collect(a.model, new Rng(1)), new Rng(2));
    const sb = b.algo.update(await b.source.collect(b.model, new Rng(1)), new Rng(2));
    expect(Number.isFinite(sa.valueLoss)).toBe(true);
    expect(sa.valueLoss).not.toBe(sb.valueLoss);
  });

  it('does not leak tensors across iterations', async () => {
    const { algo, source } = ppoFor('tokens', { epochs: 2 });
    await train({ algo, source, rng: new Rng(1), iterations: 2 });
    const n = tf.memory().numTensors;
    await train({ algo, source, rng: new Rng(1), iterations: 5 });
    expect(tf.memory().numTensors).toBe(n);
  });

  it('resuming from a checkpoint gives the same final weights as an uninterrupted run', async () => {
    const full = ppoFor('tokens', { epochs: 2 });
    await train({ algo: full.algo, source: full.source, rng: new Rng(11), iterations: 6 });
    const dir = tmp();
    const first = ppoFor('tokens', { epochs: 2 });
    await train({
      algo: first.algo,
      source: first.source,
      rng: new Rng(11),
      iterations: 3,
      checkpoint: checkpointEvery(dir, first.algo, 3),
    });
    const state = loadTrainState(dir)!;
    expect(state.iteration).toBe(3);
    const second = ppoFor('tokens', { epochs: 2 });
    second.model.setWeights(toySetup({ task: 'tokens', hidden: 32, seed: 99 }).makeModel().getWeights());
    await train({ algo: second.algo, source: second.source, rng: new Rng(11), iterations: 6, resume: state });
    const a = full.model.getWeights();
    const b = second.model.getWeights();
    for (let i = 0; i < a.length; i++) expect(Array.from(b[i].values)).toEqual(Array.from(a[i].values));
    expect(second.algo.optimizer.step).toBe(full.algo.optimizer.step);
  });

  it('writes typed metrics rows to metrics.jsonl', async () => {
    const { algo, source } = ppoFor('bandit', { epochs: 1 });
    const path = join(tmp(), 'run', 'metrics.jsonl');
    const lines: string[] = [];
    let clock = 0;
    const progress = createProgress({
      label: 'ppo',
      total: 2,
      unit: 'iter',
      intervalMs: 0,
      now: () => (clock += 1000),
      stream: { isTTY: false, write: (s: string) => lines.push(s) },
    });
    await train({ algo, source, rng: new Rng(1), iterations: 2, metrics: new MetricsWriter(path), progress });
    expect(lines.at(-1)).toMatch(/^ppo: 100\.0% 2\/2 iter .*return \d/);
    const rows = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.iteration)).toEqual([1, 2]);
    expect(rows[1].envSteps).toBe(2 * 64);
    for (const k of ['policyLoss', 'valueLoss', 'entropy', 'approxKl', 'clipFraction', 'explainedVariance']) {
      expect(k in rows[0]).toBe(true);
    }
    expect(rows[0].episodes).toBe(64);
    expect(typeof rows[0].stepsPerSec).toBe('number');
  });
});

describe('REINFORCE', () => {
  function reinforceFor(task: ToyTask, cfg: Partial<ReinforceConfig>) {
    const setup = toySetup({ task, hidden: 32, seed: 1 });
    const model = setup.makeModel();
    const head = categoricalHead((toyEnv(task).spec.action as { n: number }).n);
    const algo = new Reinforce(model, head, { lr: 1e-2, gamma: 1, ...cfg });
    return { model, algo, source: localRollouts(setup, PLANS[task]) };
  }

  it('learns the bandit with a batch-mean baseline', async () => {
    const { model, algo, source } = reinforceFor('bandit', { baseline: 'mean' });
    await train({ algo, source, rng: new Rng(7), iterations: 30 });
    const p = tf.tidy(() => probs(model, tf.ones([1, 1]) as tf.Tensor2D))[0];
    expect(p[3]).toBeGreaterThan(0.9);
  });

  for (const baseline of ['mean', 'learned'] as const) {
    it(`learns the masked token task with a ${baseline} baseline within 45 iterations`, async () => {
      const { model, algo, source } = reinforceFor('tokens', { baseline });
      const metrics = new MemoryMetrics();
      await train({ algo, source, rng: new Rng(7), iterations: 45, metrics });
      expect(metrics.rows.at(-1)!.episodeReturnMean).toBeGreaterThan(0.9);
      expect(greedyTokens(model)).toEqual([...TOKEN_TASK.target]);
    });
  }

  for (const baseline of ['mean', 'learned'] as const) {
    it(`a chunked update (chunkRows) equals the full-batch update (${baseline} baseline)`, async () => {
      const weightsAfter = async (chunkRows: number) => {
        const { model, algo, source } = reinforceFor('tokens', { baseline, chunkRows });
        const stats = algo.update(await source.collect(model, new Rng(3)));
        return { stats, w: model.getWeights().map((e) => Array.from(e.values)) };
      };
      const full = await weightsAfter(1 << 20);
      const chunked = await weightsAfter(7);
      expect(chunked.stats.usedSteps).toBe(full.stats.usedSteps);
      expect(chunked.stats.policyLoss).toBeCloseTo(full.stats.policyLoss, 5);
      expect(chunked.stats.entropy).toBeCloseTo(full.stats.entropy, 5);
      expect(chunked.stats.gradNorm).toBeCloseTo(full.stats.gradNorm, 4);
      const flatFull = full.w.flat();
      const flatChunked = chunked.w.flat();
      let maxDiff = 0;
      for (let i = 0; i < flatFull.length; i++)
        maxDiff = Math.max(maxDiff, Math.abs(flatFull[i] - flatChunked[i]));
      expect(maxDiff).toBeLessThan(1e-5);
      // the update really moved the weights, so the equality above is not between two no-ops
      const initial = reinforceFor('tokens', { baseline })
        .model.getWeights()
        .flatMap((e) => Array.from(e.values));
      let moved = 0;
      for (let i = 0; i < flatFull.length; i++) moved = Math.max(moved, Math.abs(flatFull[i] - initial[i]));
      expect(moved).toBeGreaterThan(1e-4);
    });
  }

  it('the mean baseline leaves out steps of episodes unfinished at the rollout end', async () => {
    const { model, algo } = reinforceFor('tokens', { baseline: 'mean' });
    const source = localRollouts(toySetup({ task: 'tokens', hidden: 32, seed: 1 }), {
      shards: 1,
      envsPerShard: 2,
      steps: 7,
    });
    const stats = algo.update(await source.collect(model, new Rng(1)));
    // each copy finishes one 5-token episode and is 2 tokens into the next
    expect(stats.usedSteps).toBe(2 * 5);
  });
});
