/**
 * REINFORCE (Williams, 1992) on a collected rollout: one gradient step on
 * -mean[(R_t - b_t) log pi(a_t|s_t)] - entCoef * mean entropy, with discounted returns-to-go R_t.
 *
 * Baselines: `mean` uses the batch mean of R over steps whose episode finished inside the
 * rollout (steps of unfinished episodes are left out of the loss, since their return is not
 * known); `learned` uses the policy's value output V(s_t), bootstraps unfinished episodes from
 * the value of the state the rollout stopped in, and adds vfCoef * 0.5 (V - R)^2.
 */
import { AgoraError, parseConfig, type Rng, z } from '../core/index.js';
import { Adam, lrScheduleSchema, tf } from '../nn/index.js';
import { disposeBatch, gatherScalars, MinibatchBuilder } from './batch.js';
import { discountedReturns, explainedVariance, normalise } from './gae.js';
import type { ActionHead } from './heads.js';
import type { PolicyModel } from './policy.js';
import type { RolloutStorage } from './storage.js';

export const reinforceConfigSchema = z.object({
  gamma: z.number().min(0).max(1).default(0.99),
  baseline: z.enum(['mean', 'learned']).default('mean'),
  vfCoef: z.number().nonnegative().default(0.5),
  entCoef: z.number().nonnegative().default(0.01),
  normAdvantages: z.boolean().default(false),
  maxGradNorm: z.number().positive().default(1),
  lr: z.union([z.number().positive(), lrScheduleSchema]).default(1e-3),
  /**
   * Rows per forward/backward pass: a large batch is processed in chunks whose gradients are
   * summed before the single optimiser step (the same update, bounded activation memory).
   */
  chunkRows: z.number().int().positive().default(2048),
});

export type ReinforceConfig = z.infer<typeof reinforceConfigSchema>;

export interface ReinforceStats {
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  gradNorm: number;
  explainedVariance: number;
  /** Steps that entered the loss (all steps with a learned baseline). */
  usedSteps: number;
  lr: number;
}

export class Reinforce {
  readonly kind = 'reinforce' as const;
  readonly config: ReinforceConfig;
  readonly optimizer: Adam;

  constructor(
    readonly model: PolicyModel,
    readonly head: ActionHead,
    config: Partial<ReinforceConfig> = {},
  ) {
    this.config = parseConfig(reinforceConfigSchema, config, 'REINFORCE config');
    this.optimizer = new Adam(model.parameters(), { lr: this.config.lr, clipNorm: this.config.maxGradNorm });
  }

  /** One REINFORCE step on the rollout. `_rng` is unused (full-batch step), kept for symmetry with PPO. */
  update(store: RolloutStorage, _rng?: Rng): ReinforceStats {
    const learned = this.config.baseline === 'learned';
    const complete = new Uint8Array(store.size);
    const boot = learned ? store.lastValues : new Float64Array(store.envs);
    discountedReturns({ ...store, lastValues: boot }, this.config.gamma, store.returns, complete);
    const idx = learned ? allRows(store.size) : completeRows(complete);
    const lr = this.optimizer.currentLr();
    if (idx.length === 0) return emptyStats(lr);
    const adv = advantages(store, idx, learned);
    if (this.config.normAdvantages) normalise(adv);
    const ev = learned ? explainedVariance(store.values, store.returns) : Number.NaN;
    const stats = this.step(store, idx, adv);
    return { ...stats, explainedVariance: ev, usedSteps: idx.length, lr };
  }

  private step(store: RolloutStorage, idx: Int32Array, adv: Float64Array) {
    const n = idx.length;
    const chunk = Math.min(n, this.config.chunkRows);
    const builder = new MinibatchBuilder(store, this.head, chunk);
    const sums = [0, 0, 0];
    let acc: tf.Tensor[] | undefined;
    try {
      for (let from = 0; from < n; from += chunk) {
        const to = Math.min(n, from + chunk);
        const { grads, parts } = this.chunkGrads(store, builder, idx, adv, from, to, (to - from) / n);
        for (let k = 0; k < 3; k++) sums[k] += parts[k];
        if (!acc) acc = grads;
        else {
          const prev = acc;
          acc = prev.map((g, i) => tf.add(g, grads[i]));
          tf.dispose([...prev, ...grads]);
        }
      }
      const r = this.optimizer.applyGradients(acc!);
      return { policyLoss: sums[0], valueLoss: sums[1], entropy: sums[2], gradNorm: r.gradNorm };
    } finally {
      if (acc) tf.dispose(acc);
    }
  }

