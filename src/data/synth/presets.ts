/**
 * Named synthetic-market presets. Each is a partial config (defaults fill the rest); `--assets`
 * and `--days` override the size (for hourly presets `days` counts days of 24 bars). Stress
 * presets place their scripted window inside the sample so the bars before and after it are an
 * ordinary market to compare against.
 */
import { AgoraError } from '../../core/index.js';
import type { SynthConfigInput } from './config.js';
import { generateMarket } from './generate.js';
import type { SynthMarket } from './truth.js';

export interface SynthPreset {
  name: string;
  summary: string;
  /** What a test (or a user) can check the preset against. */
  target: string;
  config: SynthConfigInput;
}

const NO_EVENTS = {
  ipoFraction: 0.1,
  suspensionRate: 0,
  stFraction: 0,
};

const CRYPTO_BASE = {
  market: 'crypto',
  marketFactor: { vol: 0.04 },
  industries: { count: 8, vol: 0.015 },
  idio: { vol: 0.03 },
  volume: { median: 2e6 },
  events: NO_EVENTS,
  start: '2021-01-01',
} as const satisfies SynthConfigInput;

export const SYNTH_PRESETS: readonly SynthPreset[] = [
  {
    name: 'default',
    summary: 'A-share daily market, 300 assets x 1500 days, mild planted signals',
    target: 'realistic A-share features: boards, limits, suspensions, ST, IPOs, industries',
    config: {
      assets: 300,
      periods: 1500,
      alphas: [
        { name: 'reversal5', kind: 'reversal', ic: 0.03, lookback: 5 },
        { name: 'quality', kind: 'latent', ic: 0.03, horizon: 5, persistence: 0.9 },
      ],
    },
  },
  {
    name: 'planted',
    summary: 'A-share daily market with strong planted alphas, for checking miners',
    target: 'planted signals reach their intended IC (see truth.signals)',
    config: {
      assets: 300,
      periods: 750,
      alphas: [
        { name: 'reversal5', kind: 'reversal', ic: 0.08, lookback: 5 },
        { name: 'volume_price10', kind: 'volume-price', ic: 0.06, lookback: 10 },
        { name: 'latent1', kind: 'latent', ic: 0.1 },
        { name: 'latent5', kind: 'latent', ic: 0.06, horizon: 5, persistence: 0.8 },
      ],
    },
  },
  {
    name: 'crypto-hourly',
    summary: 'crypto 24/7 hourly bars (BTC/USDT ...), 40 pairs x 90 days',
    target: 'hourly ISO timestamps, no limits, intraday volume seasonality',
    config: {
      ...CRYPTO_BASE,
      frequency: '1h',
      assets: 40,
      periods: 90 * 24,
      alphas: [{ name: 'flow', kind: 'latent', ic: 0.04 }],
    },
  },
  {
    name: 'super-bull',
    summary: 'A-share bull run: equal-weighted index +500% over 120 trading days (6 months)',
    target: 'index[179] / index[59] = 6 (+500%)',
    config: {
      assets: 300,
      periods: 240,
      marketFactor: { vol: 0.02 },
      events: NO_EVENTS,
      scenario: { trends: [{ start: 60, length: 120, totalReturn: 5 }] },
    },
  },
  {
    name: 'extreme-bear',
    summary: 'A-share crash: equal-weighted index -80% over 60 trading days (3 months)',
    target: 'index[119] / index[59] = 0.2 (-80%)',
    config: {
      assets: 300,
      periods: 200,
      marketFactor: { vol: 0.025 },
      events: NO_EVENTS,
      scenario: { trends: [{ start: 60, length: 60, totalReturn: -0.8 }] },
    },
  },
  {
    name: 'flash-crash',
    summary: 'crypto hourly: -30% in one hour at bar 200, half of it recovered over 6 hours',
    target: 'index[200] / index[199] = 0.7, index[206] / index[199] = 0.85',
    config: {
      ...CRYPTO_BASE,
      frequency: '1h',
      assets: 40,
      periods: 14 * 24,
      scenario: { shocks: [{ at: 200, return: -0.3, rebound: 0.5, reboundBars: 6 }] },
    },
  },
  {
    name: 'high-vol-chop',
    summary: 'crypto daily, trendless market with about +-20% index moves a day',
    target: 'std of daily index returns about 0.20; index back to its start over the window',
    config: {
      ...CRYPTO_BASE,
      assets: 60,
      periods: 250,
      marketFactor: { vol: 0.2, garch: { alpha: 0, beta: 0 }, df: 6 },
      regimes: { states: [{ name: 'chop', drift: 0, volMultiplier: 1, meanDays: 1e9 }], initial: 0 },
      scenario: { trends: [{ start: 0, length: 250, totalReturn: 0 }] },
    },
  },
  {
    name: 'liquidity-drought',
    summary: 'A-share daily, volume (and depth) at one tenth of normal for the middle 30% of the sample',
    target: 'volume in bars [0.4T, 0.7T) about 0.1 x volume elsewhere; slippage rises there',
    config: {
      assets: 300,
      periods: 500,
      events: NO_EVENTS,
      liquidity: [{ from: 0.4, to: 0.7, multiplier: 0.1 }],
    },
  },
  {
    name: 'high-slippage',
    summary: 'A-share daily with one-way slippage of 2-5% (field `slippage`)',
    target: 'slippage field within [0.02, 0.05] on every traded bar',
    config: {
      assets: 300,
      periods: 500,
      slippage: { min: 0.02, max: 0.05 },
    },
  },
  {
    name: 'regime-flips',
    summary: 'A-share daily, long/short regimes flipping every ~5 days (+-1% a day drift)',
    target: 'frequent bull/bear switches; index rises in bull bars and falls in bear bars',
    config: {
      assets: 300,
      periods: 500,
      events: NO_EVENTS,
      regimes: {
        states: [
          { name: 'bull', drift: 0.01, volMultiplier: 1, meanDays: 5 },
          { name: 'bear', drift: -0.01, volMultiplier: 1.1, meanDays: 5 },
        ],
        next: [
          [0, 1],
          [1, 0],
        ],
        initial: 0,
      },
    },
  },
];

