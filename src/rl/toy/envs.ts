/**
 * Small environments with known optima, for tests, benchmarks and examples.
 * - BanditEnv: one step, n arms, reward = mean[a] + noise * N(0,1) (noise from the reset seed).
 * - TokenSequenceEnv: write L tokens from a vocabulary of V; observation = the prefix so far as
 *   token indices (pad = V); mask forbids repeating the previous token and any token listed as
 *   banned at that position; terminal reward = fraction of positions equal to the target.
 * - AlignEnv: 3 steps; observation [t, previous action]; action a in {0,1,2}, with action
 *   (t + 2) mod 3 masked; reward 10 t + a, so a stored tuple that is off by one step shows.
 */
import { Rng } from '../../core/index.js';
import type { Env, StepOut } from '../env.js';
import type { ActionBuffer, EnvSpec, ObsBuffer } from '../spec.js';

export class BanditEnv implements Env {
  readonly spec: EnvSpec;
  private rng = new Rng(0);

  constructor(
    readonly means: readonly number[],
    readonly noise = 0.1,
  ) {
    this.spec = {
      obs: { kind: 'float', size: 1 },
      action: { kind: 'discrete', n: means.length },
      masked: false,
    };
  }

  reset(seed: number): void {
    this.rng = new Rng(seed);
  }

  observe(out: ObsBuffer, offset: number): void {
    out[offset] = 1;
  }

  step(action: ActionBuffer, offset: number, out: StepOut): void {
    out.reward = this.means[action[offset]] + this.noise * this.rng.normal();
    out.done = true;
  }
}

export interface TokenTaskOptions {
  vocab: number;
  target: readonly number[];
  /** banned[t] lists tokens masked at position t (besides the previous token). */
  banned?: readonly (readonly number[])[];
}

export class TokenSequenceEnv implements Env {
  readonly spec: EnvSpec;
  private readonly prefix: Int32Array;
  private t = 0;

  constructor(readonly task: TokenTaskOptions) {
    const L = task.target.length;
    this.spec = {
      obs: { kind: 'index', size: L },
      action: { kind: 'discrete', n: task.vocab },
      masked: true,
    };
    this.prefix = new Int32Array(L);
  }

  reset(_seed: number): void {
    this.prefix.fill(this.task.vocab);
    this.t = 0;
  }

  observe(out: ObsBuffer, offset: number): void {
    out.set(this.prefix, offset);
  }

  mask(out: Uint8Array, offset: number): void {
    const V = this.task.vocab;
    out.fill(1, offset, offset + V);
    if (this.t > 0) out[offset + this.prefix[this.t - 1]] = 0;
    for (const b of this.task.banned?.[this.t] ?? []) out[offset + b] = 0;
  }

  step(action: ActionBuffer, offset: number, out: StepOut): void {
    this.prefix[this.t++] = action[offset];
    const L = this.task.target.length;
    out.done = this.t === L;
    out.reward = out.done ? this.score() : 0;
  }

  private score(): number {
    let hit = 0;
    for (let i = 0; i < this.task.target.length; i++) hit += this.prefix[i] === this.task.target[i] ? 1 : 0;
    return hit / this.task.target.length;
  }
}

export class AlignEnv implements Env {
  readonly spec: EnvSpec = {
    obs: { kind: 'float', size: 2 },
    action: { kind: 'discrete', n: 3 },
    masked: true,
  };
  private t = 0;
  private prev = -1;

  reset(_seed: number): void {
    this.t = 0;
    this.prev = -1;
  }

  observe(out: ObsBuffer, offset: number): void {
    out[offset] = this.t;
    out[offset + 1] = this.prev;
  }

  mask(out: Uint8Array, offset: number): void {
    out.fill(1, offset, offset + 3);
    out[offset + ((this.t + 2) % 3)] = 0;
  }

  step(action: ActionBuffer, offset: number, out: StepOut): void {
    const a = action[offset];
    out.reward = 10 * this.t + a;
    this.prev = a;
    this.t += 1;
    out.done = this.t === 3;
  }
}

/**
 * One-step top-k picking: choose an ordered pair of distinct items out of n; reward
 * value[a0] + 0.5 value[a1]; items listed in `blocked` are masked (like suspended stocks).
 */
export class RankingEnv implements Env {
  readonly spec: EnvSpec;

  constructor(
    readonly values: readonly number[],
    readonly blocked: readonly number[],
  ) {
    this.spec = {
      obs: { kind: 'float', size: 1 },
      action: { kind: 'ranking', n: values.length, k: 2 },
      masked: true,
    };
  }

  reset(_seed: number): void {}

  observe(out: ObsBuffer, offset: number): void {
    out[offset] = 1;
  }

  mask(out: Uint8Array, offset: number): void {
    out.fill(1, offset, offset + this.values.length);
    for (const b of this.blocked) out[offset + b] = 0;
  }

  step(action: ActionBuffer, offset: number, out: StepOut): void {
    out.reward = this.values[action[offset]] + 0.5 * this.values[action[offset + 1]];
    out.done = true;
  }
}
