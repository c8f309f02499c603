/**
 * Dialect name tables: every spelling the parser accepts for a function, mapped onto a canonical
 * operator or onto a dispatch rule (`special`). Lookup is case-insensitive (keys are lower case).
 * Canonical names map to themselves, so printed canonical text always parses back.
 */
import { SIGNATURES } from './signatures.js';

/** Dispatch rules that are not a plain rename (documented in docs/expressions.md). */
export type Special =
  | 'rank' // 1 arg: cs_rank (Alpha101/GTJA); 2 args: ts_rank (Qlib Rank(x, d))
  | 'max' // (x, literal >= 1): ts_max (flag gtja_max_int_is_ts); (x, y): greater; MAX(SUMAC(..)): ts_sumac_max
  | 'min'
  | 'mean' // (x, d): ts_mean
  | 'sma' // (x, n, m): GTJA sma; (x, n): ts_mean
  | 'regbeta' // (A, SEQUENCE(n)) / (A, SEQUENCE, n): ts_slope; FILTER pairs: ts_regbeta_where
  | 'argmax' // days since (canonical) or 1-based from oldest (alpha101 dialect)
  | 'argmin'
  | 'scale'; // (x) or (x, a)

export type AliasTarget = { op: string } | { special: Special };

const RENAMES: Record<string, string> = {
  power: 'pow',
  signedpower: 'signed_power',
  csrank: 'cs_rank',
  cszscore: 'cs_zscore',
  indneutralize: 'ind_neutralize',
  ref: 'ts_ref',
  delay: 'ts_ref',
  delta: 'ts_delta',
  sum: 'ts_sum',
  std: 'ts_std',
  stddev: 'ts_std',
  var: 'ts_var',
  skew: 'ts_skew',
  kurt: 'ts_kurt',
  tsmin: 'ts_min',
  tsmax: 'ts_max',
  med: 'ts_median',
  median: 'ts_median',
  mad: 'ts_mad',
  quantile: 'ts_quantile',
  tsrank: 'ts_rank',
  idxmax: 'ts_argmax_oldest',
  idxmin: 'ts_argmin_oldest',
  decaylinear: 'decay_linear',
  product: 'ts_product',
  prod: 'ts_product',
  count: 'ts_count',
  sumif: 'ts_sumif',
  slope: 'ts_slope',
  rsquare: 'ts_rsquare',
  resi: 'ts_resi',
  tszscore: 'ts_zscore',
  corr: 'ts_corr',
  correlation: 'ts_corr',
  cov: 'ts_cov',
  covariance: 'ts_cov',
  coviance: 'ts_cov',
  regresi: 'ts_regresi',
};

const SPECIALS: Record<string, Special> = {
  rank: 'rank',
  max: 'max',
  min: 'min',
  mean: 'mean',
  ma: 'mean',
  sma: 'sma',
  regbeta: 'regbeta',
  ts_argmax: 'argmax',
  argmax: 'argmax',
  ts_argmin: 'argmin',
  argmin: 'argmin',
  scale: 'scale',
  cs_scale: 'scale',
};

export function lookupFunction(name: string): AliasTarget | undefined {
  const k = name.toLowerCase();
  if (SPECIALS[k]) return { special: SPECIALS[k] };
  if (RENAMES[k]) return { op: RENAMES[k] };
  if (SIGNATURES.has(k)) return { op: k };
  return undefined;
}

/** Every accepted function spelling (for did-you-mean suggestions). */
export function functionNames(): string[] {
  return [...new Set([...Object.keys(RENAMES), ...Object.keys(SPECIALS), ...SIGNATURES.keys()])];
}

/** Field spellings beyond the canonical names (keys lower case, `$` stripped). */
export const FIELD_ALIASES: Record<string, string> = {
  vol: 'volume',
  banchmarkindexclose: 'bench_close',
  banchmarkindexopen: 'bench_open',
  benchmarkindexclose: 'bench_close',
  benchmarkindexopen: 'bench_open',
};

/** GTJA auxiliary series, expanded as written in operators.md. */
export const MACROS: Record<string, string> = {
  dtm: '(OPEN<=DELAY(OPEN,1)?0:MAX(HIGH-OPEN,OPEN-DELAY(OPEN,1)))',
  dbm: '(OPEN>=DELAY(OPEN,1)?0:MAX(OPEN-LOW,OPEN-DELAY(OPEN,1)))',
  tr: 'MAX(MAX(HIGH-LOW,ABS(HIGH-DELAY(CLOSE,1))),ABS(LOW-DELAY(CLOSE,1)))',
  hd: 'HIGH-DELAY(HIGH,1)',
  ld: 'DELAY(LOW,1)-LOW',
  returns: 'close/ts_ref(close,1)-1',
  ret: 'close/ts_ref(close,1)-1',
};

/** Infix and prefix operators onto canonical operators. */
export const BINARY_OPS: Record<string, string> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '^': 'pow',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  '==': 'eq',
  '=': 'eq',
  '!=': 'ne',
  '<>': 'ne',
  '&&': 'and',
  '&': 'and',
  and: 'and',
  '||': 'or',
  '|': 'or',
  or: 'or',
};
