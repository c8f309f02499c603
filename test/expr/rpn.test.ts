/** RPN token encoding/decoding: vocabulary layout, round trips, malformed sequences. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AgoraError, Rng } from '../../src/core/index.js';
import { call, type Expr, field, num } from '../../src/expr/ast.js';
import { print } from '../../src/expr/printer.js';
import { parse } from '../../src/expr/resolve.js';
import { buildVocabulary, fromRpn, PAD_ID, rpnText, toRpn } from '../../src/expr/rpn.js';

const vocab = buildVocabulary({
  features: ['open', 'close', 'high', 'low', 'volume', 'vwap'],
  operators: [
    'abs',
    'log',
    'add',
    'sub',
    'mul',
    'div',
    'greater',
    'less',
    'ts_ref',
    'ts_mean',
    'ts_std',
    'ts_corr',
    'ts_cov',
    'ts_quantile',
  ],
  constants: [-30, -10, -5, -2, -1, -0.5, -0.01, 0.01, 0.5, 1, 2, 5, 10, 30],
  windows: [1, 5, 10, 20, 40],
});

describe('vocabulary', () => {
  it('never uses the padding id and ends with SEP', () => {
    const ids = vocab.tokens.map((t) => t.id);
    expect(ids).not.toContain(PAD_ID);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
    expect(vocab.token(vocab.sepId).kind).toBe('sep');
    expect(vocab.size).toBe(6 + 14 + 14 + 5 + 1 + 1);
    expect(() => vocab.token(0)).toThrow(/padding/);
  });

  it('rejects unknown operators and bad windows', () => {
    expect(() => buildVocabulary({ features: [], operators: ['Mean'], constants: [], windows: [] })).toThrow(
      AgoraError,
    );
    expect(() => buildVocabulary({ features: [], operators: [], constants: [], windows: [0] })).toThrow(
      AgoraError,
    );
  });
});

describe('encode / decode', () => {
  it('encodes in postfix order', () => {
    const e = parse('Add(Mean($close, 10), 2)');
    const ids = toRpn(e, vocab, { sep: true });
    expect(rpnText(ids, vocab)).toBe('$close 10d ts_mean 2 add SEP');
    expect(fromRpn([...ids, PAD_ID, PAD_ID], vocab)).toEqual(e);
  });

  it('round-trips random formulas built from the vocabulary', () => {
    const rng = new Rng(7);
    const features = vocab.tokens.filter((t) => t.kind === 'feature');
    const randomExpr = (depth: number): Expr => {
      if (depth === 0 || rng.uniform() < 0.3)
        return field(features[Math.floor(rng.uniform() * features.length)].name);
      const pick = Math.floor(rng.uniform() * 5);
      if (pick === 0) return call('abs', randomExpr(depth - 1));
      if (pick === 1) return call('add', randomExpr(depth - 1), num(0.5));
      if (pick === 2) return call('ts_mean', randomExpr(depth - 1), num(20));
      if (pick === 3) return call('ts_corr', randomExpr(depth - 1), randomExpr(depth - 1), num(10));
      return call('ts_quantile', randomExpr(depth - 1), num(5), num(0.5));
    };
    for (let i = 0; i < 200; i++) {
      const e = randomExpr(4);
      expect(fromRpn(toRpn(e, vocab), vocab)).toEqual(e);
    }
  });

  it('decodes any valid token sequence produced by a stack machine (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: vocab.tokens.length }), { maxLength: 20 }), (ids) => {
        let e: Expr;
        try {
          e = fromRpn(ids, vocab);
        } catch (err) {
          expect(err).toBeInstanceOf(AgoraError);
          return;
        }
        // Whatever decodes re-encodes to the same tokens up to SEP.
        const sep = ids.indexOf(vocab.sepId);
        expect(toRpn(e, vocab)).toEqual(sep >= 0 ? ids.slice(0, sep) : ids);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses malformed sequences with a reason', () => {
    const id = (k: 'feature' | 'operator' | 'window' | 'constant', v: string | number) =>
      vocab.idOf(k, v) as number;
    expect(() => fromRpn([id('operator', 'add')], vocab)).toThrow(/needs 2 arguments/);
    expect(() => fromRpn([id('feature', 'close'), id('feature', 'open')], vocab)).toThrow(/2 item/);
    expect(() =>
      fromRpn([id('feature', 'close'), id('feature', 'open'), id('operator', 'ts_mean')], vocab),
    ).toThrow(/expected a window/);
    expect(() => fromRpn([id('window', 10)], vocab)).toThrow(/expected one series/);
    expect(() => fromRpn([id('feature', 'close'), PAD_ID, id('operator', 'abs')], vocab)).toThrow(/padding/);
    expect(() => toRpn(parse('ts_mean(close, 7)'), vocab)).toThrow(/window 7/);
  });

  it('accepts a constant where a series is expected (AlphaGen Const)', () => {
    const e = fromRpn(
      [
        vocab.idOf('constant', 2) as number,
        vocab.idOf('feature', 'close') as number,
        vocab.idOf('operator', 'mul') as number,
      ],
      vocab,
    );
    expect(print(e)).toBe('mul(2, close)');
  });
});
