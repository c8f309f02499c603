/**
 * The common shape of every network piece: named trainable variables (float32, initialised from
 * a seeded `Rng` stream per parameter), a forward pass, a parameter count and weight get/set as
 * Float32Arrays. Names are paths (`enc/phi/dense0/w`) that are stable across runs, so weights and
 * optimiser state can be saved and restored by name.
 */
import { AgoraError, type Rng } from '../core/index.js';
import { type InitSpec, initValues } from './init.js';
import * as tf from './tf.js';

export interface Param {
  /** Path-like name, unique inside the root module. */
  readonly name: string;
  readonly variable: tf.Variable;
}

/** One named weight array (row-major, the variable's shape). */
export interface WeightEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

export abstract class Module {
  private readonly own: Param[] = [];
  private readonly kids: { name: string; module: Module }[] = [];

  constructor(
    /** Short name of this module inside its parent. */
    readonly name: string,
  ) {}

  /** Main forward pass; layers with extra inputs or outputs add their own methods. */
  abstract forward(x: tf.Tensor): tf.Tensor;

  /** Create a trainable float32 variable, initialised from `rng.stream(name)`. */
  protected param(name: string, shape: readonly number[], init: InitSpec, rng: Rng): tf.Variable {
    const values = initValues(shape, init, rng.stream(name));
    const variable = tf.tidy(() => tf.variable(tf.tensor(values, shape as number[], 'float32'), true));
    this.own.push({ name, variable });
    return variable;
  }

  /** Register a child module; its parameters appear as `<childName>/<param>`. */
  protected child<M extends Module>(module: M): M {
    if (this.kids.some((k) => k.name === module.name) || this.own.some((p) => p.name === module.name)) {
      throw new AgoraError('INTERNAL', `duplicate child name '${module.name}' in module '${this.name}'`);
    }
    this.kids.push({ name: module.name, module });
    return module;
  }

  /** All parameters with full path names, in a stable order (own first, then children). */
  parameters(prefix = ''): Param[] {
    const out: Param[] = this.own.map((p) => ({ name: prefix + p.name, variable: p.variable }));
    for (const k of this.kids) out.push(...k.module.parameters(`${prefix}${k.name}/`));
    return out;
  }

  /** The trainable variables, in `parameters()` order. */
  variables(): tf.Variable[] {
    return this.parameters().map((p) => p.variable);
  }

  paramCount(): number {
    return this.parameters().reduce((n, p) => n + p.variable.size, 0);
  }

  /** Copies of all weights as float32 arrays. */
  getWeights(): WeightEntry[] {
    return this.parameters().map((p) => ({
      name: p.name,
      shape: p.variable.shape.slice(),
      values: p.variable.dataSync() as Float32Array,
    }));
  }

  /** Assign weights by name; every parameter must be present with the right size. */
  setWeights(entries: readonly WeightEntry[] | ReadonlyMap<string, Float32Array>): void {
    const byName = entries instanceof Map ? entries : new Map(toPairs(entries as readonly WeightEntry[]));
    for (const p of this.parameters()) {
      const values = byName.get(p.name);
      if (!values) {
        throw new AgoraError('INVALID_ARGUMENT', `weights are missing parameter '${p.name}'`, {
          hint: 'load weights saved from a network built with the same configuration',
        });
      }
      if (values.length !== p.variable.size) {
        throw new AgoraError(
          'INVALID_ARGUMENT',
          `parameter '${p.name}' has ${values.length} values, expected ${p.variable.size} (shape [${p.variable.shape}])`,
          {
            hint: 'the saved network was built with different layer sizes; rebuild it with the saved config',
          },
        );
      }
      tf.tidy(() => p.variable.assign(tf.tensor(values, p.variable.shape, 'float32')));
    }
  }

  /** Free the variables (the module cannot be used afterwards). */
  dispose(): void {
    for (const p of this.own) p.variable.dispose();
    for (const k of this.kids) k.module.dispose();
  }
}

function toPairs(entries: readonly WeightEntry[]): [string, Float32Array][] {
  return entries.map((e) => [e.name, e.values]);
}
