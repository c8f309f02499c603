/**
 * Compute a set of factors over a panel: availability per factor (never a silent substitute),
 * declared fallbacks, batched evaluation (worker threads via the engine's evaluateMany), coverage
 * statistics, and a metadata record for the output sidecar. Results are handed to a consumer
 * batch by batch so memory stays bounded (all outputs of a full library would not fit).
 */
import type { Progress } from '../core/index.js';
import type { Panel } from '../data/index.js';
import { evaluate, evaluateMany, type Mode } from '../expr/index.js';
import { type AvailabilityOptions, availability, unavailableReason } from './availability.js';
import { applyFallbacks } from './prepare.js';
import type { FactorEntry } from './registry.js';
import { type CoverageStats, coverage, firstListedRows } from './stats.js';

export interface ComputeOptions extends AvailabilityOptions {
  /** Worker threads (0 = evaluate on the calling thread). Default 0. */
  jobs?: number;
  /** Factors per evaluateMany call; bounds memory (each result is T*N float64). Default 32. */
  batchSize?: number;
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
   * With jobs = 0: this factor's own evaluation time (sub-expressions already cached by earlier
   * factors are not counted again). With jobs > 0: its batch's wall time / the batch size.
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
  const batchSize = Math.max(1, opts.batchSize ?? 32);
  const emit: Emit = async (entry, fallbacks, values, seconds) => {
    for (const f of fallbacks) used.add(f);
    computed.push(record(entry, fallbacks, coverage(values, p, entry.lookback, first), seconds));
    await opts.onFactor?.(entry, values);
    opts.progress?.tick(1, entry.id);
  };
  if ((opts.jobs ?? 0) === 0) await computeSequential(ok, p, opts, emit);
  else await computeBatched(ok, p, opts, batchSize, emit);
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

/** Worker threads, `batchSize` factors of one mode per evaluateMany call (bounded memory). */
async function computeBatched(
  ok: Computable[],
  p: Panel,
  opts: ComputeOptions,
  batchSize: number,
  emit: Emit,
): Promise<void> {
  for (const mode of ['canonical', 'qlib', 'alphagen'] as const) {
    const group = ok.filter((x) => x.entry.mode === mode);
    for (let b = 0; b < group.length; b += batchSize) {
      const batch = group.slice(b, b + batchSize);
      const t0 = performance.now();
      const exprs = batch.map((x) => x.entry.expr as NonNullable<FactorEntry['expr']>);
      const values = await evaluateMany(exprs, p, { mode, jobs: opts.jobs, vwapFallback: opts.vwapFallback });
      const seconds = (performance.now() - t0) / 1000 / batch.length;
      for (let k = 0; k < batch.length; k++)
        await emit(batch[k].entry, batch[k].fallbacks, values[k], seconds);
    }
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
