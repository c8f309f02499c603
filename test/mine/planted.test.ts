/**
 * Acceptance on a synthetic market with planted alphas of known strength: the mined pool must
 * recover at least 80% of the oracle's test IC (the oracle = the planted formulas themselves,
 * weighted by the same pool on train).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ALPHAGEN_TOKEN_CONFIG,
  AlphaPool,
  evaluateFormula,
  partOf,
  prepareMiningData,
  rows,
  runMining,
  scorePool,
} from '../../src/mine/index.js';
import { plantedMarket } from './planted-market.js';

describe('mining a planted market', () => {
  it('GP recovers >= 80% of the oracle test IC', async () => {
    const { market, protocol } = plantedMarket(100, 600, 1, 349, 449);
    const data = await prepareMiningData(protocol, market.panel);
    const train = partOf(data, 'train');
    const N = data.panel.N;
    const oraclePool = new AlphaPool(rows(data.label, N, train), train.end - train.start, N, undefined);
    for (const s of market.truth.signals)
      oraclePool.offer(s.formula, rows(evaluateFormula(data, s.formula)!, N, train));
    const oracle = scorePool(data, oraclePool.best, 'ic').combined.test.ic;
    expect(oracle).toBeGreaterThan(0.08);

    const result = await runMining({
      method: 'gp',
      panel: market.panel,
      protocol,
      pool: { capacity: 10 },
      tokens: { ...ALPHAGEN_TOKEN_CONFIG, windows: [1, 5, 10, 20] },
      seed: 1,
      steps: 10,
      gp: { populationSize: 100 },
      out: join(mkdtempSync(join(tmpdir(), 'agora-mine-')), 'gp'),
      quiet: true,
    });
    const mined = result.score.combined.test.ic;
    console.log(
      `planted market: oracle test IC ${oracle.toFixed(4)}, mined ${mined.toFixed(4)} (${((100 * mined) / oracle).toFixed(0)}%)`,
    );
    expect(mined).toBeGreaterThanOrEqual(0.8 * oracle);
  });
});
