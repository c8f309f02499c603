/**
 * `agora mine`: resolve the protocol, build the shared pool and scorer, run one generator, then
 * score the best pool once on train / valid / test and write the run directory:
 * config.json, metrics.jsonl, checkpoints/, pool.json, alpha.parquet (combined signal) and
 * report.html (IC charts and a top-K backtest of the combined alpha on the test split).
 */
import { join } from 'node:path';
import { AgoraError, createProgress, Rng } from '../core/index.js';
import type { Panel } from '../data/index.js';
import { EvaluatorPool, parse, print, printQlib } from '../expr/index.js';
import { initBackend } from '../nn/index.js';
import { loadTrainState, saveTrainState, type TrainState } from '../rl/index.js';
import { codeVersion, newRunId, RunDirectory } from '../runs/index.js';
import {
  type AlphagenOptions,
  type AlphagptOptions,
  DEFAULT_ALPHAGEN,
  DEFAULT_ALPHAGPT,
  type GeneratorContext,
  type MiningMethod,
  runAlphagen,
  runAlphagpt,
  runGp,
} from './generators.js';
import type { GpConfig } from './gp.js';
import { AlphaPool, DEFAULT_POOL_CONFIG, type PoolConfig, type PoolSnapshot } from './pool.js';
import {
  evaluateFormula,
  type MiningData,
  type PartSlice,
  type ProtocolConfig,
  partOf,
  prepareMiningData,
  rows,
} from './protocol.js';
import { writeMiningReport } from './report.js';
import { dataRecord, writeSignalParquet } from './run-files.js';
import { type PoolScore, scorePool } from './score.js';
import { CandidateScorer, type ParallelEvaluation } from './scorer.js';
import { TokenSpace, type TokenSpaceConfig } from './tokens.js';

export interface MineOptions {
  method: MiningMethod;
  protocol: ProtocolConfig;
  pool: Partial<PoolConfig>;
  tokens: TokenSpaceConfig;
  seed: number;
  /** gp: evaluate each generation on this many persistent worker threads (0 = this thread). */
  jobs?: number;
  /** Budget: env steps (alphagen), policy updates (alphagpt) or generations (gp). */
  steps?: number;
  gp?: Partial<GpConfig>;
  alphagen?: Partial<AlphagenOptions>;
  alphagpt?: Partial<AlphagptOptions>;
  /** An in-memory panel to mine instead of loading `protocol.data` (which then only names it). */
  panel?: Panel;
  /** Run directory; default runs/<method>-<time>-s<seed>. */
  out?: string;
  /** Continue the run in `out` from its last checkpoint. */
  resume?: boolean;
  checkpointEvery?: number;
  quiet?: boolean;
}

export interface MineResult {
  dir: string;
  pool: PoolSnapshot;
  score: PoolScore;
  stats: CandidateScorer['stats'];
  seconds: number;
}

interface PoolCheckpoint {
  iteration: number;
  members: string[];
  best: PoolSnapshot;
}

export async function runMining(o: MineOptions): Promise<MineResult> {
  const t0 = performance.now();
  const data = await prepareMiningData(o.protocol, o.panel);
  const space = new TokenSpace(o.tokens);
  const poolConfig = { ...DEFAULT_POOL_CONFIG, ...o.pool };
  const train = partOf(data, 'train');
  const N = data.panel.N;
  const pool = new AlphaPool(
    rows(data.label, N, train),
    train.end - train.start,
    N,
    sub(data.eligible, N, train),
    poolConfig,
  );
  // The search only ever reads train rows: evaluate on the dates up to the end of train (a
  // zero-copy slice; operators are causal, so train values are the same as on the full panel).
  const search: MiningData = { ...data, panel: data.panel.sliceDates(0, train.end) };
  const scorer = new CandidateScorer(pool, (f) => {
    const v = evaluateFormula(search, f);
    return v ? rows(v, N, train) : null;
  });
  const run = await openRun(o, data, poolConfig);
  const resume = o.resume ? restore(run, scorer) : undefined;
  if (o.method !== 'gp') await initBackend();
  const ctx: GeneratorContext = {
    space,
    scorer,
    rng: new Rng(o.seed).stream(`mine-${o.method}`),
    progress: createProgress({
      label: `mine ${o.method}`,
      unit: o.method === 'gp' ? 'gen' : 'iter',
      silent: o.quiet,
    }),
    onRow: (row) => run.appendMetric(row),
    resume,
  };
  const parallel =
    o.method === 'gp' && (o.jobs ?? 0) > 0 ? parallelOn(search, train, o.jobs as number) : undefined;
  try {
    await runGenerator(o, ctx, run, pool, parallel);
  } finally {
    await parallel?.pool.close();
  }
  const snapshot = pool.best;
  const score = scorePool(data, snapshot, poolConfig.objective);
  const seconds = (performance.now() - t0) / 1000;
  run.appendMetric({ kind: 'result', step: -1, seconds, ...scorer.stats, combined: score.combined });
  run.writeJson('pool.json', poolJson(snapshot, score, data, poolConfig));
  await writeSignalParquet(run.file('alpha.parquet'), data, score.combinedValues);
  await writeMiningReport(run, data, score);
  return { dir: run.path, pool: snapshot, score, stats: scorer.stats, seconds };
}

