import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import { initBackend } from '../../src/nn/index.js';
import {
  localRollouts,
  poolRollouts,
  type RolloutStorage,
  toySetup,
  toySetupRef,
  WorkerPool,
} from '../../src/rl/index.js';

const taskModule = new URL('./fixtures/square-task.ts', import.meta.url).href;

describe('WorkerPool', () => {
  const pools: WorkerPool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('returns results in task order, identical for 1 and 2 workers (tasks seeded by index)', async () => {
    const root = new Rng(3);
    const payloads = Array.from({ length: 9 }, (_, i) => ({
      x: i,
      rng: root.stream(`task-${i}`).getState(),
    }));
    const results = [];
    for (const workers of [1, 2]) {
      const pool = await WorkerPool.create({ workers, module: taskModule, options: { k: 2 } });
      pools.push(pool);
      results.push(await pool.map<{ y: number; draws: Float64Array }>(payloads));
    }
    expect(results[0].map((r) => r.y)).toEqual(payloads.map((p) => 2 * p.x * p.x));
    expect(results[1].map((r) => Array.from(r.draws))).toEqual(results[0].map((r) => Array.from(r.draws)));
    expect(results[0][4].draws).toBeInstanceOf(Float64Array);
  });

  it('reports a failing task with its error code and keeps serving', async () => {
    const pool = await WorkerPool.create({ workers: 1, module: taskModule, options: { k: 1 } });
    pools.push(pool);
    const rng = new Rng(1).getState();
    await expect(pool.run({ x: -1, rng })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(pool.run<{ y: number }>({ x: 3, rng })).resolves.toMatchObject({ y: 9 });
  });

  it('refuses a bad worker count and a missing module', async () => {
    await expect(WorkerPool.create({ workers: 0, module: taskModule })).rejects.toThrow(/positive integer/);
    await expect(WorkerPool.create({ workers: 1, module: '/nonexistent/task.ts' })).rejects.toThrow(
      /could not load/,
    );
  });
});

describe('parallel rollouts', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('in-process, 1-worker and 2-worker rollouts are identical', async () => {
    const opts = { task: 'tokens' as const, hidden: 16, seed: 5 };
    const plan = { shards: 4, envsPerShard: 3, steps: 7 };
    const setup = toySetup(opts);
    const model = setup.makeModel();
    const rng = new Rng(21);
    const stores: RolloutStorage[] = [];
    const local = localRollouts(setup, plan);
    stores.push(await local.collect(model, rng));
    for (const workers of [1, 2]) {
      const src = await poolRollouts(toySetupRef(opts), plan, workers);
      try {
        stores.push(await src.collect(model, rng));
      } finally {
        await src.close();
      }
    }
    const key = (s: RolloutStorage) => [
      Array.from(s.actions),
      Array.from(s.obs),
      Array.from(s.masks),
      Array.from(s.rewards),
      Array.from(s.logps),
      Array.from(s.values),
      Array.from(s.lastValues),
    ];
    expect(stores[0].envs).toBe(12);
    expect(key(stores[1])).toEqual(key(stores[0]));
    expect(key(stores[2])).toEqual(key(stores[0]));
    // a different root seed gives a different rollout
    const other = await local.collect(model, new Rng(22));
    expect(Array.from(other.actions)).not.toEqual(Array.from(stores[0].actions));
  });
});
