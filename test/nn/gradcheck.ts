/**
 * Gradient check harness: the loss is L = sum(out * R) for a fixed random R. Analytic gradients
 * come from tfjs (float32); numeric gradients are central differences of the float64 reference
 * (eps 1e-5 on float64 copies of the same weights), so the only difference is float32 rounding.
 */
import { expect } from 'vitest';
import { Rng } from '../../src/core/index.js';
import { type Module, tf } from '../../src/nn/index.js';
import type { W } from './reference.js';

export interface CheckOptions {
  /** Entries sampled per parameter (default 6). */
  readonly samples?: number;
  /** Forward tolerance (absolute, default 1e-5). */
  readonly fwdTol?: number;
  /** Gradient tolerance: |a - n| <= atol + rtol |n| (defaults 2e-4 and 2e-3). */
  readonly atol?: number;
  readonly rtol?: number;
}

export function weights64(module: Module): W {
  return new Map(module.getWeights().map((e) => [e.name, Float64Array.from(e.values)]));
}

export function gradCheck(
  module: Module,
  forward: () => tf.Tensor,
  reference: (w: W) => ArrayLike<number>,
  seed: number,
  options: CheckOptions = {},
): { checked: number } {
  const rng = new Rng(seed);
  const w = weights64(module);
  const out = forward();
  const got = out.dataSync();
  const want = reference(w);
  expect(got.length).toBe(want.length);
  const fwdTol = options.fwdTol ?? 1e-5;
  for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(fwdTol);
  const r = new Float32Array(got.length);
  rng.fillNormal(r);
  const rt = tf.tensor(r, out.shape);
  out.dispose();
  const { grads } = tf.variableGrads(() => tf.sum(tf.mul(forward(), rt)) as tf.Scalar, module.variables());
  const loss = (ww: W) => {
    const o = reference(ww);
    let s = 0;
    for (let i = 0; i < o.length; i++) s += o[i] * r[i];
    return s;
  };
  let checked = 0;
  const eps = 1e-5;
  for (const p of module.parameters()) {
    const g = grads[p.variable.name]?.dataSync() ?? new Float32Array(p.variable.size);
    const values = w.get(p.name)!;
    const n = Math.min(options.samples ?? 6, values.length);
    for (let s = 0; s < n; s++) {
      const idx = rng.int(values.length);
      const keep = values[idx];
      values[idx] = keep + eps;
      const up = loss(w);
      values[idx] = keep - eps;
      const down = loss(w);
      values[idx] = keep;
      const numeric = (up - down) / (2 * eps);
      const tol = (options.atol ?? 2e-4) + (options.rtol ?? 2e-3) * Math.abs(numeric);
      if (Math.abs(g[idx] - numeric) > tol) {
        throw new Error(
          `gradient mismatch for ${p.name}[${idx}]: tfjs ${g[idx]} vs finite difference ${numeric}`,
        );
      }
      checked++;
    }
  }
  rt.dispose();
  for (const t of Object.values(grads)) t.dispose();
  return { checked };
}

/** Random float32 tensor and its float64 copy. */
export function randomInput(shape: number[], rng: Rng, scale = 1): { t: tf.Tensor; v: Float64Array } {
  const a = new Float32Array(shape.reduce((x, y) => x * y, 1));
  rng.fillNormal(a, 0, scale);
  return { t: tf.tensor(a, shape), v: Float64Array.from(a) };
}
