/**
 * Synthetic market configuration (zod schema). Every rate, drift and volatility is stated in
 * *daily* units and converted to bars with `barsPerDay` (1 for daily data, 24 for hourly crypto):
 * drift per bar = daily / barsPerDay, volatility per bar = daily / sqrt(barsPerDay), durations in
 * bars = days * barsPerDay. Scenario windows and shocks are given in bars (row indices).
 */
import { parseConfig, z } from '../../core/index.js';

export const REGIME_NAMES = ['bull', 'bear', 'chop', 'crash'] as const;
export type RegimeName = (typeof REGIME_NAMES)[number];

const unit = z.number().min(0).max(1);
const posInt = z.number().int().min(1);

export const regimeSchema = z.object({
  name: z.enum(REGIME_NAMES),
  /** Daily log drift of the market factor while in this regime. */
  drift: z.number().min(-0.5).max(0.5),
  /** Multiplier on the market factor's GARCH volatility. */
  volMultiplier: z.number().positive().max(20),
  /** Expected stay in days (geometric). */
  meanDays: z.number().positive(),
});

export const garchSchema = z.object({
  /** Reaction to the last squared shock. */
  alpha: unit,
  /** Persistence of the last variance. alpha + beta must stay below 1. */
  beta: unit,
});

export const alphaSchema = z.object({
  /** Field name suffix: the signal is exposed as `alpha_<name>`. */
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower_snake_case'),
  /**
   * latent: a hidden Gaussian score exposed only as a field; reversal: rank of minus the
   * `lookback`-day return; volume-price: rank of minus (1-day return x volume / mean volume).
   */
  kind: z.enum(['latent', 'reversal', 'volume-price']),
  /** Intended mean cross-sectional Pearson IC against the `horizon`-bar forward return. */
  ic: z.number().gt(-0.6).lt(0.6),
  /** Forward horizon in bars (only latent signals may use horizon > 1). */
  horizon: posInt.max(60).default(1),
  /** AR(1) persistence of a latent score from one bar to the next. */
  persistence: z.number().min(0).lt(1).default(0),
  /** Window of the observable signals (reversal: return lookback; volume-price: volume mean). */
  lookback: posInt.max(250).default(5),
});

export const trendSchema = z.object({
  /** First bar of the window. */
  start: z.number().int().min(0),
  /** Bars in the window. */
  length: posInt,
  /** Total return of the equal-weighted index over the window (5 = +500%, -0.8 = -80%). */
  totalReturn: z.number().gt(-1),
});

export const shockSchema = z.object({
  /** Bar of the shock. */
  at: z.number().int().min(0),
  /** Market move in that bar (-0.3 = -30%). */
  return: z.number().gt(-1),
  /** Fraction of the move taken back over the rebound bars (0.5 = half). */
  rebound: unit.default(0.5),
  reboundBars: posInt.default(6),
});

