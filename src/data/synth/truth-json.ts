/** A JSON-ready view of the ground truth (typed arrays become plain arrays, bars become dates). */
import type { Panel } from '../panel.js';
import type { SynthTruth } from './truth.js';

const round = (x: number, digits = 8) => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : null);

export function truthToJSON(truth: SynthTruth, panel: Panel): Record<string, unknown> {
  const names = truth.regimes.names;
  return {
    seed: truth.seed,
    preset: truth.preset ?? null,
    config: truth.config,
    streams: truth.streams,
    dates: panel.dates,
    assets: panel.assets,
    regimes: Array.from(truth.regimes.path, (s) => names[s]),
    marketFactor: Array.from(truth.market.factor, (x) => round(x)),
    marketVol: Array.from(truth.market.vol, (x) => round(x)),
    index: Array.from(truth.index, (x) => round(x)),
    industries: {
      names: truth.industries.names,
      ofAsset: Object.fromEntries(
        panel.assets.map((s, a) => [s, truth.industries.names[truth.industries.ofAsset[a]]]),
      ),
    },
    betas: Object.fromEntries(panel.assets.map((s, a) => [s, round(truth.betas[a], 6)])),
    signals: truth.signals.map((s) => ({
      ...s,
      loading: round(s.loading),
      gain: round(s.gain, 6),
      realisedIC: round(s.realisedIC, 6),
    })),
    listings: Object.fromEntries(
      panel.assets.flatMap((s, a) => {
        const bar = truth.events.ipoBar[a];
        return bar > 0 ? [[s, panel.dates[bar]]] : [];
      }),
    ),
    events: { ...truth.events, ipoBar: undefined },
  };
}
