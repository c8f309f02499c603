/**
 * Common factors: the market factor (regime drift + GARCH(1,1) volatility scaled by the regime's
 * multiplier, Student-t shocks) and one factor per industry (GARCH(1,1), Student-t). Both are log
 * returns per bar and depend only on their own streams and the regime path.
 */
import type { Rng } from '../../core/index.js';
import type { SynthConfig } from './config.js';
import { garchNext } from './garch.js';
import { unitStudentT } from './random.js';

export interface MarketPath {
  /** Market factor log return per bar (before scenario overrides). */
  f: Float64Array;
  /** The noise part of f (f minus the regime drift). */
  noise: Float64Array;
  /** Market factor volatility per bar, regime multiplier included. */
  vol: Float64Array;
}

export function marketFactorPath(
  rng: Rng,
  cfg: SynthConfig,
  regimes: Uint8Array,
  barsPerDay: number,
): MarketPath {
  const T = regimes.length;
  const m = cfg.marketFactor;
  const longVar = (m.vol * m.vol) / barsPerDay;
  const f = new Float64Array(T);
  const noise = new Float64Array(T);
  const vol = new Float64Array(T);
  let v = longVar;
  for (let t = 0; t < T; t++) {
    const st = cfg.regimes.states[regimes[t]];
    const shock = Math.sqrt(v) * unitStudentT(rng, m.df);
    noise[t] = st.volMultiplier * shock;
    vol[t] = st.volMultiplier * Math.sqrt(v);
    f[t] = st.drift / barsPerDay + noise[t];
    v = garchNext(m.garch, longVar, v, shock);
  }
  return { f, noise, vol };
}

/** Industry factor log returns, T x M date-major. */
export function industryFactorPaths(rng: Rng, cfg: SynthConfig, T: number, barsPerDay: number): Float64Array {
  const ind = cfg.industries;
  const M = ind.count;
  const longVar = (ind.vol * ind.vol) / barsPerDay;
  const out = new Float64Array(T * M);
  const v = new Float64Array(M).fill(longVar);
  for (let t = 0; t < T; t++) {
    const row = t * M;
    for (let j = 0; j < M; j++) {
      const shock = Math.sqrt(v[j]) * unitStudentT(rng, ind.df);
      out[row + j] = shock;
      v[j] = garchNext(ind.garch, longVar, v[j], shock);
    }
  }
  return out;
}

/**
 * Remove, per bar, the asset-count-weighted mean of the industry factors, so that industries
 * move against each other and the equal-weighted market is carried by the market factor alone.
 */
export function demeanIndustries(g: Float64Array, M: number, counts: Float64Array): void {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return;
  const T = g.length / M;
  for (let t = 0; t < T; t++) {
    const row = t * M;
    let mean = 0;
    for (let j = 0; j < M; j++) mean += counts[j] * g[row + j];
    mean /= total;
    for (let j = 0; j < M; j++) g[row + j] -= mean;
  }
}
