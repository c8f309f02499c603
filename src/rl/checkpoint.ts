/**
 * Training checkpoints for PPO/REINFORCE runs on top of nn's atomic checkpoint format:
 * the model's weights, the optimiser state (moments and update count), and the loop counters
 * (iterations and env steps completed) as user data. No RNG state is needed: every iteration
 * draws from a stream named after its index (see trainer.ts).
 */
import { AgoraError } from '../core/index.js';
import { hasCheckpoint, loadCheckpoint, Module, saveCheckpoint } from '../nn/index.js';
import type { Algorithm, TrainState } from './trainer.js';

function asModule(algo: Algorithm): Module {
  if (!(algo.model instanceof Module)) {
    throw new AgoraError('INVALID_ARGUMENT', 'checkpointing needs a policy model built as an nn Module', {
      hint: 'make the policy class extend Module from src/nn, or save TrainState yourself via train({checkpoint})',
    });
  }
  return algo.model;
}

/** Save a TrainState into `dir` atomically (the model must be an nn Module). */
export function saveTrainState(dir: string, algo: Algorithm, state: TrainState): void {
  const model = asModule(algo);
  // The live model/optimiser hold exactly `state` when called from train(); write them.
  saveCheckpoint(dir, {
    step: state.iteration,
    modules: { policy: model },
    optimizers: { policy: algo.optimizer },
    user: { kind: algo.kind, iteration: state.iteration, envSteps: state.envSteps },
  });
}

/** Read a TrainState saved by saveTrainState; undefined when `dir` has no checkpoint. */
export function loadTrainState(dir: string): TrainState | undefined {
  if (!hasCheckpoint(dir)) return undefined;
  const data = loadCheckpoint(dir);
  const user = data.user as { iteration?: number; envSteps?: number } | null;
  const weights = data.modules.policy;
  const optimizer = data.optimizers.policy;
  if (!user || typeof user.iteration !== 'number' || !weights || !optimizer) {
    throw new AgoraError('DATA_READ', `checkpoint in ${dir} is not an rl training checkpoint`, {
      file: dir,
      hint: 'point --resume at a run directory written by an rl trainer, or start a new run',
    });
  }
  return { iteration: user.iteration, envSteps: user.envSteps ?? 0, weights, optimizer };
}

/** A `checkpoint` option for train(): save every `every` iterations into `dir`. */
export function checkpointEvery(dir: string, algo: Algorithm, every: number) {
  return { every, save: (state: TrainState) => saveTrainState(dir, algo, state) };
}
