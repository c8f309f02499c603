/**
 * Proximal Policy Optimisation (Schulman et al., 2017) on a collected rollout:
 * GAE(lambda) advantages, optional advantage normalisation (whole batch), E epochs of seeded
 * shuffled minibatches, the clipped surrogate, a value loss (optionally clipped around the
 * rollout's values), an entropy bonus, global-norm gradient clipping, and a target-KL early
 * stop: before each step the approximate KL E[(r - 1) - log r] (r = new/old probability) of
 * the minibatch is checked and the update stops without stepping once it exceeds
 * 1.5 x targetKl. The optimiser is built here from `model.parameters()`, so every trainable
 * variable of the policy and value networks is updated.
 */
import { AgoraError, parseConfig, type Rng, z } from '../core/index.js';
import { Adam, lrScheduleSchema, tf } from '../nn/index.js';
import { disposeBatch, gatherScalars, MinibatchBuilder, shuffleIndices } from './batch.js';
import { computeGae, explainedVariance, normalise } from './gae.js';
import type { ActionHead } from './heads.js';
import type { PolicyModel } from './policy.js';
import type { RolloutStorage } from './storage.js';

export const ppoConfigSchema = z.object({
  gamma: z.number().min(0).max(1).default(0.99),
  lambda: z.number().min(0).max(1).default(0.95),
  clip: z.number().positive().default(0.2),
  /** Clip range for the value prediction around the rollout's value; null = unclipped loss. */
  valueClip: z.number().positive().nullable().default(null),
  vfCoef: z.number().nonnegative().default(0.5),
  entCoef: z.number().nonnegative().default(0.01),
  epochs: z.number().int().positive().default(4),
  minibatches: z.number().int().positive().default(4),
  targetKl: z.number().positive().nullable().default(null),
  normAdvantages: z.boolean().default(true),
  maxGradNorm: z.number().positive().default(0.5),
  lr: z.union([z.number().positive(), lrScheduleSchema]).default(3e-4),
});

export type PpoConfig = z.infer<typeof ppoConfigSchema>;

export interface PpoStats {
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  clipFraction: number;
  gradNorm: number;
  explainedVariance: number;
  lr: number;
  updates: number;
  earlyStop: boolean;
}

interface Targets {
  oldLogp: tf.Tensor1D;
  adv: tf.Tensor1D;
  ret: tf.Tensor1D;
  oldV: tf.Tensor1D;
}

export class Ppo {
  readonly kind = 'ppo' as const;
  readonly config: PpoConfig;
  readonly optimizer: Adam;

  constructor(
    readonly model: PolicyModel,
    readonly head: ActionHead,
    config: Partial<PpoConfig> = {},
  ) {
    this.config = parseConfig(ppoConfigSchema, config, 'PPO config');
    this.optimizer = new Adam(model.parameters(), { lr: this.config.lr, clipNorm: this.config.maxGradNorm });
  }

  /** Advantages and returns into the storage (GAE); returns the explained variance of the values. */
  prepare(store: RolloutStorage): number {
    computeGae(store, this.config.gamma, this.config.lambda, store.advantages, store.returns);
    return explainedVariance(store.values, store.returns);
  }

  /** One PPO update (all epochs) on a rollout. `rng` drives the minibatch shuffles only. */
  update(store: RolloutStorage, rng: Rng): PpoStats {
    const c = this.config;
    const ev = this.prepare(store);
    const adv = Float64Array.from(store.advantages);
    if (c.normAdvantages) normalise(adv);
    const n = store.size;
    const mbSize = Math.ceil(n / c.minibatches);
    const builder = new MinibatchBuilder(store, this.head, mbSize);
    const idx = new Int32Array(n);
    const acc = newAcc();
    let stop = false;
    for (let e = 0; e < c.epochs && !stop; e++) {
      for (let i = 0; i < n; i++) idx[i] = i;
      shuffleIndices(idx, rng.stream(`epoch-${e}`));
      for (let from = 0; from < n && !stop; from += mbSize) {
        const to = Math.min(n, from + mbSize);
        stop = this.minibatchStep(builder, store, adv, idx, from, to, acc);
      }
    }
    return finish(acc, ev, this.optimizer.currentLr(), stop);
  }

