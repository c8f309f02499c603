import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import {
  Adam,
  AdamW,
  clipByGlobalNorm,
  initBackend,
  learningRate,
  Mlp,
  type Param,
  tf,
} from '../../src/nn/index.js';

beforeAll(async () => {
  await initBackend();
});

function scalarParams(values: number[]): Param[] {
  return values.map((v, i) => ({ name: `p${i}`, variable: tf.variable(tf.tensor1d([v])) }));
}

/** loss = 0.5 * sum(p^2), so the gradient is p itself. */
function quadLoss(ps: Param[]): () => tf.Scalar {
  return () => tf.mul(0.5, tf.addN(ps.map((p) => tf.sum(tf.square(p.variable))))) as tf.Scalar;
}

describe('Adam', () => {
  it('matches a hand-computed two-step update (lr 0.1, loss 0.5 p^2)', () => {
    const ps = scalarParams([1, -3]);
    const opt = new Adam(ps, { lr: 0.1 });
    opt.minimize(quadLoss(ps));
    expect(ps[0].variable.dataSync()[0]).toBeCloseTo(0.900000001, 6);
    expect(ps[1].variable.dataSync()[0]).toBeCloseTo(-2.9000000003, 6);
    const r = opt.minimize(quadLoss(ps));
    // step 2 by hand: g = 0.9, m = 0.18, v = 0.001809, bias corrections 0.19 and 0.001999.
    expect(ps[0].variable.dataSync()[0]).toBeCloseTo(0.8004122297, 6);
    expect(ps[1].variable.dataSync()[0]).toBeCloseTo(-2.8001027078, 6);
    expect(r.loss).toBeCloseTo(0.5 * (0.9 ** 2 + 2.9 ** 2), 4);
    expect(opt.step).toBe(2);
  });

  it('AdamW decays weights decoupled from the gradient', () => {
    const ps = scalarParams([2]);
    const opt = new AdamW(ps, { lr: 0.1, weightDecay: 0.5 });
    // zero gradient: the Adam part is 0/(0+eps) = 0, only the decay acts: p * (1 - lr*wd).
    opt.applyGradients([tf.zeros([1])]);
    expect(ps[0].variable.dataSync()[0]).toBeCloseTo(2 * 0.95, 6);
  });

  it('Adam with weight decay adds wd * p to the gradient (L2)', () => {
    const a = scalarParams([2]);
    const b = scalarParams([2]);
    new Adam(a, { lr: 0.1, weightDecay: 0.5 }).applyGradients([tf.tensor1d([0.3])]);
    new Adam(b, { lr: 0.1 }).applyGradients([tf.tensor1d([0.3 + 0.5 * 2])]);
    expect(a[0].variable.dataSync()[0]).toBeCloseTo(b[0].variable.dataSync()[0], 6);
  });

  it('trains an MLP to fit a linear target and keeps tensor count flat', () => {
    const rng = new Rng(7);
    const net = new Mlp('mlp', [4, 16, 1], rng.stream('net'));
    const opt = new Adam(net, { lr: 0.01, clipNorm: 5 });
    const x = new Float32Array(64 * 4);
    rng.stream('data').fillNormal(x);
    const y = new Float32Array(64);
    for (let i = 0; i < 64; i++) y[i] = x[4 * i] - 2 * x[4 * i + 1] + 0.5 * x[4 * i + 3];
    const xt = tf.tensor2d(x, [64, 4]);
    const yt = tf.tensor2d(y, [64, 1]);
    const loss = () => tf.losses.meanSquaredError(yt, net.forward(xt) as tf.Tensor2D) as tf.Scalar;
    const first = opt.minimize(loss).loss;
    let counts = 0;
    let last = first;
    for (let i = 0; i < 300; i++) {
      last = opt.minimize(loss).loss;
      if (i === 10) counts = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(counts);
    expect(last).toBeLessThan(first * 0.05);
  });

  it('round-trips optimiser state and rejects mismatched state', () => {
    const ps = scalarParams([1, 2]);
    const opt = new Adam(ps, { lr: 0.1 });
    opt.minimize(quadLoss(ps));
    const state = opt.getState();
    const other = new Adam(scalarParams([1, 2]), { lr: 0.1 });
    other.setState(state);
    expect(other.getState()).toEqual(state);
    const bad = new Adam([{ name: 'zz', variable: tf.variable(tf.zeros([1])) }]);
    expect(() => bad.setState(state)).toThrow(/optimiser state for 'm\/zz'/);
  });

  it('refuses invalid options with a clear message', () => {
    expect(() => new Adam(scalarParams([1]), { beta1: 1 })).toThrow(/beta1/);
    expect(() => new Adam([])).toThrow(/no parameters/);
  });
});

describe('gradient clipping', () => {
  it('scales to the max norm only when above it', () => {
    const g = [tf.tensor1d([3, 0]), tf.tensor1d([4])];
    const { grads, norm } = clipByGlobalNorm(g, 1);
    expect(norm.dataSync()[0]).toBeCloseTo(5, 5);
    expect(Array.from(grads[0].dataSync())).toEqual([expect.closeTo(0.6, 5), 0]);
    expect(grads[1].dataSync()[0]).toBeCloseTo(0.8, 5);
    const kept = clipByGlobalNorm(g, 10).grads;
    expect(kept[1].dataSync()[0]).toBeCloseTo(4, 5);
  });
});

describe('learning-rate schedules', () => {
  it('constant, warmup, cosine and linear decay follow their formulas', () => {
    expect(learningRate(0.1, 99)).toBe(0.1);
    expect(learningRate({ kind: 'constant', lr: 0.2 }, 5)).toBe(0.2);
    const warm = { kind: 'warmup', lr: 1, warmupSteps: 4 } as const;
    expect([0, 1, 2, 3, 4, 100].map((s) => learningRate(warm, s))).toEqual([0.25, 0.5, 0.75, 1, 1, 1]);
    const cos = { kind: 'cosine', lr: 1, totalSteps: 10, minLr: 0.1 } as const;
    expect(learningRate(cos, 0)).toBeCloseTo(1, 12);
    expect(learningRate(cos, 5)).toBeCloseTo(0.55, 12);
    expect(learningRate(cos, 10)).toBeCloseTo(0.1, 12);
    expect(learningRate(cos, 50)).toBeCloseTo(0.1, 12);
    const lin = { kind: 'linear', lr: 1, totalSteps: 12, warmupSteps: 2, endLr: 0 } as const;
    expect(learningRate(lin, 1)).toBe(1);
    expect(learningRate(lin, 7)).toBeCloseTo(0.5, 12);
    expect(learningRate(lin, 12)).toBe(0);
  });

  it('Adam uses the scheduled rate per update', () => {
    const ps = scalarParams([1]);
    const opt = new Adam(ps, { lr: { kind: 'warmup', lr: 0.1, warmupSteps: 2 } });
    expect(opt.minimize(quadLoss(ps)).lr).toBeCloseTo(0.05, 12);
    expect(opt.minimize(quadLoss(ps)).lr).toBeCloseTo(0.1, 12);
    expect(opt.currentLr()).toBeCloseTo(0.1, 12);
  });

  it('every schedule stays within [0, lr], warms up monotonically and ends at its floor (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-5, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lr, warmupSteps, extra, floorFrac) => {
          const totalSteps = warmupSteps + extra;
          const floor = lr * floorFrac;
          const specs = [
            { kind: 'cosine', lr, totalSteps, warmupSteps, minLr: floor },
            { kind: 'linear', lr, totalSteps, warmupSteps, endLr: floor },
          ] as const;
          for (const spec of specs) {
            let prev = 0;
            for (let s = 0; s < warmupSteps; s++) {
              const v = learningRate(spec, s);
              expect(v).toBeGreaterThan(prev);
              prev = v;
            }
            for (let s = 0; s <= totalSteps + 5; s += 7) {
              const v = learningRate(spec, s);
              expect(v).toBeGreaterThanOrEqual(0);
              expect(v).toBeLessThanOrEqual(lr * (1 + 1e-12));
            }
            expect(learningRate(spec, totalSteps)).toBeCloseTo(floor, 12);
          }
        },
      ),
      { numRuns: 100, seed: 3 },
    );
  });
});

describe('gradient clipping (property)', () => {
  it('the clipped global norm is min(norm, maxNorm) and directions are kept', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        (values, maxNorm) => {
          const half = Math.ceil(values.length / 2);
          const g = [
            tf.tensor1d(values.slice(0, half)),
            tf.tensor1d(values.length > half ? values.slice(half) : [0]),
          ];
          const norm = Math.hypot(...values);
          const { grads, norm: n } = clipByGlobalNorm(g, maxNorm);
          const out = [...grads[0].dataSync(), ...grads[1].dataSync()];
          const clippedNorm = Math.hypot(...out);
          expect(n.dataSync()[0]).toBeCloseTo(norm, 2);
          expect(clippedNorm).toBeLessThanOrEqual(Math.min(norm, maxNorm) * (1 + 1e-5) + 1e-6);
          if (norm > maxNorm) expect(clippedNorm).toBeCloseTo(maxNorm, 3);
          tf.dispose([...g, ...grads, n]);
        },
      ),
      { numRuns: 100, seed: 4 },
    );
  });
});
