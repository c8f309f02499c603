/**
 * IC table for many signals against one label (a factor library): one row per signal with the
 * IC and RankIC summaries and coverage, sortable by any numeric column. The label's per-date
 * ranks are computed once and reused for every signal finite on the same cells.
 */
import { AgoraError } from '../../core/index.js';
import { evaluateSignal } from './evaluate.js';
import { IcScratch, type LabelCache, labelCache } from './ic.js';
import type { EligibleMask, Grid } from './types.js';

export interface NamedSignal {
  name: string;
  values: Float64Array;
}

export interface IcTableRow {
  name: string;
  days: number;
  icMean: number;
  icStd: number;
  icir: number;
  icT: number;
  rankIcMean: number;
  rankIcStd: number;
  rankIcir: number;
  rankIcT: number;
  /** Share of dates with a positive RankIC. */
  rankIcPositive: number;
  coverage: number;
}

export type IcTableColumn = Exclude<keyof IcTableRow, 'name'>;

export const IC_TABLE_COLUMNS: readonly IcTableColumn[] = [
  'days',
  'icMean',
  'icStd',
  'icir',
  'icT',
  'rankIcMean',
  'rankIcStd',
  'rankIcir',
  'rankIcT',
  'rankIcPositive',
  'coverage',
];

export interface IcContext extends Grid {
  label: Float64Array;
  eligible?: EligibleMask;
  horizon?: number;
  minAssets?: number;
}

/** One table row; `cache` must have been built from the same label and eligible mask. */
export function icRow(
  name: string,
  signal: Float64Array,
  ctx: IcContext,
  cache?: LabelCache,
  scratch?: IcScratch,
): IcTableRow {
  const r = evaluateSignal({ ...ctx, signal }, cache, scratch);
  return {
    name,
    days: r.rankIc.days,
    icMean: r.ic.mean,
    icStd: r.ic.std,
    icir: r.ic.icir,
    icT: r.ic.tNW,
    rankIcMean: r.rankIc.mean,
    rankIcStd: r.rankIc.std,
    rankIcir: r.rankIc.icir,
    rankIcT: r.rankIc.tNW,
    rankIcPositive: r.rankIc.positiveShare,
    coverage: r.coverage.overall,
  };
}

/** Sequential IC table (see parallel.ts for the worker-thread version). */
export function icTable(signals: Iterable<NamedSignal>, ctx: IcContext): IcTableRow[] {
  const cache = labelCache(ctx.label, ctx.eligible, ctx);
  const scratch = new IcScratch(ctx.N);
  const rows: IcTableRow[] = [];
  for (const s of signals) rows.push(icRow(s.name, s.values, ctx, cache, scratch));
  return rows;
}

/**
 * Sort rows by a column (descending by default; `abs` sorts by magnitude, for signals whose sign
 * is arbitrary). NaN always sorts last. Returns a new array.
 */
export function sortIcTable(
  rows: readonly IcTableRow[],
  column: IcTableColumn | 'name',
  opts: { ascending?: boolean; abs?: boolean } = {},
): IcTableRow[] {
  if (column !== 'name' && !IC_TABLE_COLUMNS.includes(column)) {
    throw new AgoraError('INVALID_ARGUMENT', `unknown IC table column '${column}'`, {
      hint: `use one of: name, ${IC_TABLE_COLUMNS.join(', ')}`,
    });
  }
  const sign = opts.ascending ? 1 : -1;
  if (column === 'name')
    return [...rows].sort((a, b) => sign * (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const key = (r: IcTableRow) => (opts.abs ? Math.abs(r[column]) : r[column]);
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return sign * (x - y);
  });
}