export const synthConfigSchema = z
  .object({
    market: z.enum(['cn', 'crypto']).default('cn'),
    frequency: z.enum(['1d', '1h']).default('1d'),
    assets: posInt.max(100_000).default(300),
    /** Number of bars (dates) T. */
    periods: z.number().int().min(2).max(1_000_000).default(1500),
    /** First date (ISO YYYY-MM-DD). A-share calendars skip weekends; crypto runs every day/hour. */
    start: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'ISO date YYYY-MM-DD')
      .default('2015-01-05'),
    /** Enforce exchange price limits (A-shares only). */
    limits: z.boolean().default(true),
    regimes: z
      .object({
        states: z.array(regimeSchema).min(1).max(8),
        /** Row-stochastic jump matrix between states (diagonal ignored); default uniform. */
        next: z.array(z.array(z.number().min(0))).optional(),
        initial: z.number().int().min(0).default(0),
      })
      .default({
        states: [
          { name: 'bull', drift: 0.0012, volMultiplier: 0.9, meanDays: 120 },
          { name: 'bear', drift: -0.0012, volMultiplier: 1.2, meanDays: 80 },
          { name: 'chop', drift: 0, volMultiplier: 0.8, meanDays: 60 },
          { name: 'crash', drift: -0.025, volMultiplier: 2.5, meanDays: 4 },
        ],
        next: [
          [0, 0.35, 0.55, 0.1],
          [0.45, 0, 0.45, 0.1],
          [0.5, 0.4, 0, 0.1],
          [0.2, 0.5, 0.3, 0],
        ],
        initial: 2,
      }),
    marketFactor: z
      .object({
        vol: z.number().positive().default(0.013),
        garch: garchSchema.default({ alpha: 0.08, beta: 0.9 }),
        df: z.number().gt(2).default(5),
      })
      .default({ vol: 0.013, garch: { alpha: 0.08, beta: 0.9 }, df: 5 }),
    industries: z
      .object({
        count: posInt.max(200).default(28),
        vol: z.number().min(0).default(0.007),
        garch: garchSchema.default({ alpha: 0.06, beta: 0.92 }),
        df: z.number().gt(2).default(6),
        loadingSd: z.number().min(0).default(0.25),
      })
      .default({ count: 28, vol: 0.007, garch: { alpha: 0.06, beta: 0.92 }, df: 6, loadingSd: 0.25 }),
    idio: z
      .object({
        /** Median long-run idiosyncratic daily volatility. */
        vol: z.number().positive().default(0.018),
        /** Lognormal dispersion of the per-asset long-run volatility. */
        volDispersion: z.number().min(0).default(0.35),
        garch: garchSchema.default({ alpha: 0.05, beta: 0.93 }),
        df: z.number().gt(2).default(4.5),
        betaSd: z.number().min(0).default(0.3),
      })
      .default({ vol: 0.018, volDispersion: 0.35, garch: { alpha: 0.05, beta: 0.93 }, df: 4.5, betaSd: 0.3 }),
    bars: z
      .object({
        /** Share of the bar's log return realised at the open. */
        gapShare: unit.default(0.3),
        /** Open noise, in units of the bar volatility. */
        gapNoise: z.number().min(0).default(0.3),
        /** High/low excursion beyond max/min(open, close), in units of the bar volatility. */
        rangeScale: z.number().min(0).default(0.6),
      })
      .default({ gapShare: 0.3, gapNoise: 0.3, rangeScale: 0.6 }),
    volume: z
      .object({
        /** Median daily volume (shares or coins) across assets. */
        median: z.number().positive().default(5e6),
        dispersion: z.number().min(0).default(0.8),
        /** Log-volume response to |return| / bar volatility. */
        absReturnElasticity: z.number().min(0).default(0.35),
        /** Log-volume response to log(current vol / long-run vol). */
        volElasticity: z.number().min(0).default(0.8),
        noise: z.number().min(0).default(0.25),
        /** Volume multiplier on one-price limit bars. */
        onePriceFactor: unit.default(0.15),
      })
      .default({
        median: 5e6,
        dispersion: 0.8,
        absReturnElasticity: 0.35,
        volElasticity: 0.8,
        noise: 0.25,
        onePriceFactor: 0.15,
      }),
    alphas: z.array(alphaSchema).max(16).default([]),
    events: z
      .object({
        /** Share of assets listed after the first date (IPO inside the sample). */
        ipoFraction: unit.default(0.25),
        /** First-day log pop of an IPO (mean, sd). */
        ipoPopMean: z.number().default(0.3),
        ipoPopSd: z.number().min(0).default(0.2),
        /** Probability per asset and day that a suspension starts. */
        suspensionRate: unit.default(0.002),
        suspensionMeanDays: z.number().min(1).default(6),
        /** Share of assets with one ST period. */
        stFraction: unit.default(0.05),
        stMeanDays: z.number().min(1).default(200),
        /** A bar is one-price at the limit when the wanted move exceeds the limit by this (log). */
        onePriceMargin: z.number().min(0).default(0.03),
      })
      .default({
        ipoFraction: 0.25,
        ipoPopMean: 0.3,
        ipoPopSd: 0.2,
        suspensionRate: 0.002,
        suspensionMeanDays: 6,
        stFraction: 0.05,
        stMeanDays: 200,
        onePriceMargin: 0.03,
      }),
    /** Liquidity windows (fractions of the sample) that multiply volume. */
    liquidity: z.array(z.object({ from: unit, to: unit, multiplier: z.number().positive() })).default([]),
    /** One-way slippage range (fraction of price) for the `slippage` field; thinner volume = higher. */
    slippage: z
      .object({ min: z.number().min(0).max(0.5), max: z.number().min(0).max(0.5) })
      .default({ min: 0.0005, max: 0.004 }),
    scenario: z
      .object({ trends: z.array(trendSchema).default([]), shocks: z.array(shockSchema).default([]) })
      .default({ trends: [], shocks: [] }),
  })
  .superRefine(checkConsistency);

