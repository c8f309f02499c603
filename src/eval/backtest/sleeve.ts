/**
 * One sub-portfolio and its order execution on a fill day. Positions are held in price units
 * (the panel's possibly back-adjusted series): raw shares = units * factor, raw price =
 * price / factor. Orders are sized in raw shares, rounded to the market's lots (odd lots only
 * when a whole long position is sold), priced with slippage and charged the market's fees.
 * Sells execute before buys; buys are scaled down together when cash is short.
 */
import type { LotRule } from '../../data/index.js';
import type { BacktestResult, BlockReason, MarketData } from './types.js';

export interface ExecParams {
  slippage: number;
  fees: boolean;
  minTradeWeight: number;
  /** Lot rule per asset, looked up once (default: asked from the rules per order). */
  lots?: readonly LotRule[];
}

export interface DayLog {
  traded: number;
  costs: number;
}

interface Order {
  a: number;
  /** Raw shares to trade, > 0. */
  qty: number;
  raw: number;
  f: number;
}

export class Sleeve {
  readonly units: Float64Array;
  /** Day index of the last buy per asset (for the sell lock). */
  readonly lastBuy: Int32Array;
  /** Average entry price per unit (price units, fees included) of the open position. */
  readonly avgCost: Float64Array;
  cash: number;
  pending: Float64Array | null = null;
  readonly target: Float64Array;

  constructor(
    readonly id: number,
    N: number,
    capital: number,
  ) {
    this.units = new Float64Array(N);
    this.lastBuy = new Int32Array(N).fill(-(1 << 30));
    this.avgCost = new Float64Array(N);
    this.target = new Float64Array(N);
    this.cash = capital;
  }

  /** Equity valuing each position at `price` (falling back to `last` where price is not finite). */
  equity(price: Float64Array, row: number, last: Float64Array): number {
    let e = this.cash;
    const u = this.units;
    for (let a = 0; a < u.length; a++) {
      if (u[a] === 0) continue;
      const p = price[row + a];
      e += u[a] * (Number.isFinite(p) ? p : last[a]);
    }
    return e;
  }
}

/** Execute `targets` (weights of sleeve equity; NaN = keep) on day t. */
export function executeDay(
  s: Sleeve,
  targets: Float64Array,
  t: number,
  md: MarketData,
  last: Float64Array,
  p: ExecParams,
  out: BacktestResult,
): DayLog {
  const row = t * md.N;
  const equity = s.equity(md.fillPrice, row, last);
  const sells: Order[] = [];
  const buys: Order[] = [];
  for (let a = 0; a < md.N; a++) {
    const w = targets[a];
    if (Number.isNaN(w)) continue;
    const price = md.fillPrice[row + a];
    const ref = Number.isFinite(price) ? price : last[a];
    const delta = w * equity - s.units[a] * ref;
    if (!(Math.abs(delta) > Math.max(1e-9 * Math.abs(equity), p.minTradeWeight * Math.abs(equity)))) continue;
    const side = delta > 0 ? 'buy' : 'sell';
    const reason = blockReason(s, md, a, t, side, price);
    if (reason) {
      out.blocked.push({ t, asset: a, sleeve: s.id, side, reason, value: Math.abs(delta) });
      continue;
    }
    const f = md.factor ? md.factor[row + a] : 1;
    const raw = price / f;
    const order = sizeOrder(lotOf(md, p, a), a, s.units[a] * f, (w * equity) / raw, raw, f);
    if (order) (side === 'buy' ? buys : sells).push(order);
  }
  const log: DayLog = { traded: 0, costs: 0 };
  for (const o of sells) fill(s, o, -1, t, md, p, out, log);
  scaleBuys(s, buys, t, md, p);
  for (const o of buys) fill(s, o, 1, t, md, p, out, log);
  return log;
}

function blockReason(
  s: Sleeve,
  md: MarketData,
  a: number,
  t: number,
  side: 'buy' | 'sell',
  price: number,
): BlockReason | undefined {
  const i = t * md.N + a;
  if (md.tradable[i] !== 1) return 'suspended';
  if (!(price > 0)) return 'no-price';
  if (side === 'buy') return md.canBuy[i] === 1 ? undefined : 'limit-up';
  if (md.canSell[i] !== 1) return 'limit-down';
  if (s.units[a] > 0 && t - s.lastBuy[a] < md.rules.sellLockDays) return 'sell-lock';
  return undefined;
}

function lotOf(md: MarketData, p: ExecParams, a: number): LotRule {
  return p.lots ? p.lots[a] : md.rules.lot(md.assets[a]);
}

