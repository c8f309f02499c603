/**
 * Candidate scoring shared by every generator: formula text -> raw values on the train split
 * (through the caller's evaluator, which uses the expression engine's cache) -> normalised IC,
 * with a memo of ICs by formula so repeated candidates cost nothing. Offering to the pool goes
 * through here too so that every generator reports the same counters.
 */
import type { AlphaPool, OfferResult } from './pool.js';

/** Evaluate a formula on the train split; null when it cannot be evaluated (reported, not thrown). */
export type TrainEvaluator = (formula: string) => Float64Array | null;

export interface ScorerStats {
  evaluated: number;
  memoHits: number;
  failed: number;
  offered: number;
  accepted: number;
}

export class CandidateScorer {
  readonly pool: AlphaPool;
  private readonly evaluate: TrainEvaluator;
  private readonly memo = new Map<string, number>();
  private readonly memoLimit: number;
  readonly stats: ScorerStats = { evaluated: 0, memoHits: 0, failed: 0, offered: 0, accepted: 0 };

  constructor(pool: AlphaPool, evaluate: TrainEvaluator, memoLimit = 200_000) {
    this.pool = pool;
    this.evaluate = evaluate;
    this.memoLimit = memoLimit;
  }

  /** Mean daily IC on train (NaN when the formula fails or is degenerate). */
  ic(formula: string): number {
    const hit = this.memo.get(formula);
    if (hit !== undefined) {
      this.stats.memoHits++;
      return hit;
    }
    const raw = this.evaluateCounted(formula);
    const ic = raw ? this.pool.icOf(this.pool.normalise(raw)) : Number.NaN;
    if (this.memo.size >= this.memoLimit) this.memo.clear();
    this.memo.set(formula, ic);
    return ic;
  }

  /** Offer a formula to the pool; rejected without evaluation when it cannot be evaluated. */
  offer(formula: string): OfferResult {
    this.stats.offered++;
    const before = this.pool.objective;
    if (this.pool.has(formula))
      return { accepted: false, reason: 'duplicate', before, after: before, ic: Number.NaN };
    const raw = this.evaluateCounted(formula);
    if (!raw) return { accepted: false, reason: 'not_finite', before, after: before, ic: Number.NaN };
    const result = this.pool.offer(formula, raw);
    if (result.accepted) this.stats.accepted++;
    return result;
  }

  private evaluateCounted(formula: string): Float64Array | null {
    const raw = this.evaluate(formula);
    this.stats.evaluated++;
    if (!raw) this.stats.failed++;
    return raw;
  }
}
