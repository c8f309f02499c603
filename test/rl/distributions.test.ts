import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import { initBackend, tf } from '../../src/nn/index.js';
import {
  categoricalEntropy,
  categoricalHead,
  categoricalLogProb,
  categoricalMode,
  gaussianEntropy,
  gaussianHead,
  gaussianLogProb,
  plackettLuceEntropy,
  plackettLuceHead,
  plackettLuceLogProb,
  plackettLuceMode,
  type Row,
  sampleCategorical,
  sampleGaussian,
  samplePlackettLuce,
} from '../../src/rl/index.js';

beforeAll(async () => {
  await initBackend();
});

function row(logits: number[], mask: number[] | null): Row {
  return {
    logits: Float64Array.from(logits),
    off: 0,
    n: logits.length,
    mask: mask && Uint8Array.from(mask),
    maskOff: 0,
  };
}

/** Reference: probabilities by direct exponentiation and normalisation over valid items. */
function refProbs(logits: number[], mask: number[] | null): number[] {
  const w = logits.map((l, i) => (mask && mask[i] === 0 ? 0 : Math.exp(l)));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

const logitsAndMask = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.double({ min: -8, max: 8, noNaN: true }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
      fc.integer({ min: 0, max: n - 1 }),
    ),
  )
  .map(([logits, mask, keep]) => {
    mask[keep] = 1;
    return { logits, mask };
  });

describe('masked categorical (typed arrays)', () => {
  it('never samples a masked action', () => {
    fc.assert(
      fc.property(logitsAndMask, fc.integer(), ({ logits, mask }, seed) => {
        const r = row(logits, mask);
        const rng = new Rng(seed);
        for (let k = 0; k < 50; k++) expect(mask[sampleCategorical(r, rng)]).toBe(1);
        expect(mask[categoricalMode(r)]).toBe(1);
      }),
      { numRuns: 200 },
    );
  });

  it('never samples a masked action even when it has by far the largest logit', () => {
    const r = row([50, -3, -2, 80], [0, 1, 1, 0]);
    const rng = new Rng(3);
    for (let k = 0; k < 2000; k++) expect([1, 2]).toContain(sampleCategorical(r, rng));
  });

  it('log-probs and entropy match a direct reference; masked actions have log-prob -Infinity', () => {
    fc.assert(
      fc.property(logitsAndMask, ({ logits, mask }) => {
        const r = row(logits, mask);
        const p = refProbs(logits, mask);
        let h = 0;
        for (let i = 0; i < logits.length; i++) {
          if (mask[i] === 0) expect(categoricalLogProb(r, i)).toBe(Number.NEGATIVE_INFINITY);
          else {
            expect(categoricalLogProb(r, i)).toBeCloseTo(Math.log(p[i]), 9);
            if (p[i] > 0) h -= p[i] * Math.log(p[i]);
          }
        }
        expect(categoricalEntropy(r)).toBeCloseTo(h, 9);
      }),
    );
  });

  it('sample frequencies match the renormalised probabilities', () => {
    const logits = [0.3, 1.2, -0.5, 2.0, 0.0];
    const mask = [1, 1, 0, 1, 1];
    const r = row(logits, mask);
    const p = refProbs(logits, mask);
    const rng = new Rng(11);
    const counts = new Array(5).fill(0);
    const n = 40000;
    for (let k = 0; k < n; k++) counts[sampleCategorical(r, rng)]++;
    expect(counts[2]).toBe(0);
    for (let i = 0; i < 5; i++)
      expect(Math.abs(counts[i] / n - p[i])).toBeLessThan(4 * Math.sqrt(p[i] / n) + 1e-12);
  });

  it('refuses a row with no valid action and a non-finite logit', () => {
    expect(() => sampleCategorical(row([1, 2], [0, 0]), new Rng(1))).toThrow(/allows none/);
    expect(() => sampleCategorical(row([1, Number.NaN], null), new Rng(1))).toThrow(/not finite/);
  });

  it('the tfjs head gives the same log-probs and entropy, and zero probability to masked actions', () => {
    const head = categoricalHead(4);
    const logits = Float32Array.from([0.5, -1, 2, 0.1, 3, 3, -2, 1]);
    const masks = Uint8Array.from([1, 0, 1, 1, 0, 1, 1, 1]);
    const actions = Int32Array.from([2, 3]);
    const { logp, entropy, probs } = tf.tidy(() => {
      const params = tf.tensor2d(logits, [2, 4]);
      const mask = tf.tensor2d(masks, [2, 4], 'bool');
      const out = head.logProbEntropy(params, tf.tensor1d(actions, 'int32'), mask);
      const full = head.logProbEntropy(params, tf.tensor1d([1, 0], 'int32'), mask);
      return {
        logp: out.logp.arraySync(),
        entropy: out.entropy.arraySync(),
        probs: tf.exp(full.logp).arraySync(),
      };
    });
    for (let b = 0; b < 2; b++) {
      expect(logp[b]).toBeCloseTo(head.logProb(logits, b, masks, actions), 5);
      expect(entropy[b]).toBeCloseTo(head.entropy(logits, b, masks), 5);
    }
    expect(probs).toEqual([0, 0]);
  });
});