/** Worker-pool evaluation over the search panel, scored on the train rows. */
function parallelOn(search: MiningData, train: PartSlice, jobs: number): ParallelEvaluation {
  return {
    pool: new EvaluatorPool(search.panel, jobs),
    options: { mode: search.config.mode, eligibility: 'universe', vwapFallback: search.fallbacks.length > 0 },
    toTrain: (v) => rows(v, search.panel.N, train),
  };
}

function sub(mask: Uint8Array | undefined, N: number, p: PartSlice): Uint8Array | undefined {
  return mask ? rows(mask, N, p) : undefined;
}

async function openRun(o: MineOptions, data: MiningData, poolConfig: PoolConfig): Promise<RunDirectory> {
  const dir = o.out ?? join('runs', newRunId(`mine-${o.method}`, o.seed));
  if (o.resume) return RunDirectory.open(dir);
  return RunDirectory.create(dir, {
    command: 'mine',
    config: {
      method: o.method,
      protocol: o.protocol,
      split: data.split.toJSON(),
      horizon: data.horizon,
      fallbacks: data.fallbacks,
      pool: poolConfig,
      tokens: o.tokens,
      steps: o.steps,
      gp: o.gp,
      alphagen: o.alphagen,
      alphagpt: o.alphagpt,
    },
    seeds: { seed: o.seed },
    data: [await dataRecord(o.protocol.data, o.panel)],
    code: codeVersion(),
    createdAt: new Date().toISOString(),
  });
}

async function runGenerator(
  o: MineOptions,
  ctx: GeneratorContext,
  run: RunDirectory,
  pool: AlphaPool,
  parallel: ParallelEvaluation | undefined,
): Promise<void> {
  const every = o.checkpointEvery ?? 5;
  const ckptDir = run.file('checkpoints');
  if (o.method === 'gp') {
    if (o.resume) {
      throw new AgoraError('RUN_STATE', 'resume is supported for the alphagen and alphagpt methods only', {
        hint: 'start a new gp run (gp runs take minutes)',
      });
    }
    await runGp(ctx, { ...o.gp, ...(o.steps ? { generations: o.steps } : {}) }, parallel);
    return;
  }
  ctx.checkpoint = {
    every,
    save: (state, algo) => {
      const ck: PoolCheckpoint = {
        iteration: state.iteration,
        members: pool.members().map((m) => m.formula),
        best: pool.best,
      };
      run.writeJson('checkpoints/pool.json', ck);
      saveTrainState(ckptDir, algo, state);
    },
  };
  if (o.method === 'alphagen') {
    await runAlphagen(ctx, { ...DEFAULT_ALPHAGEN, ...o.alphagen, ...(o.steps ? { steps: o.steps } : {}) });
  } else {
    await runAlphagpt(ctx, { ...DEFAULT_ALPHAGPT, ...o.alphagpt, ...(o.steps ? { steps: o.steps } : {}) });
  }
}

/** Rebuild the pool from the last checkpoint and return the trainer state to resume from. */
function restore(run: RunDirectory, scorer: CandidateScorer): TrainState {
  const state = loadTrainState(run.file('checkpoints'));
  if (!state || !run.has('checkpoints/pool.json')) {
    throw new AgoraError('RUN_STATE', `run ${run.path} has no checkpoint to resume from`, {
      hint: 'start it again without --resume',
    });
  }
  const ck = run.readJson<PoolCheckpoint>('checkpoints/pool.json');
  if (ck.iteration !== state.iteration) {
    throw new AgoraError(
      'RUN_STATE',
      `checkpoint mismatch: pool at iteration ${ck.iteration}, trainer at ${state.iteration}`,
    );
  }
  for (const f of ck.members) scorer.offer(f);
  scorer.pool.restoreBest(ck.best);
  run.truncateMetricsAfter(state.envSteps, ['result']);
  return state;
}

function poolJson(snapshot: PoolSnapshot, score: PoolScore, data: MiningData, config: PoolConfig) {
  return {
    objective: config.objective,
    trainObjective: snapshot.objective,
    split: data.split.toJSON(),
    label: data.config.label,
    fallbacks: data.fallbacks,
    alphas: score.alphas.map((a) => {
      const ast = parse(a.formula);
      return {
        formula: print(ast),
        alphagen: a.formula,
        qlib: printQlib(ast),
        weight: a.weight,
        ...a.scores,
      };
    }),
    combined: score.combined,
  };
}
