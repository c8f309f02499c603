/**
 * Printers. `print` writes canonical text: every operator in function form with its canonical
 * lower_snake name, fields bare, numbers in shortest round-trip form, so that
 * parse(print(ast)) deep-equals ast. `printQlib` writes AlphaGen/Qlib text (`Mean($close, 20)`);
 * operators without a Qlib spelling keep their canonical name (still parseable here).
 */
import type { Expr } from './ast.js';

export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Number.POSITIVE_INFINITY) return 'inf';
  if (v === Number.NEGATIVE_INFINITY) return '-inf';
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

export function print(e: Expr): string {
  if (e.kind === 'num') return formatNumber(e.value);
  if (e.kind === 'field') return e.name;
  return `${e.op}(${e.args.map(print).join(', ')})`;
}

/** Qlib / AlphaGen operator names (parsed back to the same canonical operators). */
const QLIB_NAMES: Record<string, string> = {
  abs: 'Abs',
  sign: 'Sign',
  log: 'Log',
  add: 'Add',
  sub: 'Sub',
  mul: 'Mul',
  div: 'Div',
  pow: 'Power',
  greater: 'Greater',
  less: 'Less',
  gt: 'Gt',
  ge: 'Ge',
  lt: 'Lt',
  le: 'Le',
  eq: 'Eq',
  ne: 'Ne',
  and: 'And',
  or: 'Or',
  not: 'Not',
  if: 'If',
  cs_rank: 'CSRank',
  ts_ref: 'Ref',
  ts_delta: 'Delta',
  ts_sum: 'Sum',
  ts_mean: 'Mean',
  ts_std: 'Std',
  ts_var: 'Var',
  ts_skew: 'Skew',
  ts_kurt: 'Kurt',
  ts_max: 'Max',
  ts_min: 'Min',
  ts_median: 'Med',
  ts_mad: 'Mad',
  ts_quantile: 'Quantile',
  ts_rank: 'Rank',
  ts_argmax_oldest: 'IdxMax',
  ts_argmin_oldest: 'IdxMin',
  wma: 'WMA',
  ema: 'EMA',
  ts_count: 'Count',
  ts_slope: 'Slope',
  ts_rsquare: 'Rsquare',
  ts_resi: 'Resi',
  ts_corr: 'Corr',
  ts_cov: 'Cov',
};

export function printQlib(e: Expr): string {
  if (e.kind === 'num') return formatNumber(e.value);
  if (e.kind === 'field') return `$${e.name}`;
  const name = QLIB_NAMES[e.op] ?? e.op;
  return `${name}(${e.args.map(printQlib).join(', ')})`;
}
