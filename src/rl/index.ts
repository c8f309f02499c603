/**
 * rl: environments, vectorised envs, action distributions (masked categorical, Plackett-Luce,
 * diagonal Gaussian), rollout storage, GAE, PPO, REINFORCE, a deterministic worker pool for
 * rollouts, metrics and the training loop. Networks come from nn/ through the PolicyModel
 * interface.
 */

export {
  categoricalEntropy,
  categoricalLogProb,
  categoricalMode,
  maskedLogZ,
  type Row,
  sampleCategorical,
} from './categorical.js';
export { checkpointEvery, loadTrainState, saveTrainState } from './checkpoint.js';
export { collectRollout } from './collect.js';
export type { Env, EnvFactory, StepOut } from './env.js';
export { computeGae, discountedReturns, explainedVariance, type GaeInput, normalise } from './gae.js';
export { gaussianEntropy, gaussianLogProb, sampleGaussian } from './gaussian.js';
export {
  type ActionHead,
  categoricalHead,
  gaussianHead,
  type HeadOutput,
  headFor,
  maskedEntropy,
  maskedLogSoftmax,
  plackettLuceHead,
  plackettLuceLogProbTf,
} from './heads.js';
export { MemoryMetrics, type MetricsSink, MetricsWriter, summarise, type TrainRow } from './metrics.js';
export {
  plackettLuceEntropy,
  plackettLuceLogProb,
  plackettLuceMode,
  samplePlackettLuce,
} from './plackett-luce.js';
export { inferBatch, type NamedWeights, obsTensor, type PolicyModel, type PolicyOutput } from './policy.js';
export { type PoolOptions, WorkerPool } from './pool.js';
export { Ppo, type PpoConfig, type PpoStats, ppoConfigSchema } from './ppo.js';
export { Reinforce, type ReinforceConfig, type ReinforceStats, reinforceConfigSchema } from './reinforce.js';
export {
  collectShard,
  localRollouts,
  poolRollouts,
  type RolloutPlan,
  type RolloutSetup,
  type RolloutSource,
  type SetupRef,
} from './rollouts.js';
export * from './spec.js';
export { mergeShards, RolloutStorage } from './storage.js';
export { AlignEnv, BanditEnv, RankingEnv, TokenSequenceEnv, type TokenTaskOptions } from './toy/envs.js';
export { ToyActorCritic } from './toy/policy.js';
export {
  BANDIT_MEANS,
  RANKING_BLOCKED,
  RANKING_VALUES,
  TOKEN_TASK,
  type ToyTask,
  toyEnv,
  toySetup,
  toySetupRef,
} from './toy/setups.js';
export {
  type Algorithm,
  captureState,
  restoreState,
  type TrainOptions,
  type TrainState,
  train,
} from './trainer.js';
export { type EpisodeStats, VecEnv } from './vec-env.js';
