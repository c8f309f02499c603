import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateMarket } from '../../src/data/index.js';
import { ALPHAGEN_TOKEN_CONFIG, type MineOptions, runMining } from '../../src/mine/index.js';

const market = generateMarket(
  { assets: 30, periods: 260, alphas: [{ name: 'rev5', kind: 'reversal', ic: 0.1, lookback: 5 }] },
  { seed: 2 },
);
const d = market.panel.dates;

function options(method: MineOptions['method'], out: string, steps: number): MineOptions {
  return {
    method,
    panel: market.panel,
    protocol: {
      data: 'synthetic',
      preset: 'custom',
      label: 'Ref($close, -5) / $close - 1',
      universe: 'all',
      train: { to: d[149] },
      valid: { from: d[150], to: d[199] },
      test: { from: d[200] },
      mode: 'alphagen',
      vwapFallback: false,
    },
    pool: { capacity: 5 },
    tokens: { ...ALPHAGEN_TOKEN_CONFIG, windows: [5, 10], maxLength: 10 },
    seed: 3,
    steps,
    alphagen: {
      envs: 8,
      stepsPerEnv: 10,
      policy: { hidden: 16, layers: 1, embedding: 8 },
      ppo: { epochs: 1, minibatches: 2 },
    },
    alphagpt: { batch: 16, policy: { dModel: 16, heads: 2, layers: 1 }, lordDecay: 1e-3 },
    checkpointEvery: 1,
    out,
    quiet: true,
  };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'agora-mine-'));

describe('runMining', () => {
  it('alphagen writes a complete run directory with train/valid/test scores', async () => {
    const dir = join(tmp(), 'ag');
    const r = await runMining(options('alphagen', dir, 160));
    for (const f of [
      'config.json',
      'metrics.jsonl',
      'pool.json',
      'alpha.parquet',
      'report.html',
      'checkpoints/pool.json',
    ]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const pool = JSON.parse(readFileSync(join(dir, 'pool.json'), 'utf8'));
    expect(Object.keys(pool.combined)).toEqual(['train', 'valid', 'test']);
    expect(pool.alphas.length).toBe(r.pool.members.length);
    expect(r.stats.evaluated).toBeGreaterThan(0);
    const rows = readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.filter((x) => x.kind === 'ppo').length).toBe(2);
    expect(rows.at(-1).kind).toBe('result');
  });

  it('a resumed alphagen run ends exactly like an uninterrupted one', async () => {
    const full = await runMining(options('alphagen', join(tmp(), 'full'), 240));
    const dir = join(tmp(), 'part');
    await runMining(options('alphagen', dir, 160));
    const resumed = await runMining({ ...options('alphagen', dir, 240), resume: true });
    expect(resumed.pool).toEqual(full.pool);
    const kinds = readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).kind);
    expect(kinds).toEqual(['ppo', 'ppo', 'ppo', 'result']);
    expect(resumed.score.combined).toEqual(full.score.combined);
  });

  it('alphagpt with LoRD runs and is deterministic for a seed', async () => {
    const a = await runMining(options('alphagpt', join(tmp(), 'g1'), 2));
    const b = await runMining(options('alphagpt', join(tmp(), 'g2'), 2));
    expect(a.stats.offered).toBe(32);
    expect(a.pool).toEqual(b.pool);
  });

  it('gp gives the same pool with 0 and 2 evaluation workers', async () => {
    const gp = (jobs: number) =>
      runMining({ ...options('gp', join(tmp(), `gp-j${jobs}`), 3), gp: { populationSize: 40 }, jobs });
    const [serial, parallel] = [await gp(0), await gp(2)];
    expect(parallel.pool).toEqual(serial.pool);
    expect(parallel.score.combined).toEqual(serial.score.combined);
    expect(parallel.stats).toEqual(serial.stats);
  });

  it('refuses to reuse a run directory without --resume', async () => {
    const dir = join(tmp(), 'gp');
    await runMining(options('gp', dir, 1));
    await expect(runMining(options('gp', dir, 1))).rejects.toThrow(/already holds a run/);
  });
});