/** Largest valid buy quantity not above `units` under a lot rule (0 below the minimum). */
export function roundBuy(lot: LotRule, units: number): number {
  if (!(units >= lot.min)) return 0;
  return lot.min + Math.floor((units - lot.min) / lot.step + 1e-9) * lot.step;
}

/** Raw-share quantity between the current and desired raw positions, on lots. */
function sizeOrder(
  lot: LotRule,
  a: number,
  cur: number,
  desired: number,
  raw: number,
  f: number,
): Order | undefined {
  let qty: number;
  if (desired > cur) {
    qty = cur >= 0 ? roundBuy(lot, desired - cur) : floorTo(desired - cur, lot.step);
  } else if (desired === 0 && cur > 0) {
    qty = cur; // whole position: odd lots allowed
  } else {
    qty = floorTo(cur - desired, lot.step);
  }
  return qty > 0 ? { a, qty, raw, f } : undefined;
}

function floorTo(x: number, step: number): number {
  return Math.floor(x / step + 1e-9) * step;
}

function feesOf(
  md: MarketData,
  o: Order,
  side: 'buy' | 'sell',
  t: number,
  px: number,
  p: ExecParams,
): number {
  if (!p.fees) return 0;
  return md.rules.cost({ symbol: md.assets[o.a], date: md.dates[t], side, price: px, shares: o.qty }).total;
}

function scaleBuys(s: Sleeve, buys: Order[], t: number, md: MarketData, p: ExecParams): void {
  let need = 0;
  for (const o of buys) {
    const px = o.raw * (1 + p.slippage);
    need += o.qty * px + feesOf(md, o, 'buy', t, px, p);
  }
  if (need <= s.cash || need === 0) return;
  const scale = Math.max(0, s.cash / need) * (1 - 1e-9);
  for (const o of buys) {
    const symbol = md.assets[o.a];
    const cur = s.units[o.a] * o.f;
    o.qty =
      cur >= 0 ? md.rules.roundBuy(symbol, o.qty * scale) : floorTo(o.qty * scale, md.rules.lot(symbol).step);
  }
}

function fill(
  s: Sleeve,
  o: Order,
  sign: 1 | -1,
  t: number,
  md: MarketData,
  p: ExecParams,
  out: BacktestResult,
  log: DayLog,
): void {
  const side = sign > 0 ? 'buy' : 'sell';
  const px = o.raw * (1 + sign * p.slippage);
  let fees = feesOf(md, o, side, t, px, p);
  if (sign > 0 && o.qty * px + fees > s.cash) {
    o.qty = roundBuy(lotOf(md, p, o.a), (o.qty * Math.max(0, s.cash)) / (o.qty * px + fees));
    fees = feesOf(md, o, side, t, px, p);
    if (o.qty <= 0 || o.qty * px + fees > s.cash) {
      out.blocked.push({ t, asset: o.a, sleeve: s.id, side, reason: 'cash', value: o.qty * px });
      return;
    }
  }
  if (o.qty <= 0) return;
  const value = o.qty * px;
  const du = (sign * o.qty) / o.f;
  bookPnl(s, o.a, du, px * o.f, fees, out);
  s.units[o.a] += du;
  if (Math.abs(s.units[o.a]) < 1e-12) s.units[o.a] = 0;
  s.cash -= sign * value + fees;
  if (sign > 0) s.lastBuy[o.a] = t;
  const slip = o.qty * o.raw * p.slippage;
  out.trades.push({
    t,
    asset: o.a,
    sleeve: s.id,
    shares: sign * o.qty,
    price: px,
    value,
    fees,
    slippage: slip,
  });
  log.traded += value;
  log.costs += fees + slip;
}

/** Average-cost book: opening adds to the basis, reducing realises P&L (fees included). */
function bookPnl(
  s: Sleeve,
  a: number,
  du: number,
  unitPrice: number,
  fees: number,
  out: BacktestResult,
): void {
  const u = s.units[a];
  if (u === 0 || Math.sign(u) === Math.sign(du)) {
    const nu = u + du;
    s.avgCost[a] = (u * s.avgCost[a] + du * unitPrice + Math.sign(du) * fees) / nu;
    return;
  }
  const closed = Math.min(Math.abs(du), Math.abs(u));
  out.closedPnl.push(Math.sign(u) * closed * (unitPrice - s.avgCost[a]) - fees);
  const rest = Math.abs(du) - closed;
  if (rest > 0) s.avgCost[a] = unitPrice; // flipped side: the remainder opens at this price
}
