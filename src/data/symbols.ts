/**
 * Symbol formats and normalisation. A-share codes in any common vendor style become Tushare style:
 * `SH600519` (Qlib), `sh.600519` (baostock), `600519.SH` (Tushare), `600519.XSHG` (JoinQuant) ->
 * `600519.SH`. Crypto pairs are `BASE/QUOTE`; US tickers are upper-case letters, digits, `.`, `-`.
 */
export type SymbolFormat = 'tushare' | 'qlib' | 'baostock' | 'joinquant' | 'crypto' | 'ticker';

/** Formats that name A-shares (they normalise to Tushare style). */
export const A_SHARE_FORMATS: readonly SymbolFormat[] = ['tushare', 'qlib', 'baostock', 'joinquant'];

const PATTERNS: ReadonlyArray<[SymbolFormat, RegExp]> = [
  ['tushare', /^(\d{6})\.(SH|SZ|BJ)$/i],
  ['qlib', /^(SH|SZ|BJ)(\d{6})$/i],
  ['baostock', /^(sh|sz|bj)\.(\d{6})$/i],
  ['joinquant', /^(\d{6})\.(XSHG|XSHE|XBSE)$/i],
  ['crypto', /^[A-Z0-9]{1,15}\/[A-Z0-9]{2,10}$/],
  ['ticker', /^[A-Z][A-Z0-9]{0,6}([.-][A-Z0-9]{1,3})?$/],
];

/** The format of one symbol, or undefined when it matches none. */
export function symbolFormat(symbol: string): SymbolFormat | undefined {
  for (const [fmt, re] of PATTERNS) if (re.test(symbol)) return fmt;
  return undefined;
}

const JQ_EXCHANGE: Record<string, string> = { XSHG: 'SH', XSHE: 'SZ', XBSE: 'BJ' };

/** Normalise to the contract style; symbols of no A-share format are returned unchanged. */
export function normalizeSymbol(symbol: string): string {
  let m = PATTERNS[0][1].exec(symbol);
  if (m) return `${m[1]}.${m[2].toUpperCase()}`;
  m = PATTERNS[1][1].exec(symbol);
  if (m) return `${m[2]}.${m[1].toUpperCase()}`;
  m = PATTERNS[2][1].exec(symbol);
  if (m) return `${m[2]}.${m[1].toUpperCase()}`;
  m = PATTERNS[3][1].exec(symbol);
  if (m) return `${m[1]}.${JQ_EXCHANGE[m[2].toUpperCase()]}`;
  return symbol;
}

/** The symbol family: A-share styles count as one family for the "mixed formats" rule. */
export function symbolFamily(fmt: SymbolFormat): 'a-share' | 'crypto' | 'ticker' {
  return A_SHARE_FORMATS.includes(fmt) ? 'a-share' : fmt === 'crypto' ? 'crypto' : 'ticker';
}
