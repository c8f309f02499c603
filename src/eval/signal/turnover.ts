/**
 * Signal stability. Top-group turnover: on each date, the share of the top group (by the
 * quantile rule of quantiles.ts over eligible cells with a finite signal) that was not in the top
 * group `lag` dates earlier. Rank autocorrelation: Spearman correlation between the signal at t
 * and at t - lag over the assets eligible at t and finite at both dates. Both are averaged over
 * dates where they are defined.
 */
import { AgoraError } from '../../core/index.js';
import { mean } from '../stats/moments.js';
import { checkGrid, IcScratch } from './ic.js';
import { averageRanks, pearsonDense } from './rank.js';
import type { EligibleMask, Grid } from './types.js';

export interface StabilityReport {
  lag: number;
  topTurnover: Float64Array;
  rankAutocorr: Float64Array;
  meanTopTurnover: number;
  meanRankAutocorr: number;
}

export function signalStability(
  input: Grid & { signal: Float64Array; eligible?: EligibleMask; groups?: number; lag?: number },
): StabilityReport {
  const { T, N, signal, eligible } = input;
  const G = input.groups ?? 5;
  const lag = input.lag ?? 1;
  if (!Number.isInteger(lag) || lag < 1)
    throw new AgoraError('INVALID_ARGUMENT', `lag must be an integer >= 1, got ${lag}`);
  checkGrid('signal', signal, input);
  const inTop = new Uint8Array(T * N);
  markTopGroup(signal, eligible, T, N, G, inTop);
  const topTurnover = new Float64Array(T).fill(Number.NaN);
  const rankAutocorr = new Float64Array(T).fill(Number.NaN);
  const sc = new IcScratch(N);
  for (let t = lag; t < T; t++) {
    topTurnover[t] = turnoverAt(inTop, t, lag, N);
    rankAutocorr[t] = autocorrAt(signal, eligible, t, lag, N, sc);
  }
  return {
    lag,
    topTurnover,
    rankAutocorr,
    meanTopTurnover: mean(topTurnover),
    meanRankAutocorr: mean(rankAutocorr),
  };
}

function markTopGroup(
  signal: Float64Array,
  eligible: EligibleMask,
  T: number,
  N: number,
  G: number,
  out: Uint8Array,
): void {
  const sc = new IcScratch(N);
  const pos = new Int32Array(N);
  for (let t = 0; t < T; t++) {
    let n = 0;
    for (let a = 0; a < N; a++) {
      const i = t * N + a;
      if (Number.isFinite(signal[i]) && (eligible === undefined || eligible[i] === 1)) {
        sc.s[n] = signal[i];
        pos[n++] = a;
      }
    }
    if (n < G) continue;
    averageRanks(sc.s, n, sc.sorted, sc.rs);
    for (let j = 0; j < n; j++) if (Math.ceil((sc.rs[j] * G) / n) >= G) out[t * N + pos[j]] = 1;
  }
}

function turnoverAt(inTop: Uint8Array, t: number, lag: number, N: number): number {
  let now = 0;
  let fresh = 0;
  let before = 0;
  for (let a = 0; a < N; a++) {
    if (inTop[(t - lag) * N + a] === 1) before++;
    if (inTop[t * N + a] !== 1) continue;
    now++;
    if (inTop[(t - lag) * N + a] !== 1) fresh++;
  }
  return now > 0 && before > 0 ? fresh / now : Number.NaN;
}

function autocorrAt(
  signal: Float64Array,
  eligible: EligibleMask,
  t: number,
  lag: number,
  N: number,
  sc: IcScratch,
): number {
  let n = 0;
  for (let a = 0; a < N; a++) {
    const i = t * N + a;
    const j = (t - lag) * N + a;
    if (
      Number.isFinite(signal[i]) &&
      Number.isFinite(signal[j]) &&
      (eligible === undefined || eligible[i] === 1)
    ) {
      sc.s[n] = signal[i];
      sc.l[n++] = signal[j];
    }
  }
  if (n < 3) return Number.NaN;
  averageRanks(sc.s, n, sc.sorted, sc.rs);
  averageRanks(sc.l, n, sc.sorted, sc.rl);
  return pearsonDense(sc.rs, sc.rl, n);
}
