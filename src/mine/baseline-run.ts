/**
 * `agora mine baseline`: resolve the mining protocol, compute one baseline (baselines.ts) and
 * write a run directory like the miners': config.json, metrics.jsonl (one result row),
 * baseline.json (pool.json-compatible `combined` scores per split, read by `agora mine compare`)
 * and alpha.parquet (the baseline signal, NaN outside the universe).
 */
import { join } from 'node:path';
import { createProgress } from '../core/index.js';
import type { Panel } from '../data/index.js';
import { codeVersion, newRunId, RunDirectory } from '../runs/index.js';
import {
  BASELINE_METHOD,
  type BaselineComputeOptions,
  type BaselineKind,
  type BestFactorResult,
  bestSingleFactor,
  DEFAULT_RIDGE_GRID,
  type RidgeResult,
  ridgeCombination,
} from './baselines.js';
import { type MiningData, type ProtocolConfig, prepareMiningData } from './protocol.js';
import { dataRecord, writeSignalParquet } from './run-files.js';
import type { PartScore } from './score.js';

export interface BaselineOptions extends Omit<BaselineComputeOptions, 'progress'> {
  kind: BaselineKind;
  protocol: ProtocolConfig;
  /** An in-memory panel instead of loading `protocol.data` (which then only names it). */
  panel?: Panel;
  /** Run directory; default runs/mine-baseline-<kind>-<time>-s0. */
  out?: string;
  quiet?: boolean;
}

export interface BaselineRunResult {
  dir: string;
  method: string;
  combined: Record<string, PartScore>;
  /** The chosen factor (best-factor) or the chosen ridge strength and feature count (ridge158). */
  summary: string;
  seconds: number;
}

export async function runBaseline(o: BaselineOptions): Promise<BaselineRunResult> {
  const t0 = performance.now();
  const data = await prepareMiningData(o.protocol, o.panel);
  const method = BASELINE_METHOD[o.kind];
  const run = await openRun(o, data, method);
  const progress = createProgress({ label: `mine baseline ${o.kind}`, unit: 'factor', silent: o.quiet });
  const opts: BaselineComputeOptions = { factors: o.factors, ridgeGrid: o.ridgeGrid, jobs: o.jobs, progress };
  const result =
    o.kind === 'best-factor' ? await bestSingleFactor(data, opts) : await ridgeCombination(data, opts);
  progress.done();
  const seconds = (performance.now() - t0) / 1000;
  const body = 'sign' in result ? bestFactorJson(result) : ridgeJson(result);
  run.writeJson('baseline.json', {
    method,
    kind: o.kind,
    split: data.split.toJSON(),
    label: data.config.label,
    fallbacks: data.fallbacks,
    // Fallbacks the library factors used (factor registry names, e.g. vwap_hlc3).
    factorFallbacks: result.fallbacks,
    ...body,
    unavailable: result.unavailable,
    combined: result.scores,
  });
  run.appendMetric({ kind: 'result', step: -1, seconds, combined: result.scores });
  await writeSignalParquet(run.file('alpha.parquet'), data, result.values);
  const summary =
    'sign' in result
      ? `${result.sign < 0 ? '-' : ''}${result.id} (of ${result.candidates.length} factors)`
      : `${result.features.length} features, lambda ${result.lambda}`;
  return { dir: run.path, method, combined: result.scores, summary, seconds };
}

function bestFactorJson(r: BestFactorResult) {
  const best = r.candidates.find((c) => c.id === r.id);
  return {
    choice: {
      id: r.id,
      formula: r.formula,
      sign: r.sign,
      validIc: best?.validIc,
      validRankIc: best?.validRankIc,
    },
    alphas: [{ formula: r.formula, id: r.id, weight: r.sign, ...r.scores }],
    candidates: r.candidates,
  };
}

function ridgeJson(r: RidgeResult) {
  return {
    choice: { lambda: r.lambda, rows: r.rows, features: r.features.length },
    grid: r.grid,
    weights: r.features.map((id, k) => ({ id, weight: r.weights[k] })),
  };
}

async function openRun(o: BaselineOptions, data: MiningData, method: string): Promise<RunDirectory> {
  const dir = o.out ?? join('runs', newRunId(`mine-baseline-${o.kind}`, 0));
  return RunDirectory.create(dir, {
    command: 'mine baseline',
    config: {
      method,
      kind: o.kind,
      protocol: o.protocol,
      split: data.split.toJSON(),
      horizon: data.horizon,
      fallbacks: data.fallbacks,
      factors: o.factors ? o.factors.map((f) => f.id) : 'default',
      ridgeGrid: o.kind === 'ridge158' ? (o.ridgeGrid ?? DEFAULT_RIDGE_GRID) : undefined,
    },
    seeds: {},
    data: [await dataRecord(o.protocol.data, o.panel)],
    code: codeVersion(),
    createdAt: new Date().toISOString(),
  });
}
