/**
 * Rollout setups for the toy tasks, loadable by name in worker threads (see SetupRef).
 * `toySetup({ task, hidden, seed })` builds the env copies and a ToyActorCritic whose initial
 * weights come from `new Rng(seed).stream('model')`.
 */
import { Rng } from '../../core/index.js';
import type { Env } from '../env.js';
import type { RolloutSetup, SetupRef } from '../rollouts.js';
import { AlignEnv, BanditEnv, RankingEnv, TokenSequenceEnv, type TokenTaskOptions } from './envs.js';
import { ToyActorCritic } from './policy.js';

export type ToyTask = 'bandit' | 'tokens' | 'align' | 'ranking';

export interface ToySetupOptions {
  task: ToyTask;
  hidden?: number;
  seed?: number;
}

export const BANDIT_MEANS: readonly number[] = [0.1, 0.5, 0.2, 0.9, 0.3];

/** Token task: 5 tokens, target 2 0 3 1 4; token 3 is banned at positions 0 and 1. */
export const TOKEN_TASK: TokenTaskOptions = { vocab: 5, target: [2, 0, 3, 1, 4], banned: [[3], [3]] };

/** Ranking task: 6 items, item 5 (the most valuable) blocked; optimum picks 1 then 3. */
export const RANKING_VALUES: readonly number[] = [0.1, 0.9, 0.3, 0.7, 0.5, 1.0];
export const RANKING_BLOCKED: readonly number[] = [5];

export function toyEnv(task: ToyTask): Env {
  if (task === 'ranking') return new RankingEnv(RANKING_VALUES, RANKING_BLOCKED);
  if (task === 'bandit') return new BanditEnv(BANDIT_MEANS, 0.1);
  if (task === 'tokens') return new TokenSequenceEnv(TOKEN_TASK);
  return new AlignEnv();
}

export function toySetup(options: ToySetupOptions): RolloutSetup {
  const spec = toyEnv(options.task).spec;
  const indexRange = options.task === 'tokens' ? TOKEN_TASK.vocab + 1 : 0;
  return {
    makeEnv: () => toyEnv(options.task),
    makeModel: () =>
      new ToyActorCritic(spec, options.hidden ?? 32, new Rng(options.seed ?? 0).stream('model'), indexRange),
  };
}

/** SetupRef for worker pools. */
export function toySetupRef(options: ToySetupOptions): SetupRef {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return { module: new URL(`./setups${ext}`, import.meta.url).href, name: 'toySetup', options };
}
