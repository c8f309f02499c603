import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import { RpnBuilder } from '../../src/mine/builder.js';
import { ALPHAGEN_TOKEN_CONFIG, TokenSpace } from '../../src/mine/tokens.js';

function sample(space: TokenSpace, rng: Rng): RpnBuilder {
  const b = new RpnBuilder(space);
  const mask = new Uint8Array(space.size);
  while (!b.done) {
    b.validMask(mask);
    const valid: number[] = [];
    for (let i = 1; i < mask.length; i++) if (mask[i]) valid.push(i);
    if (valid.length === 0) throw new Error(`dead end after ${b.sequence.join(',')}`);
    b.push(rng.choice(valid));
  }
  return b;
}

describe('TokenSpace', () => {
  it('has the AlphaGen default vocabulary and keeps id 0 for padding', () => {
    const s = new TokenSpace();
    expect(s.actions).toBe(6 + 22 + 14 + 5 + 1);
    expect(s.token(1)).toEqual({ kind: 'feature', name: 'open' });
    expect(s.token(s.sepId).kind).toBe('sep');
    expect(() => s.token(0)).toThrow();
  });
  it('refuses unknown operators with the list of known ones', () => {
    expect(() => new TokenSpace({ ...ALPHAGEN_TOKEN_CONFIG, operators: ['Mean', 'Foo'] })).toThrow(
      /unknown mining operator 'Foo'/,
    );
  });
});

describe('RpnBuilder', () => {
  it('random masked sampling never produces an invalid or unfinished sequence', () => {
    const space = new TokenSpace();
    const rng = new Rng(1);
    let invalid = 0;
    for (let i = 0; i < 3000; i++) {
      const b = sample(space, rng);
      if (!b.done || b.length > space.config.maxLength) invalid++;
      expect(b.formula()).toMatch(/\$/);
    }
    expect(invalid).toBe(0);
  });

  it('works for tiny maximum lengths (feasibility check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer(), (maxLength, seed) => {
        const space = new TokenSpace({ ...ALPHAGEN_TOKEN_CONFIG, maxLength });
        const b = sample(space, new Rng(seed));
        return b.done && b.length <= maxLength;
      }),
    );
  });

  it('builds AlphaGen-syntax text in RPN order', () => {
    const space = new TokenSpace();
    const id = (d: string) => space.tokens.findIndex((_, i) => space.describe(i + 1) === d) + 1;
    const b = new RpnBuilder(space);
    for (const t of ['$close', '$volume', '20d', 'Corr', '-1', 'Mul', 'SEP']) b.push(id(t));
    expect(b.formula()).toBe('Mul(Corr($close, $volume, 20), -1.0)');
  });

  it('masks constant-only subtrees, windows without a featured operand, and early SEP', () => {
    const space = new TokenSpace();
    const id = (d: string) => space.tokens.findIndex((_, i) => space.describe(i + 1) === d) + 1;
    const b = new RpnBuilder(space);
    expect(b.isValid(id('10d'))).toBe(false);
    expect(b.isValid(id('SEP'))).toBe(false);
    expect(b.isValid(id('Abs'))).toBe(false);
    b.push(id('2'));
    expect(b.isValid(id('5'))).toBe(false);
    expect(b.isValid(id('Log'))).toBe(false);
    expect(b.isValid(id('10d'))).toBe(false);
    b.push(id('$open'));
    expect(b.isValid(id('SEP'))).toBe(false);
    b.push(id('10d'));
    expect(b.isValid(id('Mean'))).toBe(true);
    expect(b.isValid(id('Corr'))).toBe(false);
    expect(b.isValid(id('Add'))).toBe(false);
    expect(() => b.push(id('$close'))).toThrow(/not valid/);
  });
});
