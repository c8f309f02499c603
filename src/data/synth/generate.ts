/**
 * The synthetic market generator: config + seed -> { panel, truth }.
 *
 * Per bar t and asset a, the wanted log price moves by
 *   x = beta_a * f_t + loading_a * g_{t, industry(a)} + e_{t,a}   (market, industry, idiosyncratic)
 *     + S_t * planted_{t-1, a}                                     (planted signals, see signals.ts)
 * with GARCH(1,1) Student-t idiosyncratic shocks and S_t the cross-sectional std of the non-alpha
 * part. The close is the wanted price rounded to the tick and clipped to the exchange limit band;
 * the part of the move a limit holds back is carried to later bars (limit streaks, catch-up after
 * suspensions). Every stream draws the same count whatever the events, so e.g. the market factor
 * path does not depend on the alpha config and the idiosyncratic shocks do not depend on the
 * suspension schedule.
 */
import { AgoraError, Rng } from '../../core/index.js';
import { Panel } from '../panel.js';
import { cnLimitPrices, roundToTick } from '../rules/index.js';
import { type AssetTable, makeAssets, variance } from './assets.js';
import { type BarOut, type Rounder, shapeBar } from './bars.js';
import { makeCalendar } from './calendar.js';
import { barsPerDay, parseSynthConfig, type SynthConfig } from './config.js';
import { type EventTable, makeEvents } from './events.js';
import { demeanIndustries, industryFactorPaths, type MarketPath, marketFactorPath } from './factors.js';
import { garchNext } from './garch.js';
import { LimitTable } from './limits.js';
import { unitStudentT } from './random.js';
import { regimePath } from './regimes.js';
import { applyScenario, scriptRegimes } from './scenario.js';
import { SignalEngine } from './signals.js';
import { industryNames } from './symbols.js';
import type { SynthMarket } from './truth.js';

export interface GenerateOptions {
  seed: number | string;
  /** Preset name, recorded in the truth and the panel's meta.source. */
  preset?: string;
}

export const MAX_CN_ASSETS = 5000;

const BASE_FIELDS = [
  'open',
  'high',
  'low',
  'close',
  'volume',
  'amount',
  'vwap',
  'factor',
  'industry',
  'slippage',
];

export function generateMarket(input: unknown, opts: GenerateOptions): SynthMarket {
  const cfg = parseSynthConfig(input);
  if (cfg.market === 'cn' && cfg.assets > MAX_CN_ASSETS) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `at most ${MAX_CN_ASSETS} synthetic A-share assets, got ${cfg.assets}`,
      {
        hint: `lower --assets to ${MAX_CN_ASSETS} or fewer (the code space per board is limited)`,
      },
    );
  }
  const root = new Rng(opts.seed);
  const bpd = barsPerDay(cfg);
  const dates = makeCalendar(cfg.market, cfg.frequency, cfg.start, cfg.periods);
  const assets = makeAssets(root, cfg, dates[dates.length - 1], bpd);
  const events = makeEvents(root, cfg, assets, dates, bpd);
  const regimes = regimePath(root.stream('regimes'), cfg.regimes, cfg.periods, bpd);
  scriptRegimes(cfg, regimes);
  const market = marketFactorPath(root.stream('market'), cfg, regimes, bpd);
  const M = cfg.industries.count;
  const industry = industryFactorPaths(root.stream('industries'), cfg, cfg.periods, bpd);
  const counts = new Float64Array(M);
  for (const j of assets.industry) counts[j]++;
  demeanIndustries(industry, M, counts);
  const indVar = (cfg.industries.vol * cfg.industries.vol) / bpd;
  const meanLoad2 = assets.loading.reduce((s, l) => s + l * l, 0) / cfg.assets;
  const meanIdio = assets.idioVar.reduce((s, v) => s + v, 0) / cfg.assets;
  applyScenario(cfg, market, { residualVar: meanIdio + meanLoad2 * indVar, betaVar: variance(assets.beta) });
  const b = new Builder(cfg, root, dates, assets, events, market, industry, bpd);
  for (let t = 0; t < cfg.periods; t++) b.step(t);
  return b.finish(opts, regimes);
}

interface Columns {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  amount: Float64Array;
  vwap: Float64Array;
  factor: Float64Array;
  industry: Float64Array;
  slippage: Float64Array;
  isSt: Float64Array | undefined;
}

