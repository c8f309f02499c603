/** evaluateMany: same bits as evaluate, with 0, 1 and 2 workers. */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateMany } from '../../src/expr/index.js';
import { BATCH_FORMULAS, randomPanel, sameBits } from './helpers.js';

const panel = randomPanel({ T: 120, N: 15, seed: 9, universe: true });
const formulas = BATCH_FORMULAS;

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
