/**
 * Qlib Alpha360: the last 60 days of close/open/high/low/vwap divided by today's close, and of
 * volume divided by today's volume (6 x 60 = 360 raw normalised lags). Evaluated in qlib mode.
 */
import type { FactorSource } from './types.js';

const PRICES = ['close', 'open', 'high', 'low', 'vwap'] as const;
const LAGS = 60;

function lag(fieldName: string, i: number): string {
  return i === 0 ? fieldName : `ts_ref(${fieldName}, ${i})`;
}

function priceLag(f: string, i: number): FactorSource {
  const F = f.toUpperCase();
  return {
    id: `alpha360_${F}${i}`,
    family: 'alpha360',
    original: `Ref($${f},${i})/$close`,
    formula: `${lag(f, i)} / close`,
    flags: ['qlib_partial_windows'],
  };
}

function volumeLag(i: number): FactorSource {
  return {
    id: `alpha360_VOLUME${i}`,
    family: 'alpha360',
    original: `Ref($volume,${i})/($volume+1e-12)`,
    formula: `${lag('volume', i)} / (volume + 1e-12)`,
    flags: ['qlib_partial_windows'],
  };
}

const lagsDesc = Array.from({ length: LAGS }, (_, k) => LAGS - 1 - k);

export const ALPHA360: readonly FactorSource[] = [
  ...PRICES.flatMap((f) => lagsDesc.map((i) => priceLag(f, i))),
  ...lagsDesc.map(volumeLag),
];