class Builder {
  private readonly T: number;
  private readonly N: number;
  private readonly M: number;
  readonly fields = new Map<string, Float64Array>();
  private readonly listed: Uint8Array;
  private readonly tradable: Uint8Array;
  private readonly idioRng: Rng;
  private readonly barRng: Rng;
  private readonly volRng: Rng;
  private readonly signals: SignalEngine;
  private readonly limits: LimitTable;
  private readonly round: Rounder;
  private readonly hv: Float64Array;
  private readonly want: Float64Array;
  private readonly prev: Float64Array;
  private readonly x: Float64Array;
  private readonly planted: Float64Array;
  private readonly longVol: Float64Array;
  private readonly logLiquidity: Float64Array;
  private readonly index: Float64Array;
  private readonly cols: Columns;
  private readonly z = new Float64Array(3);
  private readonly bar: BarOut = { open: 0, high: 0, low: 0 };
  private readonly indVar: number;
  private limitHits = 0;
  private onePrice = 0;
  private idxSum = 0;
  private idxCount = 0;

  constructor(
    private readonly cfg: SynthConfig,
    root: Rng,
    private readonly dates: readonly string[],
    private readonly assets: AssetTable,
    private readonly events: EventTable,
    private readonly market: MarketPath,
    private readonly industry: Float64Array,
    private readonly bpd: number,
  ) {
    this.T = cfg.periods;
    this.N = cfg.assets;
    this.M = cfg.industries.count;
    const size = this.T * this.N;
    const names = [...BASE_FIELDS, ...(cfg.market === 'cn' ? ['is_st'] : [])];
    for (const f of names) this.fields.set(f, new Float64Array(size).fill(Number.NaN));
    for (const s of cfg.alphas) this.fields.set(`alpha_${s.name}`, new Float64Array(size).fill(Number.NaN));
    const col = (n: string) => this.fields.get(n) as Float64Array;
    this.cols = {
      open: col('open'),
      high: col('high'),
      low: col('low'),
      close: col('close'),
      volume: col('volume'),
      amount: col('amount'),
      vwap: col('vwap'),
      factor: col('factor'),
      industry: col('industry'),
      slippage: col('slippage'),
      isSt: this.fields.get('is_st'),
    };
    this.listed = new Uint8Array(size);
    this.tradable = new Uint8Array(size);
    this.idioRng = root.stream('idio');
    this.barRng = root.stream('bars');
    this.volRng = root.stream('volume');
    this.signals = new SignalEngine(root, cfg.alphas, this.N, (n) => this.fields.get(n) as Float64Array);
    this.limits = new LimitTable(dates, cfg.market === 'cn' && cfg.limits);
    this.round = cfg.market === 'cn' ? (p) => Math.max(0.01, roundToTick(p)) : (p) => Math.max(1e-8, p);
    this.hv = Float64Array.from(assets.idioVar);
    this.want = new Float64Array(this.N);
    this.prev = new Float64Array(this.N);
    this.x = new Float64Array(this.N);
    this.planted = new Float64Array(this.N);
    this.indVar = (cfg.industries.vol * cfg.industries.vol) / bpd;
    const mVar = (cfg.marketFactor.vol * cfg.marketFactor.vol) / bpd;
    this.longVol = Float64Array.from(assets.beta, (b, a) =>
      Math.sqrt(b * b * mVar + assets.loading[a] ** 2 * this.indVar + assets.idioVar[a]),
    );
    this.logLiquidity = liquidityPath(cfg, this.T);
    this.index = new Float64Array(this.T);
  }

  step(t: number): void {
    const S = this.drawReturns(t);
    if (t > 0) this.signals.contribution(this.planted);
    this.idxSum = 0;
    this.idxCount = 0;
    for (let a = 0; a < this.N; a++) this.barAt(t, a, S);
    const prevLevel = t > 0 ? this.index[t - 1] : 1;
    this.index[t] = prevLevel * (1 + (this.idxCount > 0 ? this.idxSum / this.idxCount : 0));
    this.signals.learn(t, this.cols.close, this.tradable);
    this.signals.observe(t, this.cols.close, this.cols.volume, this.listed);
  }

