/**
 * Genetic-programming baseline over the same token language: individuals are valid RPN token
 * sequences; tournament selection, subtree crossover (swap featured subtrees), subtree and point
 * mutation, elitism, parsimony pressure. Fitness = |IC| on train - parsimony * length. Each
 * generation's best unseen individuals are offered to the shared pool.
 */
import type { Rng } from '../core/index.js';
import { type RpnBuilder, replay, sampleUniform } from './builder.js';
import { body, featuredNodes, subtreeStarts } from './rpn-tree.js';
import type { CandidateScorer, ParallelEvaluation } from './scorer.js';
import { TokenSpace } from './tokens.js';

export interface GpConfig {
  populationSize: number;
  generations: number;
  tournamentSize: number;
  crossoverProb: number;
  mutationProb: number;
  elite: number;
  parsimony: number;
  /** Best new individuals offered to the pool after each generation. */
  offerPerGeneration: number;
}

export const DEFAULT_GP_CONFIG: GpConfig = {
  populationSize: 200,
  generations: 20,
  tournamentSize: 5,
  crossoverProb: 0.7,
  mutationProb: 0.25,
  elite: 4,
  parsimony: 5e-4,
  offerPerGeneration: 10,
};

interface Individual {
  ids: number[];
  formula: string;
  fitness: number;
  ic: number;
}

export interface GpGenerationReport {
  generation: number;
  bestFitness: number;
  bestFormula: string;
  meanLength: number;
  poolObjective: number;
  poolSize: number;
}

export class GeneticProgramming {
  private readonly space: TokenSpace;
  private readonly scorer: CandidateScorer;
  private readonly rng: Rng;
  readonly config: GpConfig;
  private population: Individual[] = [];
  private readonly offered = new Set<string>();
  private readonly shorter = new Map<number, TokenSpace>();
  generation = 0;

  constructor(space: TokenSpace, scorer: CandidateScorer, rng: Rng, config: Partial<GpConfig> = {}) {
    this.space = space;
    this.scorer = scorer;
    this.rng = rng;
    this.config = { ...DEFAULT_GP_CONFIG, ...config };
  }

  /**
   * Run one generation (initialising the population on the first call). Breeding draws from the
   * generator using the parents' fitness only; the new individuals are then scored together
   * (on the worker pool when `parallel` is given), so results do not depend on the worker count.
   */
  async step(parallel?: ParallelEvaluation): Promise<GpGenerationReport> {
    const next: (Individual | number[])[] =
      this.population.length === 0
        ? Array.from({ length: this.config.populationSize }, () =>
            body(this.space, sampleUniform(this.space, this.rng).sequence),
          )
        : this.breed();
    this.population = await this.scoreAll(next, parallel);
    this.generation++;
    const ranked = [...this.population].sort((a, b) => b.fitness - a.fitness);
    let offered = 0;
    for (const ind of ranked) {
      if (offered >= this.config.offerPerGeneration || !Number.isFinite(ind.fitness)) break;
      if (this.offered.has(ind.formula)) continue;
      this.offered.add(ind.formula);
      this.scorer.offer(ind.formula);
      offered++;
    }
    const pool = this.scorer.pool;
    return {
      generation: this.generation,
      bestFitness: ranked[0].fitness,
      bestFormula: ranked[0].formula,
      meanLength: ranked.reduce((s, i) => s + i.ids.length, 0) / ranked.length,
      poolObjective: pool.objective,
      poolSize: pool.size,
    };
  }

  private async scoreAll(
    next: (Individual | number[])[],
    parallel?: ParallelEvaluation,
  ): Promise<Individual[]> {
    const fresh = next.filter((x): x is number[] => Array.isArray(x));
    const formulas = fresh.map((ids) => (replay(this.space, ids) as RpnBuilder).formula());
    const ics = await this.scorer.icMany(formulas, parallel);
    let k = 0;
    return next.map((x) => {
      if (!Array.isArray(x)) return x;
      const ic = ics[k];
      const formula = formulas[k++];
      const fitness = Number.isFinite(ic)
        ? Math.abs(ic) - this.config.parsimony * x.length
        : Number.NEGATIVE_INFINITY;
      return { ids: x, formula, fitness, ic };
    });
  }

  private breed(): (Individual | number[])[] {
    const sorted = [...this.population].sort((a, b) => b.fitness - a.fitness);
    const next: (Individual | number[])[] = sorted.slice(0, this.config.elite);
    while (next.length < this.config.populationSize) {
      const r = this.rng.uniform();
      const parent = this.tournament();
      let child: number[] | null = null;
      if (r < this.config.crossoverProb) child = this.crossover(parent.ids, this.tournament().ids);
      else if (r < this.config.crossoverProb + this.config.mutationProb) child = this.mutate(parent.ids);
      next.push(child ?? parent);
    }
    return next;
  }

  private tournament(): Individual {
    let best = this.population[this.rng.int(this.population.length)];
    for (let i = 1; i < this.config.tournamentSize; i++) {
      const c = this.population[this.rng.int(this.population.length)];
      if (c.fitness > best.fitness) best = c;
    }
    return best;
  }

  /** Replace a featured subtree of `a` by a featured subtree of `b`; null if the child is invalid. */
  crossover(a: number[], b: number[]): number[] | null {
    const na = featuredNodes(this.space, a);
    const nb = featuredNodes(this.space, b);
    const i = na[this.rng.int(na.length)];
    const j = nb[this.rng.int(nb.length)];
    const sa = subtreeStarts(this.space, a)[i];
    const sb = subtreeStarts(this.space, b)[j];
    return this.valid([...a.slice(0, sa), ...b.slice(sb, j + 1), ...a.slice(i + 1)]);
  }

  /** Subtree mutation (a fresh random subtree) or point mutation (a token of the same kind). */
  mutate(a: number[]): number[] | null {
    if (this.rng.bernoulli(0.5)) {
      const nodes = featuredNodes(this.space, a);
      const i = nodes[this.rng.int(nodes.length)];
      const s = subtreeStarts(this.space, a)[i];
      const room = this.space.config.maxLength - 1 - (a.length - (i + 1 - s));
      if (room < 1) return null;
      const fresh = body(this.space, sampleUniform(this.spaceOfLength(room + 1), this.rng).sequence);
      return this.valid([...a.slice(0, s), ...fresh, ...a.slice(i + 1)]);
    }
    const k = this.rng.int(a.length);
    const t = this.space.token(a[k]);
    const same: number[] = [];
    for (let id = 1; id < this.space.size; id++) {
      const u = this.space.token(id);
      if (u.kind !== t.kind || id === a[k]) continue;
      if (u.kind === 'operator' && t.kind === 'operator' && u.op.shape !== t.op.shape) continue;
      same.push(id);
    }
    if (same.length === 0) return null;
    const child = a.slice();
    child[k] = same[this.rng.int(same.length)];
    return this.valid(child);
  }

  /** The same vocabulary with a shorter maximum length (token ids are identical). */
  private spaceOfLength(maxLength: number): TokenSpace {
    let s = this.shorter.get(maxLength);
    if (!s) {
      s = new TokenSpace({ ...this.space.config, maxLength: Math.max(2, maxLength) });
      this.shorter.set(maxLength, s);
    }
    return s;
  }

  private valid(ids: number[]): number[] | null {
    if (ids.length + 1 > this.space.config.maxLength) return null;
    return replay(this.space, ids) ? ids : null;
  }
}
