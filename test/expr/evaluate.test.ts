/**
 * Evaluator: golden values against plain loops, hash-consing (each distinct node computed once,
 * counted through a wrapped registry), constant folding, the Inf rule and its counters, modes,
 * eligibility, field fallbacks, future references, and no look-ahead on random formulas.
 */
import { describe, expect, it } from 'vitest';
import { AgoraError, Rng } from '../../src/core/index.js';
import {
  defaultOps,
  ExprCache,
  evaluate,
  evaluateDetailed,
  type OpLookup,
  type OpSpec,
} from '../../src/expr/index.js';
import { randomPanel, sameBits } from './helpers.js';

/** A registry that counts kernel calls per operator. */
function countingOps(): { ops: OpLookup; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const wrapped = new Map<string, OpSpec>();
  const ops: OpLookup = (name) => {
    const spec = defaultOps(name);
    if (!spec) return undefined;
    let w = wrapped.get(name);
    if (!w) {
      w = {
        ...spec,
        kernel: (out, inputs, params, ctx) => {
          calls.set(name, (calls.get(name) ?? 0) + 1);
          spec.kernel(out, inputs, params, ctx);
        },
      };
      wrapped.set(name, w);
    }
    return w;
  };
  return { ops, calls };
}

const panel = randomPanel({ T: 60, N: 7, seed: 3 });
const { T, N } = panel;

describe('golden values against plain loops', () => {
  it('element-wise and rolling mean with strict warm-up', () => {
    const c = panel.field('close');
    const o = panel.field('open');
    const got = evaluate('Mean($close - $open, 3)', panel, { cache: false });
    for (let t = 0; t < T; t++) {
      for (let a = 0; a < N; a++) {
        let want = Number.NaN;
        if (t >= 2) {
          let s = 0;
          for (let k = 0; k < 3; k++) s += c[(t - k) * N + a] - o[(t - k) * N + a];
          want = s / 3;
        }
        const g = got[t * N + a];
        if (Number.isNaN(want)) expect(g).toBeNaN();
        else expect(g).toBeCloseTo(want, 12);
      }
    }
  });

  it('returns a fresh array the caller may modify without touching the cache', () => {
    const cache = new ExprCache(1 << 26);
    const a = evaluate('ts_mean(close, 5)', panel, { cache });
    a.fill(7);
    const b = evaluate('ts_mean(close, 5)', panel, { cache });
    expect(b[10 * N]).not.toBe(7);
  });
});

describe('hash-consed DAG and cache', () => {
  it('evaluates a shared subtree once per formula', () => {
    const { ops, calls } = countingOps();
    const r = evaluateDetailed(
      'ts_mean(close, 5) + ts_mean(close, 5) * ts_std(ts_mean(close, 5), 3)',
      panel,
      {
        ops,
        cache: false,
      },
    );
    expect(calls.get('ts_mean')).toBe(1);
    expect(calls.get('ts_std')).toBe(1);
    expect(r.diagnostics.kernelCalls).toBe(4);
  });

  it('reuses node results across formulas, commutative arguments in any order', () => {
    const { ops, calls } = countingOps();
    const cache = new ExprCache(1 << 26);
    evaluate('ts_corr(close, volume, 10) + ts_mean(close, 5)', panel, { ops, cache });
    const r = evaluateDetailed('ts_mean(close, 5) + ts_corr(volume, close, 10)', panel, { ops, cache });
    expect(calls.get('ts_corr')).toBe(1);
    expect(calls.get('add')).toBe(1);
    expect(r.diagnostics.kernelCalls).toBe(0);
    expect(r.diagnostics.cacheHits).toBe(1);
  });

  it('keys the cache by panel and mode', () => {
    const { ops, calls } = countingOps();
    const cache = new ExprCache(1 << 26);
    const other = randomPanel({ T: 60, N: 7, seed: 4 });
    const a = evaluate('ts_mean(close, 5)', panel, { ops, cache });
    const b = evaluate('ts_mean(close, 5)', other, { ops, cache });
    const q = evaluate('ts_mean(close, 5)', panel, { ops, cache, mode: 'qlib' });
    expect(calls.get('ts_mean')).toBe(3);
    expect(sameBits(a, b)).toBe(false);
    expect(Number.isNaN(a[0])).toBe(true);
    expect(Number.isFinite(q[0])).toBe(true);
  });

  it('folds constants and x - x', () => {
    const r = evaluateDetailed('close * (1 - 0.25) + (open - open)', panel, { cache: false });
    expect(r.diagnostics.formula).toBe('add(0, mul(0.75, close))');
    expect(r.diagnostics.kernelCalls).toBe(2); // mul and add on the panel; sub folded away
    const c = panel.field('close');
    for (let i = 0; i < c.length; i++) {
      if (Number.isNaN(c[i])) expect(r.values[i]).toBeNaN();
      else expect(r.values[i]).toBe(0.75 * c[i]);
    }
    expect(evaluateDetailed('-1 * 1', panel, { cache: false }).diagnostics.formula).toBe('-1');
  });

  it('respects the byte budget of the LRU cache', () => {
    const bytes = panel.size * 8;
    const cache = new ExprCache(bytes * 2.5);
    for (const d of [2, 3, 4, 5]) evaluate(`ts_mean(close, ${d})`, panel, { cache });
    expect(cache.bytes).toBeLessThanOrEqual(bytes * 2.5);
    expect(cache.size).toBe(2);
    expect(cache.counters.evictions).toBeGreaterThan(0);
  });
});

