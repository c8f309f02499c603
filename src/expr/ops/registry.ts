/**
 * The operator registry: every kernel with its canonical name, category, argument kinds,
 * commutativity, look-back (past rows needed beyond the inputs) and a one-line doc. The language
 * (signatures.ts) and this table must agree; a test checks it.
 */
import { AgoraError } from '../../core/index.js';
import type { ArgKind, Kernel, OpCategory, OpSpec } from '../types.js';
import * as cs from './cross-section.js';
import * as ew from './elementwise.js';
import * as gtja from './gtja.js';
import * as pair from './pair.js';
import * as reg from './regression.js';
import * as ext from './rolling-extremes.js';
import * as mom from './rolling-moments.js';
import * as ord from './rolling-order.js';
import * as shift from './shift.js';
import * as wt from './weighted.js';

const S: ArgKind = 'series';
const W: ArgKind = 'window';
const C: ArgKind = 'constant';
const G: ArgKind = 'group';

const none = (): number => 0;
/** Window ops: today plus d - 1 past rows; the window is the first param. */
const window = (p: readonly number[]): number => Math.max(0, p[0] - 1);

function spec(
  name: string,
  category: OpCategory,
  args: ArgKind[],
  kernel: Kernel,
  doc: string,
  extra: Partial<Pick<OpSpec, 'commutative' | 'lookback' | 'lookahead'>> = {},
): OpSpec {
  const lookback =
    extra.lookback ?? (category === 'elementwise' || category === 'cross_section' ? none : window);
  return {
    name,
    category,
    args,
    kernel,
    doc,
    commutative: extra.commutative ?? false,
    lookback,
    lookahead: extra.lookahead,
  };
}

const e1 = (name: string, k: Kernel, doc: string): OpSpec => spec(name, 'elementwise', [S], k, doc);
const e2 = (name: string, k: Kernel, doc: string, commutative = false): OpSpec =>
  spec(name, 'elementwise', [S, S], k, doc, { commutative });
const ts = (name: string, k: Kernel, doc: string): OpSpec => spec(name, 'time_series', [S, W], k, doc);
const pr = (name: string, k: Kernel, doc: string, commutative = false): OpSpec =>
  spec(name, 'pair_time_series', [S, S, W], k, doc, { commutative });

const ELEMENTWISE: OpSpec[] = [
  e1('abs', ew.abs, 'absolute value'),
  e1('sign', ew.sign, 'sign in {-1, 0, 1}'),
  e1('log', ew.log, 'natural log; x <= 0 gives NaN'),
  e1('sqrt', ew.sqrt, 'square root; x < 0 gives NaN'),
  e1('neg', ew.neg, 'negation'),
  e1('inv', ew.inv, '1/x (x = 0 gives +-Inf, then the Inf rule)'),
  e2('add', ew.add, 'x + y', true),
  e2('sub', ew.sub, 'x - y'),
  e2('mul', ew.mul, 'x * y', true),
  e2('div', ew.div, 'x / y (x/0 = +-Inf, 0/0 = NaN)'),
  e2('pow', ew.pow, 'x ^ y; negative base with non-integer power gives NaN'),
  e2('signed_power', ew.signedPower, 'sign(x) * |x|^y'),
  e2('greater', ew.greater, 'element-wise max; NaN if either is NaN', true),
  e2('less', ew.less, 'element-wise min; NaN if either is NaN', true),
  e2('gt', ew.gt, 'x > y as 1/0; NaN operand gives NaN'),
  e2('ge', ew.ge, 'x >= y as 1/0; NaN operand gives NaN'),
  e2('lt', ew.lt, 'x < y as 1/0; NaN operand gives NaN'),
  e2('le', ew.le, 'x <= y as 1/0; NaN operand gives NaN'),
  e2('eq', ew.eq, 'x == y as 1/0; NaN operand gives NaN', true),
  e2('ne', ew.ne, 'x != y as 1/0; NaN operand gives NaN', true),
  e2('and', ew.and, 'both non-zero as 1/0; NaN operand gives NaN', true),
  e2('or', ew.or, 'either non-zero as 1/0; NaN operand gives NaN', true),
  e1('not', ew.not, 'x == 0 as 1/0; NaN gives NaN'),
  spec(
    'if',
    'elementwise',
    [S, S, S],
    ew.ifThenElse,
    'c ? x : y (c non-zero = true); NaN condition gives NaN',
  ),
];

const CROSS_SECTION: OpSpec[] = [
  spec('cs_rank', 'cross_section', [S], cs.csRank, 'average-tie rank / number of valid assets, in (0, 1]'),
  spec('cs_zscore', 'cross_section', [S], cs.csZscore, '(x - mean) / std (ddof 1) across valid assets'),
  spec(
    'cs_scale',
    'cross_section',
    [S, C],
    cs.csScale,
    'a * x / sum(|x|) across valid assets; all-zero gives NaN',
  ),
  spec(
    'ind_neutralize',
    'cross_section',
    [S, G],
    cs.indNeutralize,
    'x minus its (date, group) mean; single member gives 0',
  ),
];

