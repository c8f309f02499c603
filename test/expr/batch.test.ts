/** evaluateMany: same bits as evaluate, with 0, 1 and 2 workers. */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateMany } from '../../src/expr/index.js';
import { randomPanel, sameBits } from './helpers.js';

const panel = randomPanel({ T: 120, N: 15, seed: 9, universe: true });
const formulas = [
  'rank(ts_corr(close, volume, 10))',
  'Mean($close, 20) / $close',
  'ts_rank(close, 10) * rank(delta(volume, 3))',
  'SMA(CLOSE-DELAY(CLOSE,1),6,1)',
  'close / volume',
  'IndNeutralize(returns, IndClass.industry)',
  'ts_argmax(high, 5) - ts_argmin(low, 5)',
  'decay_linear(rank(open), 5)',
];

describe('evaluateMany', () => {
  const reference = formulas.map((f) => evaluate(f, panel, { cache: false }));

  for (const jobs of [0, 1, 2]) {
    it(`equals evaluate with jobs = ${jobs}`, async () => {
      const got = await evaluateMany(formulas, panel, { jobs });
      expect(got.length).toBe(formulas.length);
      for (const [i, g] of got.entries()) expect(sameBits(g, reference[i]), formulas[i]).toBe(true);
    }, 30_000);
  }

  it('names the failing formula', async () => {
    await expect(evaluateMany(['close', 'ts_mean(close, x)'], panel, { jobs: 1 })).rejects.toThrow(
      /formula #1/,
    );
    await expect(evaluateMany(['close', 'cap'], panel, { jobs: 1 })).rejects.toThrow(/formula #1/);
  }, 30_000);
});
