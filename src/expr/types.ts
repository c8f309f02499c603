/**
 * The contract between the operator kernels (`ops/`) and the language + evaluator.
 *
 * A kernel writes an operator's output for a whole panel (T dates x N assets, date-major) into
 * `out`. Series arguments arrive as Float64Arrays of length T*N, in signature order; window,
 * constant and quantile arguments arrive as numbers in `params`, in signature order (windows
 * already floored and checked >= 1 by the language). Group arguments arrive as Float64Arrays of
 * integer codes (NaN = no group) among the series inputs.
 */

/** Evaluation mode: canonical semantics, or compatibility with AlphaGen / Qlib (operators.md). */
export type Mode = 'canonical' | 'alphagen' | 'qlib';

/** Kinds of operator arguments in an operator signature. */
export type ArgKind = 'series' | 'window' | 'constant' | 'group';

export type OpCategory = 'elementwise' | 'cross_section' | 'time_series' | 'pair_time_series' | 'special';

export interface KernelContext {
  T: number;
  N: number;
  mode: Mode;
  /**
   * Per-cell eligibility for cross-sectional operators (listed and in the date's universe);
   * undefined means every cell is eligible. Time-series kernels ignore it.
   */
  eligible: Uint8Array | undefined;
}

export type Kernel = (
  out: Float64Array,
  inputs: readonly Float64Array[],
  params: readonly number[],
  ctx: KernelContext,
) => void;

export interface OpSpec {
  /** Canonical lower_snake name (the printer writes it; the evaluator keys on it). */
  name: string;
  category: OpCategory;
  args: readonly ArgKind[];
  /** Arguments may be reordered (canonical keys sort them). */
  commutative: boolean;
  /**
   * Past rows this operator needs beyond what its inputs need: e.g. ts_mean(x, d) -> d - 1,
   * ts_ref(x, d) -> d (negative d = future reference, allowed only in labels).
   */
  lookback(params: readonly number[]): number;
  /** Rows into the future read (ts_ref with negative d); 0 for every operator but ts_ref. */
  lookahead?(params: readonly number[]): number;
  kernel: Kernel;
  /** One line for docs and --help. */
  doc: string;
}
