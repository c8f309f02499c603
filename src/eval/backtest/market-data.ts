/**
 * Build backtest MarketData from a Panel: fill prices for open / close / VWAP fills, and fill
 * feasibility from the data layer's market rules (limits on unadjusted prices, one-price bars,
 * suspensions). Fill-price choices:
 *   - open: limit check on the open (a bar opening at the upper limit blocks buys);
 *   - close: limit check on the close;
 *   - vwap: the `vwap` field when present, else amount/volume when both exist, else the typical
 *     price (high + low + close) / 3 (declared in `fallback`); only one-price bars block, since a
 *     VWAP order trades through the day.
 */
import { AgoraError } from '../../core/index.js';
import { fillability, type MarketRules, type Panel, rulesFor } from '../../data/index.js';
import type { FillAt, MarketData } from './types.js';

export interface MarketDataOptions {
  fill?: FillAt;
  rules?: MarketRules;
}

export function marketDataFromPanel(
  panel: Panel,
  opts: MarketDataOptions = {},
): MarketData & { fallback?: string } {
  const fill = opts.fill ?? 'open';
  const rules = opts.rules ?? rulesFor(panel.meta.market);
  for (const f of ['open', 'close', 'high', 'low']) {
    if (!panel.hasField(f)) {
      throw new AgoraError('DATA_CONTRACT', `backtest needs a '${f}' field`, {
        column: f,
        hint: 'load OHLC prices into the panel',
      });
    }
  }
  const exec = fill === 'open' ? 'open' : fill === 'close' ? 'close' : 'onePrice';
  const feas = fillability(panel, { rules, exec });
  const { price, fallback } = fillPrices(panel, fill);
  const adjusted = panel.meta.notes?.adjustment === 'backward' && panel.hasField('factor');
  return {
    dates: panel.dates,
    assets: panel.assets,
    T: panel.T,
    N: panel.N,
    fillPrice: price,
    close: panel.field('close'),
    factor: adjusted ? panel.field('factor') : undefined,
    canBuy: feas.canBuy,
    canSell: feas.canSell,
    tradable: panel.tradable,
    eligible: eligibleMask(panel),
    rules,
    fallback,
  };
}

function fillPrices(panel: Panel, fill: FillAt): { price: Float64Array; fallback?: string } {
  if (fill !== 'vwap') return { price: panel.field(fill) };
  if (panel.hasField('vwap')) return { price: panel.field('vwap') };
  const h = panel.field('high');
  const l = panel.field('low');
  const c = panel.field('close');
  const out = new Float64Array(panel.size);
  for (let i = 0; i < out.length; i++) out[i] = (h[i] + l[i] + c[i]) / 3;
  return { price: out, fallback: 'vwap=(high+low+close)/3' };
}

/** Selectable at the close of t: tradable that day and a universe member when a universe is set. */
export function eligibleMask(panel: Panel): Uint8Array {
  const out = new Uint8Array(panel.size);
  const u = panel.universe;
  for (let i = 0; i < out.length; i++)
    out[i] = panel.tradable[i] === 1 && (u === undefined || u[i] === 1) ? 1 : 0;
  return out;
}
