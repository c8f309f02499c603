/**
 * Compute a set of factors over a panel: availability per factor (never a silent substitute),
 * declared fallbacks, evaluation on this thread or on a persistent worker pool, coverage
 * statistics, and a metadata record for the output sidecar. Results are handed to a consumer one
 * by one, in registry order, so memory stays bounded (all outputs of a full library would not fit).
 */
import type { Progress } from '../core/index.js';
import type { Panel } from '../data/index.js';
import { EvaluatorPool, evaluate, type Mode } from '../expr/index.js';
import { type AvailabilityOptions, availability, unavailableReason } from './availability.js';
import { applyFallbacks } from './prepare.js';
import type { FactorEntry } from './registry.js';
import { type CoverageStats, coverage, firstListedRows } from './stats.js';

export interface ComputeOptions extends AvailabilityOptions {
  /**
   * Worker threads (0 = the calling thread). Workers live for the whole call, each with its own
   * node cache; at most 2 x jobs results are in flight, so memory stays bounded. Default 0.
   */
  jobs?: number;
  progress?: Progress;
  /** Receives each computed factor; the array may be reused after the call returns. */
  onFactor?: (entry: FactorEntry, values: Float64Array) => void | Promise<void>;
}

export interface ComputedFactor extends CoverageStats {
  id: string;
  family: string;
  mode: Mode;
  lookback: number;
  flags: readonly string[];
  fallbacks: string[];
  /**
   * This factor's own evaluation time (on its worker with jobs > 0); sub-expressions already
   * cached by earlier factors (on the same thread) are not counted again.
   */
  seconds: number;
}

export interface UnavailableFactor {
  id: string;
  status: string;
  reason: string;
}

export interface ComputeReport {
  computed: ComputedFactor[];
  unavailable: UnavailableFactor[];
  /** Every declared fallback used by at least one computed factor. */
  fallbacks: string[];
  seconds: number;
}

/** Split entries into computable ones and the unavailable ones with their reasons. */
export function partition(
  entries: readonly FactorEntry[],
  panel: Panel,
  opts: AvailabilityOptions,
): { ok: { entry: FactorEntry; fallbacks: string[] }[]; unavailable: UnavailableFactor[] } {
  const ok: { entry: FactorEntry; fallbacks: string[] }[] = [];
  const unavailable: UnavailableFactor[] = [];
  for (const entry of entries) {
    const a = availability(entry, (f) => panel.hasField(f), opts);
    if (a.status === 'ok') ok.push({ entry, fallbacks: a.fallbacks });
    else unavailable.push({ id: entry.id, status: a.status, reason: unavailableReason(entry, a) });
  }
  return { ok, unavailable };
}

export async function computeFactors(
  panel: Panel,
  entries: readonly FactorEntry[],
  opts: ComputeOptions = {},
): Promise<ComputeReport> {
  const start = performance.now();
  const prepared = applyFallbacks(panel, opts);
  const p = prepared.panel;
  const { ok, unavailable } = partition(entries, p, opts);
  const first = firstListedRows(p);
  const computed: ComputedFactor[] = [];
  const used = new Set<string>();
  const emit: Emit = async (entry, fallbacks, values, seconds) => {
    for (const f of fallbacks) used.add(f);
    computed.push(record(entry, fallbacks, coverage(values, p, entry.lookback, first), seconds));
    await opts.onFactor?.(entry, values);
    opts.progress?.tick(1, entry.id);
  };
  if ((opts.jobs ?? 0) === 0) await computeSequential(ok, p, opts, emit);
  else await computeOnWorkers(ok, p, opts, emit);
  for (const f of prepared.fallbacks) used.add(f);
  return { computed, unavailable, fallbacks: [...used].sort(), seconds: (performance.now() - start) / 1000 };
}

type Emit = (entry: FactorEntry, fallbacks: string[], values: Float64Array, seconds: number) => Promise<void>;
type Computable = { entry: FactorEntry; fallbacks: string[] };

/**
 * One thread: factors share the engine's node cache (sub-expressions such as returns,
 * delay(close, 1) or rank(volume) are computed once), and each factor is timed on its own.
 */
async function computeSequential(
  ok: Computable[],
  p: Panel,
  opts: ComputeOptions,
  emit: Emit,
): Promise<void> {
  for (const { entry, fallbacks } of ok) {
    const t0 = performance.now();
    const values = evaluate(entry.expr as NonNullable<FactorEntry['expr']>, p, {
      mode: entry.mode,
      vwapFallback: opts.vwapFallback,
    });
    await emit(entry, fallbacks, values, (performance.now() - t0) / 1000);
  }
}

/**
 * Worker threads that live for the whole library (each keeps the panel and its node cache), a
 * bounded number of factors in flight, results consumed in registry order.
 */
async function computeOnWorkers(ok: Computable[], p: Panel, opts: ComputeOptions, emit: Emit): Promise<void> {
  const pool = new EvaluatorPool(p, opts.jobs as number);
  try {
    await pool.map(
      ok.map((x) => x.entry.expr as NonNullable<FactorEntry['expr']>),
      (i) => ({ mode: ok[i].entry.mode, vwapFallback: opts.vwapFallback }),
      (i, r) => emit(ok[i].entry, ok[i].fallbacks, r.values, r.ms / 1000),
    );
  } finally {
    await pool.close();
  }
}

function record(
  entry: FactorEntry,
  fallbacks: string[],
  stats: CoverageStats,
  seconds: number,
): ComputedFactor {
  return {
    id: entry.id,
    family: entry.family,
    mode: entry.mode,
    lookback: entry.lookback,
    flags: entry.flags,
    fallbacks,
    seconds,
    ...stats,
  };
}
