/**
 * Adam and AdamW implemented on tf variables, so the optimiser state (step, first and second
 * moments per parameter) is plain data that checkpoints save and restore exactly.
 *
 * Update for update number t (1-based), following Kingma & Ba with PyTorch's conventions:
 *   g <- g + wd * p                      (Adam with L2 weight decay only)
 *   p <- p * (1 - lr * wd)               (AdamW: decoupled weight decay only)
 *   m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
 *   p <- p - (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * Gradients are optionally clipped by global norm first; lr follows a schedule.
 */
import { AgoraError } from '../core/index.js';
import { clipByGlobalNorm, globalNorm } from './clip.js';
import type { Module, Param, WeightEntry } from './module.js';
import { type LrSchedule, learningRate } from './schedule.js';
import * as tf from './tf.js';

export interface AdamOptions {
  /** Learning rate or schedule (default 1e-3). */
  readonly lr?: number | LrSchedule;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly eps?: number;
  /** Weight decay: L2 in the gradient for Adam, decoupled for AdamW. */
  readonly weightDecay?: number;
  /** Clip gradients to this global L2 norm before the update (off when undefined). */
  readonly clipNorm?: number;
}

export interface StepResult {
  /** Loss value (only from `minimize`; NaN from `applyGradients`). */
  readonly loss: number;
  /** Global gradient norm before clipping. */
  readonly gradNorm: number;
  /** Learning rate used for this update. */
  readonly lr: number;
}

/** Serialisable optimiser state: updates done so far and moments by parameter name. */
export interface OptimizerState {
  readonly step: number;
  readonly m: WeightEntry[];
  readonly v: WeightEntry[];
}

interface Slot {
  readonly param: Param;
  readonly m: tf.Variable;
  readonly v: tf.Variable;
}

export class Adam {
  /** Number of updates applied so far. */
  step = 0;
  readonly decoupled: boolean;
  private readonly slots: Slot[];
  private readonly o: Required<Omit<AdamOptions, 'clipNorm'>> & { clipNorm: number | undefined };

  constructor(params: Module | readonly Param[], options: AdamOptions = {}, decoupled = false) {
    const list = Array.isArray(params) ? (params as readonly Param[]) : (params as Module).parameters();
    checkParams(list);
    this.decoupled = decoupled;
    this.o = {
      lr: options.lr ?? 1e-3,
      beta1: options.beta1 ?? 0.9,
      beta2: options.beta2 ?? 0.999,
      eps: options.eps ?? 1e-8,
      weightDecay: options.weightDecay ?? 0,
      clipNorm: options.clipNorm,
    };
    checkOptions(this.o);
    this.slots = list.map((param) => ({
      param,
      m: tf.tidy(() => tf.variable(tf.zerosLike(param.variable), false)),
      v: tf.tidy(() => tf.variable(tf.zerosLike(param.variable), false)),
    }));
  }

  /** The parameters this optimiser updates, in order. */
  get params(): Param[] {
    return this.slots.map((s) => s.param);
  }

  /** Learning rate the next update will use. */
  currentLr(): number {
    return learningRate(this.o.lr, this.step);
  }

  /** Compute gradients of `loss` w.r.t. every parameter and apply one update. */
  minimize(loss: () => tf.Scalar): StepResult {
    const vars = this.slots.map((s) => s.param.variable);
    return tf.tidyObj(() => {
      const { value, grads } = tf.variableGrads(loss, vars);
      const list = this.slots.map((s) => grads[s.param.variable.name] ?? tf.zerosLike(s.param.variable));
      const { norm, lr } = this.update(list);
      const both = tf.stack([value, norm]).dataSync();
      return { loss: both[0], gradNorm: both[1], lr };
    });
  }

  /** Apply one update from gradients given in parameter order (as from `params`). */
  applyGradients(grads: readonly tf.Tensor[]): StepResult {
    if (grads.length !== this.slots.length) {
      throw new AgoraError(
        'INVALID_ARGUMENT',
        `got ${grads.length} gradients for ${this.slots.length} parameters`,
        {
          hint: 'pass one gradient per parameter, in the order of optimizer.params',
        },
      );
    }
    return tf.tidyObj(() => {
      const { norm, lr } = this.update(grads);
      return { loss: Number.NaN, gradNorm: norm.dataSync()[0], lr };
    });
  }

