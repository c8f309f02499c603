/**
 * Named choices: every ambiguity or erratum a factor depends on is a flag with one line of
 * documentation (operators.md names the ambiguities; gtja191.md lists the errata). Factors list
 * their flags; compute metadata and generated docs print them.
 */
export const FLAG_DOCS: Readonly<Record<string, string>> = {
  gtja_max_int_is_ts:
    'GTJA MAX/MIN(x, n) with an integer literal n >= 1 is the rolling TSMAX/TSMIN over n days (with two series it is element-wise)',
  alpha101_min_max_int_is_ts:
    'Alpha101 min/max(x, d) with a number d is the rolling ts_min/ts_max over d days',
  alpha101_argmax_from_oldest:
    'Alpha101 Ts_ArgMax/Ts_ArgMin use the paper meaning: 1-based position of the extreme counted from the oldest row of the window (first occurrence)',
  highday_base:
    'HIGHDAY/LOWDAY = n - (0-based index of the first extreme from the oldest row), in 1..n, today = 1',
  sma_init:
    'GTJA SMA(A,n,m): Y = (m*A + (n-m)*Y_prev)/n, started at the first valid A; a NaN input holds Y and emits NaN',
  gtja_wma: 'GTJA WMA(x,d): weights 0.9^i (i = 0 today), normalised',
  gtja_self143: 'GTJA 143 SELF recursion: S = C > C[-1] ? S[-1] * (C/C[-1] - 1) : S[-1], with S_0 = 1',
  gtja_filter_regbeta:
    'FILTER inside REGBETA (GTJA 149) keeps only the pairs where the condition holds in the window (at least 2 pairs, else NaN)',
  gtja_sumac_rs:
    'GTJA 165/183: MAX(SUMAC(x))-MIN(SUMAC(x))/STD read as the rescaled range (max - min of the cumulative-sum path over the window) / std',
  qlib_partial_windows:
    'Qlib mode: rolling windows use partial windows (min_periods 1), as Qlib computes Alpha158/Alpha360',
  qlib_idx_from_oldest:
    'Qlib IdxMax/IdxMin: 1-based position of the extreme counted from the oldest row of the window',
  gtja_erratum_005: 'YSRANK read as TSRANK',
  gtja_erratum_009: '"/*(" typo read as "*("',
  gtja_erratum_010: 'misplaced parenthesis: RANK(TSMAX(x^2,5))',
  gtja_erratum_022: 'SMEAN read as SMA(x,12,1)',
  gtja_erratum_023: '"STD(CLOSE:20),0" read as "STD(CLOSE,20):0"',
  gtja_erratum_028: 'second denominator read as TSMAX(HIGH,9)-TSMIN(LOW,9)',
  gtja_erratum_031: 'truncated "LOSE-" read as CLOSE-',
  gtja_erratum_036: 'argument order read as RANK(SUM(CORR(RANK(VOLUME),RANK(VWAP),6),2))',
  gtja_erratum_042: 'unbalanced parenthesis in the source dropped',
  gtja_erratum_052: '"L" read as LOW',
  gtja_erratum_054: 'missing STD window set to 10',
  gtja_erratum_075: 'lost "COUNT(CLOSE>OPEN&" restored',
  gtja_erratum_116: 'bare SEQUENCE read as SEQUENCE(20)',
  gtja_erratum_127: 'missing MEAN window set to 12',
  gtja_erratum_131: 'DELAT read as DELTA',
  gtja_erratum_146: 'two-argument SMA(x,60) read as MEAN(x,60)',
  gtja_erratum_159: 'HGIH read as HIGH',
  gtja_erratum_166: 'malformed skewness estimator read as -1 * sample skewness of daily returns over 20 days',
  gtja_erratum_181: 'missing window of the last SUM set to 20',
  gtja_erratum_190:
    'DELAY(CLOSE) read as DELAY(CLOSE,1); the deviation is taken from the geometric mean return (CLOSE/DELAY(CLOSE,19))^(1/20)-1 in both SUMIFs',
};

/** Fallbacks a caller may opt into; each one used is recorded in compute metadata. */
export const FALLBACK_DOCS: Readonly<Record<string, string>> = {
  vwap_hlc3: 'vwap = (high + low + close) / 3 when the panel has neither vwap nor amount (opt-in)',
  group_from_industry:
    'sector / subindustry neutralisation uses the industry column when the panel has only industry (opt-in)',
};

export function describeFlag(flag: string): string {
  return FLAG_DOCS[flag] ?? FALLBACK_DOCS[flag] ?? '(undocumented flag)';
}