/** All ordered selections of k distinct items out of n. */
function orderings(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (const rest of orderings(n, k - 1))
    for (let i = 0; i < n; i++) if (!rest.includes(i)) out.push([...rest, i]);
  return out;
}

describe('Plackett-Luce', () => {
  it('probabilities of all orderings (k = n) and of all partial selections (k < n) sum to 1', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 1, max: n }),
              fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
            ),
          ),
        ([n, k, scores]) => {
          const r = row(scores, null);
          let total = 0;
          for (const sel of orderings(n, k)) total += Math.exp(plackettLuceLogProb(r, sel, 0, k));
          expect(total).toBeCloseTo(1, 10);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('matches the product formula on a hand example and masks items', () => {
    const r = row([Math.log(1), Math.log(2), Math.log(3), Math.log(4)], [1, 1, 0, 1]);
    // valid weights 1, 2, 4: P(3 then 0) = 4/7 * 1/3
    expect(Math.exp(plackettLuceLogProb(r, [3, 0], 0, 2))).toBeCloseTo(4 / 21, 12);
    expect(plackettLuceLogProb(r, [2, 0], 0, 2)).toBe(Number.NEGATIVE_INFINITY);
    expect(plackettLuceLogProb(r, [1, 1], 0, 2)).toBe(Number.NEGATIVE_INFINITY);
    let total = 0;
    for (const sel of orderings(4, 2)) total += Math.exp(plackettLuceLogProb(r, sel, 0, 2));
    expect(total).toBeCloseTo(1, 12);
  });

  it('Gumbel-top-k draws follow the exact distribution and never pick masked or repeated items', () => {
    const scores = [0.2, 1.0, -0.3, 0.7, 0.0];
    const mask = [1, 1, 1, 1, 0];
    const r = row(scores, mask);
    const rng = new Rng(5);
    const sel = new Int32Array(2);
    const counts = new Map<string, number>();
    const n = 30000;
    for (let s = 0; s < n; s++) {
      samplePlackettLuce(r, 2, rng, sel, 0);
      expect(sel[0]).not.toBe(sel[1]);
      expect(mask[sel[0]] * mask[sel[1]]).toBe(1);
      const key = `${sel[0]},${sel[1]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const o of orderings(4, 2)) {
      const p = Math.exp(plackettLuceLogProb(r, o, 0, 2));
      const f = (counts.get(`${o[0]},${o[1]}`) ?? 0) / n;
      expect(Math.abs(f - p)).toBeLessThan(4 * Math.sqrt(p / n));
    }
  });

  it('mode is the top-k by score; too few valid items is refused', () => {
    const r = row([0.1, 3, 2, -1, 5], [1, 1, 1, 1, 0]);
    const out = new Int32Array(3);
    plackettLuceMode(r, 3, out, 0);
    expect(Array.from(out)).toEqual([1, 2, 0]);
    expect(() => samplePlackettLuce(row([1, 2], [1, 0]), 2, new Rng(1), out, 0)).toThrow(/only 1/);
  });

  it('entropy estimate is close to the exact entropy; exact for k = 1', () => {
    const scores = [0.5, -0.2, 1.1, 0.0];
    const r = row(scores, null);
    let exact = 0;
    for (const o of orderings(4, 3)) {
      const lp = plackettLuceLogProb(r, o, 0, 3);
      exact -= Math.exp(lp) * lp;
    }
    expect(Math.abs(plackettLuceEntropy(r, 3, new Rng(2), 4000) - exact)).toBeLessThan(0.05);
    expect(plackettLuceEntropy(r, 1, new Rng(2))).toBeCloseTo(categoricalEntropy(r), 12);
  });

  it('the tfjs log-prob matches the float64 one, also when the selection holds almost all mass', () => {
    const head = plackettLuceHead(5, 3);
    const scores = Float32Array.from([0.2, 1.0, -0.3, 0.7, 0.0, 12, 11, -3, 10, -4]);
    const masks = Uint8Array.from([1, 1, 1, 1, 0, 1, 1, 1, 1, 1]);
    const actions = Int32Array.from([1, 3, 0, 0, 1, 3]);
    const lp = tf.tidy(() => {
      const out = head.logProbEntropy(
        tf.tensor2d(scores, [2, 5]),
        tf.tensor2d(actions, [2, 3], 'int32'),
        tf.tensor2d(masks, [2, 5], 'bool'),
      );
      return out.logp.arraySync();
    });
    for (let b = 0; b < 2; b++) expect(lp[b]).toBeCloseTo(head.logProb(scores, b, masks, actions), 4);
  });
});

describe('Plackett-Luce gradient', () => {
  it('the tfjs gradient of the ordered log-prob matches central finite differences of the float64 one', () => {
    const head = plackettLuceHead(5, 3);
    const scores = [0.2, 1.0, -0.3, 0.7, 0.4, 1.5, -1, 0.3, 0.9, 0.1];
    const masks = Uint8Array.from([1, 1, 1, 1, 0, 1, 1, 1, 1, 1]);
    const actions = Int32Array.from([1, 3, 0, 0, 4, 3]);
    const grad = tf.tidy(() => {
      const g = tf.grad((x: tf.Tensor) =>
        tf.sum(
          head.logProbEntropy(
            x as tf.Tensor2D,
            tf.tensor2d(actions, [2, 3], 'int32'),
            tf.tensor2d(masks, [2, 5], 'bool'),
          ).logp,
        ),
      );
      return g(tf.tensor2d(scores, [2, 5])).dataSync();
    });
    const h = 1e-4;
    for (let i = 0; i < scores.length; i++) {
      const f = (d: number) => {
        const p = Float64Array.from(scores);
        p[i] += d;
        return head.logProb(p, 0, masks, actions) + head.logProb(p, 1, masks, actions);
      };
      const fd = (f(h) - f(-h)) / (2 * h);
      expect(Math.abs(grad[i] - fd)).toBeLessThan(1e-4);
    }
    expect(grad[4]).toBe(0);
  });
});

describe('diagonal Gaussian', () => {
  const params = Float32Array.from([0.5, -1, Math.log(0.3), Math.log(2)]);

  it('log-prob and entropy match the closed form', () => {
    const a = [0.8, 0.5];
    const ref =
      Math.log(1 / (0.3 * Math.sqrt(2 * Math.PI))) -
      (0.3 / 0.3) ** 2 / 2 +
      Math.log(1 / (2 * Math.sqrt(2 * Math.PI))) -
      (1.5 / 2) ** 2 / 2;
    expect(gaussianLogProb(params, 0, 2, a, 0)).toBeCloseTo(ref, 6);
    expect(gaussianEntropy(params, 0, 2)).toBeCloseTo(
      0.5 * Math.log(2 * Math.PI * Math.E * 0.09) + 0.5 * Math.log(2 * Math.PI * Math.E * 4),
      6,
    );
  });

  it('samples have the right moments and the tfjs head agrees with the typed arrays', () => {
    const rng = new Rng(9);
    const out = new Float32Array(2);
    let s0 = 0;
    let q1 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      sampleGaussian(params, 0, 2, rng, out, 0);
      s0 += out[0];
      q1 += (out[1] + 1) ** 2;
    }
    expect(s0 / n).toBeCloseTo(0.5, 2);
    expect(Math.sqrt(q1 / n)).toBeCloseTo(2, 1);
    const head = gaussianHead(2);
    const act = Float32Array.from([0.8, 0.5]);
    const { logp, entropy } = tf.tidy(() => {
      const o = head.logProbEntropy(tf.tensor2d(params, [1, 4]), tf.tensor2d(act, [1, 2]), null);
      return { logp: o.logp.arraySync()[0], entropy: o.entropy.arraySync()[0] };
    });
    expect(logp).toBeCloseTo(head.logProb(params, 0, null, act), 5);
    expect(entropy).toBeCloseTo(head.entropy(params, 0, null), 5);
  });
});
