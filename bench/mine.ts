/**
 * Mining benchmark on the real CSI300 panel (cn_stocks_2010_2021.parquet, kdd protocol: CSI300
 * point-in-time universe, 20-day close label, VWAP fallback), loaded once:
 *   1. formula throughput during mining: uniformly sampled formulas (`sampleUniform` from the
 *      AlphaGen token space) offered through a CandidateScorer exactly as the generators do
 *      (evaluate over the panel with the shared node cache -> normalise on train -> IC -> pool
 *      update); evals/s, node-cache hit rate, and the time split between evaluation and pool;
 *   2. evaluation only (no IC, no pool) of the first `--batch` formulas through the engine's
 *      worker-thread batch evaluator with 1 and 2 workers (mining itself evaluates on one thread);
 *   3. wall time per PPO iteration of the default alphagen config (64 envs x 32 steps, LSTM
 *      2 x 128, 4 epochs x 8 minibatches) for a few iterations, with the evaluation share, and
 *      the extrapolated wall time of a 200k-step run.
 * Wall and process CPU times (all threads) are both reported: the machine is shared.
 * Prints one JSON object.
 * Run: npx tsx bench/mine.ts [--formulas 300] [--batch 100] [--iterations 3] [--seed 0]
 */
import { parseArgs } from 'node:util';
import { Rng, sharedDataFile } from '../src/core/index.js';
import { evaluateMany, sharedCache } from '../src/expr/index.js';
import {
  ALPHAGEN_TOKEN_CONFIG,
  AlphaPool,
  CandidateScorer,
  DEFAULT_ALPHAGEN,
  evaluateFormula,
  KDD_LABEL,
  type MiningData,
  partOf,
  prepareMiningData,
  rows,
  runAlphagen,
  sampleUniform,
  TokenSpace,
} from '../src/mine/index.js';
import { initBackend } from '../src/nn/index.js';

const { values: args } = parseArgs({
  options: {
    formulas: { type: 'string' },
    batch: { type: 'string' },
    iterations: { type: 'string' },
    seed: { type: 'string' },
  },
});
const FORMULAS = Number(args.formulas ?? 300);
const BATCH = Number(args.batch ?? 100);
const ITERATIONS = Number(args.iterations ?? 3);
const SEED = Number(args.seed ?? 0);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const round = (x: number, d = 3) => Number(x.toFixed(d));

/** A scorer on the train split whose evaluator records its own time. */
function timedScorer(data: MiningData) {
  const train = partOf(data, 'train');
  const N = data.panel.N;
  const el = data.eligible ? rows(data.eligible, N, train) : undefined;
  const pool = new AlphaPool(rows(data.label, N, train), train.end - train.start, N, el);
  const timing = { evalMs: 0 };
  const scorer = new CandidateScorer(pool, (f) => {
    const t0 = performance.now();
    const v = evaluateFormula(data, f);
    timing.evalMs += performance.now() - t0;
    return v ? rows(v, N, train) : null;
  });
  return { scorer, timing };
}

function cacheCounters() {
  const c = sharedCache().counters;
  return { hits: c.hits, misses: c.misses, evictions: c.evictions };
}

function sampleFormulas() {
  const space = new TokenSpace(ALPHAGEN_TOKEN_CONFIG);
  const rng = new Rng(SEED).stream('bench-formulas');
  return Array.from({ length: FORMULAS }, () => sampleUniform(space, rng));
}

function throughput(data: MiningData) {
  const built = sampleFormulas();
  const formulas = built.map((b) => b.formula());
  const { scorer, timing } = timedScorer(data);
  const c0 = cacheCounters();
  const cpu0 = cpuMs();
  const t0 = performance.now();
  for (const f of formulas) scorer.offer(f);
  const wallMs = performance.now() - t0;
  const c1 = cacheCounters();
  const hits = c1.hits - c0.hits;
  const misses = c1.misses - c0.misses;
  return {
    formulas: FORMULAS,
    distinct: new Set(formulas).size,
    meanTokens: round(built.reduce((s, b) => s + b.sequence.length, 0) / FORMULAS, 1),
    wallSeconds: round(wallMs / 1000, 2),
    cpuSeconds: round((cpuMs() - cpu0) / 1000, 2),
    evalsPerSecond: round((scorer.stats.evaluated / wallMs) * 1000, 2),
    msPerFormula: round(wallMs / FORMULAS, 1),
    evaluationMs: round(timing.evalMs / FORMULAS, 1),
    poolMs: round((wallMs - timing.evalMs) / FORMULAS, 1),
    evaluationShare: round(timing.evalMs / wallMs),
    nodeCache: {
      hits,
      misses,
      hitRate: round(hits / Math.max(1, hits + misses)),
      evictions: c1.evictions - c0.evictions,
      megabytes: round(sharedCache().bytes / 2 ** 20, 1),
    },
    scorer: scorer.stats,
    poolSize: scorer.pool.size,
    poolObjective: round(scorer.pool.objective, 4),
  };
}

