/**
 * Training metrics as typed rows appended to `metrics.jsonl` (one JSON object per line, flushed
 * per row so a crashed run keeps what it logged). Non-finite numbers are written as null
 * (JSON has no NaN), and every row carries its kind, iteration and wall time.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AgoraError } from '../core/index.js';

export interface TrainRow {
  kind: 'ppo' | 'reinforce';
  iteration: number;
  /** Env steps collected so far (all copies). */
  envSteps: number;
  /** Env steps per second over this iteration (collection + update). */
  stepsPerSec: number;
  /** Mean, min and max return of episodes finished in this iteration's rollout. */
  episodeReturnMean: number;
  episodeReturnMin: number;
  episodeReturnMax: number;
  episodeLengthMean: number;
  episodes: number;
  /** Mean per-step reward over the rollout. */
  rewardMean: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  clipFraction: number;
  gradNorm: number;
  explainedVariance: number;
  lr: number;
  time: string;
}

export interface MetricsSink {
  write(row: TrainRow): void;
}

export class MetricsWriter implements MetricsSink {
  constructor(readonly path: string) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (e) {
      throw new AgoraError('DATA_WRITE', `cannot create the folder for ${path}: ${(e as Error).message}`, {
        file: path,
        hint: 'check the run directory path and its permissions',
      });
    }
  }

  write(row: TrainRow): void {
    appendFileSync(this.path, `${JSON.stringify(row, finiteOrNull)}\n`);
  }
}

/** Keeps rows in memory (tests, in-process callers). */
export class MemoryMetrics implements MetricsSink {
  readonly rows: TrainRow[] = [];
  write(row: TrainRow): void {
    this.rows.push(row);
  }
}

function finiteOrNull(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}

/** Mean/min/max of a list (NaN when empty). */
export function summarise(xs: readonly number[]): { mean: number; min: number; max: number } {
  if (xs.length === 0) return { mean: Number.NaN, min: Number.NaN, max: Number.NaN };
  let s = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const x of xs) {
    s += x;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return { mean: s / xs.length, min: lo, max: hi };
}
