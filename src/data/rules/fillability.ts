/**
 * Vectorised fill feasibility over a panel: per (date, asset), could a buy or a sell have filled?
 *
 * Limits are computed on unadjusted prices. When the panel's prices are back-adjusted
 * (`meta.notes.adjustment === 'backward'` and a `factor` field), raw = adjusted / factor, and the
 * exchange's reference previous close is `close_adj[t-1] / factor[t]` (the previous close in
 * today's share terms, i.e. ex-rights on ex-dates), rounded to the fen. A `preclose` field, when
 * present, is used instead. A row is blocked for buys when the execution price sits at the upper
 * limit, for sells when it sits at the lower limit (within half a fen: the data is float32). A
 * price beyond the band shows that no limit applied that day (e.g. the first day after a
 * restructuring suspension, which the data does not flag): such rows are not blocked.
 *   - exec 'close' (default): the close is at the limit;
 *   - exec 'open': the open is at the limit;
 *   - exec 'onePrice': only one-price bars block (low at the upper limit / high at the lower).
 * Suspended rows (panel.tradable = 0) block both sides.
 */
import { daysSinceListing } from '../calendar.js';
import type { Panel } from '../panel.js';
import { type MarketRules, rulesFor } from './market-rules.js';

export type ExecPrice = 'close' | 'open' | 'onePrice';

export interface FillabilityOptions {
  rules?: MarketRules;
  exec?: ExecPrice;
  /** Listing dates per symbol; default: the first listed row, except a first row on the panel's
   * first date, which counts as listed long before (no IPO no-limit window). */
  listingDates?: Readonly<Record<string, string>>;
  /** Price tolerance in currency units (default 0.005). */
  tol?: number;
}

export interface Fillability {
  canBuy: Uint8Array;
  canSell: Uint8Array;
  /** 1 where the close is at the upper / lower limit. */
  limitUp: Uint8Array;
  limitDown: Uint8Array;
  /** Limit prices in raw currency (NaN where no limit or no reference close). */
  upPrice: Float64Array;
  downPrice: Float64Array;
}

const NO_PRICE = Number.NaN;

interface RowInputs {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  factor: Float64Array | undefined;
  preclose: Float64Array | undefined;
  st: Float64Array | undefined;
}

function inputs(panel: Panel): RowInputs {
  const adjusted = panel.meta.notes?.adjustment === 'backward' && panel.hasField('factor');
  const opt = (n: string) => (panel.hasField(n) ? panel.field(n) : undefined);
  return {
    open: panel.field('open'),
    high: panel.field('high'),
    low: panel.field('low'),
    close: panel.field('close'),
    factor: adjusted ? panel.field('factor') : undefined,
    preclose: opt('preclose'),
    st: opt('is_st'),
  };
}

/** Limit fractions per key, date and ST flag, computed once per key and date. */
function limitRows(panel: Panel, rules: MarketRules, keys: string[]): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  const sample = new Map<string, string>();
  panel.assets.forEach((s, a) => {
    if (!sample.has(keys[a])) sample.set(keys[a], s);
  });
  for (const [key, symbol] of sample) {
    const arr = new Float64Array(panel.T * 2);
    for (let t = 0; t < panel.T; t++) {
      const d = panel.dates[t];
      arr[2 * t] = key === 'none' ? Number.POSITIVE_INFINITY : rules.limitPct(symbol, d, false, 1 << 30);
      arr[2 * t + 1] = key === 'none' ? Number.POSITIVE_INFINITY : rules.limitPct(symbol, d, true, 1 << 30);
    }
    out.set(key, arr);
  }
  return out;
}

export function fillability(panel: Panel, options: FillabilityOptions = {}): Fillability {
  const rules = options.rules ?? rulesFor(panel.meta.market);
  const exec = options.exec ?? 'close';
  const tol = options.tol ?? 0.005;
  const { T, N, tradable } = panel;
  const x = inputs(panel);
  const keys = panel.assets.map((s) => rules.limitKey(s));
  const pcts = limitRows(panel, rules, keys);
  const pctOf = keys.map((k) => pcts.get(k)!);
  const days = daysSinceListing(panel, options.listingDates);
  const size = T * N;
  const res: Fillability = {
    canBuy: new Uint8Array(size),
    canSell: new Uint8Array(size),
    limitUp: new Uint8Array(size),
    limitDown: new Uint8Array(size),
    upPrice: new Float64Array(size).fill(NO_PRICE),
    downPrice: new Float64Array(size).fill(NO_PRICE),
  };
  const lastClose = new Float64Array(N).fill(Number.NaN);
  for (let t = 0; t < T; t++) {
    const row = t * N;
    for (let a = 0; a < N; a++) {
      const i = row + a;
      const f = x.factor ? x.factor[i] : 1;
      const prevRef = x.preclose ? x.preclose[i] : lastClose[a] / f;
      if (Number.isFinite(x.close[i])) lastClose[a] = x.close[i];
      if (tradable[i] !== 1) continue;
      res.canBuy[i] = 1;
      res.canSell[i] = 1;
      const isST = x.st !== undefined && x.st[i] === 1;
      let pct = pctOf[a][2 * t + (isST ? 1 : 0)];
      if (Number.isFinite(pct) && days[i] < 10)
        pct = rules.limitPct(panel.assets[a], panel.dates[t], isST, days[i]);
      if (!Number.isFinite(pct) || !(prevRef > 0)) continue;
      const lim = rules.limitPrices(Math.round(prevRef * 100) / 100, pct);
      res.upPrice[i] = lim.up;
      res.downPrice[i] = lim.down;
      const close = x.close[i] / f;
      if (Math.abs(close - lim.up) <= tol) res.limitUp[i] = 1;
      if (Math.abs(close - lim.down) <= tol) res.limitDown[i] = 1;
      const buyAt = exec === 'close' ? close : exec === 'open' ? x.open[i] / f : x.low[i] / f;
      const sellAt = exec === 'close' ? close : exec === 'open' ? x.open[i] / f : x.high[i] / f;
      if (Math.abs(buyAt - lim.up) <= tol) res.canBuy[i] = 0;
      if (Math.abs(sellAt - lim.down) <= tol) res.canSell[i] = 0;
    }
  }
  return res;
}
