/**
 * Linear alpha pool (AlphaGen's design, with closed-form weights).
 *
 * Members are stored normalised on the train split (per-date z-score, missing -> 0; for the
 * `rank_ic` objective the values are first replaced by per-date ranks). With per-date unit
 * variance, the mean squared error between the normalised label y and a combination sum w_i x_i
 * is approximately 1 - 2 w'ic + w'Mw, where ic_i is alpha i's mean daily IC and M the matrix of
 * mean daily mutual ICs; its minimiser w = (M + ridge I)^-1 ic (optionally with an L1 penalty by
 * coordinate descent) is the weight vector. The pool objective is then measured exactly on the
 * combined signal: its mean daily IC (or RankIC, or ICIR = mean/std of daily IC).
 *
 * A new alpha is rejected when its |IC| is below `icThreshold`, when its |correlation| with a
 * member exceeds `maxCorrelation`, or when it is not finite. Past capacity, the member with the
 * smallest |weight| (or smallest leave-one-out contribution) is evicted. The best state seen
 * (members and weights) is kept, not the last.
 */
import { AgoraError } from '../core/index.js';
import { dailyCorrelation, meanStd, rankRows, zscoreRows } from './cross-section.js';
import { coordinateDescentL1, solveSpd } from './linalg.js';

export type PoolObjective = 'ic' | 'rank_ic' | 'icir';
export type Eviction = 'min_weight' | 'leave_one_out';

export interface PoolConfig {
  capacity: number;
  icThreshold: number;
  maxCorrelation: number;
  objective: PoolObjective;
  ridge: number;
  l1: number;
  eviction: Eviction;
}

export const DEFAULT_POOL_CONFIG: PoolConfig = {
  capacity: 20,
  icThreshold: 0,
  maxCorrelation: 0.99,
  objective: 'ic',
  ridge: 1e-6,
  l1: 0,
  eviction: 'min_weight',
};

export interface PoolMember {
  formula: string;
  /** Mean daily IC (or RankIC) on the pool's split. */
  ic: number;
  weight: number;
}

export interface OfferResult {
  accepted: boolean;
  reason: 'accepted' | 'not_finite' | 'low_ic' | 'too_correlated' | 'duplicate' | 'evicted_self';
  /** Objective of the current pool before and after the offer. */
  before: number;
  after: number;
  ic: number;
}

export interface PoolSnapshot {
  objective: number;
  members: PoolMember[];
}

interface Entry {
  formula: string;
  values: Float64Array;
  ic: number;
}

export class AlphaPool {
  readonly config: PoolConfig;
  readonly T: number;
  readonly N: number;
  private readonly label: Float64Array;
  private readonly eligible: Uint8Array | undefined;
  private entries: Entry[] = [];
  private mutual: number[][] = [];
  private weights: Float64Array = new Float64Array(0);
  private current = 0;
  private bestSnapshot: PoolSnapshot = { objective: 0, members: [] };
  private readonly daily: Float64Array;

  constructor(
    label: Float64Array,
    T: number,
    N: number,
    eligible: Uint8Array | undefined,
    config: Partial<PoolConfig> = {},
  ) {
    this.config = { ...DEFAULT_POOL_CONFIG, ...config };
    if (!(this.config.capacity >= 1)) throw new AgoraError('INVALID_ARGUMENT', 'pool capacity must be >= 1');
    this.T = T;
    this.N = N;
    this.eligible = eligible;
    this.daily = new Float64Array(T);
    this.label = this.normalise(label, Number.NaN);
  }

  get size(): number {
    return this.entries.length;
  }

  get objective(): number {
    return this.current;
  }

  get best(): PoolSnapshot {
    return this.bestSnapshot;
  }

  /** Restore the best-seen snapshot after rebuilding the members (resume). */
  restoreBest(snapshot: PoolSnapshot): void {
    this.bestSnapshot = snapshot;
  }

  members(): PoolMember[] {
    return this.entries.map((e, i) => ({ formula: e.formula, ic: e.ic, weight: this.weights[i] }));
  }

  has(formula: string): boolean {
    return this.entries.some((e) => e.formula === formula);
  }

  /** Normalise raw values the way members are stored (a copy). */
  normalise(raw: Float64Array, fill = 0): Float64Array {
    const src =
      this.config.objective === 'rank_ic'
        ? rankRows(raw, this.T, this.N, this.eligible)
        : Float64Array.from(raw);
    return zscoreRows(src, this.T, this.N, this.eligible, fill);
  }

