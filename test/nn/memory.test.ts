import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import {
  Adam,
  AdamW,
  backendInfo,
  CausalTransformer,
  initBackend,
  Lstm,
  type Module,
  SetEncoder,
  tf,
} from '../../src/nn/index.js';

beforeAll(async () => {
  await initBackend();
});

describe('backend', () => {
  it('is wasm, initialises once, and reports SIMD and threads', async () => {
    const a = initBackend();
    const b = initBackend();
    expect(a).toBe(b);
    const info = await a;
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(backendInfo().threads).toBeGreaterThanOrEqual(1);
    expect(typeof info.simd).toBe('boolean');
  });
});

/** Train `steps` updates; the live tensor count must not change after the first few. */
function assertFlat(net: Module, loss: () => tf.Scalar, steps = 30): void {
  const opt = new AdamW(net, { lr: 1e-3, clipNorm: 1 });
  for (let i = 0; i < 3; i++) opt.minimize(loss);
  const before = tf.memory().numTensors;
  for (let i = 0; i < steps; i++) opt.minimize(loss);
  expect(tf.memory().numTensors).toBe(before);
  const y = net.forward(inputOf(net));
  expect(tf.memory().numTensors).toBe(before + 1);
  y.dispose();
}

const inputs = new Map<Module, tf.Tensor>();
const inputOf = (net: Module) => inputs.get(net) as tf.Tensor;

describe('no tensor leaks across training steps', () => {
  it('LSTM', () => {
    const net = new Lstm('l', 3, 8, 2, new Rng(1));
    inputs.set(net, tf.randomNormal([4, 6, 3], 0, 1, 'float32', 1));
    assertFlat(net, () => tf.mean(tf.square(net.forward(inputOf(net)))) as tf.Scalar);
  });

  it('causal transformer (tokens)', () => {
    const net = new CausalTransformer(
      't',
      { dModel: 8, heads: 2, layers: 2, maxLen: 8, vocab: 5 },
      new Rng(2),
    );
    inputs.set(net, tf.tensor2d([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 1, 1], [2, 6], 'int32'));
    assertFlat(net, () => tf.mean(tf.square(net.forward(inputOf(net)))) as tf.Scalar);
  });

  it('set encoder with a mask', () => {
    const net = new SetEncoder('s', { features: 3, hidden: [8], embed: 4, head: [8] }, new Rng(3));
    inputs.set(net, tf.randomNormal([2, 5, 3], 0, 1, 'float32', 2));
    const mask = tf.tensor2d([1, 1, 0, 1, 1, 0, 1, 1, 1, 0], [2, 5]);
    assertFlat(net, () => tf.mean(tf.square(net.score(inputOf(net), mask))) as tf.Scalar);
  });

  it('optimiser state get/set and dispose release what they made', () => {
    const net = new Lstm('l', 2, 3, 1, new Rng(4));
    const before = tf.memory().numTensors;
    const opt = new Adam(net);
    opt.setState(opt.getState());
    net.setWeights(net.getWeights());
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const params = net.parameters().length;
    expect(params).toBe(12);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before - params);
  });
});
