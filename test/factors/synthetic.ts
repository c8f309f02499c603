/**
 * A small synthetic panel for factor tests, from a seeded Rng: random-walk prices rounded to
 * the cent (ties in time), a pair of assets with identical volume (ties across assets), late
 * listings (NaN before IPO), suspended days (volume 0, flat prices), isolated missing volumes,
 * a row missing altogether, group codes, market cap and a benchmark index.
 */
import { Rng } from '../../src/core/index.js';
import { Panel } from '../../src/data/index.js';

export interface SyntheticOptions {
  T?: number;
  N?: number;
  seed?: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function syntheticPanel(opts: SyntheticOptions = {}): Panel {
  const T = opts.T ?? 320;
  const N = opts.N ?? 10;
  const rng = new Rng(opts.seed ?? 7);
  const f = () => new Float64Array(T * N).fill(Number.NaN);
  const F = Object.fromEntries(
    ['open', 'high', 'low', 'close', 'volume', 'vwap', 'amount', 'cap'].map((k) => [k, f()]),
  ) as Record<string, Float64Array>;
  const listed = new Uint8Array(T * N);
  for (let a = 0; a < N; a++) fillAsset(F, listed, a, T, N, rng.stream(`asset${a}`));
  // Ties across assets: asset 6 trades exactly the volume of asset 5.
  for (let t = 0; t < T; t++)
    if (listed[t * N + 6] && listed[t * N + 5]) F.volume[t * N + 6] = F.volume[t * N + 5];
  const groups = groupFields(T, N);
  const bench = benchmark(T, N, rng.stream('bench'));
  const dates = Array.from({ length: T }, (_, t) =>
    new Date(Date.UTC(2015, 0, 1 + t)).toISOString().slice(0, 10),
  );
  const assets = Array.from({ length: N }, (_, a) => `A${String(a).padStart(2, '0')}`);
  return new Panel({ dates, assets, fields: { ...F, ...groups, ...bench }, listed });
}

function fillAsset(
  F: Record<string, Float64Array>,
  listed: Uint8Array,
  a: number,
  T: number,
  N: number,
  rng: Rng,
): void {
  const ipo = a === N - 1 ? 100 : a === N - 2 ? 40 : 0;
  const shares = 1e6 * (1 + a);
  let prev = 5 + 10 * rng.uniform();
  for (let t = ipo; t < T; t++) {
    const i = t * N + a;
    if (a === 2 && t === 150) continue; // a row missing altogether
    listed[i] = 1;
    const suspended = (a === 1 && t >= 200 && t < 206) || rng.uniform() < 0.02;
    if (suspended) {
      F.open[i] = F.high[i] = F.low[i] = F.close[i] = F.vwap[i] = prev;
      F.volume[i] = 0;
      F.amount[i] = 0;
    } else {
      const open = round2(prev * Math.exp(0.01 * rng.normal()));
      const close = round2(open * Math.exp(0.02 * rng.normal()));
      F.open[i] = open;
      F.close[i] = close;
      F.high[i] = round2(Math.max(open, close) * (1 + 0.01 * Math.abs(rng.normal())));
      F.low[i] = round2(Math.min(open, close) * (1 - 0.01 * Math.abs(rng.normal())));
      F.volume[i] = 100 * Math.round(1000 * Math.exp(0.5 * rng.normal()));
      F.vwap[i] = F.low[i] + (F.high[i] - F.low[i]) * rng.uniform();
      F.amount[i] = F.vwap[i] * F.volume[i];
      prev = close;
    }
    if (a === 3 && (t === 120 || t === 121)) F.volume[i] = Number.NaN; // missing volume, prices present
    F.cap[i] = F.close[i] * shares;
  }
}

function groupFields(T: number, N: number): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {
    industry: new Float64Array(T * N),
    sector: new Float64Array(T * N),
    subindustry: new Float64Array(T * N),
  };
  for (let i = 0; i < T * N; i++) {
    const a = i % N;
    out.industry[i] = a % 3;
    out.sector[i] = a % 2;
    out.subindustry[i] = a % 4;
  }
  return out;
}

function benchmark(T: number, N: number, rng: Rng): Record<string, Float64Array> {
  const open = new Float64Array(T * N);
  const close = new Float64Array(T * N);
  let level = 3000;
  for (let t = 0; t < T; t++) {
    const o = level * Math.exp(0.005 * rng.normal());
    const c = o * Math.exp(0.01 * rng.normal());
    open.fill(o, t * N, (t + 1) * N);
    close.fill(c, t * N, (t + 1) * N);
    level = c;
  }
  return { bench_open: open, bench_close: close };
}
