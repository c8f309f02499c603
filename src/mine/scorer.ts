/**
 * Candidate scoring shared by every generator: formula text -> raw values on the train split
 * (through the caller's evaluator, which uses the expression engine's cache) -> normalised IC,
 * with a memo of ICs by formula so repeated candidates cost nothing. Offering to the pool goes
 * through here too so that every generator reports the same counters.
 */
import { isAgoraError } from '../core/index.js';
import type { EvaluatorPool, PoolEvalOptions } from '../expr/index.js';
import type { AlphaPool, OfferResult } from './pool.js';

/** Evaluate a formula on the train split; null when it cannot be evaluated (reported, not thrown). */
export type TrainEvaluator = (formula: string) => Float64Array | null;

/**
 * Parallel scoring: formulas evaluated on a persistent worker pool over the search panel;
 * `toTrain` maps a result (search-panel layout) to the train rows the pool scores.
 */
export interface ParallelEvaluation {
  pool: EvaluatorPool;
  options: PoolEvalOptions;
  toTrain(values: Float64Array): Float64Array;
}

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

  /**
   * ICs of many formulas, in order; new formulas are evaluated on the worker pool when one is
   * given (results are the same as `ic`, formula by formula, whatever the number of workers).
   */
  async icMany(formulas: readonly string[], parallel?: ParallelEvaluation): Promise<number[]> {
    if (!parallel) return formulas.map((f) => this.ic(f));
    const known = new Map<string, number>();
    for (const f of formulas) if (this.memo.has(f)) known.set(f, this.memo.get(f) as number);
    const fresh = [...new Set(formulas.filter((f) => !known.has(f)))];
    this.stats.memoHits += formulas.length - fresh.length;
    const record = (i: number, ic: number, failed: boolean) => {
      this.stats.evaluated++;
      if (failed) this.stats.failed++;
      known.set(fresh[i], ic);
      this.remember(fresh[i], ic);
    };
    await parallel.pool.map(
      fresh,
      parallel.options,
      (i, r) => record(i, this.pool.icOf(this.pool.normalise(parallel.toTrain(r.values))), false),
      undefined,
      (i, e) => {
        // Same rule as the single-thread evaluator: the engine refusing a formula is a failure.
        if (!(isAgoraError(e) && e.code !== 'INTERNAL')) throw e;
        record(i, Number.NaN, true);
      },
    );
    return formulas.map((f) => known.get(f) as number);
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
    this.remember(formula, ic);
    return ic;
  }

  private remember(formula: string, ic: number): void {
    if (this.memo.size >= this.memoLimit) this.memo.clear();
    this.memo.set(formula, ic);
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