export function listPresets(): { name: string; summary: string; target: string }[] {
  return SYNTH_PRESETS.map(({ name, summary, target }) => ({ name, summary, target }));
}

export interface SizeOverrides {
  assets?: number;
  /** Days; hourly presets get 24 bars per day. */
  days?: number;
}

/** A preset's config with size overrides applied (not yet validated: generateMarket does that). */
export function presetConfig(name: string, size: SizeOverrides = {}): SynthConfigInput {
  const preset = SYNTH_PRESETS.find((p) => p.name === name);
  if (!preset) {
    throw new AgoraError('NOT_FOUND', `unknown synthetic preset '${name}'`, {
      hint: `choose one of: ${SYNTH_PRESETS.map((p) => p.name).join(', ')}`,
    });
  }
  const cfg: SynthConfigInput = { ...preset.config };
  const perDay = cfg.frequency === '1h' ? 24 : 1;
  if (size.assets !== undefined) cfg.assets = size.assets;
  if (size.days !== undefined) cfg.periods = size.days * perDay;
  const need = scriptedBars(cfg);
  if ((cfg.periods ?? 0) < need) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `preset '${name}' scripts bars up to ${need} but --days gives ${cfg.periods}`,
      {
        hint: `use --days ${Math.ceil(need / perDay)} or more`,
      },
    );
  }
  return cfg;
}

/** Bars a config's scripted windows and shocks need. */
function scriptedBars(cfg: SynthConfigInput): number {
  let need = 0;
  for (const w of cfg.scenario?.trends ?? []) need = Math.max(need, w.start + w.length);
  for (const k of cfg.scenario?.shocks ?? []) need = Math.max(need, k.at + (k.reboundBars ?? 6) + 1);
  return need;
}

/** Generate a preset market. */
export function generatePreset(name: string, seed: number | string, size: SizeOverrides = {}): SynthMarket {
  return generateMarket(presetConfig(name, size), { seed, preset: name });
}
