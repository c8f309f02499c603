import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeGae, discountedReturns, explainedVariance, normalise } from '../../src/rl/index.js';

describe('GAE', () => {
  it('matches a hand-computed example with a done flag in the middle', () => {
    // gamma 0.9, lambda 0.8; episode ends after step 1; step 2 bootstraps from lastValue 2.
    // t=2: delta = 3 + 0.9*2 - 1.5 = 3.3;  A = 3.3
    // t=1: delta = 2 - 1 = 1 (terminal);   A = 1
    // t=0: delta = 1 + 0.9*1 - 0.5 = 1.4;   A = 1.4 + 0.9*0.8*1 = 2.12
    const adv = new Float64Array(3);
    const ret = new Float64Array(3);
    computeGae(
      {
        rewards: Float64Array.from([1, 2, 3]),
        values: Float64Array.from([0.5, 1, 1.5]),
        dones: Uint8Array.from([0, 1, 0]),
        lastValues: Float64Array.from([2]),
        steps: 3,
        envs: 1,
      },
      0.9,
      0.8,
      adv,
      ret,
    );
    expect(adv[0]).toBeCloseTo(2.12, 12);
    expect(adv[1]).toBeCloseTo(1, 12);
    expect(adv[2]).toBeCloseTo(3.3, 12);
    expect(Array.from(ret).map((x) => +x.toFixed(10))).toEqual([2.62, 2, 4.8]);
  });

  it('treats each env column of a step-major rollout independently', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        (T, B, seed) => {
          let s = seed >>> 0;
          const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
          const rewards = Float64Array.from({ length: T * B }, next);
          const values = Float64Array.from({ length: T * B }, next);
          const dones = Uint8Array.from({ length: T * B }, () => (next() > 0.5 ? 1 : 0));
          const last = Float64Array.from({ length: B }, next);
          const adv = new Float64Array(T * B);
          const ret = new Float64Array(T * B);
          computeGae({ rewards, values, dones, lastValues: last, steps: T, envs: B }, 0.97, 0.9, adv, ret);
          for (let b = 0; b < B; b++) {
            const col = (x: Float64Array | Uint8Array) =>
              Float64Array.from({ length: T }, (_, t) => x[t * B + b]);
            const a1 = new Float64Array(T);
            const r1 = new Float64Array(T);
            const d = Uint8Array.from(col(dones));
            computeGae(
              {
                rewards: col(rewards),
                values: col(values),
                dones: d,
                lastValues: Float64Array.of(last[b]),
                steps: T,
                envs: 1,
              },
              0.97,
              0.9,
              a1,
              r1,
            );
            for (let t = 0; t < T; t++) expect(adv[t * B + b]).toBe(a1[t]);
          }
        },
      ),
    );
  });

  it('with lambda = 1 the returns equal discounted returns-to-go bootstrapped at the end', () => {
    const x = {
      rewards: Float64Array.from([1, 0, 2, 1]),
      values: Float64Array.from([0.3, 0.1, 0.7, 0.2]),
      dones: Uint8Array.from([0, 1, 0, 0]),
      lastValues: Float64Array.from([5]),
      steps: 4,
      envs: 1,
    };
    const adv = new Float64Array(4);
    const ret = new Float64Array(4);
    computeGae(x, 0.5, 1, adv, ret);
    const mc = new Float64Array(4);
    const complete = new Uint8Array(4);
    discountedReturns(x, 0.5, mc, complete);
    // by hand: R3 = 1 + 0.5*5 = 3.5, R2 = 2 + 0.5*3.5 = 3.75, R1 = 0 (terminal), R0 = 1 + 0 = 1
    expect(Array.from(mc)).toEqual([1, 0, 3.75, 3.5]);
    expect(Array.from(complete)).toEqual([1, 1, 0, 0]);
    for (let t = 0; t < 4; t++) expect(ret[t]).toBeCloseTo(mc[t], 12);
  });

  it('explained variance and normalisation', () => {
    const r = Float64Array.from([1, 2, 3, 4]);
    expect(explainedVariance(r, r)).toBe(1);
    expect(explainedVariance(Float64Array.from([2.5, 2.5, 2.5, 2.5]), r)).toBeCloseTo(0, 12);
    const x = Float64Array.from([1, 2, 3, 4]);
    normalise(x);
    expect(x.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    expect(x.reduce((a, b) => a + b * b, 0) / 4).toBeCloseTo(1, 6);
  });
});
