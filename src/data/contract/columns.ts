/**
 * The data contract's columns and how a file's columns map onto them.
 *
 * Required: symbol, date (or `ts` for intraday bars), open, high, low, close, volume.
 * Accepted aliases: symbol <- ts_code | code | instrument | ticker; date <- trade_date | datetime |
 * timestamp; ts <- ts; volume <- vol (Tushare lots: needs a unit declaration).
 * Numeric columns become Float64 panel fields (nulls -> NaN, units converted to the contract:
 * shares, currency, fractions). Text columns other than symbol/date become categorical fields
 * (integer codes, labels in meta.categories). Other types are ignored and reported.
 */
import { type Declarations, type Unit, unitScale } from './declarations.js';

export const REQUIRED_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;
export const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;

/** Columns that must be numeric when present (text there is a contract violation). */
export const KNOWN_NUMERIC = new Set([
  ...REQUIRED_FIELDS,
  'vol',
  'amount',
  'vwap',
  'factor',
  'adj_factor',
  'change',
  'pct_chg',
  'pct_change',
  'preclose',
  'close_raw',
  'turnover',
  'turnover_rate',
  'tradestatus',
  'is_st',
]);

const SYMBOL_ALIASES = ['symbol', 'ts_code', 'code', 'instrument', 'ticker'];
const DATE_ALIASES = ['date', 'trade_date', 'datetime', 'timestamp', 'ts'];
const NUMERIC_TYPE = /^(DOUBLE|FLOAT|REAL|DECIMAL.*|(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?)|BOOLEAN)$/;

export interface NumericColumn {
  field: string;
  raw: string;
  type: string;
  scale: number;
  unit?: Unit;
}

export interface ColumnPlan {
  symbol?: string;
  key?: string;
  keyType?: string;
  /** 'ts' when the key is an intraday timestamp. */
  keyKind: 'date' | 'ts';
  numeric: NumericColumn[];
  categorical: { field: string; raw: string }[];
  ignored: string[];
  missing: string[];
}

function isNumericType(type: string): boolean {
  return NUMERIC_TYPE.test(type);
}

function keyKindOf(name: string, type: string): 'date' | 'ts' {
  return name === 'ts' || type.startsWith('TIMESTAMP') ? 'ts' : 'date';
}

export function planColumns(
  columns: readonly { name: string; type: string }[],
  decl: Declarations,
): ColumnPlan {
  const byName = new Map(columns.map((c) => [c.name, c.type]));
  const symbol = SYMBOL_ALIASES.find((n) => byName.has(n));
  const key = DATE_ALIASES.find((n) => byName.has(n));
  const plan: ColumnPlan = {
    symbol,
    key,
    keyType: key ? byName.get(key) : undefined,
    keyKind: key ? keyKindOf(key, byName.get(key)!) : 'date',
    numeric: [],
    categorical: [],
    ignored: [],
    missing: [],
  };
  if (!symbol) plan.missing.push('symbol');
  if (!key) plan.missing.push('date');
  const taken = new Set<string>();
  for (const c of columns) {
    if (c.name === symbol || c.name === key) continue;
    const field = c.name === 'vol' && !byName.has('volume') ? 'volume' : c.name;
    if (taken.has(field)) {
      plan.ignored.push(c.name);
      continue;
    }
    if (isNumericType(c.type) || (KNOWN_NUMERIC.has(c.name) && c.type === 'VARCHAR')) {
      const unit = decl.units[c.name];
      plan.numeric.push({ field, raw: c.name, type: c.type, scale: unitScale(unit), unit });
      taken.add(field);
    } else if (c.type === 'VARCHAR') {
      plan.categorical.push({ field, raw: c.name });
      taken.add(field);
    } else plan.ignored.push(c.name);
  }
  for (const f of REQUIRED_FIELDS) if (!taken.has(f)) plan.missing.push(f);
  return plan;
}
