/**
 * The training loop shared by PPO and REINFORCE: collect a rollout, update, log a metrics row,
 * show progress, checkpoint. All randomness of iteration k comes from
 * `rng.stream('iter-<k>')` (rollout and update sub-streams), so the state needed to resume is
 * just the weights, the optimiser state and the iteration counters: a run resumed from a
 * checkpoint continues exactly like an uninterrupted one.
 */
import { AgoraError, type Progress, type Rng } from '../core/index.js';
import type { OptimizerState } from '../nn/index.js';
import { type MetricsSink, summarise, type TrainRow } from './metrics.js';
import type { NamedWeights } from './policy.js';
import type { Ppo, PpoStats } from './ppo.js';
import type { Reinforce, ReinforceStats } from './reinforce.js';
import type { RolloutSource } from './rollouts.js';

export type Algorithm = Ppo | Reinforce;

/** Everything a checkpoint must hold to resume a run. */
export interface TrainState {
  /** Iterations completed. */
  iteration: number;
  envSteps: number;
  weights: NamedWeights[];
  optimizer: OptimizerState;
}

export interface TrainOptions {
  algo: Algorithm;
  source: RolloutSource;
  /** Root generator of the run; iteration k uses rng.stream(`iter-${k}`). */
  rng: Rng;
  /** Total iterations of the run (a resumed run continues up to this count). */
  iterations: number;
  metrics?: MetricsSink;
  progress?: Progress;
  /** Resume from this state (weights and optimiser state are restored first). */
  resume?: TrainState;
  checkpoint?: { every: number; save(state: TrainState): void | Promise<void> };
  /** Called after each iteration with its row; return true to stop early. */
  onIteration?(row: TrainRow): boolean | undefined;
  now?: () => number;
}

export function captureState(algo: Algorithm, iteration: number, envSteps: number): TrainState {
  return { iteration, envSteps, weights: algo.model.getWeights(), optimizer: algo.optimizer.getState() };
}

export function restoreState(algo: Algorithm, state: TrainState): void {
  algo.model.setWeights(state.weights);
  algo.optimizer.setState(state.optimizer);
}

/** Run the loop; returns the final state (also what the last checkpoint would hold). */
export async function train(o: TrainOptions): Promise<TrainState> {
  if (!(Number.isInteger(o.iterations) && o.iterations >= 0)) {
    throw new AgoraError('CONFIG_INVALID', `iterations must be a non-negative integer, got ${o.iterations}`);
  }
  const now = o.now ?? (() => performance.now());
  let iteration = 0;
  let envSteps = 0;
  if (o.resume) {
    restoreState(o.algo, o.resume);
    iteration = o.resume.iteration;
    envSteps = o.resume.envSteps;
  }
  const model = o.algo.model;
  while (iteration < o.iterations) {
    const t0 = now();
    const it = o.rng.stream(`iter-${iteration}`);
    const store = await o.source.collect(model, it.stream('rollout'));
    const stats = o.algo.update(store, it.stream('update'));
    envSteps += store.size;
    iteration += 1;
    const row = makeRow(o.algo.kind, iteration, envSteps, store, stats, (now() - t0) / 1000);
    o.metrics?.write(row);
    o.progress?.tick(1, `return ${fmt(row.episodeReturnMean)}`);
    const every = o.checkpoint?.every ?? 0;
    if (every > 0 && (iteration % every === 0 || iteration === o.iterations)) {
      await o.checkpoint!.save(captureState(o.algo, iteration, envSteps));
    }
    if (o.onIteration?.(row) === true) break;
  }
  o.progress?.done();
  return captureState(o.algo, iteration, envSteps);
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : '-';
}

function makeRow(
  kind: TrainRow['kind'],
  iteration: number,
  envSteps: number,
  store: { size: number; rewards: Float64Array; episodes: { returns: number[]; lengths: number[] } },
  s: PpoStats | ReinforceStats,
  seconds: number,
): TrainRow {
  const ret = summarise(store.episodes.returns);
  let r = 0;
  for (let i = 0; i < store.rewards.length; i++) r += store.rewards[i];
  return {
    kind,
    iteration,
    envSteps,
    stepsPerSec: seconds > 0 ? store.size / seconds : Number.NaN,
    episodeReturnMean: ret.mean,
    episodeReturnMin: ret.min,
    episodeReturnMax: ret.max,
    episodeLengthMean: summarise(store.episodes.lengths).mean,
    episodes: store.episodes.returns.length,
    rewardMean: store.size > 0 ? r / store.size : Number.NaN,
    policyLoss: s.policyLoss,
    valueLoss: s.valueLoss,
    entropy: s.entropy,
    approxKl: 'approxKl' in s ? s.approxKl : Number.NaN,
    clipFraction: 'clipFraction' in s ? s.clipFraction : Number.NaN,
    gradNorm: s.gradNorm,
    explainedVariance: s.explainedVariance,
    lr: s.lr,
    time: new Date().toISOString(),
  };
}
