/**
 * Declarations that travel with a data file: units of ambiguous columns, the market, and whether
 * prices are back-adjusted. Units are declared, never guessed. Sources, later ones winning:
 *   1. a profile for the documented shared files (by file name, see SHARED_PROFILES),
 *   2. Parquet key-value metadata `agora` written by Agora's own writer,
 *   3. a sidecar `<file>.agora.json` (Agora writes one beside CSV output),
 *   4. explicit options (`--units change=percent`, `--market cn`, `--adjustment backward`).
 */
import type { Market } from '../panel.js';

export type Unit = 'percent' | 'fraction' | 'shares' | 'lots' | 'currency' | 'thousands';
export type Adjustment = 'backward' | 'none';

export interface Declarations {
  units: Record<string, Unit>;
  market?: Market;
  adjustment?: Adjustment;
}

export const UNIT_CHOICES: Readonly<Record<string, readonly Unit[]>> = {
  volume: ['shares', 'lots'],
  vol: ['shares', 'lots'],
  amount: ['currency', 'thousands'],
  change: ['percent', 'fraction'],
  pct_chg: ['percent', 'fraction'],
  pct_change: ['percent', 'fraction'],
  turnover: ['percent', 'fraction'],
  turnover_rate: ['percent', 'fraction'],
};

/** Columns whose unit differs between vendors: loading them needs a declaration. */
export function ambiguousColumns(columns: readonly string[]): string[] {
  const tushareShaped = columns.some((c) => c === 'ts_code' || c === 'trade_date' || c === 'vol');
  return columns.filter((c) => {
    if (c === 'vol') return true;
    if (c === 'amount') return tushareShaped;
    return c in UNIT_CHOICES && c !== 'volume' && c !== 'amount';
  });
}

interface Profile {
  pattern: RegExp;
  decl: Declarations;
}

/** The shared real files, declared as their README documents them. */
export const SHARED_PROFILES: readonly Profile[] = [
  {
    pattern: /^cn_stocks_\d{4}_\d{4}\.parquet$/,
    decl: { units: { change: 'percent' }, market: 'cn', adjustment: 'backward' },
  },
  {
    pattern: /^cn_index_\d{4}_\d{4}\.parquet$/,
    decl: { units: { change: 'percent' }, market: 'cn', adjustment: 'none' },
  },
  {
    pattern: /^cn_csi300_baostock_\d{4}_\d{4}\.parquet$/,
    decl: { units: { pct_chg: 'percent', turnover: 'percent' }, market: 'cn', adjustment: 'none' },
  },
  { pattern: /^us_sp500_\d{4}_\d{4}\.parquet$/, decl: { units: {}, market: 'us', adjustment: 'none' } },
  {
    pattern: /^crypto_binance_1[dh]_\d{4}_\d{4}\.parquet$/,
    decl: { units: {}, market: 'crypto', adjustment: 'none' },
  },
];

export function profileFor(baseName: string): Declarations | undefined {
  return SHARED_PROFILES.find((p) => p.pattern.test(baseName))?.decl;
}

export function mergeDeclarations(...parts: ReadonlyArray<Partial<Declarations> | undefined>): Declarations {
  const out: Declarations = { units: {} };
  for (const p of parts) {
    if (!p) continue;
    Object.assign(out.units, p.units ?? {});
    if (p.market) out.market = p.market;
    if (p.adjustment) out.adjustment = p.adjustment;
  }
  return out;
}

/** Parse `change=percent,vol=lots` (CLI form). Unknown units are left for validation to report. */
export function parseUnitsSpec(spec: string): Record<string, Unit> {
  const out: Record<string, Unit> = {};
  for (const part of spec.split(',')) {
    const [k, v] = part.split('=').map((s) => s.trim());
    if (k && v) out[k] = v as Unit;
  }
  return out;
}

/** SQL factor that converts a declared unit to the contract unit (shares, currency, fraction). */
export function unitScale(unit: Unit | undefined): number {
  if (unit === 'percent') return 0.01;
  if (unit === 'lots') return 100;
  if (unit === 'thousands') return 1000;
  return 1;
}
