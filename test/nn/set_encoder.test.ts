import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import { initBackend, SetEncoder, tf } from '../../src/nn/index.js';
import { gradCheck, randomInput } from './gradcheck.js';
import * as ref from './reference.js';

beforeAll(async () => {
  await initBackend();
});

const config = { features: 4, hidden: [6], embed: 5, head: [7] } as const;

describe('SetEncoder', () => {
  it('forward and gradients of every weight match the float64 reference', () => {
    const rng = new Rng(21);
    const enc = new SetEncoder('enc', config, rng);
    const x = randomInput([9, 4], rng.stream('x'));
    const reference = (w: ref.W) => ref.setEncoder(w, ref.mat(9, 4, x.v), 2, 2);
    gradCheck(enc, () => enc.forward(x.t), reference, 7, { samples: 8 });
  });

  it('masked pooling equals the reference with rows dropped from the context (gradients too)', () => {
    const rng = new Rng(22);
    const enc = new SetEncoder('enc', config, rng);
    const x = randomInput([6, 4], rng.stream('x'));
    const mask = [1, 0, 1, 1, 0, 1];
    const m = tf.tensor1d(mask);
    const reference = (w: ref.W) => ref.setEncoder(w, ref.mat(6, 4, x.v), 2, 2, mask);
    gradCheck(enc, () => enc.score(x.t, m), reference, 8, { samples: 6 });
    const none = enc.encode(x.t, tf.zeros([6])).context.dataSync();
    expect(Array.from(none, (v) => v + 0)).toEqual(new Array(10).fill(0));
  });

  it('is permutation-equivariant for any N (property)', () => {
    const enc = new SetEncoder('enc', config, new Rng(23));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 1e9 }), (n, seed) => {
        const rng = new Rng(seed);
        const x = randomInput([n, 4], rng);
        const perm = rng.shuffle(Array.from({ length: n }, (_, i) => i));
        const permuted = tf.gather(x.t, tf.tensor1d(perm, 'int32'));
        const a = enc.forward(x.t).dataSync();
        const b = enc.forward(permuted).dataSync();
        x.t.dispose();
        permuted.dispose();
        for (let i = 0; i < n; i++) expect(Math.abs(b[i] - a[perm[i]])).toBeLessThan(1e-5);
      }),
      { numRuns: 40, seed: 5 },
    );
  });

  it('batched [B, N, F] with masks equals one set at a time', () => {
    const rng = new Rng(24);
    const enc = new SetEncoder('enc', config, rng);
    const x = randomInput([3, 5, 4], rng);
    const maskValues = [1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1];
    const batched = enc.score(x.t, tf.tensor2d(maskValues, [3, 5])).dataSync();
    for (let b = 0; b < 3; b++) {
      const one = enc.score(
        tf.slice(x.t, [b, 0, 0], [1, 5, 4]).squeeze([0]),
        tf.tensor1d(maskValues.slice(b * 5, b * 5 + 5)),
      );
      const v = one.dataSync();
      for (let i = 0; i < 5; i++) expect(batched[b * 5 + i]).toBeCloseTo(v[i], 5);
    }
  });

  it('encode gives per-asset embeddings and the mean/max context over assets', () => {
    const rng = new Rng(25);
    const enc = new SetEncoder('enc', config, rng);
    const x = randomInput([4, 4], rng);
    const { h, context } = enc.encode(x.t);
    expect(h.shape).toEqual([4, 5]);
    expect(context.shape).toEqual([10]);
    const hv = h.dataSync();
    const cv = context.dataSync();
    for (let j = 0; j < 5; j++) {
      const col = [0, 1, 2, 3].map((i) => hv[i * 5 + j]);
      expect(cv[j]).toBeCloseTo(col.reduce((a, b) => a + b, 0) / 4, 6);
      expect(cv[5 + j]).toBe(Math.max(...col));
    }
  });

  it('refuses wrong shapes with a message naming the expected layout', () => {
    const enc = new SetEncoder('enc', config, new Rng(1));
    expect(() => enc.forward(tf.zeros([3, 5]))).toThrow(/expects \[N, 4\]/);
    expect(() => enc.forward(tf.zeros([0, 4]))).toThrow(/N >= 1/);
    expect(() => enc.score(tf.zeros([3, 4]), tf.zeros([4]))).toThrow(/mask shape/);
  });
});
