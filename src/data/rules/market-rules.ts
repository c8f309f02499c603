/**
 * One interface over the markets' rule tables, so that backtests, environments and generators ask
 * "what limit, what lot, what cost" without knowing which market they run on.
 *
 * | market | limits            | settlement   | lots                                   | costs                           |
 * |--------|-------------------|--------------|----------------------------------------|---------------------------------|
 * | cn     | by board/date/ST  | T+1 sell lock| 100 (STAR: 200 min then 1; BSE 100/1)  | commission+min, stamp, transfer |
 * | us     | none              | T+0          | 1 share                                | commission, optional SEC fee    |
 * | crypto | none, trades 24/7 | T+0          | fractional (configurable step)         | maker/taker fee                 |
 */
import type { Market } from '../panel.js';
import { type CnBoard, cnBoard } from './cn-boards.js';
import {
  type CommissionConfig,
  type CostBreakdown,
  cnTradeCost,
  DEFAULT_CN_COMMISSION,
  type Trade,
} from './cn-costs.js';
import { cnLimitPct, cnLimitPrices } from './cn-limits.js';

export interface LotRule {
  /** Smallest buy order, in units (shares, coins). */
  min: number;
  /** Increment above the minimum. */
  step: number;
}

export interface MarketRules {
  readonly market: Market;
  /** Trading days a bought position waits before it may be sold (A-shares: 1, i.e. T+1). */
  readonly sellLockDays: number;
  /** True where the market trades every day and hour (crypto). */
  readonly alwaysOpen: boolean;
  /**
   * Symbols with the same key share one limit table (A-shares: the board), so vectorised code can
   * look limits up once per key and date. 'none' means no limit ever applies.
   */
  limitKey(symbol: string): string;
  /** Limit as a fraction of the previous close; Infinity when the market has no limit. */
  limitPct(symbol: string, date: string, isST: boolean, daysListed: number): number;
  /** Limit prices from the reference previous close. */
  limitPrices(prevClose: number, pct: number): { up: number; down: number };
  lot(symbol: string): LotRule;
  /** Largest valid buy quantity not above `units` (0 when below the minimum lot). */
  roundBuy(symbol: string, units: number): number;
  cost(trade: Trade & { liquidity?: 'maker' | 'taker' }): CostBreakdown;
}

function noLimits(prevClose: number, pct: number): { up: number; down: number } {
  return Number.isFinite(pct) ? cnLimitPrices(prevClose, pct) : { up: Number.POSITIVE_INFINITY, down: 0 };
}

function roundWithLot(lot: LotRule, units: number): number {
  if (!(units >= lot.min)) return 0;
  const steps = Math.floor((units - lot.min) / lot.step + 1e-9);
  return lot.min + steps * lot.step;
}

const CN_LOTS: Readonly<Record<CnBoard, LotRule>> = {
  main: { min: 100, step: 100 },
  chinext: { min: 100, step: 100 },
  star: { min: 200, step: 1 },
  bse: { min: 100, step: 1 },
};

export interface CnRulesConfig {
  commission?: Partial<CommissionConfig>;
}

export function cnRules(config: CnRulesConfig = {}): MarketRules {
  const commission = { ...DEFAULT_CN_COMMISSION, ...config.commission };
  const lot = (symbol: string) => CN_LOTS[cnBoard(symbol) ?? 'main'];
  return {
    market: 'cn',
    sellLockDays: 1,
    alwaysOpen: false,
    limitKey: (symbol) => cnBoard(symbol) ?? 'none',
    limitPct(symbol, date, isST, daysListed) {
      const board = cnBoard(symbol);
      return board ? cnLimitPct(board, date, isST, daysListed) : Number.POSITIVE_INFINITY;
    },
    limitPrices: noLimits,
    lot,
    roundBuy: (symbol, units) => roundWithLot(lot(symbol), units),
    cost: (trade) => cnTradeCost(trade, commission),
  };
}

export interface UsRulesConfig {
  /** Commission per share in USD (default 0). */
  perShare?: number;
  /** Minimum commission per order (default 0). */
  min?: number;
  /** SEC Section 31 fee on sells, fraction of value (default 0: optional, e.g. 27.8e-6). */
  secFeeRate?: number;
}

export function usRules(config: UsRulesConfig = {}): MarketRules {
  const perShare = config.perShare ?? 0;
  const min = config.min ?? 0;
  const sec = config.secFeeRate ?? 0;
  const lot: LotRule = { min: 1, step: 1 };
  return {
    market: 'us',
    sellLockDays: 0,
    alwaysOpen: false,
    limitKey: () => 'none',
    limitPct: () => Number.POSITIVE_INFINITY,
    limitPrices: noLimits,
    lot: () => lot,
    roundBuy: (_s, units) => roundWithLot(lot, units),
    cost(trade) {
      const shares = Math.abs(trade.shares);
      const value = shares * trade.price;
      const commission = shares > 0 ? Math.max(min, shares * perShare) : 0;
      const other = trade.side === 'sell' ? value * sec : 0;
      return { commission, stampDuty: 0, transferFee: 0, other, total: commission + other };
    },
  };
}

export interface CryptoRulesConfig {
  /** Maker fee, fraction of value (default 0.001, Binance spot base tier). */
  maker?: number;
  /** Taker fee, fraction of value (default 0.001). */
  taker?: number;
  /** Quantity step (default 1e-8). */
  step?: number;
}

export function cryptoRules(config: CryptoRulesConfig = {}): MarketRules {
  const maker = config.maker ?? 0.001;
  const taker = config.taker ?? 0.001;
  const lot: LotRule = { min: config.step ?? 1e-8, step: config.step ?? 1e-8 };
  return {
    market: 'crypto',
    sellLockDays: 0,
    alwaysOpen: true,
    limitKey: () => 'none',
    limitPct: () => Number.POSITIVE_INFINITY,
    limitPrices: noLimits,
    lot: () => lot,
    roundBuy: (_s, units) => roundWithLot(lot, units),
    cost(trade) {
      const value = Math.abs(trade.shares) * trade.price;
      const other = value * (trade.liquidity === 'maker' ? maker : taker);
      return { commission: 0, stampDuty: 0, transferFee: 0, other, total: other };
    },
  };
}

/** Default rules for a panel's market (synthetic panels follow A-share rules). */
export function rulesFor(market: Market): MarketRules {
  if (market === 'us') return usRules();
  if (market === 'crypto') return cryptoRules();
  return cnRules();
}