export type SynthConfig = z.infer<typeof synthConfigSchema>;
export type SynthConfigInput = z.input<typeof synthConfigSchema>;
export type AlphaSpec = SynthConfig['alphas'][number];
export type RegimeSpec = SynthConfig['regimes']['states'][number];

function checkConsistency(c: SynthConfig, ctx: z.RefinementCtx): void {
  const add = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (c.frequency === '1h' && c.market !== 'crypto') add(['frequency'], "hourly bars need market 'crypto'");
  for (const [k, g] of [
    ['marketFactor', c.marketFactor.garch],
    ['industries', c.industries.garch],
    ['idio', c.idio.garch],
  ] as const) {
    if (g.alpha + g.beta >= 1) add([k, 'garch'], 'alpha + beta must be below 1 (stationary variance)');
  }
  if (c.regimes.initial >= c.regimes.states.length) add(['regimes', 'initial'], 'no such state');
  const next = c.regimes.next;
  if (next && (next.length !== c.regimes.states.length || next.some((r) => r.length !== next.length))) {
    add(['regimes', 'next'], 'must be a square matrix with one row per state');
  }
  const names = new Set<string>();
  c.alphas.forEach((a, i) => {
    if (names.has(a.name)) add(['alphas', i, 'name'], `duplicate signal name '${a.name}'`);
    names.add(a.name);
    if (a.kind !== 'latent' && a.horizon !== 1)
      add(['alphas', i, 'horizon'], 'only latent signals take horizon > 1');
  });
  const ic2 = c.alphas.reduce((s, a) => s + a.ic * a.ic, 0);
  if (ic2 >= 0.5) add(['alphas'], `sum of squared ICs is ${ic2.toFixed(3)}; keep it below 0.5`);
  if (c.slippage.min > c.slippage.max) add(['slippage'], 'min must not exceed max');
  c.scenario.trends.forEach((w, i) => {
    if (w.start + w.length > c.periods)
      add(['scenario', 'trends', i], `window ends at bar ${w.start + w.length}, past periods=${c.periods}`);
  });
  c.scenario.shocks.forEach((s, i) => {
    if (s.at + s.reboundBars >= c.periods)
      add(['scenario', 'shocks', i], `shock and rebound end at bar ${s.at + s.reboundBars}, past periods`);
  });
  c.liquidity.forEach((w, i) => {
    if (w.from >= w.to) add(['liquidity', i], 'from must be below to');
  });
}

/** Validate and fill defaults; errors name every offending path. */
export function parseSynthConfig(input: unknown, source = 'synthetic market config'): SynthConfig {
  return parseConfig(synthConfigSchema, input, source);
}

/** Bars per day of a configuration (24 for hourly, 1 for daily). */
export function barsPerDay(c: Pick<SynthConfig, 'frequency'>): number {
  return c.frequency === '1h' ? 24 : 1;
}