  /**
   * Gradients of rows idx[from..to) of the loss, each term scaled by `weight` (the chunk's share
   * of the rows), so that the chunks' gradients add up to the full-batch gradient.
   */
  private chunkGrads(
    store: RolloutStorage,
    builder: MinibatchBuilder,
    idx: Int32Array,
    adv: Float64Array,
    from: number,
    to: number,
    weight: number,
  ): { grads: tf.Tensor[]; parts: number[] } {
    const c = this.config;
    const learned = c.baseline === 'learned';
    const batch = builder.build(idx, from, to);
    const advT = tf.tensor1d(Float32Array.from(adv.subarray(from, to)));
    const ret = gatherScalars(store.returns, idx, from, to);
    const params = this.optimizer.params;
    let parts: tf.Tensor1D | undefined;
    try {
      const grads = tf.tidy(() => {
        const { grads: g } = tf.variableGrads(
          () => {
            const out = this.model.policy(batch.obs);
            const { logp, entropy } = this.head.logProbEntropy(out.params, batch.actions, batch.mask);
            const policyLoss = tf.mul(weight, tf.neg(tf.mean(tf.mul(logp, advT))));
            const ent = tf.mul(weight, tf.mean(entropy));
            let valueLoss: tf.Tensor = tf.scalar(0);
            if (learned) {
              valueLoss = tf.mul(
                weight,
                tf.mul(0.5, tf.mean(tf.square(tf.sub(valueTensor(out.value), ret)))),
              );
            }
            parts = tf.keep(tf.stack([policyLoss, valueLoss, ent]) as tf.Tensor1D);
            return tf.add(
              policyLoss,
              tf.sub(tf.mul(c.vfCoef, valueLoss), tf.mul(c.entCoef, ent)),
            ) as tf.Scalar;
          },
          params.map((p) => p.variable),
        );
        return params.map((p) => g[p.variable.name] ?? tf.zerosLike(p.variable));
      });
      return { grads, parts: Array.from(parts!.dataSync()) };
    } finally {
      parts?.dispose();
      disposeBatch(batch);
      advT.dispose();
      ret.dispose();
    }
  }
}

function valueTensor(v: tf.Tensor1D | undefined): tf.Tensor1D {
  if (v === undefined) {
    throw new AgoraError('INVALID_ARGUMENT', "REINFORCE baseline 'learned' needs a value head", {
      hint: "return `value` from policy(), or use baseline 'mean'",
    });
  }
  return tf.reshape(v, [-1]) as tf.Tensor1D;
}

function allRows(n: number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  return idx;
}

/** Rows whose episode finished inside the rollout (complete[i] = 1). */
function completeRows(complete: Uint8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < complete.length; i++) n += complete[i];
  const idx = new Int32Array(n);
  let j = 0;
  for (let i = 0; i < complete.length; i++) if (complete[i] === 1) idx[j++] = i;
  return idx;
}

function advantages(store: RolloutStorage, idx: Int32Array, learned: boolean): Float64Array {
  const adv = new Float64Array(idx.length);
  let mean = 0;
  for (let r = 0; r < idx.length; r++) mean += store.returns[idx[r]];
  mean /= idx.length;
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r];
    adv[r] = store.returns[i] - (learned ? store.values[i] : mean);
  }
  return adv;
}

function emptyStats(lr: number): ReinforceStats {
  const nan = Number.NaN;
  return {
    policyLoss: nan,
    valueLoss: nan,
    entropy: nan,
    gradNorm: nan,
    explainedVariance: nan,
    usedSteps: 0,
    lr,
  };
}