describe('Inf rule and diagnostics', () => {
  const vol = panel.field('volume');
  const close = panel.field('close');
  let infCells = 0;
  for (let i = 0; i < vol.length; i++) if (vol[i] === 0 && Number.isFinite(close[i])) infCells++;

  it('turns +-Inf into NaN at the end of a formula and counts it per node', () => {
    expect(infCells).toBeGreaterThan(0);
    const r = evaluateDetailed('close / volume', panel, { cache: false });
    expect(r.diagnostics.infReplaced).toBe(infCells);
    expect(r.diagnostics.nodes[0].infCount).toBe(infCells);
    expect(r.values.some((v) => !Number.isFinite(v) && !Number.isNaN(v))).toBe(false);
  });

  it('turns +-Inf into NaN before cross-sectional operators', () => {
    const ranked = evaluate('rank(close / volume)', panel, { cache: false });
    for (let t = 0; t < T; t++) {
      let valid = 0;
      for (let a = 0; a < N; a++) {
        const i = t * N + a;
        const x = close[i] / vol[i];
        if (Number.isFinite(x)) valid++;
        else expect(ranked[i]).toBeNaN();
      }
      let max = 0;
      for (let a = 0; a < N; a++)
        if (!Number.isNaN(ranked[t * N + a])) max = Math.max(max, ranked[t * N + a]);
      if (valid > 0) expect(max).toBeCloseTo(1, 12);
    }
  });
});

