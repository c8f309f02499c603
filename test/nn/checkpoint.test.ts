import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import {
  Adam,
  hasCheckpoint,
  initBackend,
  loadCheckpoint,
  Mlp,
  restoreCheckpoint,
  saveCheckpoint,
  tf,
} from '../../src/nn/index.js';

const root = mkdtempSync(join(tmpdir(), 'agora-nn-ckpt-'));

beforeAll(async () => {
  await initBackend();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A small regression run whose minibatches are drawn from `rng` (so RNG state matters). */
function makeRun(seed: number) {
  const rng = new Rng(seed);
  const net = new Mlp('net', [3, 8, 1], rng.stream('init'));
  const opt = new Adam(net, {
    lr: { kind: 'cosine', lr: 0.02, totalSteps: 2000, warmupSteps: 50 },
    clipNorm: 1,
  });
  const data = rng.stream('batches');
  const x = new Float32Array(16 * 3);
  const y = new Float32Array(16);
  const train = (steps: number) => {
    for (let s = 0; s < steps; s++) {
      data.fillNormal(x);
      for (let i = 0; i < 16; i++) y[i] = Math.sin(x[3 * i]) + x[3 * i + 1] * x[3 * i + 2];
      const xt = tf.tensor2d(x, [16, 3]);
      const yt = tf.tensor2d(y, [16, 1]);
      opt.minimize(() => tf.losses.meanSquaredError(yt, net.forward(xt) as tf.Tensor2D) as tf.Scalar);
      xt.dispose();
      yt.dispose();
    }
  };
  return { net, opt, data, train };
}

describe('checkpoints', () => {
  it('2000 steps equal 1000 + save + load into a fresh run + 1000 (bit for bit)', () => {
    const whole = makeRun(1);
    whole.train(2000);

    const first = makeRun(1);
    first.train(1000);
    const dir = join(root, 'resume');
    saveCheckpoint(dir, {
      step: first.opt.step,
      modules: { net: first.net },
      optimizers: { opt: first.opt },
      rngs: { batches: first.data },
      user: { note: 'halfway' },
    });
    first.train(5); // training on after the save must not change what was saved

    const second = makeRun(999); // different init and data stream: everything must come from the checkpoint
    const meta = restoreCheckpoint(dir, {
      modules: { net: second.net },
      optimizers: { opt: second.opt },
      rngs: { batches: second.data },
    });
    expect(meta).toEqual({ step: 1000, user: { note: 'halfway' } });
    second.train(1000);

    expect(second.opt.step).toBe(2000);
    const a = whole.net.getWeights();
    const b = second.net.getWeights();
    for (let i = 0; i < a.length; i++) expect(Array.from(b[i].values)).toEqual(Array.from(a[i].values));
    expect(second.opt.getState()).toEqual(whole.opt.getState());
  });

  it('overwrites atomically: one manifest, one tensor file, no temporaries', () => {
    const dir = join(root, 'atomic');
    const run = makeRun(2);
    expect(hasCheckpoint(dir)).toBe(false);
    saveCheckpoint(dir, { step: 1, modules: { net: run.net } });
    run.train(3);
    saveCheckpoint(dir, { step: 4, modules: { net: run.net }, optimizers: { opt: run.opt } });
    const files = readdirSync(dir).sort();
    expect(files.length).toBe(2);
    expect(files[0]).toBe('checkpoint.json');
    expect(files[1]).toMatch(/^tensors-4-[0-9a-f]{16}\.bin$/);
    const data = loadCheckpoint(dir);
    expect(data.step).toBe(4);
    expect(data.modules.net.map((e) => e.name)).toEqual(['dense0/w', 'dense0/b', 'dense1/w', 'dense1/b']);
    expect(data.optimizers.opt.step).toBe(3);
  });

  it('detects a corrupted tensor file and a missing part, with the file named', () => {
    const dir = join(root, 'corrupt');
    const run = makeRun(3);
    saveCheckpoint(dir, { step: 7, modules: { net: run.net } });
    expect(() => restoreCheckpoint(dir, { modules: { policy: run.net } })).toThrow(
      /no module 'policy' \(it has: net\)/,
    );
    const data = readdirSync(dir).find((f) => f.startsWith('tensors-7-')) as string;
    writeFileSync(join(dir, data), Buffer.alloc(8));
    expect(() => loadCheckpoint(dir)).toThrow(/does not match its hash/);
    expect(() => loadCheckpoint(join(root, 'nothing'))).toThrow(/no checkpoint here/);
  });

  it('refuses weights from a network with other sizes', () => {
    const dir = join(root, 'shape');
    saveCheckpoint(dir, { step: 0, modules: { net: new Mlp('net', [3, 8, 1], new Rng(1)) } });
    expect(() => restoreCheckpoint(dir, { modules: { net: new Mlp('net', [3, 9, 1], new Rng(1)) } })).toThrow(
      /parameter 'dense0\/w' has 24 values, expected 27/,
    );
  });
});