  private update(raw: readonly tf.Tensor[]): { norm: tf.Scalar; lr: number } {
    const clipped = this.o.clipNorm === undefined ? undefined : clipByGlobalNorm(raw, this.o.clipNorm);
    const norm = clipped ? clipped.norm : globalNorm(raw);
    const grads = clipped ? clipped.grads : raw;
    const lr = this.currentLr();
    this.step += 1;
    const { beta1: b1, beta2: b2, eps, weightDecay: wd } = this.o;
    const stepSize = lr / (1 - b1 ** this.step);
    const bc2Sqrt = Math.sqrt(1 - b2 ** this.step);
    this.slots.forEach((s, i) => {
      const p = s.param.variable;
      let g = grads[i];
      if (wd > 0 && !this.decoupled) g = tf.add(g, tf.mul(p, wd));
      if (wd > 0 && this.decoupled) p.assign(tf.mul(p, 1 - lr * wd));
      s.m.assign(tf.add(tf.mul(s.m, b1), tf.mul(g, 1 - b1)));
      s.v.assign(tf.add(tf.mul(s.v, b2), tf.mul(tf.square(g), 1 - b2)));
      const denom = tf.add(tf.div(tf.sqrt(s.v), bc2Sqrt), eps);
      p.assign(tf.sub(p, tf.mul(tf.div(s.m, denom), stepSize)));
    });
    return { norm, lr };
  }

  getState(): OptimizerState {
    const entry = (name: string, v: tf.Variable): WeightEntry => ({
      name,
      shape: v.shape.slice(),
      values: v.dataSync() as Float32Array,
    });
    return {
      step: this.step,
      m: this.slots.map((s) => entry(s.param.name, s.m)),
      v: this.slots.map((s) => entry(s.param.name, s.v)),
    };
  }

  setState(state: OptimizerState): void {
    const m = new Map(state.m.map((e) => [e.name, e.values]));
    const v = new Map(state.v.map((e) => [e.name, e.values]));
    for (const s of this.slots) {
      assignSlot(s.m, m.get(s.param.name), `m/${s.param.name}`);
      assignSlot(s.v, v.get(s.param.name), `v/${s.param.name}`);
    }
    this.step = state.step;
  }

  /** Free the moment variables (not the parameters). */
  dispose(): void {
    for (const s of this.slots) {
      s.m.dispose();
      s.v.dispose();
    }
  }
}

/** Adam with decoupled weight decay (Loshchilov & Hutter); default weightDecay 0.01. */
export class AdamW extends Adam {
  constructor(params: Module | readonly Param[], options: AdamOptions = {}) {
    super(params, { ...options, weightDecay: options.weightDecay ?? 0.01 }, true);
  }
}

function assignSlot(slot: tf.Variable, values: Float32Array | undefined, name: string): void {
  if (!values || values.length !== slot.size) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `optimiser state for '${name}' is missing or has the wrong size`,
      {
        hint: 'restore optimiser state saved for the same network and parameter list',
      },
    );
  }
  tf.tidy(() => slot.assign(tf.tensor(values, slot.shape, 'float32')));
}

function checkParams(list: readonly Param[]): void {
  if (list.length === 0) {
    throw new AgoraError('INVALID_ARGUMENT', 'optimiser created with no parameters', {
      hint: 'pass a module or a non-empty parameter list',
    });
  }
  const seen = new Set<string>();
  for (const p of list) {
    if (seen.has(p.name)) {
      throw new AgoraError('INVALID_ARGUMENT', `parameter name '${p.name}' appears twice in the optimiser`, {
        hint: 'prefix the names of parameters coming from different modules (see prefixParams)',
      });
    }
    seen.add(p.name);
  }
}

function checkOptions(o: {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  clipNorm?: number;
}): void {
  const bad = (what: string, v: number, rule: string) =>
    new AgoraError('CONFIG_INVALID', `optimiser ${what} = ${v} is invalid: ${rule}`);
  if (!(o.beta1 >= 0 && o.beta1 < 1)) throw bad('beta1', o.beta1, 'must be in [0, 1)');
  if (!(o.beta2 >= 0 && o.beta2 < 1)) throw bad('beta2', o.beta2, 'must be in [0, 1)');
  if (!(o.eps > 0)) throw bad('eps', o.eps, 'must be > 0');
  if (!(o.weightDecay >= 0)) throw bad('weightDecay', o.weightDecay, 'must be >= 0');
  if (o.clipNorm !== undefined && !(o.clipNorm > 0)) throw bad('clipNorm', o.clipNorm, 'must be > 0');
}

/** Prefix parameter names, e.g. to optimise a policy and a value network together. */
export function prefixParams(prefix: string, module: Module): Param[] {
  return module.parameters(`${prefix}/`);
}
