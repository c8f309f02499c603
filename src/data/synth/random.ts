/**
 * Fast draws used in the generator's hot loops. Student-t uses one normal over the square root of
 * a Gamma(df/2) draw (Marsaglia-Tsang squeeze: about one normal and one uniform per draw), instead
 * of summing df squared normals; it accepts fractional degrees of freedom.
 */
import type { Rng } from '../../core/index.js';

/** Gamma(shape, 1) draw (Marsaglia & Tsang 2000); shape < 1 uses the u^(1/shape) boost. */
export function gammaDraw(rng: Rng, shape: number): number {
  if (shape < 1) return gammaDraw(rng, shape + 1) * rng.uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Student-t draw with `df` > 2 degrees of freedom, scaled to unit variance. */
export function unitStudentT(rng: Rng, df: number): number {
  const z = rng.normal();
  const chi2 = 2 * gammaDraw(rng, df / 2);
  return z * Math.sqrt((df - 2) / chi2);
}
