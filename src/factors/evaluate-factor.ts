/** Evaluate one registry factor over a panel, in its family's mode, with the declared options. */
import { AgoraError } from '../core/index.js';
import type { Panel } from '../data/index.js';
import { type ExprCache, evaluate } from '../expr/index.js';
import type { FactorEntry } from './registry.js';

export interface FactorEvalOptions {
  vwapFallback?: boolean;
  cache?: ExprCache | false;
}

export function evaluateFactor(entry: FactorEntry, panel: Panel, opts: FactorEvalOptions = {}): Float64Array {
  if (!entry.expr) {
    throw new AgoraError(
      'UNAVAILABLE',
      `factor ${entry.id} has no formula: ${entry.unavailable?.reason ?? ''}`,
      {
        hint: 'list available factors with `agora factors list --status ok`',
      },
    );
  }
  return evaluate(entry.expr, panel, {
    mode: entry.mode,
    vwapFallback: opts.vwapFallback,
    cache: opts.cache,
  });
}
