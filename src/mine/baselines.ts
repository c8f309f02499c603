/**
 * Baselines in the miners' harness: the same MiningData (split, label, universe), the same
 * per-date normalisation as the pool (z-score over eligible assets, missing -> 0) and the same
 * scoring (`scoreSignal`), so their numbers sit next to mined pools directly.
 *
 * - best single factor: every computable factor of Alpha101, GTJA191 and Alpha158 (each in its
 *   registry mode; the VWAP fallback only when the protocol opted in) is scored on the valid
 *   split; the one with the largest |valid IC| is used, negated when its valid IC is negative.
 * - ridge158: ridge regression of the normalised label on the normalised Alpha158 features over
 *   the train cells (eligible, label finite), no intercept (both sides are centred per date):
 *   minimise (1/n)|y - Xw|^2 + lambda |w|^2, i.e. w = (X'X/n + lambda I)^-1 X'y/n; lambda is
 *   the grid value with the highest valid IC of the combination.
 *
 * Selection reads train and valid only; the test split is scored once, at the end.
 */
import type { Progress } from '../core/index.js';
import { AgoraError } from '../core/index.js';
import {
  computeFactors,
  type FactorEntry,
  libraries,
  library,
  type UnavailableFactor,
} from '../factors/index.js';
import { zscoreRows } from './cross-section.js';
import { solveSpd } from './linalg.js';
import { type MiningData, type PartSlice, partOf } from './protocol.js';
import { normaliseForPool, type PartScore, scoreSignal } from './score.js';

export type BaselineKind = 'best-factor' | 'ridge158';

export const BASELINE_METHOD: Readonly<Record<BaselineKind, string>> = {
  'best-factor': 'baseline-best-factor',
  ridge158: 'baseline-ridge158',
};

/** Ridge strengths tried (per-row scale: the Gram matrix is divided by the number of rows). */
export const DEFAULT_RIDGE_GRID: readonly number[] = [1e-6, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100];

export interface BaselineComputeOptions {
  /** Factors to use; default Alpha101 + GTJA191 + Alpha158 (best-factor) or Alpha158 (ridge158). */
  factors?: readonly FactorEntry[];
  ridgeGrid?: readonly number[];
  /** Worker threads for factor evaluation (0 = calling thread, the default). */
  jobs?: number;
  progress?: Progress;
}

export interface FactorCandidate {
  id: string;
  /** Valid-split IC and RankIC of the factor as computed (before any sign flip). */
  validIc: number;
  validRankIc: number;
}

interface Computed {
  unavailable: UnavailableFactor[];
  fallbacks: string[];
}

export interface BestFactorResult extends Computed {
  id: string;
  formula: string;
  sign: 1 | -1;
  /** All scored factors, largest |valid IC| first. */
  candidates: FactorCandidate[];
  scores: Record<string, PartScore>;
  /** The signed, normalised factor over the whole panel. */
  values: Float64Array;
}

export interface RidgeResult extends Computed {
  features: string[];
  weights: Float64Array;
  lambda: number;
  grid: { lambda: number; validIc: number }[];
  /** Train cells in the fit. */
  rows: number;
  scores: Record<string, PartScore>;
  values: Float64Array;
}

/** Score a signal on one part only, with the same code as the final scoring. */
function scoreOn(data: MiningData, part: PartSlice, signal: Float64Array): PartScore {
  return scoreSignal({ ...data, parts: [part] }, signal)[part.part];
}

function compute(
  data: MiningData,
  entries: readonly FactorEntry[],
  o: BaselineComputeOptions,
  use: (entry: FactorEntry, z: Float64Array) => void,
): Promise<Computed> {
  return computeFactors(data.panel, entries, {
    vwapFallback: data.config.vwapFallback,
    jobs: o.jobs ?? 0,
    progress: o.progress,
    onFactor: (entry, raw) => use(entry, normaliseForPool(data, raw, 'ic')),
  }).then((r) => ({ unavailable: r.unavailable, fallbacks: r.fallbacks }));
}

/** The factor with the largest |valid IC| (signed), scored on every split. */
export async function bestSingleFactor(
  data: MiningData,
  o: BaselineComputeOptions = {},
): Promise<BestFactorResult> {
  const valid = partOf(data, 'valid');
  const entries = o.factors ?? libraries(['alpha101', 'gtja191', 'alpha158']);
  const candidates: FactorCandidate[] = [];
  // Assigned inside the callback (declared this way so control-flow narrowing leaves it open).
  let best = undefined as { entry: FactorEntry; z: Float64Array; ic: number } | undefined;
  const computed = await compute(data, entries, o, (entry, z) => {
    const s = scoreOn(data, valid, z);
    candidates.push({ id: entry.id, validIc: s.ic, validRankIc: s.rankIc });
    if (Number.isFinite(s.ic) && (!best || Math.abs(s.ic) > Math.abs(best.ic))) best = { entry, z, ic: s.ic };
  });
  if (!best) {
    throw new AgoraError(
      'UNAVAILABLE',
      `none of ${entries.length} factors has a finite IC on the valid split`,
      {
        hint: 'check that the panel has the fields the factors need and that the valid split has dates',
      },
    );
  }
  const sign = best.ic < 0 ? -1 : 1;
  const values = best.z;
  if (sign < 0) for (let i = 0; i < values.length; i++) values[i] = -values[i];
  candidates.sort((a, b) => absOrder(b.validIc) - absOrder(a.validIc));
  return {
    ...computed,
    id: best.entry.id,
    formula: best.entry.formula ?? '',
    sign,
    candidates,
    scores: scoreSignal(data, values),
    values,
  };
}

function absOrder(x: number): number {
  return Number.isFinite(x) ? Math.abs(x) : -1;
}

