/**
 * Listing, ST and suspension schedules, each from its own stream:
 * - `events/ipo`: per asset one uniform (IPO or listed before the start), one uniform (IPO bar)
 *   and one normal (first-day pop). Assets on boards that opened inside the sample (STAR, ChiNext)
 *   list no earlier than the board's first day. IPOs fall in [1, T - tail].
 * - `events/st` (A-shares only): per asset one uniform (has an ST period), one for its start (at
 *   least 60 bars after listing) and one for its geometric length.
 * - `events/suspend`: per asset, geometric gaps between suspension starts (rate per bar) and
 *   geometric lengths. Never on an IPO bar. Suspended bars are flagged only while listed.
 */
import type { Rng } from '../../core/index.js';
import type { AssetTable } from './assets.js';
import type { SynthConfig } from './config.js';
import { boardOpens } from './symbols.js';

export interface EventTable {
  /** First listed bar (0 = listed before the sample starts). */
  ipoBar: Int32Array;
  /** First-bar log pop over the issue price (0 for assets listed before the start). */
  ipoPop: Float64Array;
  /** T x N: 1 on ST bars. */
  st: Uint8Array;
  /** T x N: 1 on suspended bars. */
  suspended: Uint8Array;
}

function geometric(rng: Rng, mean: number): number {
  return Math.max(1, Math.ceil(-Math.log(1 - rng.uniform()) * mean));
}

export function makeEvents(
  root: Rng,
  cfg: SynthConfig,
  assets: AssetTable,
  dates: readonly string[],
  bpd: number,
): EventTable {
  const N = cfg.assets;
  const T = dates.length;
  const ev = cfg.events;
  const ipoBar = new Int32Array(N);
  const ipoPop = new Float64Array(N);
  const tail = Math.max(1, Math.min(60 * bpd, Math.floor(T / 5)));
  const ipo = root.stream('events/ipo');
  for (let a = 0; a < N; a++) {
    const isIpo = ipo.uniform() < ev.ipoFraction;
    const u = ipo.uniform();
    const pop = ipo.normal();
    const opens = boardOpens(assets.symbols[a]);
    const lo = Math.max(1, opens ? firstOnOrAfter(dates, opens) : 1);
    const hi = Math.max(lo, T - tail);
    if (isIpo || (opens && opens > dates[0])) {
      ipoBar[a] = Math.min(T - 1, lo + Math.floor(u * (hi - lo + 1)));
      ipoPop[a] = cfg.market === 'cn' ? ev.ipoPopMean + ev.ipoPopSd * pop : 0;
    }
  }
  return {
    ipoBar,
    ipoPop,
    st: stMask(root, cfg, ipoBar, T, bpd),
    suspended: suspensionMask(root, cfg, ipoBar, T, bpd),
  };
}

function firstOnOrAfter(dates: readonly string[], day: string): number {
  let i = 0;
  while (i < dates.length && dates[i] < day) i++;
  return i;
}

function stMask(root: Rng, cfg: SynthConfig, ipoBar: Int32Array, T: number, bpd: number): Uint8Array {
  const N = ipoBar.length;
  const st = new Uint8Array(T * N);
  if (cfg.market !== 'cn') return st;
  const rng = root.stream('events/st');
  for (let a = 0; a < N; a++) {
    const has = rng.uniform() < cfg.events.stFraction;
    const u = rng.uniform();
    const len = geometric(rng, cfg.events.stMeanDays * bpd);
    const from = ipoBar[a] + 60 * bpd;
    if (!has || from >= T) continue;
    const start = from + Math.floor(u * (T - from));
    for (let t = start; t < Math.min(T, start + len); t++) st[t * N + a] = 1;
  }
  return st;
}

function suspensionMask(root: Rng, cfg: SynthConfig, ipoBar: Int32Array, T: number, bpd: number): Uint8Array {
  const N = ipoBar.length;
  const sus = new Uint8Array(T * N);
  const rate = cfg.events.suspensionRate / bpd;
  if (rate <= 0) return sus;
  const rng = root.stream('events/suspend');
  for (let a = 0; a < N; a++) {
    let t = geometric(rng, 1 / rate);
    while (t < T) {
      const len = geometric(rng, cfg.events.suspensionMeanDays * bpd);
      for (let s = Math.max(t, ipoBar[a] + 1); s < Math.min(T, t + len); s++) sus[s * N + a] = 1;
      t += len + geometric(rng, 1 / rate);
    }
  }
  return sus;
}
