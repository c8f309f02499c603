/**
 * Command inputs for eval/backtest: a data file into a Panel (optionally restricted to a
 * point-in-time index universe), signals from formulas or factor files, labels, benchmarks, and
 * the number of periods per year.
 */
import { existsSync } from 'node:fs';
import { AgoraError, sharedDataFile } from '../../core/index.js';
import {
  alphagenLabel,
  forwardReturn,
  loadMembership,
  loadPanel,
  membershipMask,
  nextOpenLabel,
  type Panel,
} from '../../data/index.js';
import { evaluate } from '../../expr/index.js';
import { alignByDate, equalWeightReturns, indexReturns } from '../backtest/benchmark.js';
import type { MarketData } from '../backtest/types.js';
import { readFactorColumn } from './factor-file.js';

export interface PanelRequest {
  data: string;
  from?: string;
  to?: string;
  /** 'all' (default), 'csi300' (the shared CSI300 membership file), or a membership CSV path. */
  universe?: string;
  membership?: string;
  /** Drop rows that break a value rule (e.g. high < low) instead of refusing the file. */
  dropBadRows?: boolean;
}

const FILE_RE = /\.(parquet|csv)(:[^/\\]+)?$/i;

export async function loadEvalPanel(req: PanelRequest): Promise<Panel> {
  if (!existsSync(req.data)) {
    throw new AgoraError('NOT_FOUND', `data file not found: ${req.data}`, {
      file: req.data,
      hint: 'pass --data <file.parquet|file.csv>',
    });
  }
  const panel = await loadPanel(req.data, { from: req.from, to: req.to, dropBadRows: req.dropBadRows });
  const u = req.universe ?? 'all';
  if (u === 'all') return panel;
  const file = req.membership ?? (u.toLowerCase().endsWith('.csv') ? u : membershipFileFor(u));
  const intervals = await loadMembership(
    file,
    u.toLowerCase().endsWith('.csv') ? undefined : u.toLowerCase(),
  );
  if (intervals.length === 0) {
    throw new AgoraError('NOT_FOUND', `no membership intervals for universe '${u}' in ${file}`, {
      file,
      hint: 'check the index column of the membership file',
    });
  }
  return panel.withUniverse(membershipMask(panel, intervals));
}

function membershipFileFor(universe: string): string {
  const shared =
    universe.toLowerCase() === 'csi300' ? sharedDataFile('cn_index_membership_2010_2021.csv') : undefined;
  if (shared) return shared;
  throw new AgoraError('NOT_FOUND', `no membership file known for universe '${universe}'`, {
    hint: 'pass --membership <intervals.csv> (columns index,symbol,start_date,end_date) or --universe all',
  });
}

/** A formula (any dialect), or a factor file `file.parquet[:column]` / `file.csv[:column]` aligned to the panel. */
export async function resolveSignal(spec: string, panel: Panel): Promise<Float64Array> {
  if (!FILE_RE.test(spec)) return evaluate(spec, panel);
  const m = /^(.*\.(?:parquet|csv))(?::(.+))?$/i.exec(spec)!;
  if (!existsSync(m[1])) throw new AgoraError('NOT_FOUND', `signal file not found: ${m[1]}`, { file: m[1] });
  return (await readFactorColumn(m[1], m[2], panel)).values;
}

/**
 * 'next-open' (default): open[t+1+h]/open[t+1] - 1, NaN across suspensions (T+1-correct);
 * 'close': close[t+h]/close[t] - 1 (AlphaGen parity); anything else is a label formula that may
 * look forward (e.g. `Ref($close, -20) / $close - 1`).
 */
export function resolveLabel(spec: string | undefined, panel: Panel, horizon: number): Float64Array {
  const s = spec ?? 'next-open';
  if (s === 'next-open') return forwardReturn(panel, nextOpenLabel(horizon));
  if (s === 'close' || s === 'alphagen') return forwardReturn(panel, alphagenLabel(horizon));
  return evaluate(s, panel, { allowFuture: true });
}

/** 'ew' (equal-weight universe), 'csi300' (shared 000300.SH), or `index.parquet:SYMBOL`. */
export async function resolveBenchmark(
  spec: string | undefined,
  panel: Panel,
  md: MarketData,
): Promise<{ name: string; returns: Float64Array }> {
  const s = spec ?? 'ew';
  if (s === 'ew') return { name: 'equal-weight universe', returns: equalWeightReturns(md) };
  let file: string | undefined;
  let symbol: string | undefined;
  if (s === 'csi300') [file, symbol] = [sharedDataFile('cn_index_2010_2021.parquet'), '000300.SH'];
  else [file, symbol] = s.split(/:(?=[^:/\\]+$)/);
  if (!file || !symbol || !existsSync(file)) {
    throw new AgoraError('NOT_FOUND', `benchmark '${s}' not found`, {
      hint: 'use --benchmark ew, csi300, or <index.parquet>:<SYMBOL>',
    });
  }
  const idx = await loadPanel(file, { symbols: [symbol], dropBadRows: true });
  const levels = alignByDate(panel.dates, { dates: idx.dates, values: idx.field('close') });
  return { name: `${symbol} (${file})`, returns: indexReturns(levels) };
}

/** Periods per year from the market and bar frequency (exchange days 252, crypto days 365). */
export function periodsPerYear(panel: Panel): number {
  const crypto = panel.meta.market === 'crypto';
  if (panel.meta.frequency === '1h')
    return crypto ? 365 * 24 : panel.meta.market === 'us' ? 252 * 7 : 252 * 4;
  return crypto ? 365 : 252;
}
