/** Parser: dialects, precedence, dispatch rules and error messages with position + expectation. */
import { describe, expect, it } from 'vitest';
import { AgoraError } from '../../src/core/index.js';
import { call, field, num } from '../../src/expr/ast.js';
import { print } from '../../src/expr/printer.js';
import { parse } from '../../src/expr/resolve.js';

const p = (text: string, dialect?: 'alpha101' | 'gtja' | 'qlib') => print(parse(text, { dialect }));

describe('parse: three dialects, one AST', () => {
  it('reads the same formula in AlphaGen/Qlib, Alpha101 and GTJA spelling', () => {
    const want = call('ts_mean', field('close'), num(20));
    expect(parse('Mean($close, 20)')).toEqual(want);
    expect(parse('ts_mean(close, 20)')).toEqual(want);
    expect(parse('MEAN(CLOSE,20)')).toEqual(want);
    expect(parse('SMA(CLOSE,20)')).toEqual(want);
    expect(parse('mean(Close, 20.7)')).toEqual(want);
  });

  it('gives standard precedence and associativity', () => {
    expect(p('1+2*close')).toBe('add(1, mul(2, close))');
    expect(p('close-open-high')).toBe('sub(sub(close, open), high)');
    expect(p('close^2^0.5')).toBe('pow(close, pow(2, 0.5))');
    expect(p('-close^2')).toBe('neg(pow(close, 2))');
    expect(p('close > open && volume < 5 || high == low')).toBe(
      'or(and(gt(close, open), lt(volume, 5)), eq(high, low))',
    );
    expect(p('close > 1 ? open : low > 2 ? high : 0')).toBe(
      'if(gt(close, 1), open, if(gt(low, 2), high, 0))',
    );
  });

  it('reads the GTJA notation: = as equality, .* ./, &, |, OR, unary minus', () => {
    expect(p('(CLOSE=OPEN?1:0)')).toBe('if(eq(close, open), 1, 0)');
    expect(p('(HIGH-LOW).*VOLUME./CLOSE')).toBe('div(mul(sub(high, low), volume), close)');
    expect(p('(CLOSE>OPEN&VOLUME>1)OR(CLOSE<OPEN|VOL<>2)')).toBe(
      'or(and(gt(close, open), gt(volume, 1)), or(lt(close, open), ne(volume, 2)))',
    );
    expect(p('-VOLUME')).toBe('neg(volume)');
    expect(p('-1*CLOSE')).toBe('mul(-1, close)');
    expect(p('!(CLOSE>OPEN)')).toBe('not(gt(close, open))');
  });

  it('reads numbers in every notation', () => {
    expect(parse('.001')).toEqual(num(0.001));
    expect(parse('2.')).toEqual(num(2));
    expect(parse('1e-12')).toEqual(num(1e-12));
    expect(parse('2.5E3')).toEqual(num(2500));
    expect(parse('-3')).toEqual(num(-3));
    expect(p('signedpower(close, 2.)')).toBe('signed_power(close, 2)');
  });

  it('dispatches MAX/MIN on the second argument (flag gtja_max_int_is_ts)', () => {
    expect(p('MAX(CLOSE,5)')).toBe('ts_max(close, 5)');
    expect(p('min(close, 5.9)')).toBe('ts_min(close, 5)');
    expect(p('MAX(CLOSE,OPEN)')).toBe('greater(close, open)');
    expect(p('MAX(CLOSE-OPEN,0)')).toBe('greater(sub(close, open), 0)');
    expect(p('MAX(0,CLOSE)')).toBe('greater(0, close)');
    expect(p('Greater($close, $open)')).toBe('greater(close, open)');
  });

  it('dispatches rank on arity and argmax on the dialect', () => {
    expect(p('rank(close)')).toBe('cs_rank(close)');
    expect(p('Rank($close, 10)')).toBe('ts_rank(close, 10)');
    expect(p('TSRANK(CLOSE,10)')).toBe('ts_rank(close, 10)');
    expect(p('ts_argmax(close, 5)')).toBe('ts_argmax(close, 5)');
    expect(p('Ts_ArgMax(close, 5)', 'alpha101')).toBe('ts_argmax_oldest(close, 5)');
    expect(p('IdxMax($close, 5)')).toBe('ts_argmax_oldest(close, 5)');
  });

  it('expands GTJA and Alpha101 names', () => {
    expect(p('returns')).toBe('sub(div(close, ts_ref(close, 1)), 1)');
    expect(p('RET')).toBe(p('returns'));
    expect(p('adv180')).toBe('ts_mean(dollar_volume, 180)');
    expect(p('REGBETA(CLOSE, SEQUENCE(6))')).toBe('ts_slope(close, 6)');
    expect(p('REGBETA(CLOSE, OPEN, 6)')).toBe('ts_regbeta(close, open, 6)');
    expect(p('SMA(CLOSE,13,2)')).toBe('sma(close, 13, 2)');
    expect(p('SUMIF(CLOSE,20,CLOSE>OPEN)')).toBe('ts_sumif(close, 20, gt(close, open))');
    expect(p('COVIANCE(CLOSE,OPEN,5)')).toBe('ts_cov(close, open, 5)');
    expect(p('indneutralize(close, IndClass.industry)')).toBe('ind_neutralize(close, industry)');
    expect(p('scale(close)')).toBe('cs_scale(close, 1)');
    expect(p('scale(close, 2)')).toBe('cs_scale(close, 2)');
    expect(p('BANCHMARKINDEXCLOSE')).toBe('bench_close');
    expect(p('HD')).toBe('sub(high, ts_ref(high, 1))');
  });

  it('accepts extra panel fields only when declared', () => {
    expect(() => parse('pe_ttm * 2')).toThrow(AgoraError);
    expect(print(parse('PE_TTM * 2', { fields: ['pe_ttm'] }))).toBe('mul(pe_ttm, 2)');
  });
});

