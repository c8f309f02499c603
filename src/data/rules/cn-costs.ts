/**
 * A-share trading costs as dated tables.
 *
 * Stamp duty (印花税), a fraction of traded value:
 * | from       | buy   | sell  |
 * |------------|-------|-------|
 * | 2005-01-24 | 0.1%  | 0.1%  |
 * | 2007-05-30 | 0.3%  | 0.3%  |
 * | 2008-04-24 | 0.1%  | 0.1%  |
 * | 2008-09-19 | 0     | 0.1%  |
 * | 2023-08-28 | 0     | 0.05% |
 *
 * Transfer fee (过户费), both sides:
 * | from       | Shanghai                                  | Shenzhen   |
 * |------------|-------------------------------------------|------------|
 * | 2005-01-24 | 0.6 CNY per 1,000 shares, at least 1 CNY  | none       |
 * | 2015-08-01 | 0.002% of value                           | 0.002%     |
 * | 2022-04-29 | 0.001% of value                           | 0.001%     |
 *
 * Commission: broker-set; default 0.025% of value with a 5 CNY minimum per order, both sides,
 * configurable. Exchange handling fees are assumed to be inside the commission.
 */
import { type Dated, requireRuleOn } from './dated.js';

export type Side = 'buy' | 'sell';

export interface StampDutyRule extends Dated {
  readonly buy: number;
  readonly sell: number;
}

export const CN_STAMP_DUTY: readonly StampDutyRule[] = [
  { from: '2005-01-24', buy: 0.001, sell: 0.001 },
  { from: '2007-05-30', buy: 0.003, sell: 0.003 },
  { from: '2008-04-24', buy: 0.001, sell: 0.001 },
  { from: '2008-09-19', buy: 0, sell: 0.001 },
  { from: '2023-08-28', buy: 0, sell: 0.0005 },
];

export interface TransferFeeRule extends Dated {
  /** Fraction of traded value, per exchange. */
  readonly rateSH: number;
  readonly rateSZ: number;
  /** Per-share fee and minimum (Shanghai, before 2015-08-01). */
  readonly perShareSH: number;
  readonly minSH: number;
}

export const CN_TRANSFER_FEE: readonly TransferFeeRule[] = [
  { from: '2005-01-24', rateSH: 0, rateSZ: 0, perShareSH: 0.0006, minSH: 1 },
  { from: '2015-08-01', rateSH: 0.00002, rateSZ: 0.00002, perShareSH: 0, minSH: 0 },
  { from: '2022-04-29', rateSH: 0.00001, rateSZ: 0.00001, perShareSH: 0, minSH: 0 },
];

export interface CommissionConfig {
  /** Fraction of value (default 0.00025 = 0.025%). */
  rate: number;
  /** Minimum per order in CNY (default 5). */
  min: number;
}

export const DEFAULT_CN_COMMISSION: CommissionConfig = { rate: 0.00025, min: 5 };

export interface CostBreakdown {
  commission: number;
  stampDuty: number;
  transferFee: number;
  /** Other market-specific fees (US SEC fee, crypto exchange fee). */
  other: number;
  total: number;
}

export interface Trade {
  symbol: string;
  date: string;
  side: Side;
  price: number;
  shares: number;
}

export function stampDutyRate(date: string, side: Side): number {
  return requireRuleOn(CN_STAMP_DUTY, date, 'stamp duty')[side];
}

export function cnTransferFee(symbol: string, date: string, shares: number, value: number): number {
  const r = requireRuleOn(CN_TRANSFER_FEE, date, 'transfer fee');
  if (symbol.endsWith('.SH')) {
    if (r.perShareSH > 0) return shares > 0 ? Math.max(r.minSH, shares * r.perShareSH) : 0;
    return value * r.rateSH;
  }
  if (symbol.endsWith('.SZ')) return value * r.rateSZ;
  return 0;
}

/** Costs of one A-share order in CNY. A zero-share order costs nothing. */
export function cnTradeCost(
  trade: Trade,
  commission: CommissionConfig = DEFAULT_CN_COMMISSION,
): CostBreakdown {
  const value = Math.abs(trade.shares) * trade.price;
  if (value === 0) return { commission: 0, stampDuty: 0, transferFee: 0, other: 0, total: 0 };
  const comm = Math.max(commission.min, value * commission.rate);
  const stamp = value * stampDutyRate(trade.date, trade.side);
  const transfer = cnTransferFee(trade.symbol, trade.date, Math.abs(trade.shares), value);
  return {
    commission: comm,
    stampDuty: stamp,
    transferFee: transfer,
    other: 0,
    total: comm + stamp + transfer,
  };
}
