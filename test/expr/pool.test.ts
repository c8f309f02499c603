/** EvaluatorPool: persistent workers give the same bits as evaluate, in input order. */
import { describe, expect, it } from 'vitest';
import { EvaluatorPool, evaluate } from '../../src/expr/index.js';
import { BATCH_FORMULAS, randomPanel, sameBits } from './helpers.js';

const panel = randomPanel({ T: 120, N: 15, seed: 9, universe: true });
const formulas = [...BATCH_FORMULAS, 'rank(ts_corr(close, volume, 10)) + 1'];

describe('EvaluatorPool', () => {
  const reference = formulas.map((f) => evaluate(f, panel, { cache: false }));

  for (const jobs of [1, 2]) {
    it(`map hands results back in input order with the same bits (jobs = ${jobs})`, async () => {
      const pool = new EvaluatorPool(panel, jobs);
      try {
        const order: number[] = [];
        await pool.map(
          formulas,
          {},
          (i, r) => {
            order.push(i);
            expect(sameBits(r.values, reference[i]), formulas[i]).toBe(true);
            expect(r.ms).toBeGreaterThanOrEqual(0);
          },
          3,
        );
        expect(order).toEqual(formulas.map((_, i) => i));
        // a second pass reuses the workers (and their caches): same values again
        const again = await pool.evaluate(formulas[0]);
        expect(sameBits(again.values, reference[0])).toBe(true);
      } finally {
        await pool.close();
      }
    }, 30_000);
  }

  it('passes evaluation options through (mode, future references for labels)', async () => {
    const pool = new EvaluatorPool(panel, 1);
    try {
      const q = await pool.evaluate('Mean($close, 20)', { mode: 'qlib' });
      expect(sameBits(q.values, evaluate('Mean($close, 20)', panel, { mode: 'qlib', cache: false }))).toBe(
        true,
      );
      const label = await pool.evaluate('Ref($close, -5) / $close - 1', { allowFuture: true });
      expect(
        sameBits(
          label.values,
          evaluate('Ref($close, -5) / $close - 1', panel, { allowFuture: true, cache: false }),
        ),
      ).toBe(true);
      await expect(pool.evaluate('Ref($close, -5)')).rejects.toThrow(/future/i);
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('map: a failing formula goes to onError and the others still arrive in order', async () => {
    const pool = new EvaluatorPool(panel, 2);
    try {
      const seen: string[] = [];
      await pool.map(
        ['close', 'cap', 'volume'],
        {},
        (i) => void seen.push(`ok ${i}`),
        2,
        (i, e) => void seen.push(`error ${i}: ${(e as Error).message.includes('cap')}`),
      );
      expect(seen).toEqual(['ok 0', 'error 1: true', 'ok 2']);
      await expect(pool.map(['close', 'cap'], {}, () => undefined)).rejects.toThrow(/cap/);
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('reports a failing formula and refuses work after close', async () => {
    const pool = new EvaluatorPool(panel, 1);
    await expect(pool.evaluate('cap')).rejects.toThrow(/cap/);
    await pool.close();
    await expect(pool.evaluate('close')).rejects.toThrow(/closed/);
    expect(() => new EvaluatorPool(panel, 0)).toThrow(/jobs >= 1/);
  }, 30_000);
});
