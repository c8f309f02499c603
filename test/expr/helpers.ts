/** Test helpers: seeded random panels with NaNs, ties, zeros and suspensions. */
import { Rng } from '../../src/core/index.js';
import { Panel } from '../../src/data/index.js';

export interface RandomPanelOptions {
  T: number;
  N: number;
  seed?: number;
  /** Fraction of cells set to NaN (missing rows). */
  nanRate?: number;
  /** Include vwap/amount columns (default true). */
  withVwap?: boolean;
  withAmount?: boolean;
  universe?: boolean;
}

/** Random-walk OHLCV panel (date-major), with a few NaN cells and zero volumes. */
export function randomPanel(o: RandomPanelOptions): Panel {
  const rng = new Rng(o.seed ?? 1);
  const { T, N } = o;
  const size = T * N;
  const f = {
    open: new Float64Array(size),
    high: new Float64Array(size),
    low: new Float64Array(size),
    close: new Float64Array(size),
    volume: new Float64Array(size),
    vwap: new Float64Array(size),
    amount: new Float64Array(size),
    industry: new Float64Array(size),
  };
  for (let a = 0; a < N; a++) {
    let p = 10 + 5 * rng.uniform();
    for (let t = 0; t < T; t++) {
      const i = t * N + a;
      const o0 = p * (1 + 0.01 * rng.normal());
      p = Math.max(0.5, p * (1 + 0.02 * rng.normal()));
      f.open[i] = o0;
      f.close[i] = p;
      f.high[i] = Math.max(o0, p) * (1 + 0.01 * rng.uniform());
      f.low[i] = Math.min(o0, p) * (1 - 0.01 * rng.uniform());
      f.volume[i] = rng.uniform() < 0.03 ? 0 : Math.round(1000 * rng.uniform()) * 100;
      f.vwap[i] = (f.high[i] + f.low[i] + 2 * p) / 4;
      f.amount[i] = f.vwap[i] * f.volume[i];
      f.industry[i] = a % 3;
    }
  }
  const nanRate = o.nanRate ?? 0.01;
  for (let i = 0; i < size; i++) {
    if (rng.uniform() < nanRate)
      for (const k of ['open', 'high', 'low', 'close', 'vwap'] as const) f[k][i] = Number.NaN;
  }
  const fields: Record<string, Float64Array> = { ...f };
  if (o.withVwap === false) delete fields.vwap;
  if (o.withAmount === false) delete fields.amount;
  let universe: Uint8Array | undefined;
  if (o.universe) {
    universe = new Uint8Array(size);
    for (let i = 0; i < size; i++) universe[i] = rng.uniform() < 0.8 ? 1 : 0;
  }
  const dates = Array.from({ length: T }, (_, t) => `2020-01-${String(t + 1).padStart(4, '0')}`);
  const assets = Array.from({ length: N }, (_, a) => `A${a}`);
  return new Panel({ dates, assets, fields, universe });
}

/** Same bits (NaN equals NaN). */
export function sameBits(a: Float64Array, b: Float64Array, from = 0, to = a.length): boolean {
  for (let i = from; i < to; i++) {
    if (!Object.is(a[i], b[i])) return false;
  }
  return a.length === b.length;
}

/** Formulas of all three dialects used by the worker-thread tests (batch and pool). */
export const BATCH_FORMULAS: readonly string[] = [
  'rank(ts_corr(close, volume, 10))',
  'Mean($close, 20) / $close',
  'ts_rank(close, 10) * rank(delta(volume, 3))',
  'SMA(CLOSE-DELAY(CLOSE,1),6,1)',
  'close / volume',
  'IndNeutralize(returns, IndClass.industry)',
  'ts_argmax(high, 5) - ts_argmin(low, 5)',
  'decay_linear(rank(open), 5)',
];
