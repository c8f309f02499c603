/**
 * Many copies of one environment stepped together. Observations and masks of all copies live
 * in one contiguous buffer (row b = copy b). A copy whose episode ends is reset at once with
 * a seed drawn from the vector env's own Rng (auto-reset), so the buffers always hold the
 * observation the next action will be taken from; the finished episode's return and length
 * are recorded.
 */
import { AgoraError, type Rng } from '../core/index.js';
import type { Env, EnvFactory, StepOut } from './env.js';
import { type ActionBuffer, actionSize, allocObs, type EnvSpec, maskSize, type ObsBuffer } from './spec.js';

export interface EpisodeStats {
  returns: number[];
  lengths: number[];
}

export class VecEnv {
  readonly spec: EnvSpec;
  readonly envs: readonly Env[];
  readonly obs: ObsBuffer;
  readonly masks: Uint8Array;
  readonly rewards: Float64Array;
  readonly dones: Uint8Array;
  private readonly epReturn: Float64Array;
  private readonly epLength: Int32Array;
  private readonly out: StepOut = { reward: 0, done: false };
  private finished: EpisodeStats = { returns: [], lengths: [] };

  private rng: Rng | null = null;

  constructor(
    factory: EnvFactory,
    readonly count: number,
  ) {
    if (!(Number.isInteger(count) && count > 0)) {
      throw new AgoraError('INVALID_ARGUMENT', `VecEnv needs a positive integer count, got ${count}`);
    }
    const envs: Env[] = [];
    for (let i = 0; i < count; i++) envs.push(factory(i));
    this.envs = envs;
    this.spec = envs[0].spec;
    if (this.spec.masked && envs[0].mask === undefined) {
      throw new AgoraError('INVALID_ARGUMENT', 'environment declares masked=true but has no mask() method', {
        hint: 'implement mask(out, offset) or set spec.masked to false',
      });
    }
    this.obs = allocObs(this.spec.obs, count);
    this.masks = new Uint8Array(count * maskSize(this.spec));
    this.rewards = new Float64Array(count);
    this.dones = new Uint8Array(count);
    this.epReturn = new Float64Array(count);
    this.epLength = new Int32Array(count);
  }

  /**
   * Reset every copy with seeds drawn from `rng`, fill the observation and mask buffers, and
   * keep `rng` for the seeds of later auto-resets. Clears the episode statistics.
   */
  resetAll(rng: Rng): void {
    this.rng = rng;
    this.finished = { returns: [], lengths: [] };
    for (let b = 0; b < this.count; b++) this.resetOne(b);
  }

  /** Step every copy with row b of `actions`; auto-resets copies whose episode ended. */
  step(actions: ActionBuffer): void {
    if (this.rng === null) notReset();
    const aSize = actionSize(this.spec.action);
    const out = this.out;
    for (let b = 0; b < this.count; b++) {
      out.reward = 0;
      out.done = false;
      this.envs[b].step(actions, b * aSize, out);
      this.rewards[b] = out.reward;
      this.dones[b] = out.done ? 1 : 0;
      this.epReturn[b] += out.reward;
      this.epLength[b] += 1;
      if (out.done) {
        this.finished.returns.push(this.epReturn[b]);
        this.finished.lengths.push(this.epLength[b]);
        this.resetOne(b);
      } else {
        this.writeRow(b);
      }
    }
  }

  /** Returns and lengths of the episodes finished since the last call. */
  takeEpisodeStats(): EpisodeStats {
    const f = this.finished;
    this.finished = { returns: [], lengths: [] };
    return f;
  }

  private resetOne(b: number): void {
    if (this.rng === null) notReset();
    this.envs[b].reset(this.rng.nextU32());
    this.epReturn[b] = 0;
    this.epLength[b] = 0;
    this.writeRow(b);
  }

  private writeRow(b: number): void {
    const env = this.envs[b];
    env.observe(this.obs, b * this.spec.obs.size);
    const m = maskSize(this.spec);
    if (m > 0) env.mask!(this.masks, b * m);
  }
}

function notReset(): never {
  throw new AgoraError('RUN_STATE', 'VecEnv stepped before resetAll()', {
    hint: 'call resetAll(rng) once before the first step',
  });
}