function errorOf(text: string): AgoraError {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof AgoraError) return e;
    throw e;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('parse errors point at the position and say what was expected', () => {
  it('unclosed call', () => {
    const e = errorOf('corr(close, volume');
    expect(e.code).toBe('FORMULA_PARSE');
    expect(e.context.col).toBe(19);
    expect(e.context.expected).toBe("',' or ')'");
    expect(e.message).toContain('    corr(close, volume\n                      ^');
  });

  it('unbalanced closing parenthesis', () => {
    const e = errorOf('(close + open))');
    expect(e.code).toBe('FORMULA_PARSE');
    expect(e.context.col).toBe(15);
    expect(e.message).toContain("unbalanced ')'");
  });

  it('missing operand and dangling operator', () => {
    expect(errorOf('close + ').context.expected).toBe('a number, a field, a function call or (');
    expect(errorOf('close * * open').context.col).toBe(9);
    expect(errorOf('').message).toContain('empty formula');
  });

  it('ternary without a colon', () => {
    const e = errorOf('close > 1 ? open');
    expect(e.context.expected).toBe("':' after the '?' branch");
    expect(e.context.col).toBe(17);
  });

  it('bad character, on the second line', () => {
    const e = errorOf('close +\n  open # 2');
    expect(e.context.line).toBe(2);
    expect(e.context.col).toBe(8);
    expect(e.message).toContain('unexpected character');
  });
});

describe('semantic errors', () => {
  it('unknown function with did-you-mean', () => {
    const e = errorOf('ts_mena(close, 5)');
    expect(e.code).toBe('FORMULA_SEMANTIC');
    expect(e.context.col).toBe(1);
    expect(e.context.hint).toContain('ts_mean');
  });

  it('unknown field with did-you-mean', () => {
    const e = errorOf('clse + 1');
    expect(e.code).toBe('FORMULA_SEMANTIC');
    expect(e.context.hint).toContain('close');
  });

  it('window < 1 after flooring, non-literal window, wrong arity, wrong kind', () => {
    const w = errorOf('ts_mean(close, 0.5)');
    expect(w.code).toBe('FORMULA_SEMANTIC');
    expect(w.context.col).toBe(16);
    expect(w.context.expected).toBe('a window >= 1');
    expect(errorOf('ts_mean(close, open)').context.expected).toBe('a window (number)');
    expect(errorOf('ts_corr(close, open)').context.expected).toBe('(series, series, window)');
    expect(errorOf('ind_neutralize(close, open)').context.expected).toBe('a group field');
    expect(errorOf('rank(IndClass.industry)').context.expected).toBe('a series');
  });

  it('negative windows are allowed only as future references of Ref', () => {
    expect(p('Ref($close, -2)')).toBe('ts_ref(close, -2)');
    expect(errorOf('Delta($close, -2)').context.expected).toBe('a window >= 1');
  });
});
