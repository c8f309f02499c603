/**
 * Weight initialisers. All draws come from a seeded `Rng` (no tfjs random ops), so the same seed
 * gives the same float32 weights on every run and every thread.
 */
import { AgoraError, type Rng } from '../core/index.js';

export type InitKind = 'glorotUniform' | 'heNormal' | 'normal' | 'zeros' | 'ones' | 'uniform';

export interface InitSpec {
  readonly kind: InitKind;
  /** Standard deviation for 'normal', half-width for 'uniform'. */
  readonly scale?: number;
}

/** Fill a float32 array of `shape` using `spec`; fan-in/out are the last two dims (or 1). */
export function initValues(shape: readonly number[], spec: InitSpec, rng: Rng): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  const fanIn = shape.length >= 2 ? shape[shape.length - 2] : shape[0];
  const fanOut = shape[shape.length - 1];
  switch (spec.kind) {
    case 'zeros':
      return out;
    case 'ones':
      return out.fill(1);
    case 'glorotUniform':
      return fillUniform(out, Math.sqrt(6 / (fanIn + fanOut)), rng);
    case 'uniform':
      return fillUniform(out, spec.scale ?? 0.05, rng);
    case 'heNormal':
      return fillNormal(out, Math.sqrt(2 / fanIn), rng);
    case 'normal':
      return fillNormal(out, spec.scale ?? 0.02, rng);
    default:
      throw new AgoraError('INVALID_ARGUMENT', `unknown initialiser '${(spec as InitSpec).kind}'`, {
        hint: 'use one of glorotUniform, heNormal, normal, uniform, zeros, ones',
      });
  }
}

function fillUniform(out: Float32Array, limit: number, rng: Rng): Float32Array {
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.uniform() - 1) * limit;
  return out;
}

function fillNormal(out: Float32Array, sd: number, rng: Rng): Float32Array {
  for (let i = 0; i < out.length; i++) out[i] = rng.normal(0, sd);
  return out;
}
