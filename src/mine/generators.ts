/**
 * The three generators behind `agora mine`, all driving the same pool through one
 * CandidateScorer and all seeded:
 * - `alphagen`: LSTM actor-critic + masked PPO over the token MDP (reward = pool objective gain);
 * - `alphagpt`: causal transformer sampling batches of formulas, REINFORCE with a batch-mean
 *   baseline, optional LoRD regulariser on the attention weights;
 * - `gp`: genetic programming (see gp.ts).
 * Each reports rows through `onRow` (merged into metrics.jsonl by the runner) and can resume
 * from the state it saved.
 */
import type { Progress, Rng } from '../core/index.js';
import { tf } from '../nn/index.js';
import {
  type Algorithm,
  categoricalHead,
  localRollouts,
  Ppo,
  type PpoConfig,
  Reinforce,
  type ReinforceConfig,
  type TrainRow,
  type TrainState,
  train,
} from '../rl/index.js';
import { MiningEnv, type RewardKind } from './env.js';
import { GeneticProgramming, type GpConfig } from './gp.js';
import {
  type LstmPolicyConfig,
  LstmTokenPolicy,
  type TransformerPolicyConfig,
  TransformerTokenPolicy,
} from './policies.js';
import type { CandidateScorer, ParallelEvaluation } from './scorer.js';
import type { TokenSpace } from './tokens.js';

export type MiningMethod = 'alphagen' | 'alphagpt' | 'gp';

export interface GeneratorContext {
  space: TokenSpace;
  scorer: CandidateScorer;
  rng: Rng;
  progress?: Progress;
  onRow(row: Record<string, unknown>): void;
  /** Save a resumable state (called every `every` RL iterations). */
  checkpoint?: { every: number; save(state: TrainState, algo: Algorithm): void };
  resume?: TrainState;
}

export interface AlphagenOptions {
  /** Total environment steps (tokens). */
  steps: number;
  envs: number;
  stepsPerEnv: number;
  policy: LstmPolicyConfig;
  ppo: Partial<PpoConfig>;
  reward: RewardKind;
}

export interface AlphagptOptions {
  /** Policy updates; each samples `batch` formulas. */
  steps: number;
  batch: number;
  policy: TransformerPolicyConfig;
  reinforce: Partial<ReinforceConfig>;
  reward: RewardKind;
  /** LoRD: after each step W -= lordDecay * orthogonalise(W) on attention weights (0 = off). */
  lordDecay: number;
}

export const DEFAULT_ALPHAGEN: AlphagenOptions = {
  steps: 200_000,
  envs: 64,
  stepsPerEnv: 32,
  policy: { hidden: 128, layers: 2, embedding: 128 },
  ppo: { lr: 3e-4, epochs: 4, minibatches: 8, entCoef: 0.01, gamma: 1, lambda: 0.95 },
  reward: 'delta',
};

export const DEFAULT_ALPHAGPT: AlphagptOptions = {
  steps: 50,
  batch: 1024,
  policy: { dModel: 64, heads: 4, layers: 2 },
  reinforce: { lr: 1e-3, baseline: 'mean', gamma: 1, entCoef: 0.01 },
  reward: 'delta',
  lordDecay: 0,
};

function poolFields(scorer: CandidateScorer): Record<string, number> {
  return {
    poolObjective: scorer.pool.objective,
    poolBest: scorer.pool.best.objective,
    poolSize: scorer.pool.size,
    evaluated: scorer.stats.evaluated,
    offered: scorer.stats.offered,
    accepted: scorer.stats.accepted,
  };
}

async function runRl(
  ctx: GeneratorContext,
  algo: Algorithm,
  env: (i: number) => MiningEnv,
  plan: { envs: number; stepsPerEnv: number },
  iterations: number,
  afterStep?: () => void,
): Promise<TrainState> {
  const source = localRollouts(
    { makeEnv: env, makeModel: () => algo.model },
    { shards: 1, envsPerShard: plan.envs, steps: plan.stepsPerEnv },
  );
  return train({
    algo,
    source,
    rng: ctx.rng.stream('rl'),
    iterations,
    progress: ctx.progress,
    resume: ctx.resume,
    checkpoint: ctx.checkpoint
      ? { every: ctx.checkpoint.every, save: (s) => ctx.checkpoint!.save(s, algo) }
      : undefined,
    metrics: {
      write: (row: TrainRow) => ctx.onRow({ ...row, step: row.envSteps, ...poolFields(ctx.scorer) }),
    },
    onIteration: () => {
      afterStep?.();
      return undefined;
    },
  });
}

export async function runAlphagen(ctx: GeneratorContext, o: AlphagenOptions): Promise<void> {
  const model = new LstmTokenPolicy(ctx.space, o.policy, ctx.rng.stream('policy'));
  const ppo = new Ppo(model, headForSpace(ctx.space), o.ppo);
  const perIter = o.envs * o.stepsPerEnv;
  const env = () => new MiningEnv(ctx.space, ctx.scorer, { reward: o.reward });
  try {
    await runRl(ctx, ppo, env, o, Math.max(1, Math.ceil(o.steps / perIter)));
  } finally {
    model.dispose();
  }
}

export async function runAlphagpt(ctx: GeneratorContext, o: AlphagptOptions): Promise<void> {
  const model = new TransformerTokenPolicy(ctx.space, o.policy, ctx.rng.stream('policy'));
  const algo = new Reinforce(model, headForSpace(ctx.space), o.reinforce);
  const env = () => new MiningEnv(ctx.space, ctx.scorer, { reward: o.reward });
  const lord = o.lordDecay > 0 ? () => applyLord(model.attentionWeights(), o.lordDecay) : undefined;
  try {
    // Each env copy writes exactly one formula per rollout: maxLength steps always finish it.
    await runRl(ctx, algo, env, { envs: o.batch, stepsPerEnv: ctx.space.config.maxLength }, o.steps, lord);
  } finally {
    model.dispose();
  }
}

export async function runGp(
  ctx: GeneratorContext,
  o: Partial<GpConfig>,
  parallel?: ParallelEvaluation,
): Promise<void> {
  const gp = new GeneticProgramming(ctx.space, ctx.scorer, ctx.rng.stream('gp'), o);
  const total = gp.config.generations;
  for (let g = 0; g < total; g++) {
    const t0 = performance.now();
    const r = await gp.step(parallel);
    const seconds = (performance.now() - t0) / 1000;
    ctx.onRow({ kind: 'gp', step: r.generation, ...r, seconds, ...poolFields(ctx.scorer) });
    ctx.progress?.tick(1, `pool ${ctx.scorer.pool.objective.toFixed(4)}`);
  }
  ctx.progress?.done();
}

function headForSpace(space: TokenSpace) {
  return categoricalHead(space.actions);
}

/**
 * LoRD (low-rank decay): W <- W - decay * O(W), where O(W) ~ U V' is the orthogonal polar factor
 * from five Newton-Schulz iterations on W / ||W||_F. It shrinks all singular values by the same
 * amount, pushing the attention maps towards low rank.
 */
export function applyLord(weights: readonly tf.Variable[], decay: number): void {
  for (const w of weights) {
    tf.tidy(() => {
      let x = tf.div(w, tf.add(tf.norm(w), 1e-7)) as tf.Tensor2D;
      for (let i = 0; i < 5; i++) {
        const xxt = tf.matMul(x, x, false, true);
        x = tf.sub(tf.mul(x, 1.5), tf.mul(tf.matMul(xxt, x), 0.5)) as tf.Tensor2D;
      }
      w.assign(tf.sub(w, tf.mul(x, decay)));
    });
  }
}