  /** Non-alpha log returns for every asset (always drawn); returns their cross-sectional std. */
  private drawReturns(t: number): number {
    const { beta, loading, industry: ind, idioVar } = this.assets;
    const f = this.market.f[t];
    const row = t * this.M;
    const df = this.cfg.idio.df;
    const g = this.cfg.idio.garch;
    let n = 0;
    let sum = 0;
    let ss = 0;
    for (let a = 0; a < this.N; a++) {
      const shock = Math.sqrt(this.hv[a]) * unitStudentT(this.idioRng, df);
      this.hv[a] = garchNext(g, idioVar[a], this.hv[a], shock);
      const x = beta[a] * f + loading[a] * this.industry[row + ind[a]] + shock;
      this.x[a] = x;
      if (t >= this.events.ipoBar[a]) {
        n++;
        sum += x;
        ss += x * x;
      }
    }
    return n > 1 ? Math.sqrt(Math.max(0, ss / n - (sum / n) ** 2)) : 0;
  }

  private barAt(t: number, a: number, S: number): void {
    const z = this.z;
    z[0] = this.barRng.normal();
    z[1] = this.barRng.normal();
    z[2] = this.barRng.normal();
    const zv = this.volRng.normal();
    const ipo = this.events.ipoBar[a];
    if (t < ipo) return;
    const i = t * this.N + a;
    const firstBar = t === ipo;
    const prev = firstBar ? this.assets.price0[a] : this.prev[a];
    if (firstBar) this.want[a] = Math.log(prev) + this.events.ipoPop[a] + this.x[a];
    else this.want[a] += this.x[a] + S * this.planted[a];
    this.listed[i] = 1;
    this.writeStatic(i, a);
    const close =
      this.events.suspended[i] === 1 ? this.suspendedBar(i, prev) : this.tradedBar(t, a, i, prev, zv);
    if (!(firstBar && ipo > 0)) {
      this.idxSum += close / prev - 1;
      this.idxCount++;
    }
    this.prev[a] = close;
  }

  private writeStatic(i: number, a: number): void {
    const c = this.cols;
    c.factor[i] = 1;
    c.industry[i] = this.assets.industry[a];
    if (c.isSt) c.isSt[i] = this.events.st[i];
  }

  private suspendedBar(i: number, prev: number): number {
    const c = this.cols;
    c.open[i] = c.high[i] = c.low[i] = c.close[i] = c.vwap[i] = prev;
    c.volume[i] = 0;
    c.amount[i] = 0;
    return prev;
  }

  private tradedBar(t: number, a: number, i: number, prev: number, zv: number): number {
    this.tradable[i] = 1;
    const ipo = this.events.ipoBar[a];
    const daysListed = ipo > 0 ? t - ipo : t + 10_000;
    const pct = this.limits.pct(this.assets.board[a], t, this.events.st[i] === 1, daysListed);
    const lim = Number.isFinite(pct) ? cnLimitPrices(prev, pct) : { up: Number.POSITIVE_INFINITY, down: 0 };
    const wantLog = this.want[a] - Math.log(prev);
    const margin = this.cfg.events.onePriceMargin;
    let close: number;
    let onePrice = false;
    if (wantLog >= Math.log(lim.up / prev)) {
      close = lim.up;
      onePrice = wantLog >= Math.log(lim.up / prev) + margin;
      this.limitHits++;
    } else if (wantLog <= Math.log(lim.down / prev)) {
      close = lim.down;
      onePrice = wantLog <= Math.log(lim.down / prev) - margin;
      this.limitHits++;
    } else {
      close = Math.min(lim.up, Math.max(lim.down, this.round(Math.exp(this.want[a]))));
    }
    const s = this.barVol(t, a);
    if (onePrice) {
      this.onePrice++;
      this.bar.open = this.bar.high = this.bar.low = close;
    } else {
      shapeBar(this.cfg.bars, this.round, prev, close, s, lim.down, lim.up, this.z, this.bar);
    }
    const { open, high, low } = this.bar;
    const c = this.cols;
    c.open[i] = open;
    c.high[i] = high;
    c.low[i] = low;
    c.close[i] = close;
    const vwap = (open + high + low + close) / 4;
    c.vwap[i] = vwap;
    const volume = this.volumeAt(t, a, Math.log(close / prev), s, zv, onePrice, t === ipo && ipo > 0);
    c.volume[i] = volume;
    c.amount[i] = volume * vwap;
    c.slippage[i] = this.slippageAt(volume / this.assets.baseVolume[a]);
    return close;
  }

  /** Current total bar volatility of asset a (market x beta, industry, idiosyncratic GARCH). */
  private barVol(t: number, a: number): number {
    const b = this.assets.beta[a];
    const m = this.market.vol[t];
    return Math.sqrt(b * b * m * m + this.assets.loading[a] ** 2 * this.indVar + this.hv[a]);
  }

