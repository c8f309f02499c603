/**
 * Scripted stress scenarios on the market factor.
 *
 * - Trend window (start, length, totalReturn): a Brownian-bridge rewrite of the window's factor
 *   noise (noise minus its window mean) plus a constant drift chosen so that the equal-weighted
 *   index compounds to `1 + totalReturn` over the window: the drift is log(1 + R) / length minus a
 *   convexity correction (half the expected cross-sectional variance of asset log returns, which
 *   an equal-weighted average of exp(x) adds back).
 * - Shock (at, return, rebound, reboundBars): bar `at` moves by exactly `return` (plus the same
 *   convexity correction) and the next `reboundBars` form a trend window taking back `rebound` of
 *   the loss.
 * Regime labels are overwritten in scripted bars (bull/bear for trends, crash for shocks) where
 * those states exist. Vol clustering still comes from the unscripted noise.
 */
import type { SynthConfig } from './config.js';
import type { MarketPath } from './factors.js';

export interface Convexity {
  /** Cross-sectional variance per bar of the non-market part of asset log returns. */
  residualVar: number;
  /** Cross-sectional variance of market betas. */
  betaVar: number;
}

/** Drift per bar so that mean(exp(beta f + resid)) compounds to exp(logTarget / n) per bar. */
function correctedLog(logPerBar: number, noise: number, cx: Convexity): number {
  let f = logPerBar;
  for (let i = 0; i < 3; i++) f = logPerBar - 0.5 * (cx.residualVar + cx.betaVar * (f + noise) * (f + noise));
  return f;
}

export function stateIndex(cfg: SynthConfig, name: string): number {
  return cfg.regimes.states.findIndex((s) => s.name === name);
}

/** Overwrite regime labels in scripted bars (before the factor path is drawn). */
export function scriptRegimes(cfg: SynthConfig, regimes: Uint8Array): void {
  const bull = stateIndex(cfg, 'bull');
  const bear = stateIndex(cfg, 'bear');
  const crash = stateIndex(cfg, 'crash');
  for (const w of cfg.scenario.trends) {
    const s = w.totalReturn >= 0 ? bull : bear;
    if (s >= 0) regimes.fill(s, w.start, w.start + w.length);
  }
  for (const k of cfg.scenario.shocks) if (crash >= 0) regimes[k.at] = crash;
}

function bridge(path: MarketPath, start: number, length: number, logTotal: number, cx: Convexity): void {
  let mean = 0;
  for (let t = start; t < start + length; t++) mean += path.noise[t];
  mean /= length;
  for (let t = start; t < start + length; t++) {
    const noise = path.noise[t] - mean;
    path.f[t] = correctedLog(logTotal / length, noise, cx) + noise;
  }
}

/** Apply trend windows and shocks to the market path in place. */
export function applyScenario(cfg: SynthConfig, path: MarketPath, cx: Convexity): void {
  for (const w of cfg.scenario.trends) bridge(path, w.start, w.length, Math.log1p(w.totalReturn), cx);
  for (const k of cfg.scenario.shocks) {
    path.f[k.at] = correctedLog(Math.log1p(k.return), 0, cx);
    const level = 1 + k.return;
    const back = level + k.rebound * -k.return;
    bridge(path, k.at + 1, k.reboundBars, Math.log(back / level), cx);
  }
}
