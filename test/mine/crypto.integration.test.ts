import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../src/core/index.js';
import { ALPHAGEN_TOKEN_CONFIG, runMining } from '../../src/mine/index.js';

const file = sharedDataFile('crypto_binance_1h_2017_2023.parquet');

describe.skipIf(!file)('mining hourly crypto bars (shared Binance data)', () => {
  it('runs the same harness with a 24-bar label, hourly splits and hourly annualisation', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'agora-mine-crypto-')), 'gp');
    const r = await runMining({
      method: 'gp',
      protocol: {
        data: file!,
        preset: 'custom',
        label: 'Ref($close, -24) / $close - 1',
        universe: 'all',
        train: { to: '2021-06-30' },
        valid: { from: '2021-07-01', to: '2021-12-31' },
        test: { from: '2022-01-01' },
        mode: 'alphagen',
        vwapFallback: true,
      },
      pool: { capacity: 5 },
      tokens: ALPHAGEN_TOKEN_CONFIG,
      seed: 1,
      steps: 1,
      gp: { populationSize: 20 },
      out,
      quiet: true,
    });
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.config.horizon).toBe(24);
    expect(config.config.split.gap).toBe(24);
    expect(config.config.split.parts.test.from).toMatch(/^2022-01-01T00:00/);
    expect(r.score.combined.train.ic).toBeCloseTo(r.pool.objective, 10);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.backtest.periodsPerYear).toBe(24 * 365);
  });
});