const TIME_SERIES: OpSpec[] = [
  spec('ts_ref', 'time_series', [S, W], shift.tsRef, 'x[t-d]; negative d reads the future (labels only)', {
    lookback: (p) => Math.max(0, p[0]),
    lookahead: (p) => Math.max(0, -p[0]),
  }),
  spec('ts_delta', 'time_series', [S, W], shift.tsDelta, 'x[t] - x[t-d]', { lookback: (p) => p[0] }),
  ts('ts_sum', mom.tsSum, 'sum of the last d values'),
  ts('ts_mean', mom.tsMean, 'mean of the last d values'),
  ts('ts_std', mom.tsStd, 'sample standard deviation (ddof 1) of the last d values'),
  ts('ts_var', mom.tsVar, 'sample variance (ddof 1) of the last d values'),
  ts('ts_skew', mom.tsSkew, 'bias-corrected sample skewness of the last d values'),
  ts('ts_kurt', mom.tsKurt, 'bias-corrected excess kurtosis of the last d values'),
  ts('ts_min', ext.tsMin, 'minimum of the last d values'),
  ts('ts_max', ext.tsMax, 'maximum of the last d values'),
  ts('ts_median', ord.tsMedian, 'median of the last d values'),
  ts('ts_mad', ord.tsMad, 'mean absolute deviation from the mean of the last d values'),
  spec(
    'ts_quantile',
    'time_series',
    [S, W, C],
    ord.tsQuantile,
    'linear-interpolated q-quantile of the last d values',
  ),
  ts('ts_rank', ord.tsRank, "average-tie rank of today's value in the last d, in (0, 1]"),
  ts('ts_argmax', ext.tsArgmax, 'days since the max of the last d (0 = today, oldest on ties)'),
  ts('ts_argmin', ext.tsArgmin, 'days since the min of the last d (0 = today, oldest on ties)'),
  ts(
    'ts_argmax_oldest',
    ext.tsArgmaxOldest,
    '1-based position of the first max from the oldest row of the window',
  ),
  ts(
    'ts_argmin_oldest',
    ext.tsArgminOldest,
    '1-based position of the first min from the oldest row of the window',
  ),
  ts('highday', ext.highday, 'GTJA HIGHDAY: days since the first max + 1 (today = 1)'),
  ts('lowday', ext.lowday, 'GTJA LOWDAY: days since the first min + 1 (today = 1)'),
  ts('decay_linear', wt.decayLinear, 'weighted mean with weights d..1 (newest d), normalised'),
  ts('wma', wt.wma, 'GTJA WMA: weights 0.9^i (i = 0 today), normalised; mode variants'),
  ts('ema', wt.ema, 'exponential mean, alpha = 2/(d+1), recursive from the first valid value'),
  spec('sma', 'time_series', [S, W, C], wt.sma, 'GTJA SMA(x, n, m): Y = (m*x + (n-m)*Y[-1]) / n', {
    lookback: none,
  }),
  ts('ts_product', ext.tsProduct, 'product of the last d values'),
  ts('ts_count', gtja.tsCount, 'number of true conditions in the last d'),
  spec(
    'ts_sumif',
    'time_series',
    [S, W, S],
    gtja.tsSumif,
    'sum of x over the last d rows where cond is true',
  ),
  ts(
    'ts_sumac_max',
    gtja.tsSumacMax,
    'max of the cumulative-sum path started at the oldest row of the window',
  ),
  ts(
    'ts_sumac_min',
    gtja.tsSumacMin,
    'min of the cumulative-sum path started at the oldest row of the window',
  ),
  ts('ts_slope', reg.tsSlope, 'OLS slope of x on time 1..d'),
  ts('ts_rsquare', reg.tsRsquare, 'R^2 of the OLS of x on time 1..d'),
  ts('ts_resi', reg.tsResi, 'residual at today of the OLS of x on time 1..d'),
  ts('ts_zscore', mom.tsZscore, '(x - mean_d) / std_d'),
];

const PAIR: OpSpec[] = [
  pr('ts_corr', pair.tsCorr, 'Pearson correlation of the last d pairs; constant window gives NaN', true),
  pr('ts_cov', pair.tsCov, 'sample covariance (ddof 1) of the last d pairs', true),
  pr('ts_regbeta', pair.tsRegbeta, 'slope of a regressed on b over the last d pairs'),
  pr('ts_regresi', pair.tsRegresi, 'residual at today of a regressed on b over the last d pairs'),
];

const SPECIAL: OpSpec[] = [
  spec(
    'ts_regbeta_where',
    'special',
    [S, S, S, W],
    pair.tsRegbetaWhere,
    'slope of a on b over the pairs of the last d where cond holds (>= 2)',
    {
      lookback: (p) => Math.max(0, p[0] - 1),
    },
  ),
  spec('gtja_self143', 'special', [S], gtja.gtjaSelf143, 'GTJA 143 SELF recursion on close, S0 = 1', {
    lookback: () => 1,
  }),
];

/** Every operator kernel, keyed by canonical lower_snake name. */
export const OPS: Readonly<Record<string, OpSpec>> = Object.freeze(
  Object.fromEntries(
    [...ELEMENTWISE, ...CROSS_SECTION, ...TIME_SERIES, ...PAIR, ...SPECIAL].map((s) => [s.name, s]),
  ),
);

/** Look up an operator by canonical name; throws a NOT_FOUND AgoraError naming close matches. */
export function getOp(name: string): OpSpec {
  const op = Object.hasOwn(OPS, name) ? OPS[name] : undefined;
  if (op) return op;
  const lower = name.toLowerCase();
  const near = Object.keys(OPS).filter((k) => k.includes(lower) || (lower.length >= 3 && lower.includes(k)));
  throw new AgoraError('NOT_FOUND', `unknown operator '${name}'`, {
    hint:
      near.length > 0
        ? `did you mean ${near.slice(0, 5).join(', ')}? (canonical lower_snake names)`
        : 'see docs/operators.md for the operator list (canonical lower_snake names)',
  });
}