  private volumeAt(
    t: number,
    a: number,
    r: number,
    s: number,
    zv: number,
    onePrice: boolean,
    ipo: boolean,
  ): number {
    const v = this.cfg.volume;
    const long = this.longVol[a];
    let lv =
      Math.log(this.assets.baseVolume[a]) +
      v.absReturnElasticity * Math.min(10, Math.abs(r) / long) +
      v.volElasticity * Math.log(s / long) +
      v.noise * zv +
      this.logLiquidity[t];
    if (this.bpd === 24) lv += Math.log(1 + 0.35 * Math.cos((2 * Math.PI * ((t % 24) - 15)) / 24));
    let vol = Math.exp(lv) * (onePrice ? v.onePriceFactor : 1) * (ipo ? 3 : 1);
    if (this.cfg.market === 'cn') vol = Math.max(100, Math.round(vol / 100) * 100);
    return vol;
  }

  /** One-way slippage: thinner than the asset's base volume -> towards max, thicker -> towards min. */
  private slippageAt(volumeRatio: number): number {
    const { min, max } = this.cfg.slippage;
    return min + (max - min) / (1 + volumeRatio * Math.sqrt(volumeRatio));
  }

  finish(opts: GenerateOptions, regimes: Uint8Array): SynthMarket {
    const cfg = this.cfg;
    const names = industryNames(cfg.market, this.M);
    const panel = new Panel({
      dates: this.dates,
      assets: this.assets.symbols,
      fields: this.fields,
      listed: this.listed,
      tradable: this.tradable,
      meta: {
        market: cfg.market,
        frequency: cfg.frequency,
        source: `synthetic:${opts.preset ?? 'custom'}:seed=${opts.seed}`,
        categories: { industry: names },
        notes: panelNotes(cfg),
      },
    });
    const count = (m: Uint8Array) => {
      let c = 0;
      for (let i = 0; i < m.length; i++) c += m[i] & this.listed[i];
      return c;
    };
    return {
      panel,
      truth: {
        seed: opts.seed,
        preset: opts.preset,
        config: cfg,
        streams: streamNames(cfg),
        regimes: { names: cfg.regimes.states.map((s) => s.name), path: regimes },
        market: { factor: this.market.f, vol: this.market.vol },
        industries: { names, ofAsset: this.assets.industry, factor: this.industry },
        betas: this.assets.beta,
        signals: this.signals.truth(this.cols.close, this.tradable),
        index: this.index,
        events: {
          ipoBar: this.events.ipoBar,
          suspendedBars: count(this.events.suspended),
          stBars: count(this.events.st),
          limitHits: this.limitHits,
          onePriceBars: this.onePrice,
          signalSkippedBars: this.signals.skipped,
        },
      },
    };
  }
}

function liquidityPath(cfg: SynthConfig, T: number): Float64Array {
  const out = new Float64Array(T);
  for (const w of cfg.liquidity) {
    const from = Math.floor(w.from * T);
    const to = Math.floor(w.to * T);
    for (let t = from; t < to; t++) out[t] += Math.log(w.multiplier);
  }
  return out;
}

function streamNames(cfg: SynthConfig): string[] {
  return [
    ...(cfg.market === 'cn' ? ['symbols'] : []),
    'assets',
    'events/ipo',
    ...(cfg.market === 'cn' ? ['events/st'] : []),
    'events/suspend',
    'regimes',
    'market',
    'industries',
    'idio',
    'bars',
    'volume',
    ...cfg.alphas.filter((a) => a.kind === 'latent').map((a) => `alpha/${a.name}`),
  ];
}

function panelNotes(cfg: SynthConfig): Record<string, string> {
  return {
    prices:
      cfg.market === 'cn'
        ? 'CNY, unadjusted = adjusted (factor = 1), fen ticks'
        : 'quote currency (USDT), no ticks',
    volume: cfg.market === 'cn' ? 'shares, lots of 100; 0 on suspended days' : 'base units (coins)',
    amount: 'volume x vwap, quote currency',
    vwap: '(open + high + low + close) / 4',
    slippage: `one-way slippage estimate, fraction of price, in [${cfg.slippage.min}, ${cfg.slippage.max}]`,
    industry: 'integer code; names in meta.categories.industry',
    signals: 'alpha_* fields are planted signals; see the truth object and docs/synthetic.md',
  };
}
