/**
 * Leaf values for the evaluator: panel fields (zero-copy), derived fields (dollar_volume; the
 * VWAP fallback when the caller opts in), and constants broadcast to T*N arrays. Derived arrays
 * go through the cache like node results.
 */
import { AgoraError } from '../core/index.js';
import type { Panel } from '../data/index.js';

export interface LeafContext {
  panel: Panel;
  vwapFallback: boolean;
  /** Declared fallbacks used (reported in diagnostics). */
  fallbacks: Set<string>;
  /** Memoise derived arrays (the evaluator routes this through its cache). */
  memo: (key: string, make: () => Float64Array) => Float64Array;
}

export function fieldValues(name: string, ctx: LeafContext): Float64Array {
  const { panel } = ctx;
  if (panel.hasField(name)) return panel.field(name);
  if (name === 'vwap') return vwapFallback(ctx);
  if (name === 'dollar_volume') return dollarVolume(ctx);
  throw new AgoraError('FORMULA_SEMANTIC', `formula reads field '${name}' but the panel has no such field`, {
    column: name,
    hint: `available fields: ${panel.fieldNames.join(', ') || '(none)'}`,
  });
}

function vwapFallback(ctx: LeafContext): Float64Array {
  if (!ctx.vwapFallback) {
    throw new AgoraError('FORMULA_SEMANTIC', "formula reads 'vwap' but the panel has no vwap field", {
      column: 'vwap',
      hint: 'pass vwapFallback: true to use the declared fallback (high+low+close)/3, or add a vwap column',
    });
  }
  ctx.fallbacks.add('vwap=(high+low+close)/3');
  return ctx.memo('field:vwap_fallback', () => {
    const h = ctx.panel.field('high');
    const l = ctx.panel.field('low');
    const c = ctx.panel.field('close');
    const out = new Float64Array(h.length);
    for (let i = 0; i < out.length; i++) out[i] = (h[i] + l[i] + c[i]) / 3;
    return out;
  });
}

function dollarVolume(ctx: LeafContext): Float64Array {
  if (ctx.panel.hasField('amount')) return ctx.panel.field('amount');
  const vwap = fieldValues('vwap', ctx);
  const vol = fieldValues('volume', ctx);
  ctx.fallbacks.add('dollar_volume=vwap*volume (no amount field)');
  return ctx.memo(`field:dollar_volume:${ctx.vwapFallback ? 'vf' : ''}`, () => {
    const out = new Float64Array(vol.length);
    for (let i = 0; i < out.length; i++) out[i] = vwap[i] * vol[i];
    return out;
  });
}

/**
 * Record the declared fallbacks a field needs on this panel (called for every field leaf of a
 * formula, so cached results still report them) and refuse fields the panel cannot provide.
 */
export function declareField(name: string, ctx: LeafContext): void {
  const { panel } = ctx;
  if (panel.hasField(name)) return;
  if (name === 'vwap') {
    if (!ctx.vwapFallback) fieldValues(name, ctx);
    ctx.fallbacks.add('vwap=(high+low+close)/3');
    return;
  }
  if (name === 'dollar_volume') {
    if (panel.hasField('amount')) return;
    declareField('vwap', ctx);
    ctx.fallbacks.add('dollar_volume=vwap*volume (no amount field)');
    return;
  }
  fieldValues(name, ctx);
}

export function broadcast(value: number, size: number): Float64Array {
  return new Float64Array(size).fill(value);
}