describe('options', () => {
  it('cross-sectional operators see only universe members', () => {
    const p = randomPanel({ T: 20, N: 9, seed: 5, universe: true, nanRate: 0 });
    const r = evaluate('rank(close)', p, { cache: false });
    const all = evaluate('rank(close)', p, { cache: false, eligibility: 'all' });
    const u = p.universe as Uint8Array;
    for (let i = 0; i < r.length; i++) {
      if (u[i] === 0) expect(r[i]).toBeNaN();
      expect(Number.isNaN(all[i])).toBe(false);
    }
  });

  it('vwap fallback only on request, declared in diagnostics; adv uses amount or vwap*volume', () => {
    const p = randomPanel({ T: 30, N: 4, withVwap: false, withAmount: false });
    expect(() => evaluate('vwap', p, { cache: false })).toThrow(/vwapFallback/);
    const r = evaluateDetailed('vwap', p, { cache: false, vwapFallback: true });
    expect(r.diagnostics.fallbacks).toContain('vwap=(high+low+close)/3');
    const h = p.field('high');
    expect(r.values[5]).toBe((h[5] + p.field('low')[5] + p.field('close')[5]) / 3);
    const adv = evaluateDetailed('adv5', p, { cache: false, vwapFallback: true });
    expect(adv.diagnostics.fallbacks.some((f) => f.startsWith('dollar_volume'))).toBe(true);
    const withAmount = evaluate('adv5', panel, { cache: false });
    const manual = evaluate('ts_mean(amount, 5)', panel, { cache: false });
    expect(sameBits(withAmount, manual)).toBe(true);
  });

  it('refuses future references unless allowFuture (labels)', () => {
    expect(() => evaluate('Ref($close, -2)', panel)).toThrow(AgoraError);
    const label = evaluate('Ref($close, -2) / $close - 1', panel, { allowFuture: true, cache: false });
    const c = panel.field('close');
    expect(label[(T - 1) * N]).toBeNaN();
    expect(label[0]).toBeCloseTo(c[2 * N] / c[0] - 1, 12);
  });

  it('reports unknown panel fields with the list of available ones', () => {
    const p = randomPanel({ T: 10, N: 2, withAmount: false });
    expect(() => evaluate('cap * 2', p)).toThrow(/available fields/);
  });
});

/** Random composed formulas over the operators that take (series, window) or two series. */
function randomFormula(rng: Rng, depth: number): string {
  const feats = ['open', 'close', 'high', 'low', 'volume', 'vwap'];
  const r = rng.uniform();
  if (depth === 0 || r < 0.2) return feats[Math.floor(rng.uniform() * feats.length)];
  const unary = ['abs', 'log', 'cs_rank', 'cs_zscore', 'sign'];
  const binary = ['add', 'sub', 'mul', 'div', 'greater', 'less'];
  const ts = [
    'ts_mean',
    'ts_std',
    'ts_max',
    'ts_min',
    'ts_delta',
    'ts_ref',
    'ts_rank',
    'decay_linear',
    'ema',
    'wma',
    'ts_median',
    'ts_argmax',
  ];
  const pair = ['ts_corr', 'ts_cov'];
  const pick = <X>(xs: X[]) => xs[Math.floor(rng.uniform() * xs.length)];
  const w = pick([1, 2, 3, 5, 10]);
  if (r < 0.4) return `${pick(unary)}(${randomFormula(rng, depth - 1)})`;
  if (r < 0.65) return `${pick(binary)}(${randomFormula(rng, depth - 1)}, ${randomFormula(rng, depth - 1)})`;
  if (r < 0.9) return `${pick(ts)}(${randomFormula(rng, depth - 1)}, ${w})`;
  return `${pick(pair)}(${randomFormula(rng, depth - 1)}, ${randomFormula(rng, depth - 1)}, ${Math.max(2, w)})`;
}

function perturbAfter(p: typeof panel, t0: number, seed: number): typeof panel {
  const rng = new Rng(seed);
  let q = p;
  for (const name of p.fieldNames) {
    const v = new Float64Array(p.field(name));
    for (let i = (t0 + 1) * p.N; i < v.length; i++)
      v[i] = rng.uniform() < 0.1 ? Number.NaN : v[i] * (0.5 + rng.uniform());
    q = q.withField(name, v);
  }
  return q;
}

describe('no look-ahead', () => {
  it('outputs up to t are unchanged when data after t changes (random formulas, all modes)', () => {
    const rng = new Rng(11);
    const t0 = 35;
    const changed = perturbAfter(panel, t0, 12);
    for (let k = 0; k < 60; k++) {
      const f = randomFormula(rng, 4);
      for (const mode of ['canonical', 'alphagen', 'qlib'] as const) {
        const a = evaluate(f, panel, { mode });
        const b = evaluate(f, changed, { mode });
        expect(sameBits(a.subarray(0, (t0 + 1) * N), b.subarray(0, (t0 + 1) * N)), `${mode}: ${f}`).toBe(
          true,
        );
      }
    }
  });
});
