/** Inputs, configuration and outputs of the portfolio backtest. */
import type { MarketRules } from '../../data/index.js';

/**
 * Market data aligned on T dates x N assets (date-major). Prices are in one consistent series
 * (e.g. back-adjusted); `factor` converts them to the traded (raw) price: raw = price / factor.
 */
export interface MarketData {
  dates: readonly string[];
  assets: readonly string[];
  T: number;
  N: number;
  /** Price at which orders filled on day t execute (open, close or VWAP of day t). */
  fillPrice: Float64Array;
  /** Close of day t, used to mark positions. */
  close: Float64Array;
  /** Adjustment factor (raw = price / factor); undefined = prices are raw. */
  factor?: Float64Array;
  /** 1 where a buy on day t can fill (tradable, not at the upper limit at the fill price). */
  canBuy: Uint8Array;
  /** 1 where a sell on day t can fill (tradable, not at the lower limit at the fill price). */
  canSell: Uint8Array;
  /** 1 where the asset traded on day t (listed, not suspended); used to name blocked fills. */
  tradable: Uint8Array;
  /** 1 where the asset may be selected at the close of t (point-in-time universe, tradable). */
  eligible: Uint8Array;
  rules: MarketRules;
}

export type FillAt = 'open' | 'close' | 'vwap';

export interface CostConfig {
  /** Adverse price move per fill in basis points (default 0). */
  slippageBps?: number;
  /** Set false to trade without any fees (costs still show slippage when set). */
  fees?: boolean;
}

export interface BacktestConfig {
  /** Starting capital in the market's currency (default 1e7). */
  capital?: number;
  costs?: CostConfig;
  /** Rebalance every h days (default 1). */
  rebalanceEvery?: number;
  /** With h > 1: run h sleeves, each rebalancing on its own day (t mod h), 1/h of capital each. */
  staggered?: boolean;
  /** Skip trades smaller than this fraction of sleeve equity (default 0). */
  minTradeWeight?: number;
}

export interface TradeRecord {
  t: number;
  asset: number;
  sleeve: number;
  /** Signed traded units in raw shares (+ buy, - sell). */
  shares: number;
  /** Raw execution price including slippage. */
  price: number;
  value: number;
  fees: number;
  slippage: number;
}

export type BlockReason = 'limit-up' | 'limit-down' | 'suspended' | 'sell-lock' | 'no-price' | 'cash';

export interface BlockedRecord {
  t: number;
  asset: number;
  sleeve: number;
  side: 'buy' | 'sell';
  reason: BlockReason;
  /** Value the order wanted to trade. */
  value: number;
}

export interface BacktestResult {
  dates: readonly string[];
  assets: readonly string[];
  strategy: string;
  capital: number;
  /** Net equity at each close. */
  equity: Float64Array;
  /** Net equity plus cumulative costs paid (costs added back, not compounded). */
  grossEquity: Float64Array;
  /** Net daily return (NaN on day 0). */
  returns: Float64Array;
  /** Fees + slippage paid each day. */
  costs: Float64Array;
  /** One-sided turnover each day: (bought + sold value) / 2 / previous equity. */
  turnover: Float64Array;
  /** End-of-day weights (T*N, value / equity; negative for shorts). */
  weights: Float64Array;
  trades: TradeRecord[];
  blocked: BlockedRecord[];
  /** Realised P&L of each position reduction (for win rate and payoff). */
  closedPnl: number[];
}
