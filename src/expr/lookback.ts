/**
 * Look-back analysis: how many past rows a formula needs before its first valid value (the sum
 * along the deepest path of each operator's own look-back), and how many future rows it reads
 * (only labels may). Uses the kernel registry's per-operator look-back.
 */
import { AgoraError } from '../core/index.js';
import type { Expr } from './ast.js';
import type { OpLookup } from './dag.js';
import { defaultOps } from './kernels.js';
import { type ParseOptions, parse } from './resolve.js';
import { signature } from './signatures.js';

export interface LookInfo {
  lookback: number;
  lookahead: number;
}

export interface LookbackOptions extends ParseOptions {
  ops?: OpLookup;
}

export function lookInfo(formula: string | Expr, options: LookbackOptions = {}): LookInfo {
  const e = typeof formula === 'string' ? parse(formula, options) : formula;
  return info(e, options.ops ?? defaultOps);
}

/** Past rows needed before the first valid value (0 for element-wise formulas on fields). */
export function lookback(formula: string | Expr, options: LookbackOptions = {}): number {
  return lookInfo(formula, options).lookback;
}

/** Future rows read (> 0 only for labels such as Ref($close, -2)). */
export function lookahead(formula: string | Expr, options: LookbackOptions = {}): number {
  return lookInfo(formula, options).lookahead;
}

function info(e: Expr, ops: OpLookup): LookInfo {
  if (e.kind !== 'call') return { lookback: 0, lookahead: 0 };
  const sig = signature(e.op);
  const spec = ops(e.op);
  if (!sig || !spec) throw new AgoraError('FORMULA_SEMANTIC', `operator '${e.op}' has no kernel`);
  const params: number[] = [];
  let lb = 0;
  let la = 0;
  e.args.forEach((a, i) => {
    const kind = sig.args[i];
    if (kind === 'window' || kind === 'constant') {
      params.push(a.kind === 'num' ? a.value : Number.NaN);
      return;
    }
    const sub = info(a, ops);
    lb = Math.max(lb, sub.lookback);
    la = Math.max(la, sub.lookahead);
  });
  return {
    lookback: lb + Math.max(0, spec.lookback(params)),
    lookahead: la + Math.max(0, spec.lookahead?.(params) ?? 0),
  };
}
