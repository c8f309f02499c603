/**
 * A-share daily price limits as a dated table per board, and limit prices with exchange rounding.
 *
 * | board   | from       | limit | ST limit | no-limit days after listing |
 * |---------|------------|-------|----------|-----------------------------|
 * | main    | 1996-12-16 | 10%   | 5%       | 1 (first day; see below)    |
 * | main    | 2023-04-10 | 10%   | 5%       | 5 (registration IPOs)       |
 * | main    | 2025-07-07 | 10%   | 10%      | 5                           |
 * | chinext | 2009-10-30 | 10%   | 10%      | 1                           |
 * | chinext | 2020-08-24 | 20%   | 20%      | 5                           |
 * | star    | 2019-07-22 | 20%   | 20%      | 5                           |
 * | bse     | 2021-11-15 | 30%   | 30%      | 1                           |
 *
 * Choices (documented in docs/data.md): the rule in force is chosen by the trading date, not by
 * the listing date. A main-board (and pre-2020 ChiNext) first day actually has a +44%/-36% band
 * around the IPO price, which the data does not carry; we treat that first day as unlimited.
 * ChiNext had no ST regime before 2020-08-24, so its ST limit equals the board limit.
 */

import type { CnBoard } from './cn-boards.js';
import { type Dated, ruleOn } from './dated.js';

export interface CnLimitRule extends Dated {
  readonly pct: number;
  readonly stPct: number;
  /** Trading days from the listing day (day 0) that have no limit. */
  readonly noLimitDays: number;
}

export const CN_LIMIT_TABLE: Readonly<Record<CnBoard, readonly CnLimitRule[]>> = {
  main: [
    { from: '1996-12-16', pct: 0.1, stPct: 0.05, noLimitDays: 1 },
    { from: '2023-04-10', pct: 0.1, stPct: 0.05, noLimitDays: 5 },
    { from: '2025-07-07', pct: 0.1, stPct: 0.1, noLimitDays: 5 },
  ],
  chinext: [
    { from: '2009-10-30', pct: 0.1, stPct: 0.1, noLimitDays: 1 },
    { from: '2020-08-24', pct: 0.2, stPct: 0.2, noLimitDays: 5 },
  ],
  star: [{ from: '2019-07-22', pct: 0.2, stPct: 0.2, noLimitDays: 5 }],
  bse: [{ from: '2021-11-15', pct: 0.3, stPct: 0.3, noLimitDays: 1 }],
};

/**
 * The limit as a fraction of the previous close (0.1 = +-10%), or Infinity when no limit applies:
 * before the board's table starts, during the first `noLimitDays` after listing.
 * `daysListed` counts trading days since the listing day (0 on the listing day).
 */
export function cnLimitPct(board: CnBoard, date: string, isST: boolean, daysListed: number): number {
  const rule = ruleOn(CN_LIMIT_TABLE[board], date);
  if (!rule || daysListed < rule.noLimitDays) return Number.POSITIVE_INFINITY;
  return isST ? rule.stPct : rule.pct;
}

/** Round half up to a tick (0.01 CNY), robust to binary representation (10.05*1.1 -> 11.06). */
export function roundToTick(price: number, tick = 0.01): number {
  const perUnit = Math.round(1 / tick);
  return Math.floor(price * perUnit + 0.5 + 1e-6) / perUnit;
}

/**
 * Exchange limit prices from a previous (reference) close: round(prev * (1 +- pct)) to the fen,
 * half up. The lower limit is never below one tick. Infinity pct gives [0, Infinity].
 */
export function cnLimitPrices(prevClose: number, pct: number): { up: number; down: number } {
  if (!Number.isFinite(pct)) return { up: Number.POSITIVE_INFINITY, down: 0 };
  const up = roundToTick(prevClose * (1 + pct));
  const down = Math.max(0.01, roundToTick(prevClose * (1 - pct)));
  return { up, down };
}
