/**
 * Alpha mining as an RL environment: an episode writes one formula token by token. The
 * observation is the token prefix (ids, 0-padded to maxLength: an `index` observation the policy
 * embeds itself), the action is the next token (action a = token id a + 1), the mask comes from
 * the RPN builder, and the only non-zero reward arrives with SEP: the increase of the pool
 * objective when the finished formula is offered (`delta`, default) or the pool objective itself
 * (`absolute`, AlphaGen's behaviour). A formula that cannot be evaluated earns `failureReward`.
 */
import type { ActionBuffer, Env, EnvSpec, ObsBuffer, StepOut } from '../rl/index.js';
import { RpnBuilder } from './builder.js';
import type { CandidateScorer } from './scorer.js';
import type { TokenSpace } from './tokens.js';

export type RewardKind = 'delta' | 'absolute';

export interface MiningEnvOptions {
  reward: RewardKind;
  failureReward: number;
  /** Called with every finished formula and its reward (metrics, logging). */
  onFormula?: (formula: string, reward: number, accepted: boolean) => void;
}

export class MiningEnv implements Env {
  readonly spec: EnvSpec;
  private readonly space: TokenSpace;
  private readonly scorer: CandidateScorer;
  private readonly builder: RpnBuilder;
  private readonly options: MiningEnvOptions;
  private readonly maskBuf: Uint8Array;

  constructor(space: TokenSpace, scorer: CandidateScorer, options: Partial<MiningEnvOptions> = {}) {
    this.space = space;
    this.scorer = scorer;
    this.builder = new RpnBuilder(space);
    this.options = { reward: 'delta', failureReward: -1, ...options };
    this.maskBuf = new Uint8Array(space.size);
    this.spec = {
      obs: { kind: 'index', size: space.config.maxLength },
      action: { kind: 'discrete', n: space.actions },
      masked: true,
    };
  }

  reset(_seed: number): void {
    this.builder.reset();
  }

  observe(out: ObsBuffer, offset: number): void {
    const seq = this.builder.sequence;
    const L = this.space.config.maxLength;
    for (let i = 0; i < L; i++) out[offset + i] = i < seq.length ? seq[i] : 0;
  }

  mask(out: Uint8Array, offset: number): void {
    this.builder.validMask(this.maskBuf);
    for (let a = 0; a < this.space.actions; a++) out[offset + a] = this.maskBuf[a + 1];
  }

  step(action: ActionBuffer, offset: number, out: StepOut): void {
    const id = action[offset] + 1;
    this.builder.push(id);
    if (!this.builder.done) {
      out.reward = 0;
      out.done = false;
      return;
    }
    const formula = this.builder.formula();
    const result = this.scorer.offer(formula);
    const failed = result.reason === 'not_finite';
    let reward: number;
    if (failed) reward = this.options.failureReward;
    else reward = this.options.reward === 'delta' ? result.after - result.before : result.after;
    this.options.onFormula?.(formula, reward, result.accepted);
    out.reward = reward;
    out.done = true;
  }
}
