/** Small market builders shared by the eval tests. */
import { Rng } from '../../src/core/index.js';
import { cryptoRules, Panel } from '../../src/data/index.js';
import type { MarketData } from '../../src/eval/index.js';

/** A flat-bar panel from a T x N close matrix (open = high = low = close unless given). */
export function barPanel(
  dates: string[],
  assets: string[],
  close: number[][],
  extra: { open?: number[][]; tradable?: number[][]; market?: 'cn' | 'us' | 'crypto' } = {},
): Panel {
  const flat = (m: number[][]) => Float64Array.from(m.flat());
  const c = flat(close);
  const o = extra.open ? flat(extra.open) : c.slice();
  const high = Float64Array.from(c, (v, i) => Math.max(v, o[i]));
  const low = Float64Array.from(c, (v, i) => Math.min(v, o[i]));
  return new Panel({
    dates,
    assets,
    fields: { open: o, high, low, close: c },
    tradable: extra.tradable ? Uint8Array.from(extra.tradable.flat()) : undefined,
    meta: { market: extra.market ?? 'cn' },
  });
}

/** Random-walk crypto-style market (no limits, fractional lots) with every cell tradable. */
export function randomMarket(seed: number, T: number, N: number, vol = 0.02): MarketData {
  const rng = new Rng(seed);
  const close = new Float64Array(T * N);
  const open = new Float64Array(T * N);
  for (let a = 0; a < N; a++) {
    let p = 100;
    for (let t = 0; t < T; t++) {
      open[t * N + a] = p * (1 + rng.normal(0, vol / 4));
      p *= 1 + rng.normal(0, vol);
      close[t * N + a] = p;
    }
  }
  const ones = new Uint8Array(T * N).fill(1);
  return {
    dates: Array.from({ length: T }, (_, t) => new Date(Date.UTC(2020, 0, 1 + t)).toISOString().slice(0, 10)),
    assets: Array.from({ length: N }, (_, a) => `A${a}/USDT`),
    T,
    N,
    fillPrice: open,
    close,
    canBuy: ones,
    canSell: ones,
    tradable: ones,
    eligible: ones,
    rules: cryptoRules(),
  };
}

/**
 * A market whose day-(t+1) open-to-close return is beta * z[t] + noise, where z[t] is the score
 * published at the close of t (standard normal): a planted edge of known size. Opens equal the
 * previous close, so the fill-to-close return is exactly the planted return.
 */
export function plantedMarket(
  seed: number,
  T: number,
  N: number,
  beta: number,
  vol = 0.02,
): { md: MarketData; scores: Float64Array } {
  const rng = new Rng(seed);
  const scores = new Float64Array(T * N);
  rng.stream('scores').fillNormal(scores);
  const noise = rng.stream('noise');
  const close = new Float64Array(T * N);
  const open = new Float64Array(T * N);
  for (let a = 0; a < N; a++) {
    let p = 100;
    for (let t = 0; t < T; t++) {
      open[t * N + a] = p;
      const z = t > 0 ? scores[(t - 1) * N + a] : 0;
      p *= 1 + beta * z + noise.normal(0, vol);
      close[t * N + a] = p;
    }
  }
  const md = randomMarket(seed, T, N);
  return { md: { ...md, close, fillPrice: open }, scores };
}
