/** The ground truth a synthetic market was built from, kept apart from the panel. */
import type { RegimeName, SynthConfig } from './config.js';
import type { PlantedSignalTruth } from './signals.js';

export interface SynthTruth {
  seed: number | string;
  preset?: string;
  /** The resolved configuration (defaults filled in). */
  config: SynthConfig;
  /** Named RNG streams the generator drew from (see docs/synthetic.md). */
  streams: readonly string[];
  regimes: { names: readonly RegimeName[] /** state index per bar */; path: Uint8Array };
  market: {
    /** Market factor log return per bar, scenario overrides included. */
    factor: Float64Array;
    /** Market factor volatility per bar (GARCH x regime multiplier). */
    vol: Float64Array;
  };
  industries: {
    names: readonly string[];
    /** Industry code per asset (also the `industry` field). */
    ofAsset: Int32Array;
    /** Industry factor log returns, T x M date-major. */
    factor: Float64Array;
  };
  betas: Float64Array;
  signals: readonly PlantedSignalTruth[];
  /** Equal-weighted index level per bar (1 before bar 0), from the generated closes. */
  index: Float64Array;
  events: {
    ipoBar: Int32Array;
    suspendedBars: number;
    stBars: number;
    limitHits: number;
    onePriceBars: number;
    /** Dates whose horizon-1 signal combination was skipped (warm-up or degenerate). */
    signalSkippedBars: number;
  };
}

export interface SynthMarket {
  panel: import('../panel.js').Panel;
  truth: SynthTruth;
}
