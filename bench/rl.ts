/**
 * RL benchmark: PPO environment steps per second on the toy tasks (masked token sequence and
 * bandit), rollouts in-process and in 1 and 2 worker threads. Reports collection-only rates
 * and full iteration rates (collection + PPO update on the main thread), and the scaling of
 * 2 workers over 1. Prints JSON. Usage: npx tsx bench/rl.ts [--iterations N]
 */
import { parseArgs } from 'node:util';
import { Rng } from '../src/core/index.js';
import { initBackend } from '../src/nn/index.js';
import {
  headFor,
  localRollouts,
  Ppo,
  poolRollouts,
  type RolloutPlan,
  type RolloutSource,
  type ToyTask,
  toyEnv,
  toySetup,
  toySetupRef,
} from '../src/rl/index.js';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '6' } } });
const iterations = Number(values.iterations);

const PLANS: Record<'tokens' | 'bandit', RolloutPlan> = {
  tokens: { shards: 4, envsPerShard: 32, steps: 20 },
  bandit: { shards: 4, envsPerShard: 64, steps: 4 },
};

interface Result {
  task: string;
  workers: number;
  envStepsPerIteration: number;
  collectStepsPerSec: number;
  iterationStepsPerSec: number;
}

async function measure(task: 'tokens' | 'bandit', workers: number): Promise<Result> {
  const opts = { task: task as ToyTask, hidden: 64, seed: 1 };
  const plan = PLANS[task];
  const setup = toySetup(opts);
  const source: RolloutSource =
    workers === 0 ? localRollouts(setup, plan) : await poolRollouts(toySetupRef(opts), plan, workers);
  const model = setup.makeModel();
  const algo = new Ppo(model, headFor(toyEnv(task).spec.action), { epochs: 4, minibatches: 4 });
  const rng = new Rng(1);
  try {
    await source.collect(model, rng.stream('warmup'));
    let collectMs = 0;
    let totalMs = 0;
    let steps = 0;
    for (let i = 0; i < iterations; i++) {
      const t0 = performance.now();
      const store = await source.collect(model, rng.stream(`iter-${i}`));
      const t1 = performance.now();
      algo.update(store, rng.stream(`update-${i}`));
      const t2 = performance.now();
      collectMs += t1 - t0;
      totalMs += t2 - t0;
      steps += store.size;
    }
    return {
      task,
      workers,
      envStepsPerIteration: plan.shards * plan.envsPerShard * plan.steps,
      collectStepsPerSec: Math.round((steps / collectMs) * 1000),
      iterationStepsPerSec: Math.round((steps / totalMs) * 1000),
    };
  } finally {
    await source.close();
  }
}

await initBackend();
const results: Result[] = [];
for (const task of ['tokens', 'bandit'] as const) {
  for (const workers of [0, 1, 2]) results.push(await measure(task, workers));
}
const scaling = (task: string, key: 'collectStepsPerSec' | 'iterationStepsPerSec') => {
  const one = results.find((r) => r.task === task && r.workers === 1)![key];
  const two = results.find((r) => r.task === task && r.workers === 2)![key];
  return +(two / one).toFixed(2);
};
const os = await import('node:os');
console.log(
  JSON.stringify(
    {
      bench: 'rl',
      cores: os.availableParallelism(),
      iterations,
      policy: 'ToyActorCritic (MLP 64 hidden, actor + critic), PPO 4 epochs x 4 minibatches',
      plans: PLANS,
      results,
      scaling2over1: {
        tokens: {
          collect: scaling('tokens', 'collectStepsPerSec'),
          iteration: scaling('tokens', 'iterationStepsPerSec'),
        },
        bandit: {
          collect: scaling('bandit', 'collectStepsPerSec'),
          iteration: scaling('bandit', 'iterationStepsPerSec'),
        },
      },
    },
    null,
    2,
  ),
);
