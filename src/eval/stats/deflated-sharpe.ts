/**
 * Probabilistic and deflated Sharpe ratios (Bailey & Lopez de Prado 2012, 2014).
 *
 * All Sharpe ratios here are per period (not annualised), estimated on n returns with sample
 * skewness g3 and kurtosis g4 (not excess):
 *   PSR(SR*) = Phi( (SR - SR*) * sqrt(n - 1) / sqrt(1 - g3*SR + (g4 - 1)/4 * SR^2) )
 * The deflated Sharpe ratio is PSR evaluated at the expected maximum Sharpe of N independent
 * trials under the null, whose Sharpes have variance V:
 *   SR0 = sqrt(V) * ((1 - gamma) * Phi^-1(1 - 1/N) + gamma * Phi^-1(1 - 1/(N e)))
 * with gamma the Euler-Mascheroni constant.
 */
import { AgoraError } from '../../core/index.js';
import { moments } from './moments.js';
import { normalCdf, normalQuantile } from './normal.js';

const EULER_GAMMA = 0.5772156649015329;

export function probabilisticSharpe(
  sr: number,
  benchmarkSr: number,
  n: number,
  skew: number,
  kurtosis: number,
): number {
  const denom = 1 - skew * sr + ((kurtosis - 1) / 4) * sr * sr;
  if (!(denom > 0) || n < 2) return Number.NaN;
  return normalCdf(((sr - benchmarkSr) * Math.sqrt(n - 1)) / Math.sqrt(denom));
}

/** Expected maximum per-period Sharpe among `trials` independent null strategies. */
export function expectedMaxSharpe(trials: number, trialSharpeVariance: number): number {
  if (!(trials >= 1)) throw new AgoraError('INVALID_ARGUMENT', `trials must be >= 1, got ${trials}`);
  if (trials === 1) return 0;
  const a = normalQuantile(1 - 1 / trials);
  const b = normalQuantile(1 - 1 / (trials * Math.E));
  return Math.sqrt(trialSharpeVariance) * ((1 - EULER_GAMMA) * a + EULER_GAMMA * b);
}

export interface DeflatedSharpeResult {
  /** Per-period Sharpe of the selected strategy. */
  sharpe: number;
  /** Expected maximum Sharpe under the null (per period). */
  sr0: number;
  /** Probability that the true Sharpe exceeds sr0 (the deflated Sharpe ratio). */
  dsr: number;
  n: number;
  trials: number;
}

/**
 * Deflated Sharpe of a returns series (NaN dropped) selected as the best of `trials`, where the
 * trials' per-period Sharpes have variance `trialSharpeVariance`.
 */
export function deflatedSharpe(
  returns: ArrayLike<number>,
  trials: number,
  trialSharpeVariance: number,
): DeflatedSharpeResult {
  const m = moments(returns);
  const sharpe = m.mean / m.std;
  const sr0 = expectedMaxSharpe(trials, trialSharpeVariance);
  return {
    sharpe,
    sr0,
    dsr: probabilisticSharpe(sharpe, sr0, m.n, m.skew, m.kurtosis),
    n: m.n,
    trials,
  };
}
