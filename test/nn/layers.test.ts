import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import {
  CausalTransformer,
  Dense,
  Embedding,
  initBackend,
  LayerNorm,
  Lstm,
  Mlp,
  tf,
} from '../../src/nn/index.js';
import { gradCheck, randomInput } from './gradcheck.js';
import * as ref from './reference.js';

beforeAll(async () => {
  await initBackend();
});

describe('Dense and MLP', () => {
  for (const activation of ['linear', 'relu', 'tanh', 'sigmoid', 'gelu', 'quickGelu'] as const) {
    it(`Dense ${activation}: forward matches float64 and gradients match finite differences`, () => {
      const rng = new Rng(`dense-${activation}`);
      const layer = new Dense('d', 5, 4, rng.stream('w'), {
        activation,
        init: { kind: 'normal', scale: 0.5 },
      });
      tf.tidy(() => layer.b!.assign(tf.tensor1d([0.1, -0.2, 0.3, 0.05])));
      const x = randomInput([6, 5], rng.stream('x'));
      const r = gradCheck(
        layer,
        () => layer.forward(x.t),
        (w) => ref.dense(w, '', ref.mat(6, 5, x.v), activation).v,
        1,
      );
      expect(r.checked).toBe(6 + 4);
    });
  }

  it('MLP on rank-3 input: same as the reference applied row by row', () => {
    const rng = new Rng(3);
    const net = new Mlp('m', [3, 8, 6, 2], rng.stream('net'), {
      activation: 'tanh',
      outputActivation: 'sigmoid',
    });
    const x = randomInput([2, 4, 3], rng.stream('x'));
    gradCheck(
      net,
      () => net.forward(x.t),
      (w) => ref.mlp(w, '', ref.mat(8, 3, x.v), 3, 'tanh', 'sigmoid').v,
      2,
    );
    expect(net.forward(x.t).shape).toEqual([2, 4, 2]);
    expect(net.paramCount()).toBe(3 * 8 + 8 + 8 * 6 + 6 + 6 * 2 + 2);
  });

  it('rejects inputs with the wrong feature count, naming the layer', () => {
    const net = new Mlp('policy', [3, 4, 1], new Rng(1));
    expect(() => net.forward(tf.zeros([2, 5]))).toThrow(/layer 'dense0' expects 3 input features, got 5/);
    expect(() => new Mlp('bad', [3], new Rng(1))).toThrow(/at least \[inputs, outputs\]/);
  });
});

describe('LayerNorm and Embedding', () => {
  it('LayerNorm: forward and gradients (gain, bias) against float64', () => {
    const rng = new Rng(4);
    const ln = new LayerNorm('ln', 6, rng);
    tf.tidy(() => {
      ln.gain.assign(tf.tensor1d([1, 0.5, -1, 2, 1.5, 0.7]));
      ln.bias.assign(tf.tensor1d([0, 0.1, 0.2, -0.3, 0, 1]));
    });
    const x = randomInput([5, 6], rng.stream('x'), 2);
    gradCheck(
      ln,
      () => ln.forward(x.t),
      (w) => ref.layerNorm(w, '', ref.mat(5, 6, x.v)).v,
      3,
    );
  });

  it('Embedding: rows by id, gradient accumulates repeated ids', () => {
    const rng = new Rng(5);
    const emb = new Embedding('e', 7, 3, rng, 0.5);
    const ids = [1, 4, 4, 0, 6, 1];
    const idt = tf.tensor2d(ids, [2, 3], 'int32');
    const reference = (w: ref.W) => {
      const table = w.get('table')!;
      return ids.flatMap((id) => [table[id * 3], table[id * 3 + 1], table[id * 3 + 2]]);
    };
    gradCheck(emb, () => emb.forward(idt), reference, 4, { samples: 21 });
    expect(emb.forward(idt).shape).toEqual([2, 3, 3]);
  });
});