/**
 * Cells the regression sees: eligible cells in date-major order, with the first position of each
 * date (`at[t]`..`at[t+1]`), so a split part is one contiguous range.
 */
interface Cells {
  index: Int32Array;
  at: Int32Array;
}

function eligibleCells(data: MiningData): Cells {
  const { T, N } = data.panel;
  const el = data.eligible;
  const at = new Int32Array(T + 1);
  let n = 0;
  for (let i = 0; i < T * N; i++) if (!el || el[i] === 1) n++;
  const index = new Int32Array(n);
  n = 0;
  for (let t = 0; t < T; t++) {
    at[t] = n;
    for (let a = 0; a < N; a++) if (!el || el[t * N + a] === 1) index[n++] = t * N + a;
  }
  at[T] = n;
  return { index, at };
}

function gather(z: Float64Array, cells: Cells): Float64Array {
  const out = new Float64Array(cells.index.length);
  for (let p = 0; p < out.length; p++) out[p] = z[cells.index[p]];
  return out;
}

/** Normal equations of the fit rows: G = X'X/n (K x K, row-major) and b = X'y/n. */
export function normalEquations(
  X: readonly Float64Array[],
  y: Float64Array,
  fit: Int32Array,
): { G: Float64Array; b: Float64Array } {
  const K = X.length;
  const n = fit.length;
  const G = new Float64Array(K * K);
  const b = new Float64Array(K);
  const B = 2048;
  const block = new Float64Array(K * B);
  const yb = new Float64Array(B);
  for (let q0 = 0; q0 < n; q0 += B) {
    const m = Math.min(B, n - q0);
    for (let r = 0; r < m; r++) yb[r] = y[fit[q0 + r]];
    for (let k = 0; k < K; k++) {
      const xk = X[k];
      const off = k * B;
      for (let r = 0; r < m; r++) block[off + r] = xk[fit[q0 + r]];
    }
    for (let j = 0; j < K; j++) {
      const oj = j * B;
      let sy = 0;
      for (let r = 0; r < m; r++) sy += block[oj + r] * yb[r];
      b[j] += sy;
      for (let k = 0; k <= j; k++) {
        const ok = k * B;
        let s = 0;
        for (let r = 0; r < m; r++) s += block[oj + r] * block[ok + r];
        G[j * K + k] += s;
      }
    }
  }
  for (let j = 0; j < K; j++) {
    b[j] /= n;
    for (let k = 0; k <= j; k++) {
      G[j * K + k] /= n;
      G[k * K + j] = G[j * K + k];
    }
  }
  return { G, b };
}

/** sum_k w_k X_k over compact positions [from, to), scattered into a full-panel array. */
function combination(
  X: readonly Float64Array[],
  w: Float64Array,
  cells: Cells,
  size: number,
  from = 0,
  to = cells.index.length,
): Float64Array {
  const out = new Float64Array(size);
  for (let k = 0; k < X.length; k++) {
    const xk = X[k];
    const wk = w[k];
    for (let p = from; p < to; p++) out[cells.index[p]] += wk * xk[p];
  }
  return out;
}

/** Ridge combination of (by default) Alpha158, fitted on train, strength chosen on valid. */
export async function ridgeCombination(
  data: MiningData,
  o: BaselineComputeOptions = {},
): Promise<RidgeResult> {
  const train = partOf(data, 'train');
  const valid = partOf(data, 'valid');
  const { T, N, size } = data.panel;
  const cells = eligibleCells(data);
  const X: Float64Array[] = [];
  const features: string[] = [];
  const computed = await compute(data, o.factors ?? library('alpha158'), o, (entry, z) => {
    features.push(entry.id);
    X.push(gather(z, cells));
  });
  if (X.length === 0) {
    throw new AgoraError('UNAVAILABLE', 'no factor of the ridge baseline can be computed from this panel', {
      hint: 'check the panel fields (open, high, low, close, volume; vwap or --vwap-fallback)',
    });
  }
  const y = gather(zscoreRows(Float64Array.from(data.label), T, N, data.eligible, Number.NaN), cells);
  const fit = fitRows(y, cells.at[train.start], cells.at[train.end]);
  const { G, b } = normalEquations(X, y, fit);
  const grid: { lambda: number; validIc: number }[] = [];
  let chosen: { lambda: number; w: Float64Array; ic: number } | undefined;
  for (const lambda of o.ridgeGrid ?? DEFAULT_RIDGE_GRID) {
    const w = solveSpd(G, b, X.length, lambda);
    if (!w) continue;
    const signal = combination(X, w, cells, size, cells.at[valid.start], cells.at[valid.end]);
    const ic = scoreOn(data, valid, signal).ic;
    grid.push({ lambda, validIc: ic });
    if (Number.isFinite(ic) && (!chosen || ic > chosen.ic)) chosen = { lambda, w, ic };
  }
  if (!chosen) {
    throw new AgoraError('INVALID_ARGUMENT', 'the ridge system is singular for every strength of the grid', {
      hint: 'add larger strengths to the grid (ridgeGrid)',
    });
  }
  const values = combination(X, chosen.w, cells, size);
  return {
    ...computed,
    features,
    weights: chosen.w,
    lambda: chosen.lambda,
    grid,
    rows: fit.length,
    scores: scoreSignal(data, values),
    values,
  };
}

/** Compact positions in [from, to) whose normalised label is finite. */
function fitRows(y: Float64Array, from: number, to: number): Int32Array {
  let n = 0;
  for (let p = from; p < to; p++) if (y[p] === y[p]) n++;
  const fit = new Int32Array(n);
  n = 0;
  for (let p = from; p < to; p++) if (y[p] === y[p]) fit[n++] = p;
  return fit;
}
