/**
 * Probability of backtest overfitting by combinatorially symmetric cross-validation
 * (Bailey, Borwein, Lopez de Prado & Zhu 2015).
 *
 * The T x S matrix of per-period returns (S strategies) is cut into `blocks` contiguous row
 * blocks (even). For each of the C(blocks, blocks/2) ways to pick half of them as in-sample,
 * the strategy with the best in-sample Sharpe (mean/std) is taken, its out-of-sample Sharpe is
 * ranked among all strategies (rank 1 = worst), w = rank / (S + 1), and the logit
 * lambda = ln(w / (1 - w)). PBO = share of splits with lambda <= 0, i.e. where the in-sample
 * winner is at or below the out-of-sample median.
 */
import { AgoraError } from '../../core/index.js';

export interface PboResult {
  pbo: number;
  splits: number;
  logits: Float64Array;
  /** Out-of-sample Sharpe of each split's in-sample winner. */
  oosSharpe: Float64Array;
}

/** `returns[s]` is strategy s's series; all series have the same length T. */
export function probabilityOfOverfitting(returns: readonly Float64Array[], blocks = 16): PboResult {
  const S = returns.length;
  const T = S > 0 ? returns[0].length : 0;
  validate(returns, blocks, T);
  const stats = blockSums(returns, blocks, T);
  const combos = halfCombinations(blocks);
  const logits = new Float64Array(combos.length);
  const oosSharpe = new Float64Array(combos.length);
  const isSr = new Float64Array(S);
  const oosSr = new Float64Array(S);
  let overfit = 0;
  combos.forEach((inSample, k) => {
    splitSharpes(stats, S, blocks, inSample, isSr, oosSr);
    let best = 0;
    for (let s = 1; s < S; s++) if (isSr[s] > isSr[best]) best = s;
    let below = 0;
    let equal = 0;
    for (let s = 0; s < S; s++) {
      if (oosSr[s] < oosSr[best]) below++;
      else if (oosSr[s] === oosSr[best]) equal++;
    }
    const rank = below + (equal + 1) / 2;
    const w = rank / (S + 1);
    logits[k] = Math.log(w / (1 - w));
    oosSharpe[k] = oosSr[best];
    if (logits[k] <= 0) overfit++;
  });
  return { pbo: overfit / combos.length, splits: combos.length, logits, oosSharpe };
}

function validate(returns: readonly Float64Array[], blocks: number, T: number): void {
  if (returns.length < 2) throw new AgoraError('INVALID_ARGUMENT', 'PBO needs at least 2 strategies');
  if (!Number.isInteger(blocks) || blocks < 2 || blocks % 2 !== 0 || blocks > 24) {
    throw new AgoraError('INVALID_ARGUMENT', `PBO blocks must be an even integer in [2, 24], got ${blocks}`);
  }
  for (const r of returns) {
    if (r.length !== T)
      throw new AgoraError('INVALID_ARGUMENT', 'PBO: all return series must have the same length');
  }
  if (T < 2 * blocks) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `PBO needs at least 2 periods per block (T=${T}, blocks=${blocks})`,
      {
        hint: 'use fewer blocks or a longer sample',
      },
    );
  }
}

/** Per (strategy, block): [count, sum, sum of squares] of finite returns. */
function blockSums(returns: readonly Float64Array[], blocks: number, T: number): Float64Array {
  const out = new Float64Array(returns.length * blocks * 3);
  returns.forEach((r, s) => {
    for (let b = 0; b < blocks; b++) {
      const lo = Math.floor((b * T) / blocks);
      const hi = Math.floor(((b + 1) * T) / blocks);
      const o = (s * blocks + b) * 3;
      for (let t = lo; t < hi; t++) {
        const v = r[t];
        if (!Number.isFinite(v)) continue;
        out[o] += 1;
        out[o + 1] += v;
        out[o + 2] += v * v;
      }
    }
  });
  return out;
}

function splitSharpes(
  stats: Float64Array,
  S: number,
  blocks: number,
  inSample: Uint8Array,
  isSr: Float64Array,
  oosSr: Float64Array,
): void {
  for (let s = 0; s < S; s++) {
    let n0 = 0,
      s0 = 0,
      q0 = 0,
      n1 = 0,
      s1 = 0,
      q1 = 0;
    for (let b = 0; b < blocks; b++) {
      const o = (s * blocks + b) * 3;
      if (inSample[b]) {
        n0 += stats[o];
        s0 += stats[o + 1];
        q0 += stats[o + 2];
      } else {
        n1 += stats[o];
        s1 += stats[o + 1];
        q1 += stats[o + 2];
      }
    }
    isSr[s] = sharpeFromSums(n0, s0, q0);
    oosSr[s] = sharpeFromSums(n1, s1, q1);
  }
}

function sharpeFromSums(n: number, s: number, q: number): number {
  if (n < 2) return Number.NaN;
  const m = s / n;
  const v = (q - n * m * m) / (n - 1);
  return v > 0 ? m / Math.sqrt(v) : Number.NaN;
}

/** All subsets of size blocks/2 of {0..blocks-1}, as membership masks. */
export function halfCombinations(blocks: number): Uint8Array[] {
  const half = blocks / 2;
  const out: Uint8Array[] = [];
  const pick = new Uint8Array(blocks);
  const rec = (start: number, left: number) => {
    if (left === 0) {
      out.push(pick.slice());
      return;
    }
    for (let b = start; b <= blocks - left; b++) {
      pick[b] = 1;
      rec(b + 1, left - 1);
      pick[b] = 0;
    }
  };
  rec(0, half);
  return out;
}
