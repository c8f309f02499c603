/**
 * results.json: every number of an eval or backtest run, JSON-safe (typed arrays become arrays,
 * NaN and infinities become null) and re-readable by `agora report` to re-render charts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgoraError } from '../../core/index.js';

export const RESULTS_FILE = 'results.json';

export type Series = (number | null)[];

export interface EvalResults {
  kind: 'eval';
  version: 1;
  created: string;
  config: Record<string, unknown>;
  /** IC / RankIC summaries, coverage, quantiles, stability, decay (all numbers). */
  summary: Record<string, unknown>;
  /** Time-averaged label per quantile group (Q1 = lowest signal). */
  quantileMeans: Series;
  series: { dates: string[]; ic: Series; rankIc: Series; longShort: Series };
  /** Rows of a multi-signal table, when more than one signal was scored. */
  table?: Record<string, unknown>[];
}

export interface BacktestResults {
  kind: 'backtest';
  version: 1;
  created: string;
  config: Record<string, unknown>;
  metrics: Record<string, unknown>;
  blockedByReason: Record<string, number>;
  series: {
    dates: string[];
    equity: Series;
    grossEquity: Series;
    benchmark: Series;
    drawdown: Series;
    turnover: Series;
    costs: Series;
  };
  files: Record<string, string>;
}

export type RunResults = EvalResults | BacktestResults;

/** JSON replacer: typed arrays to plain arrays, non-finite numbers to null. */
export function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : null));
  }
  return value;
}

export function toSeries(x: ArrayLike<number>): Series {
  return Array.from(x, (v) => (Number.isFinite(v) ? v : null));
}

export function fromSeries(s: Series): Float64Array {
  return Float64Array.from(s, (v) => (v === null ? Number.NaN : v));
}

export function writeResults(dir: string, results: RunResults): string {
  const path = join(dir, RESULTS_FILE);
  writeFileSync(path, `${JSON.stringify(results, jsonSafe, 1)}\n`);
  return path;
}

export function readResults(dir: string): RunResults {
  const path = join(dir, RESULTS_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new AgoraError('NOT_FOUND', `cannot read ${RESULTS_FILE}: ${(e as Error).message}`, {
      file: path,
      hint: 'pass a run directory written by `agora eval` or `agora backtest`',
    });
  }
  const r = parsed as Partial<RunResults>;
  if (
    (r.kind !== 'eval' && r.kind !== 'backtest') ||
    r.version !== 1 ||
    !r.series ||
    !Array.isArray(r.series.dates)
  ) {
    throw new AgoraError(
      'DATA_READ',
      `${RESULTS_FILE} is not an Agora eval/backtest result (kind/version/series missing)`,
      {
        file: path,
        hint: 're-run the command that produced it',
      },
    );
  }
  return r as RunResults;
}
