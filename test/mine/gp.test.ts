import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import { replay, sampleUniform } from '../../src/mine/builder.js';
import { GeneticProgramming } from '../../src/mine/gp.js';
import { AlphaPool } from '../../src/mine/pool.js';
import { body } from '../../src/mine/rpn-tree.js';
import { CandidateScorer } from '../../src/mine/scorer.js';
import { TokenSpace } from '../../src/mine/tokens.js';

const T = 40;
const N = 30;

/**
 * A stand-in evaluator with a known optimum: a formula's values are the label times the share of
 * `$close` among its features plus formula-seeded noise, so IC grows with that share.
 */
function fakeWorld() {
  const rng = new Rng(9);
  const label = new Float64Array(T * N);
  rng.fillNormal(label);
  const evaluate = (formula: string) => {
    const feats = formula.match(/\$\w+/g) ?? [];
    const share = feats.filter((f) => f === '$close').length / Math.max(1, feats.length);
    const noise = new Rng(formula);
    return label.map((y) => share * y + noise.normal());
  };
  return { label, evaluate };
}

describe('GP genetic operators', () => {
  const space = new TokenSpace();
  it('crossover and mutation only ever return valid sequences within the length limit', () => {
    const { label, evaluate } = fakeWorld();
    const scorer = new CandidateScorer(new AlphaPool(label, T, N, undefined), evaluate);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = new Rng(seed);
        const gp = new GeneticProgramming(space, scorer, rng);
        const a = body(space, sampleUniform(space, rng).sequence);
        const b = body(space, sampleUniform(space, rng).sequence);
        for (const child of [gp.crossover(a, b), gp.mutate(a)]) {
          if (child === null) continue;
          if (child.length + 1 > space.config.maxLength || replay(space, child) === null) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe('GeneticProgramming', () => {
  const space = new TokenSpace();
  const run = async (seed: number) => {
    const { label, evaluate } = fakeWorld();
    const pool = new AlphaPool(label, T, N, undefined, { capacity: 5 });
    const scorer = new CandidateScorer(pool, evaluate);
    const gp = new GeneticProgramming(space, scorer, new Rng(seed), {
      populationSize: 40,
      offerPerGeneration: 3,
    });
    const reports = [];
    for (let g = 0; g < 8; g++) reports.push(await gp.step());
    return { reports, pool, scorer };
  };

  it('improves fitness over generations and fills the pool', async () => {
    const { reports, pool, scorer } = await run(1);
    expect(reports.at(-1)!.bestFitness).toBeGreaterThan(reports[0].bestFitness);
    expect(reports.at(-1)!.bestFitness).toBeGreaterThan(0.5);
    expect(pool.size).toBeGreaterThan(0);
    expect(scorer.stats.memoHits).toBeGreaterThan(0);
  });

  it('is deterministic for a seed', async () => {
    const a = (await run(3)).reports.map((r) => r.bestFormula);
    const b = (await run(3)).reports.map((r) => r.bestFormula);
    expect(a).toEqual(b);
  });
});
