import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';

describe('Rng', () => {
  it('same seed gives the same sequence; different seeds differ', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xa = Array.from({ length: 100 }, () => a.nextU32());
    const xb = Array.from({ length: 100 }, () => b.nextU32());
    const xc = Array.from({ length: 100 }, () => c.nextU32());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('named streams do not depend on draws from the parent or siblings', () => {
    const r1 = new Rng(7);
    const m1 = r1.stream('market');
    const first = Array.from({ length: 20 }, () => m1.uniform());
    const r2 = new Rng(7);
    for (let i = 0; i < 1000; i++) r2.uniform();
    const evo = r2.stream('evolution');
    for (let i = 0; i < 500; i++) evo.normal();
    const m2 = r2.stream('market');
    expect(Array.from({ length: 20 }, () => m2.uniform())).toEqual(first);
    const ev = new Rng(7).stream('evolution');
    expect(ev.uniform()).not.toBe(first[0]);
  });

  it('nested streams are distinct from flat names', () => {
    const r = new Rng(1);
    expect(r.stream('a').stream('b').nextU32()).not.toBe(r.stream('ab').nextU32());
  });

  it('state can be saved and restored, including the normal spare', () => {
    const r = new Rng(99);
    r.normal();
    const state = r.getState();
    const after = [r.normal(), r.uniform(), r.int(10)];
    const s = Rng.fromState(JSON.parse(JSON.stringify(state)));
    expect([s.normal(), s.uniform(), s.int(10)]).toEqual(after);
  });

  it('uniform in [0,1), int in range, roughly uniform', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const r = new Rng(seed);
        for (let i = 0; i < 50; i++) {
          const u = r.uniform();
          const k = r.int(n);
          if (!(u >= 0 && u < 1)) return false;
          if (!(Number.isInteger(k) && k >= 0 && k < n)) return false;
        }
        return true;
      }),
    );
    const r = new Rng(3);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100000; i++) counts[r.int(10)]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500);
  });

  it('normal has mean 0 and sd 1', () => {
    const r = new Rng(5);
    let s = 0;
    let s2 = 0;
    const n = 200000;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.abs(Math.sqrt(s2 / n) - 1)).toBeLessThan(0.01);
  });

  it('shuffle is a permutation and choice picks members', () => {
    const r = new Rng(11);
    const xs = Array.from({ length: 50 }, (_, i) => i);
    const sh = r.shuffle([...xs]);
    expect([...sh].sort((a, b) => a - b)).toEqual(xs);
    expect(sh).not.toEqual(xs);
    expect(xs).toContain(r.choice(xs));
  });

  it('string seeds work and are stable', () => {
    expect(new Rng('abc').nextU32()).toBe(new Rng('abc').nextU32());
    expect(new Rng('abc').nextU32()).not.toBe(new Rng('abd').nextU32());
  });
});
