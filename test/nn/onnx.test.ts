import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import {
  type Activation,
  exportMlpOnnx,
  exportSetEncoderOnnx,
  initBackend,
  Mlp,
  type Module,
  OnnxScorer,
  SetEncoder,
  tf,
} from '../../src/nn/index.js';
import { varint } from '../../src/nn/onnx/proto.js';

const root = mkdtempSync(join(tmpdir(), 'agora-nn-onnx-'));

beforeAll(async () => {
  await initBackend();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Compare tfjs and onnxruntime scores on random inputs for several N; returns the max |diff|. */
async function roundTrip(net: Module, features: number, bytes: Uint8Array, seed: number): Promise<number> {
  const scorer = await OnnxScorer.create(bytes);
  expect(scorer.features).toBe(features);
  const rng = new Rng(seed);
  let worst = 0;
  for (const n of [1, 7, 300]) {
    const x = new Float32Array(n * features);
    rng.fillNormal(x);
    const want = tf.tidy(() => net.forward(tf.tensor2d(x, [n, features]))).dataSync();
    const got = await scorer.score(x, n);
    expect(got.length).toBe(n);
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
  }
  await scorer.release();
  return worst;
}

describe('ONNX export', () => {
  for (const activation of ['relu', 'tanh', 'gelu', 'quickGelu', 'sigmoid'] as Activation[]) {
    it(`MLP (${activation}) agrees with tfjs within 1e-5 for N in {1, 7, 300}`, async () => {
      const net = new Mlp('score', [12, 32, 16, 1], new Rng(activation), { activation });
      const worst = await roundTrip(net, 12, exportMlpOnnx(net), 1);
      expect(worst).toBeLessThan(1e-5);
    });
  }

  it('set encoder agrees with tfjs within 1e-5 for N in {1, 7, 300}, loaded from a file', async () => {
    const enc = new SetEncoder('enc', { features: 10, hidden: [32], embed: 16, head: [24] }, new Rng(2));
    // move LayerNorm away from identity so gain and bias are exercised
    tf.tidy(() => {
      enc.ln.gain.assign(tf.randomUniform([16], 0.5, 1.5, 'float32', 3));
      enc.ln.bias.assign(tf.randomUniform([16], -0.3, 0.3, 'float32', 4));
    });
    const file = join(root, 'enc.onnx');
    writeFileSync(file, exportSetEncoderOnnx(enc));
    const scorer = await OnnxScorer.create(file);
    const x = new Float32Array(5 * 10).map((_, i) => Math.sin(i));
    const want = enc.forward(tf.tensor2d(x, [5, 10])).dataSync();
    const got = await scorer.score(x, 5);
    for (let i = 0; i < 5; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-5);
    expect(await roundTrip(enc, 10, exportSetEncoderOnnx(enc), 5)).toBeLessThan(1e-5);
  });

  it('export is deterministic and refuses multi-output heads', () => {
    const net = new Mlp('score', [4, 8, 1], new Rng(1));
    expect(exportMlpOnnx(net)).toEqual(exportMlpOnnx(net));
    expect(() => exportMlpOnnx(new Mlp('two', [4, 2], new Rng(1)))).toThrow(/one output/);
  });

  it('scorer refuses wrong input sizes and bad model bytes', async () => {
    const scorer = await OnnxScorer.create(exportMlpOnnx(new Mlp('s', [3, 1], new Rng(1))));
    await expect(scorer.score(new Float32Array(5), 2)).rejects.toThrow(/expected 2 x 3/);
    await expect(OnnxScorer.create(new Uint8Array([1, 2, 3]))).rejects.toThrow(/could not load/);
  });

  it('varints encode like protobuf (golden bytes)', () => {
    expect(Array.from(varint(1n))).toEqual([1]);
    expect(Array.from(varint(300n))).toEqual([0xac, 0x02]);
    expect(Array.from(varint(BigInt.asUintN(64, -1n)))).toEqual([...new Array(9).fill(0xff), 0x01]);
  });
});
