/**
 * What an environment exposes: the shape of its observations (dense floats, or small integer
 * index vectors such as a token prefix or a date index that a policy resolves itself), the
 * kind of action it takes, and whether it publishes an action mask.
 */
import { AgoraError } from '../core/index.js';

/** `float`: a dense Float32Array row. `index`: an Int32Array row of indices the policy decodes. */
export interface ObsSpec {
  readonly kind: 'float' | 'index';
  readonly size: number;
}

/**
 * `discrete`: one of `n` actions. `ranking`: an ordered selection of `k` distinct items out of
 * `n` (Plackett-Luce). `box`: a real vector of length `dim` (diagonal Gaussian).
 */
export type ActionSpec =
  | { readonly kind: 'discrete'; readonly n: number }
  | { readonly kind: 'ranking'; readonly n: number; readonly k: number }
  | { readonly kind: 'box'; readonly dim: number };

export interface EnvSpec {
  readonly obs: ObsSpec;
  readonly action: ActionSpec;
  /** True when the env writes an action mask (one byte per item, 1 = allowed). */
  readonly masked: boolean;
}

export type ObsBuffer = Float32Array | Int32Array;
export type ActionBuffer = Int32Array | Float32Array;

/** Numbers stored per action: 1 (discrete), k (ranking) or dim (box). */
export function actionSize(a: ActionSpec): number {
  if (a.kind === 'discrete') return 1;
  if (a.kind === 'ranking') return a.k;
  return a.dim;
}

/** Bytes of mask per step: the item count for discrete/ranking actions; box actions have none. */
export function maskSize(spec: EnvSpec): number {
  if (!spec.masked) return 0;
  return spec.action.kind === 'box' ? 0 : spec.action.n;
}

/** Width of the policy output a head reads: logits (n), item scores (n), or mean|logStd (2*dim). */
export function paramSize(a: ActionSpec): number {
  return a.kind === 'box' ? 2 * a.dim : a.n;
}

export function allocObs(spec: ObsSpec, rows: number): ObsBuffer {
  return spec.kind === 'float' ? new Float32Array(rows * spec.size) : new Int32Array(rows * spec.size);
}

export function allocActions(a: ActionSpec, rows: number): ActionBuffer {
  const n = rows * actionSize(a);
  return a.kind === 'box' ? new Float32Array(n) : new Int32Array(n);
}

export function validateSpec(spec: EnvSpec, where = 'environment'): void {
  const bad = (what: string) => {
    throw new AgoraError('INVALID_ARGUMENT', `${where}: invalid spec, ${what}`, {
      hint: 'give positive integer sizes; a ranking needs 1 <= k <= n; box actions cannot be masked',
    });
  };
  const posInt = (x: number) => Number.isInteger(x) && x > 0;
  if (!posInt(spec.obs.size)) bad(`obs.size=${spec.obs.size}`);
  const a = spec.action;
  if (a.kind === 'box') {
    if (!posInt(a.dim)) bad(`action.dim=${a.dim}`);
    if (spec.masked) bad('masked box action');
  } else {
    if (!posInt(a.n)) bad(`action.n=${a.n}`);
    if (a.kind === 'ranking' && (!posInt(a.k) || a.k > a.n)) bad(`action.k=${a.k} with n=${a.n}`);
  }
}
