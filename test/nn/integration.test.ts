/**
 * Integration on real A-share data (cn_stocks_2010_2021.parquet, first half of 2019): the set
 * encoder learns to score each day's cross-section of listed, tradable stocks from past-return
 * features, then the trained encoder is exported to ONNX and checked on a real cross-section.
 * Skips with a reason when the shared data folder is absent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng, sharedDataFile } from '../../src/core/index.js';
import { loadPanel, type Panel } from '../../src/data/index.js';
import { Adam, exportSetEncoderOnnx, initBackend, OnnxScorer, SetEncoder, tf } from '../../src/nn/index.js';

const file = sharedDataFile('cn_stocks_2010_2021.parquet');
const LOOKBACKS = [1, 5, 10, 20];
const HORIZON = 5;

/** Features at date t use closes up to t only; the label is the next HORIZON-day return. */
function crossSection(p: Panel, t: number): { x: Float32Array; y: Float32Array; n: number } {
  const close = p.field('close');
  const xs: number[] = [];
  const ys: number[] = [];
  for (let a = 0; a < p.N; a++) {
    const now = close[t * p.N + a];
    const later = close[(t + HORIZON) * p.N + a];
    const past = LOOKBACKS.map((k) => close[(t - k) * p.N + a]);
    const ok =
      p.tradable[t * p.N + a] === 1 && [now, later, ...past].every((v) => Number.isFinite(v) && v > 0);
    if (!ok) continue;
    xs.push(...past.map((v) => 10 * Math.log(now / v)));
    ys.push(Math.log(later / now));
  }
  const y = Float32Array.from(ys);
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  const sd = Math.sqrt(y.reduce((s, v) => s + (v - mean) ** 2, 0) / y.length) || 1;
  return { x: Float32Array.from(xs), y: y.map((v) => (v - mean) / sd), n: y.length };
}

describe.skipIf(!file)('set encoder on real A-share cross-sections', () => {
  let panel: Panel;

  beforeAll(async () => {
    await initBackend();
    panel = await loadPanel(file as string, {
      from: '2019-01-01',
      to: '2019-06-30',
      fields: ['close', 'volume'],
    });
  });

  it('fits next-week returns in sample and exports an ONNX model that agrees within 1e-5', async () => {
    const days = Array.from({ length: 40 }, (_, i) => 25 + 2 * i).filter((t) => t + HORIZON < panel.T);
    const sets = days.map((t) => crossSection(panel, t));
    expect(Math.min(...sets.map((s) => s.n))).toBeGreaterThan(100);
    const enc = new SetEncoder(
      'enc',
      { features: LOOKBACKS.length, hidden: [32], embed: 16, head: [16] },
      new Rng(1),
    );
    const opt = new Adam(enc, { lr: 3e-3 });
    const tensors = sets.map((s) => ({ x: tf.tensor2d(s.x, [s.n, LOOKBACKS.length]), y: tf.tensor1d(s.y) }));
    const epochLoss = () => {
      let total = 0;
      for (const s of tensors)
        total += opt.minimize(() => tf.losses.meanSquaredError(s.y, enc.forward(s.x)) as tf.Scalar).loss;
      return total / tensors.length;
    };
    const first = epochLoss();
    let last = first;
    for (let e = 0; e < 5; e++) last = epochLoss();
    expect(Number.isFinite(last)).toBe(true);
    expect(last).toBeLessThan(first);

    const probe = sets[sets.length - 1];
    const scorer = await OnnxScorer.create(exportSetEncoderOnnx(enc));
    const got = await scorer.score(probe.x, probe.n);
    const want = enc.forward(tensors[tensors.length - 1].x).dataSync();
    let worst = 0;
    for (let i = 0; i < probe.n; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
    expect(worst).toBeLessThan(1e-5);
    await scorer.release();
    tf.dispose(tensors.flatMap((s) => [s.x, s.y]));
  });
});
