/**
 * Panel preparation before computing factors: declared fallbacks (opt-in, recorded) and the
 * benchmark index series broadcast to every asset as `bench_open` / `bench_close`.
 */
import { AgoraError } from '../core/index.js';
import type { Panel } from '../data/index.js';
import type { AvailabilityOptions } from './availability.js';

export interface PreparedPanel {
  panel: Panel;
  /** Fallbacks applied to the panel (names from FALLBACK_DOCS). */
  fallbacks: string[];
}

/**
 * Apply the panel-level fallbacks the caller opted into, only where the panel lacks the real
 * field. (The VWAP fallback is applied by the evaluator itself: `vwapFallback`.)
 */
export function applyFallbacks(panel: Panel, opts: AvailabilityOptions): PreparedPanel {
  const fallbacks: string[] = [];
  let p = panel;
  if (opts.groupFromIndustry && p.hasField('industry')) {
    for (const g of ['sector', 'subindustry']) {
      if (p.hasField(g)) continue;
      p = p.withField(g, p.field('industry'));
      if (!fallbacks.includes('group_from_industry')) fallbacks.push('group_from_industry');
    }
  }
  return { panel: p, fallbacks };
}

/** A benchmark index series: one value per date (ISO dates). */
export interface BenchmarkSeries {
  symbol: string;
  dates: readonly string[];
  open: ArrayLike<number>;
  close: ArrayLike<number>;
}

/**
 * Broadcast a benchmark's open/close to every asset as `bench_open` / `bench_close`, aligned by
 * date. Panel dates the benchmark lacks get NaN (never a carried value); the count is returned.
 */
export function attachBenchmark(
  panel: Panel,
  bench: BenchmarkSeries,
): { panel: Panel; missingDates: number } {
  const index = new Map(bench.dates.map((d, i) => [d, i]));
  const { T, N } = panel;
  const open = new Float64Array(T * N);
  const close = new Float64Array(T * N);
  let missingDates = 0;
  for (let t = 0; t < T; t++) {
    const i = index.get(panel.dates[t]);
    if (i === undefined) missingDates++;
    const o = i === undefined ? Number.NaN : Number(bench.open[i]);
    const c = i === undefined ? Number.NaN : Number(bench.close[i]);
    open.fill(o, t * N, (t + 1) * N);
    close.fill(c, t * N, (t + 1) * N);
  }
  if (missingDates === T) {
    throw new AgoraError('DATA_CONTRACT', `benchmark ${bench.symbol} shares no date with the panel`, {
      hint: 'check that the index file covers the panel dates and uses the same date format (YYYY-MM-DD)',
    });
  }
  const p = panel.withField('bench_open', open).withField('bench_close', close);
  return { panel: p.withMeta({ notes: { ...p.meta.notes, benchmark: bench.symbol } }), missingDates };
}