  /** Returns true when the KL limit was hit (no step taken for this minibatch). */
  private minibatchStep(
    builder: MinibatchBuilder,
    store: RolloutStorage,
    adv: Float64Array,
    idx: Int32Array,
    from: number,
    to: number,
    acc: Acc,
  ): boolean {
    const batch = builder.build(idx, from, to);
    const tg: Targets = {
      oldLogp: gatherScalars(store.logps, idx, from, to),
      adv: gatherScalars(adv, idx, from, to),
      ret: gatherScalars(store.returns, idx, from, to),
      oldV: gatherScalars(store.values, idx, from, to),
    };
    const params = this.optimizer.params;
    let stats: tf.Tensor1D | undefined;
    try {
      return tf.tidy(() => {
        const { grads } = tf.variableGrads(
          () => {
            const { loss, parts } = this.loss(batch.obs, batch.actions, batch.mask, tg);
            stats = tf.keep(parts);
            return loss;
          },
          params.map((p) => p.variable),
        );
        const s = stats!.dataSync();
        const kl = s[3];
        if (this.config.targetKl !== null && kl > 1.5 * this.config.targetKl) return true;
        const list = params.map((p) => grads[p.variable.name] ?? tf.zerosLike(p.variable));
        const r = this.optimizer.applyGradients(list);
        addAcc(acc, s, r.gradNorm);
        return false;
      });
    } finally {
      stats?.dispose();
      disposeBatch(batch);
      for (const t of Object.values(tg)) t.dispose();
    }
  }

  /** Total loss and [policyLoss, valueLoss, entropy, approxKl, clipFraction]. */
  private loss(obs: tf.Tensor2D, actions: tf.Tensor, mask: tf.Tensor2D | null, tg: Targets) {
    const c = this.config;
    const out = this.model.policy(obs);
    if (out.value === undefined) {
      throw new AgoraError('INVALID_ARGUMENT', 'PPO needs a value head: the policy returned no value', {
        hint: 'return `value` from policy(), or train with REINFORCE and a batch-mean baseline',
      });
    }
    const { logp, entropy } = this.head.logProbEntropy(out.params, actions, mask);
    const logRatio = tf.sub(logp, tg.oldLogp);
    const ratio = tf.exp(logRatio);
    const surr1 = tf.mul(ratio, tg.adv);
    const surr2 = tf.mul(tf.clipByValue(ratio, 1 - c.clip, 1 + c.clip), tg.adv);
    const policyLoss = tf.neg(tf.mean(tf.minimum(surr1, surr2)));
    const v = tf.reshape(out.value, [-1]);
    let vErr = tf.square(tf.sub(v, tg.ret));
    if (c.valueClip !== null) {
      const vc = tf.add(tg.oldV, tf.clipByValue(tf.sub(v, tg.oldV), -c.valueClip, c.valueClip));
      vErr = tf.maximum(vErr, tf.square(tf.sub(vc, tg.ret)));
    }
    const valueLoss = tf.mul(0.5, tf.mean(vErr));
    const ent = tf.mean(entropy);
    const loss = tf.add(policyLoss, tf.sub(tf.mul(c.vfCoef, valueLoss), tf.mul(c.entCoef, ent))) as tf.Scalar;
    const kl = tf.mean(tf.sub(tf.sub(ratio, 1), logRatio));
    const clipped = tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), c.clip), 'float32'));
    return { loss, parts: tf.stack([policyLoss, valueLoss, ent, kl, clipped]) as tf.Tensor1D };
  }
}

interface Acc {
  sums: Float64Array;
  gradNorm: number;
  updates: number;
}

function newAcc(): Acc {
  return { sums: new Float64Array(5), gradNorm: 0, updates: 0 };
}

function addAcc(acc: Acc, s: ArrayLike<number>, gradNorm: number): void {
  for (let i = 0; i < 5; i++) acc.sums[i] += s[i];
  acc.gradNorm += gradNorm;
  acc.updates += 1;
}

function finish(acc: Acc, ev: number, lr: number, earlyStop: boolean): PpoStats {
  const k = Math.max(1, acc.updates);
  const m = (i: number) => (acc.updates === 0 ? Number.NaN : acc.sums[i] / k);
  return {
    policyLoss: m(0),
    valueLoss: m(1),
    entropy: m(2),
    approxKl: m(3),
    clipFraction: m(4),
    gradNorm: acc.updates === 0 ? Number.NaN : acc.gradNorm / k,
    explainedVariance: ev,
    lr,
    updates: acc.updates,
    earlyStop,
  };
}