describe('LSTM', () => {
  it('2 layers: forward and gradients of every weight against float64', () => {
    const rng = new Rng(6);
    const net = new Lstm('lstm', 3, 5, 2, rng);
    const x = randomInput([2, 4, 3], rng.stream('x'));
    gradCheck(
      net,
      () => net.forward(x.t),
      (w) => ref.lstm(w, '', ref.mat(8, 3, x.v), 2, 4, 2, 5).v,
      5,
      {
        samples: 10,
      },
    );
  });

  it('step-by-step equals the whole-sequence run; forget bias starts at 1', () => {
    const rng = new Rng(7);
    const net = new Lstm('lstm', 3, 4, 2, rng);
    const x = randomInput([2, 5, 3], rng.stream('x'));
    const whole = net.run(x.t as tf.Tensor3D);
    let states = net.zeroStates(2);
    const steps: tf.Tensor2D[] = [];
    for (const xt of tf.unstack(x.t, 1) as tf.Tensor2D[]) {
      const s = net.step(xt, states);
      states = s.states;
      steps.push(s.output);
    }
    const a = whole.output.dataSync();
    const b = tf.stack(steps, 1).dataSync();
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 6);
    expect(Array.from(net.layers[0].b[1].dataSync())).toEqual([1, 1, 1, 1]);
    expect(Array.from(whole.last.dataSync())).toEqual(Array.from(steps[4].dataSync()));
  });

  it('no look-ahead: changing later inputs leaves earlier outputs unchanged', () => {
    const rng = new Rng(8);
    const net = new Lstm('lstm', 2, 3, 2, rng);
    const x = randomInput([1, 6, 2], rng.stream('x'));
    const changed = x.v.slice();
    for (let i = 8; i < 12; i++) changed[i] += 10;
    const a = net.forward(x.t).dataSync();
    const b = net.forward(tf.tensor(Float32Array.from(changed), [1, 6, 2])).dataSync();
    expect(Array.from(b.slice(0, 12))).toEqual(Array.from(a.slice(0, 12)));
    expect(b[12]).not.toBe(a[12]);
  });
});

describe('causal transformer', () => {
  const config = { dModel: 8, heads: 2, layers: 2, maxLen: 6, inputs: 3, ffHidden: 12 } as const;

  it('feature input, learned positions, quickGelu: forward and gradients of all weights against float64', () => {
    const rng = new Rng(9);
    const net = new CausalTransformer('tr', config, rng);
    // start from non-trivial LayerNorm gains/biases and positions so their gradients are exercised
    tf.tidy(() => {
      for (const p of net.parameters())
        if (/gain|bias|pos/.test(p.name))
          p.variable.assign(
            tf.add(p.variable, tf.mul(0.3, tf.randomNormal(p.variable.shape, 0, 1, 'float32', 1))),
          );
    });
    const x = randomInput([2, 5, 3], rng.stream('x'));
    const reference = (w: ref.W) => {
      const out: number[] = [];
      for (let b = 0; b < 2; b++) {
        const seq = ref.mat(5, 3, x.v.slice(b * 15, (b + 1) * 15));
        out.push(...ref.transformer(w, seq, 8, 2, 2, 'quickGelu').v);
      }
      return out;
    };
    gradCheck(net, () => net.forward(x.t), reference, 6, { samples: 4 });
  });

  it('no look-ahead: perturbing future tokens leaves past outputs unchanged (token input, sinusoidal)', () => {
    const rng = new Rng(10);
    const net = new CausalTransformer(
      'tok',
      { dModel: 8, heads: 4, layers: 2, maxLen: 10, vocab: 11, positional: 'sinusoidal' },
      rng,
    );
    const ids = [3, 1, 4, 1, 5, 9, 2, 6];
    const future = ids.map((v, i) => (i >= 5 ? (v + 3) % 11 : v));
    const a = net.forward(tf.tensor2d(ids, [1, 8], 'int32')).dataSync();
    const b = net.forward(tf.tensor2d(future, [1, 8], 'int32')).dataSync();
    expect(Array.from(b.slice(0, 5 * 8))).toEqual(Array.from(a.slice(0, 5 * 8)));
    expect(Array.from(b.slice(5 * 8))).not.toEqual(Array.from(a.slice(5 * 8)));
    expect(net.parameters().some((p) => p.name === 'pos')).toBe(false);
  });

  it('refuses sequences longer than maxLen and ambiguous configs', () => {
    const net = new CausalTransformer('tr', config, new Rng(1));
    expect(() => net.forward(tf.zeros([1, 7, 3]))).toThrow(/maxLen is 6/);
    expect(() => new CausalTransformer('x', { ...config, vocab: 5 }, new Rng(1))).toThrow(
      /exactly one of vocab/,
    );
    expect(() => new CausalTransformer('x', { ...config, heads: 3 }, new Rng(1))).toThrow(/not divisible/);
  });
});

describe('Module weights', () => {
  it('same seed gives the same weights; set/get round-trips; names are paths', () => {
    const a = new Lstm('l', 3, 4, 2, new Rng(11));
    const b = new Lstm('l', 3, 4, 2, new Rng(11));
    const c = new Lstm('l', 3, 4, 2, new Rng(12));
    expect(a.getWeights()).toEqual(b.getWeights());
    expect(a.getWeights()[0].values).not.toEqual(c.getWeights()[0].values);
    c.setWeights(a.getWeights());
    expect(c.getWeights()).toEqual(a.getWeights());
    expect(a.parameters().map((p) => p.name)).toEqual(
      [0, 1].flatMap((l) =>
        ['wx_', 'wh_', 'b_'].flatMap((p) => ['i', 'f', 'g', 'o'].map((g) => `layer${l}/${p}${g}`)),
      ),
    );
    expect(() => c.setWeights(new Map())).toThrow(/missing parameter 'layer0\/wx_i'/);
  });
});
