/** Look-back analysis, linter rules and the catalogue/registry agreement. */
import { describe, expect, it } from 'vitest';
import { evaluate, lint, lookahead, lookback, SIGNATURES } from '../../src/expr/index.js';
import { OPS } from '../../src/expr/ops/index.js';
import { randomPanel } from './helpers.js';

describe('lookback', () => {
  it('adds own look-backs along the deepest path', () => {
    expect(lookback('close + open')).toBe(0);
    expect(lookback('Mean($close, 20)')).toBe(19);
    expect(lookback('Ref($close, 5)')).toBe(5);
    expect(lookback('ts_mean(ts_ref(close, 5), 20)')).toBe(24);
    expect(lookback('ts_corr(ts_delta(close, 3), ts_mean(volume, 10), 10)')).toBe(18);
    expect(lookback('returns')).toBe(1);
    expect(lookback('adv20 + delta(close, 7)')).toBe(19);
    expect(lookback('rank(ts_std(close, 10)) * ts_rank(volume, 5)')).toBe(9);
  });

  it('matches the first valid row of a NaN-free panel', () => {
    const p = randomPanel({ T: 80, N: 3, nanRate: 0 });
    for (const f of [
      'ts_mean(ts_ref(close, 5), 20)',
      'ts_corr(ts_delta(close, 3), ts_mean(high, 10), 10)',
      'ts_std(returns, 20)',
    ]) {
      const v = evaluate(f, p, { cache: false });
      let first = -1;
      for (let t = 0; t < p.T && first < 0; t++) if (!Number.isNaN(v[t * p.N])) first = t;
      expect(first, f).toBe(lookback(f));
    }
  });

  it('reports future reads', () => {
    expect(lookahead('Ref($close, -2) / Ref($close, -1) - 1')).toBe(2);
    expect(lookahead('ts_mean(close, 5)')).toBe(0);
  });
});

describe('lint', () => {
  const rules = (f: string, o = {}) => lint(f, o).map((i) => `${i.rule}:${i.severity}`);

  it('accepts a clean formula', () => {
    expect(lint('rank(ts_mean(close, 20))', { T: 100, panelFields: ['close'] })).toEqual([]);
  });

  it('flags future references outside labels', () => {
    expect(rules('Ref($close, -1) / $close')).toEqual(['future_reference:error']);
    expect(rules('Ref($close, -1) / $close', { allowFuture: true })).toEqual([]);
  });

  it('flags constant-only sub-expressions and x - x', () => {
    expect(rules('close * (-1 * 1)')).toEqual(['constant_subtree:warning']);
    expect(rules('ts_mean(close, 5) - ts_mean(close, 5)')).toEqual(['constant_subtree:error']);
    expect(rules('abs(2)')).toEqual(['constant_subtree:error']);
  });

  it('flags windows not shorter than the data', () => {
    expect(rules('ts_mean(close, 250)', { T: 200 })).toEqual([
      'window_exceeds_data:error',
      'window_exceeds_data:error',
    ]);
    expect(rules('ts_mean(ts_mean(close, 60), 60)', { T: 100 })).toEqual(['window_exceeds_data:error']);
    expect(rules('ts_mean(close, 20)', { T: 200 })).toEqual([]);
  });

  it('flags fields the panel lacks, knowing the declared fallbacks', () => {
    const fields = ['open', 'high', 'low', 'close', 'volume'];
    expect(rules('vwap - close', { panelFields: fields })).toEqual(['unknown_field:error']);
    expect(rules('vwap - close', { panelFields: fields, vwapFallback: true })).toEqual([]);
    expect(rules('adv20', { panelFields: [...fields, 'amount'] })).toEqual([]);
    expect(lint('cap', { panelFields: fields })[0].message).toContain("'cap'");
  });
});

describe('catalogue and kernel registry agree', () => {
  it('every signature has a kernel with the same arguments, category and commutativity', () => {
    const registry = OPS as Readonly<Record<string, (typeof OPS)[string]>>;
    expect(Object.keys(registry).sort()).toEqual([...SIGNATURES.keys()].sort());
    for (const sig of SIGNATURES.values()) {
      const spec = registry[sig.name];
      expect(spec.args, sig.name).toEqual(sig.args);
      expect(spec.category, sig.name).toBe(sig.category);
      expect(spec.commutative, sig.name).toBe(sig.commutative);
    }
  });
});