  /** Mean daily IC of already-normalised values against the label. */
  icOf(normalised: Float64Array): number {
    return meanStd(dailyCorrelation(normalised, this.label, this.T, this.N, this.daily)).mean;
  }

  /** Offer a candidate alpha (raw values on this pool's split). */
  offer(formula: string, raw: Float64Array): OfferResult {
    const before = this.current;
    const reject = (reason: OfferResult['reason'], ic = Number.NaN): OfferResult => ({
      accepted: false,
      reason,
      before,
      after: before,
      ic,
    });
    if (this.has(formula)) return reject('duplicate');
    const values = this.normalise(raw, 0);
    const ic = this.icOf(values);
    if (!Number.isFinite(ic)) return reject('not_finite');
    if (Math.abs(ic) < this.config.icThreshold) return reject('low_ic', ic);
    const corr: number[] = [];
    for (const e of this.entries) {
      const c = meanStd(dailyCorrelation(values, e.values, this.T, this.N, this.daily)).mean;
      if (!Number.isFinite(c) || Math.abs(c) > this.config.maxCorrelation)
        return reject('too_correlated', ic);
      corr.push(c);
    }
    this.entries.push({ formula, values, ic });
    for (let i = 0; i < corr.length; i++) this.mutual[i].push(corr[i]);
    this.mutual.push([...corr, 1]);
    this.refit();
    if (this.entries.length > this.config.capacity) this.evict();
    const accepted = this.has(formula);
    this.current = this.measure();
    if (this.current > this.bestSnapshot.objective || this.bestSnapshot.members.length === 0) {
      this.bestSnapshot = { objective: this.current, members: this.members() };
    }
    return { accepted, reason: accepted ? 'accepted' : 'evicted_self', before, after: this.current, ic };
  }

  /** Combined signal of the current members on this split (normalised units). */
  combined(): Float64Array {
    return combine(
      this.entries.map((e) => e.values),
      this.weights,
      this.T * this.N,
    );
  }

  private refit(): void {
    const k = this.entries.length;
    const A = new Float64Array(k * k);
    const b = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      b[i] = this.entries[i].ic;
      for (let j = 0; j < k; j++) A[i * k + j] = this.mutual[i][j];
    }
    let w: Float64Array =
      solveSpd(A, b, k, this.config.ridge) ?? solveSpd(A, b, k, this.config.ridge + 1e-3) ?? b.slice();
    if (this.config.l1 > 0) w = coordinateDescentL1(A, b, k, this.config.ridge, this.config.l1, w);
    this.weights = w;
  }

  private evict(): void {
    let worst = 0;
    if (this.config.eviction === 'min_weight') {
      for (let i = 1; i < this.entries.length; i++) {
        if (Math.abs(this.weights[i]) < Math.abs(this.weights[worst])) worst = i;
      }
    } else {
      let bestRemaining = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < this.entries.length; i++) {
        const value = this.withoutMember(i, () => this.measure());
        if (value > bestRemaining) {
          bestRemaining = value;
          worst = i;
        }
      }
    }
    this.removeAt(worst);
    this.refit();
  }

  private withoutMember<R>(i: number, f: () => R): R {
    const saved = { entries: this.entries, mutual: this.mutual, weights: this.weights };
    this.entries = this.entries.filter((_, j) => j !== i);
    this.mutual = this.mutual.filter((_, j) => j !== i).map((row) => row.filter((_, j) => j !== i));
    this.refit();
    const r = f();
    this.entries = saved.entries;
    this.mutual = saved.mutual;
    this.weights = saved.weights;
    return r;
  }

  private removeAt(i: number): void {
    this.entries.splice(i, 1);
    this.mutual.splice(i, 1);
    for (const row of this.mutual) row.splice(i, 1);
  }

  private measure(): number {
    if (this.entries.length === 0) return 0;
    const daily = dailyCorrelation(this.combined(), this.label, this.T, this.N, this.daily);
    const { mean, std } = meanStd(daily);
    if (this.config.objective === 'icir') return std > 0 ? mean / std : 0;
    return Number.isFinite(mean) ? mean : 0;
  }
}

/** Weighted sum of member value arrays. */
export function combine(
  values: readonly Float64Array[],
  weights: ArrayLike<number>,
  size: number,
): Float64Array {
  const out = new Float64Array(size);
  for (let k = 0; k < values.length; k++) {
    const w = weights[k];
    const v = values[k];
    for (let i = 0; i < size; i++) out[i] += w * v[i];
  }
  return out;
}
