/**
 * Operator signatures as the language sees them: canonical name, argument kinds in signature
 * order, commutativity and category. This is the catalogue of the kernel contract (types.ts);
 * the kernels in ops/ implement it and a test checks that both agree. Keeping the signatures
 * here lets the parser, printer, RPN codec and linter work without touching kernel code.
 */
import type { ArgKind, OpCategory } from './types.js';

export interface Signature {
  readonly name: string;
  readonly category: OpCategory;
  readonly args: readonly ArgKind[];
  readonly commutative: boolean;
}

const S: ArgKind = 'series';
const W: ArgKind = 'window';
const C: ArgKind = 'constant';
const G: ArgKind = 'group';

function sig(name: string, category: OpCategory, args: ArgKind[], commutative = false): Signature {
  return { name, category, args, commutative };
}

const ELEMENTWISE: Signature[] = [
  ...['abs', 'sign', 'log', 'sqrt', 'neg', 'inv', 'not'].map((n) => sig(n, 'elementwise', [S])),
  ...['add', 'mul', 'greater', 'less', 'eq', 'ne', 'and', 'or'].map((n) =>
    sig(n, 'elementwise', [S, S], true),
  ),
  ...['sub', 'div', 'pow', 'signed_power', 'gt', 'ge', 'lt', 'le'].map((n) => sig(n, 'elementwise', [S, S])),
  sig('if', 'elementwise', [S, S, S]),
];

const CROSS_SECTION: Signature[] = [
  sig('cs_rank', 'cross_section', [S]),
  sig('cs_zscore', 'cross_section', [S]),
  sig('cs_scale', 'cross_section', [S, C]),
  sig('ind_neutralize', 'cross_section', [S, G]),
];

const TS_WINDOW = [
  'ts_ref',
  'ts_delta',
  'ts_sum',
  'ts_mean',
  'ts_std',
  'ts_var',
  'ts_skew',
  'ts_kurt',
  'ts_min',
  'ts_max',
  'ts_median',
  'ts_mad',
  'ts_rank',
  'ts_argmax',
  'ts_argmin',
  'ts_argmax_oldest',
  'ts_argmin_oldest',
  'highday',
  'lowday',
  'decay_linear',
  'wma',
  'ema',
  'ts_product',
  'ts_count',
  'ts_sumac_max',
  'ts_sumac_min',
  'ts_slope',
  'ts_rsquare',
  'ts_resi',
  'ts_zscore',
];

const TIME_SERIES: Signature[] = [
  ...TS_WINDOW.map((n) => sig(n, 'time_series', [S, W])),
  sig('ts_quantile', 'time_series', [S, W, C]),
  sig('sma', 'time_series', [S, W, C]),
  sig('ts_sumif', 'time_series', [S, W, S]),
];

const PAIR: Signature[] = [
  sig('ts_corr', 'pair_time_series', [S, S, W], true),
  sig('ts_cov', 'pair_time_series', [S, S, W], true),
  sig('ts_regbeta', 'pair_time_series', [S, S, W]),
  sig('ts_regresi', 'pair_time_series', [S, S, W]),
];

const SPECIAL: Signature[] = [
  sig('ts_regbeta_where', 'special', [S, S, S, W]),
  sig('gtja_self143', 'special', [S]),
];

export const SIGNATURES: ReadonlyMap<string, Signature> = new Map(
  [...ELEMENTWISE, ...CROSS_SECTION, ...TIME_SERIES, ...PAIR, ...SPECIAL].map((s) => [s.name, s]),
);

export function signature(name: string): Signature | undefined {
  return SIGNATURES.get(name);
}

/** Operators whose window may be zero or negative (negative = future, labels only). */
export const SIGNED_WINDOW_OPS: ReadonlySet<string> = new Set(['ts_ref']);

export type FieldKind = 'series' | 'group';

/**
 * Fields the language knows. `dollar_volume` is derived by the evaluator (amount, or
 * vwap*volume when the panel has no amount; declared in diagnostics); `adv{d}` expands to
 * ts_mean(dollar_volume, d).
 */
export const FIELDS: ReadonlyMap<string, FieldKind> = new Map<string, FieldKind>([
  ['open', 'series'],
  ['high', 'series'],
  ['low', 'series'],
  ['close', 'series'],
  ['volume', 'series'],
  ['vwap', 'series'],
  ['amount', 'series'],
  ['factor', 'series'],
  ['cap', 'series'],
  ['bench_open', 'series'],
  ['bench_close', 'series'],
  ['dollar_volume', 'series'],
  ['industry', 'group'],
  ['sector', 'group'],
  ['subindustry', 'group'],
]);
