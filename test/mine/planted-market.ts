/** A synthetic market with two planted price/volume alphas and a 1-day-label protocol over it. */
import { generateMarket, type SynthMarket } from '../../src/data/index.js';
import type { ProtocolConfig } from '../../src/mine/index.js';

export interface PlantedSetup {
  market: SynthMarket;
  protocol: ProtocolConfig;
}

/** `assets` x `periods` bars; train to bar `trainEnd`, valid to `validEnd`, test the rest. */
export function plantedMarket(
  assets: number,
  periods: number,
  seed: number,
  trainEnd: number,
  validEnd: number,
): PlantedSetup {
  const market = generateMarket(
    {
      assets,
      periods,
      alphas: [
        { name: 'rev5', kind: 'reversal', ic: 0.1, lookback: 5 },
        { name: 'vp10', kind: 'volume-price', ic: 0.08, lookback: 10 },
      ],
    },
    { seed },
  );
  const d = market.panel.dates;
  const protocol: ProtocolConfig = {
    data: 'synthetic:planted',
    preset: 'custom',
    label: 'Ref($close, -1) / $close - 1',
    universe: 'all',
    train: { to: d[trainEnd] },
    valid: { from: d[trainEnd + 1], to: d[validEnd] },
    test: { from: d[validEnd + 1] },
    mode: 'alphagen',
    vwapFallback: false,
  };
  return { market, protocol };
}
