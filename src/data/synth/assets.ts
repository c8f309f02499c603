/**
 * Static per-asset parameters, drawn from stream `assets` in a fixed order per asset (industry,
 * beta, industry loading, volatility, volume, price), so adding an asset never changes the others'
 * earlier draws. Betas are re-centred to mean exactly 1, so an equal-weighted index follows the
 * market factor.
 */
import type { Rng } from '../../core/index.js';
import { type CnBoard, cnBoard } from '../rules/index.js';
import type { SynthConfig } from './config.js';
import { cnSymbols, cryptoSymbols } from './symbols.js';

export interface AssetTable {
  symbols: string[];
  board: (CnBoard | undefined)[];
  industry: Int32Array;
  beta: Float64Array;
  loading: Float64Array;
  /** Long-run idiosyncratic variance per bar. */
  idioVar: Float64Array;
  /** Median volume per bar (before liquidity windows and seasonality). */
  baseVolume: Float64Array;
  /** First reference price (previous close of bar 0, or the IPO issue price). */
  price0: Float64Array;
}

const CRYPTO_ANCHORS = [30000, 2000, 300];

export function makeAssets(root: Rng, cfg: SynthConfig, lastDate: string, barsPerDay: number): AssetTable {
  const N = cfg.assets;
  const symbols = cfg.market === 'cn' ? cnSymbols(root.stream('symbols'), N, lastDate) : cryptoSymbols(N);
  const rng = root.stream('assets');
  const t: AssetTable = {
    symbols,
    board: symbols.map((s) => (cfg.market === 'cn' ? cnBoard(s) : undefined)),
    industry: new Int32Array(N),
    beta: new Float64Array(N),
    loading: new Float64Array(N),
    idioVar: new Float64Array(N),
    baseVolume: new Float64Array(N),
    price0: new Float64Array(N),
  };
  const M = cfg.industries.count;
  for (let a = 0; a < N; a++) {
    t.industry[a] = rng.int(M);
    t.beta[a] = Math.max(0.2, 1 + cfg.idio.betaSd * rng.normal());
    t.loading[a] = Math.max(0, 1 + cfg.industries.loadingSd * rng.normal());
    const vol = cfg.idio.vol * Math.exp(cfg.idio.volDispersion * rng.normal());
    t.idioVar[a] = (vol * vol) / barsPerDay;
    const zVol = rng.normal();
    const zPrice = rng.normal();
    const price =
      cfg.market === 'cn'
        ? Math.min(300, Math.max(2, 12 * Math.exp(0.6 * zPrice)))
        : a < CRYPTO_ANCHORS.length
          ? CRYPTO_ANCHORS[a] * Math.exp(0.1 * zPrice)
          : Math.exp(Math.log(2) + 2 * zPrice);
    t.price0[a] = price;
    t.baseVolume[a] =
      (cfg.volume.median * Math.exp(cfg.volume.dispersion * zVol) * (10 / price)) / barsPerDay;
  }
  recentre(t.beta);
  return t;
}

function recentre(beta: Float64Array): void {
  let mean = 0;
  for (const b of beta) mean += b;
  mean /= beta.length;
  for (let a = 0; a < beta.length; a++) beta[a] += 1 - mean;
}

/** Cross-sectional variance of the betas. */
export function variance(x: Float64Array): number {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  return s / x.length;
}
