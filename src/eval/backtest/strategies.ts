/**
 * Portfolio strategies: at the close of t, turn the score row (higher = better) into target
 * weights of sleeve equity. A NaN target means "leave this position as it is" (no trade); 0 means
 * "close it". Only eligible assets with finite scores are bought.
 *
 *   topk          equal weight 1/m on the top m = min(K, available) names, rebalanced fully
 *   topk-score    weights proportional to the positive scores among the top K (cash if none)
 *   topk-dropout  hold K names; each decision sells at most n held names that rank in the bottom
 *                 n of (holdings + the n best non-held candidates), or that lost eligibility or
 *                 score, and buys the best non-held names to refill K with the freed weight split
 *                 equally; kept names are not rebalanced (Qlib's TopkDropoutStrategy idea)
 *   long-short    +1/m_top on the top quantile, -1/m_bottom on the bottom quantile (gross 2, net 0)
 */
import { AgoraError } from '../../core/index.js';
import { topK } from './select.js';

export interface DecisionContext {
  t: number;
  N: number;
  /** Score row of date t. */
  scores: Float64Array;
  /** Eligibility row of date t. */
  eligible: Uint8Array;
  /** Current weights of the sleeve at the close of t. */
  weights: Float64Array;
}

export interface Strategy {
  readonly name: string;
  /** Write target weights (NaN = keep) for every asset into `out` (length N). */
  decide(ctx: DecisionContext, out: Float64Array): void;
}

export type StrategyName = 'topk' | 'topk-score' | 'topk-dropout' | 'long-short';

export interface StrategyOptions {
  k?: number;
  n?: number;
  /** Quantile groups for long-short (default 5). */
  groups?: number;
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) {
    throw new AgoraError('INVALID_ARGUMENT', `strategy parameter ${name} must be an integer >= 1, got ${v}`);
  }
  return v;
}

export function makeStrategy(name: StrategyName, opts: StrategyOptions = {}): Strategy {
  const k = positiveInt('k', opts.k ?? 50);
  switch (name) {
    case 'topk':
      return topKEqual(k);
    case 'topk-score':
      return topKScore(k);
    case 'topk-dropout':
      return topKDropout(k, positiveInt('n', opts.n ?? 5));
    case 'long-short': {
      const groups = positiveInt('groups', opts.groups ?? 5);
      if (groups < 2) throw new AgoraError('INVALID_ARGUMENT', `long-short needs groups >= 2, got ${groups}`);
      return longShort(groups);
    }
    default:
      throw new AgoraError('INVALID_ARGUMENT', `unknown strategy '${String(name)}'`, {
        hint: 'use topk, topk-score, topk-dropout or long-short',
      });
  }
}

export function topKEqual(k: number): Strategy {
  let picks = new Int32Array(0);
  let scratch = new Int32Array(0);
  return {
    name: `topk(k=${k})`,
    decide(ctx, out) {
      if (scratch.length < ctx.N) [picks, scratch] = [new Int32Array(ctx.N), new Int32Array(ctx.N)];
      out.fill(0);
      const m = topK(ctx.scores, ctx.eligible, k, picks, scratch);
      for (let j = 0; j < m; j++) out[picks[j]] = 1 / m;
    },
  };
}

export function topKScore(k: number): Strategy {
  let picks = new Int32Array(0);
  let scratch = new Int32Array(0);
  return {
    name: `topk-score(k=${k})`,
    decide(ctx, out) {
      if (scratch.length < ctx.N) [picks, scratch] = [new Int32Array(ctx.N), new Int32Array(ctx.N)];
      out.fill(0);
      const m = topK(ctx.scores, ctx.eligible, k, picks, scratch);
      let total = 0;
      for (let j = 0; j < m; j++) total += Math.max(0, ctx.scores[picks[j]]);
      if (!(total > 0)) return;
      for (let j = 0; j < m; j++) out[picks[j]] = Math.max(0, ctx.scores[picks[j]]) / total;
    },
  };
}

export function topKDropout(k: number, n: number): Strategy {
  let order = new Int32Array(0);
  let heap = new Int32Array(0);
  return {
    name: `topk-dropout(k=${k},n=${n})`,
    decide(ctx, out) {
      if (order.length < ctx.N) [order, heap] = [new Int32Array(ctx.N), new Int32Array(ctx.N)];
      const { scores, eligible, weights, N } = ctx;
      const held: number[] = [];
      for (let a = 0; a < N; a++) if (weights[a] > 0) held.push(a);
      const want = n + Math.max(0, k - held.length);
      // the best `want` non-held names are among the best `want + held` overall
      const ranked = topK(scores, eligible, want + held.length, order, heap);
      const candidates: number[] = [];
      for (let j = 0; j < ranked && candidates.length < want; j++) {
        if (!(weights[order[j]] > 0)) candidates.push(order[j]);
      }
      const sells = dropouts(held, candidates.slice(0, n), scores, eligible, n);
      const keep = held.length - sells.size;
      const buys = candidates.slice(0, Math.max(0, k - keep));
      out.fill(Number.NaN);
      let freed = 1;
      for (const a of held) {
        if (sells.has(a)) out[a] = 0;
        else freed -= weights[a];
      }
      for (const a of buys) out[a] = Math.max(0, freed) / buys.length;
    },
  };
}

/** Held names to sell: those without a usable score first, then the worst held names that rank in the bottom n of held + candidates. */
function dropouts(
  held: number[],
  cands: number[],
  scores: Float64Array,
  eligible: Uint8Array,
  n: number,
): Set<number> {
  const usable = (a: number) => eligible[a] === 1 && Number.isFinite(scores[a]);
  const sells = new Set<number>();
  for (const a of held) if (!usable(a) && sells.size < n) sells.add(a);
  const pool = [...held.filter(usable), ...cands].sort((x, y) => scores[x] - scores[y] || y - x);
  const bottom = new Set(pool.slice(0, n));
  const heldWorst = held
    .filter((a) => usable(a) && bottom.has(a))
    .sort((x, y) => scores[x] - scores[y] || y - x);
  for (const a of heldWorst) if (sells.size < n) sells.add(a);
  return sells;
}

export function longShort(groups: number): Strategy {
  let picks = new Int32Array(0);
  let heap = new Int32Array(0);
  return {
    name: `long-short(groups=${groups})`,
    decide(ctx, out) {
      if (picks.length < ctx.N) [picks, heap] = [new Int32Array(ctx.N), new Int32Array(ctx.N)];
      out.fill(0);
      let m = 0;
      for (let a = 0; a < ctx.N; a++) if (ctx.eligible[a] === 1 && Number.isFinite(ctx.scores[a])) m++;
      const q = Math.floor(m / groups);
      if (q < 1) return;
      topK(ctx.scores, ctx.eligible, q, picks, heap);
      for (let j = 0; j < q; j++) out[picks[j]] = 1 / q;
      topK(ctx.scores, ctx.eligible, q, picks, heap, true);
      for (let j = 0; j < q; j++) out[picks[j]] = -1 / q;
    },
  };
}