/** Evaluation-only throughput of the batch evaluator (fresh worker caches each call). */
async function workers(data: MiningData) {
  const formulas = sampleFormulas()
    .slice(0, BATCH)
    .map((b) => b.formula());
  const out: Record<string, unknown>[] = [];
  for (const jobs of [1, 2]) {
    const cpu0 = cpuMs();
    const t0 = performance.now();
    await evaluateMany(formulas, data.panel, { mode: 'alphagen', vwapFallback: true, jobs });
    const wall = (performance.now() - t0) / 1000;
    out.push({
      jobs,
      formulas: formulas.length,
      wallSeconds: round(wall, 2),
      cpuSeconds: round((cpuMs() - cpu0) / 1000, 2),
      evalsPerSecond: round(formulas.length / wall, 2),
    });
  }
  return out;
}

async function ppo(data: MiningData) {
  await initBackend();
  const { scorer, timing } = timedScorer(data);
  const perIter = DEFAULT_ALPHAGEN.envs * DEFAULT_ALPHAGEN.stepsPerEnv;
  const stamps: { wall: number; cpu: number; evalMs: number; evaluated: number }[] = [];
  const mark = () =>
    stamps.push({
      wall: performance.now(),
      cpu: cpuMs(),
      evalMs: timing.evalMs,
      evaluated: scorer.stats.evaluated,
    });
  mark();
  await runAlphagen(
    {
      space: new TokenSpace(ALPHAGEN_TOKEN_CONFIG),
      scorer,
      rng: new Rng(SEED).stream('mine-alphagen'),
      onRow: () => mark(),
    },
    { ...DEFAULT_ALPHAGEN, steps: ITERATIONS * perIter },
  );
  const iterations = stamps.slice(1).map((s, i) => ({
    wallSeconds: round((s.wall - stamps[i].wall) / 1000, 2),
    cpuSeconds: round((s.cpu - stamps[i].cpu) / 1000, 2),
    formulas: s.evaluated - stamps[i].evaluated,
    evaluationSeconds: round((s.evalMs - stamps[i].evalMs) / 1000, 2),
  }));
  const mean = iterations.reduce((a, x) => a + x.wallSeconds, 0) / iterations.length;
  const later = iterations.length > 1 ? iterations.slice(1) : iterations;
  const meanLater = later.reduce((a, x) => a + x.wallSeconds, 0) / later.length;
  const full = Math.ceil(200_000 / perIter);
  return {
    config: {
      envs: DEFAULT_ALPHAGEN.envs,
      stepsPerEnv: DEFAULT_ALPHAGEN.stepsPerEnv,
      policy: DEFAULT_ALPHAGEN.policy,
    },
    stepsPerIteration: perIter,
    iterations,
    meanIterationSeconds: round(mean, 2),
    meanIterationSecondsAfterFirst: round(meanLater, 2),
    run200k: {
      iterations: full,
      extrapolatedMinutes: round((full * meanLater) / 60, 1),
    },
    poolSize: scorer.pool.size,
  };
}

async function main() {
  const file = sharedDataFile('cn_stocks_2010_2021.parquet');
  if (!file) {
    console.log(
      JSON.stringify({ skipped: 'cn_stocks_2010_2021.parquet not found in the shared data folder' }),
    );
    return;
  }
  const t0 = performance.now();
  const data = await prepareMiningData({
    data: file,
    preset: 'kdd',
    label: KDD_LABEL,
    universe: 'csi300',
    mode: 'alphagen',
    vwapFallback: true,
  });
  const loadSeconds = (performance.now() - t0) / 1000;
  const train = partOf(data, 'train');
  const out = {
    bench: 'mine',
    data: {
      file,
      T: data.panel.T,
      N: data.panel.N,
      trainDates: train.end - train.start,
      loadSeconds: round(loadSeconds, 2),
    },
    mining: throughput(data),
    batchEvaluation: BATCH > 0 ? await workers(data) : undefined,
    ppo: ITERATIONS > 0 ? await ppo(data) : undefined,
  };
  console.log(JSON.stringify(out, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
