/**
 * Per-date information coefficients: Pearson IC and Spearman RankIC (average ties) between a
 * signal and a label over the cells that are eligible and finite in both. A date with fewer
 * than `minAssets` valid pairs gets NaN (it is skipped by the summaries, never counted as 0).
 */
import { AgoraError } from '../../core/index.js';
import { averageRanks, pearsonDense, rankPearson } from './rank.js';
import type { Grid, SignalInput } from './types.js';

export interface DailyIc {
  ic: Float64Array;
  rankIc: Float64Array;
  /** Valid pairs per date. */
  count: Int32Array;
}

export function checkGrid(name: string, arr: ArrayLike<number>, g: Grid): void {
  if (arr.length !== g.T * g.N) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `${name} has length ${arr.length}, expected T*N = ${g.T}*${g.N}`,
      {
        hint: 'pass date-major T*N arrays taken from the same panel',
      },
    );
  }
}

/** Scratch buffers reused across dates and calls (one per thread). */
export class IcScratch {
  readonly s: Float64Array;
  readonly l: Float64Array;
  readonly rs: Float64Array;
  readonly rl: Float64Array;
  readonly sorted: Float64Array;
  constructor(N: number) {
    this.s = new Float64Array(N);
    this.l = new Float64Array(N);
    this.rs = new Float64Array(N);
    this.rl = new Float64Array(N);
    this.sorted = new Float64Array(N);
  }
}

/**
 * Label ranks per date over the label-valid cells, reused when a signal is finite on the same
 * cells (the common case when scoring many signals against one label).
 */
export interface LabelCache {
  /** Ranks (T*N; NaN where the label is not valid). */
  ranks: Float64Array;
  /** Label-valid cells per date. */
  count: Int32Array;
}

export function labelCache(label: Float64Array, eligible: Uint8Array | undefined, g: Grid): LabelCache {
  const { T, N } = g;
  const ranks = new Float64Array(T * N).fill(Number.NaN);
  const count = new Int32Array(T);
  const sc = new IcScratch(N);
  const pos = new Int32Array(N);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    let n = 0;
    for (let a = 0; a < N; a++) {
      const v = label[row + a];
      if (Number.isFinite(v) && (eligible === undefined || eligible[row + a] === 1)) {
        sc.l[n] = v;
        pos[n++] = a;
      }
    }
    averageRanks(sc.l, n, sc.sorted, sc.rl);
    for (let j = 0; j < n; j++) ranks[row + pos[j]] = sc.rl[j];
    count[t] = n;
  }
  return { ranks, count };
}

export function dailyIc(input: SignalInput, cache?: LabelCache, scratch?: IcScratch): DailyIc {
  const { T, N, signal, label, eligible } = input;
  checkGrid('signal', signal, input);
  checkGrid('label', label, input);
  if (eligible) checkGrid('eligible mask', eligible, input);
  const minAssets = input.minAssets ?? 10;
  const sc = scratch ?? new IcScratch(N);
  const ic = new Float64Array(T);
  const rankIc = new Float64Array(T);
  const count = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    let n = 0;
    for (let a = 0; a < N; a++) {
      const i = row + a;
      const sv = signal[i];
      const lv = label[i];
      if (Number.isFinite(sv) && Number.isFinite(lv) && (eligible === undefined || eligible[i] === 1)) {
        sc.s[n] = sv;
        sc.l[n] = lv;
        if (cache) sc.rl[n] = cache.ranks[i];
        n++;
      }
    }
    count[t] = n;
    if (n < minAssets || n < 2) {
      ic[t] = Number.NaN;
      rankIc[t] = Number.NaN;
      continue;
    }
    ic[t] = pearsonDense(sc.s, sc.l, n);
    averageRanks(sc.s, n, sc.sorted, sc.rs);
    if (!cache || cache.count[t] !== n) averageRanks(sc.l, n, sc.sorted, sc.rl);
    rankIc[t] = rankPearson(sc.rs, sc.rl, n);
  }
  return { ic, rankIc, count };
}
