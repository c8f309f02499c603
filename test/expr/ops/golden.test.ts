/** Hand-computed golden vectors for the tricky cases named in operators.md and issue 3. */
import { describe, expect, it } from 'vitest';
import { OPS } from '../../../src/expr/ops/index.js';
import type { Mode } from '../../../src/expr/types.js';
import { runNamed } from './helpers.js';

const NaN_ = Number.NaN;

/** One asset, T rows: returns the output column. */
function col(name: string, xs: number[][], params: number[], mode: Mode = 'canonical'): number[] {
  const T = xs[0].length;
  return Array.from(
    runNamed(
      name,
      xs.map((x) => Float64Array.from(x)),
      params,
      T,
      1,
      mode,
    ),
  );
}

function expectClose(got: number[], want: number[]): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    if (Number.isNaN(want[i])) expect(g, `index ${i}`).toBeNaN();
    else expect(g, `index ${i}`).toBeCloseTo(want[i], 12);
  });
}

describe('cross-sectional golden cases', () => {
  it('cs_rank: average ties over valid assets, eligibility respected', () => {
    const x = Float64Array.from([3, 1, 3, NaN_, 2]);
    expectClose(Array.from(runNamed('cs_rank', [x], [], 1, 5)), [0.875, 0.25, 0.875, NaN_, 0.5]);
    const out = new Float64Array(5);
    OPS.cs_rank.kernel(out, [x], [], {
      T: 1,
      N: 5,
      mode: 'canonical',
      eligible: Uint8Array.from([1, 1, 1, 1, 0]),
    });
    expectClose(Array.from(out), [2.5 / 3, 1 / 3, 2.5 / 3, NaN_, NaN_]);
  });

  it('cs_rank: -0 and +0 tie; all-equal row ranks (n+1)/2n', () => {
    expectClose(Array.from(runNamed('cs_rank', [Float64Array.from([-0, 0, 1])], [], 1, 3)), [0.5, 0.5, 1]);
    expectClose(
      Array.from(runNamed('cs_rank', [Float64Array.from([7, 7, 7, 7])], [], 1, 4)),
      [0.625, 0.625, 0.625, 0.625],
    );
  });

  it('cs_scale: NaN excluded from the sum, all-zero gives NaN', () => {
    expectClose(Array.from(runNamed('cs_scale', [Float64Array.from([1, -3, NaN_, 0])], [2], 1, 4)), [
      0.5,
      -1.5,
      NaN_,
      0,
    ]);
    expectClose(Array.from(runNamed('cs_scale', [Float64Array.from([0, 0, NaN_])], [1], 1, 3)), [
      NaN_,
      NaN_,
      NaN_,
    ]);
  });

  it('ind_neutralize: demeaned within group, single member gives 0, no group gives NaN', () => {
    const x = Float64Array.from([1, 3, 10, 5]);
    const g = Float64Array.from([0, 0, 1, NaN_]);
    expectClose(Array.from(runNamed('ind_neutralize', [x, g], [], 1, 4)), [-1, 1, 0, NaN_]);
  });

  it('cs_zscore: ddof 1; constant cross-section gives NaN', () => {
    expectClose(Array.from(runNamed('cs_zscore', [Float64Array.from([1, 2, 3])], [], 1, 3)), [-1, 0, 1]);
    expectClose(Array.from(runNamed('cs_zscore', [Float64Array.from([4, 4])], [], 1, 2)), [NaN_, NaN_]);
  });
});

describe('time-series golden cases', () => {
  it('ts_rank ties per mode', () => {
    const x = [[1, 2, 2, 3, 2]];
    expectClose(col('ts_rank', x, [3]), [NaN_, NaN_, 2.5 / 3, 1, 0.5]);
    expectClose(col('ts_rank', x, [3], 'alphagen'), [NaN_, NaN_, 1.5 / 3, 1 / 3, 2.5 / 3]);
    expectClose(col('ts_rank', x, [3], 'qlib'), [1, 1, 2.5 / 3, 1, 0.5]);
  });

  it('argmax ties: oldest occurrence; days-since vs 1-based-from-oldest vs highday', () => {
    const x = [[5, 1, 5, 2]];
    expect(col('ts_argmax', x, [4])[3]).toBe(3);
    expect(col('ts_argmax_oldest', x, [4])[3]).toBe(1);
    expect(col('highday', x, [4])[3]).toBe(4);
    expect(col('ts_argmax', x, [4], 'qlib')[3]).toBe(1);
    expect(col('ts_argmin', [[2, 1, 3, 1]], [4])[3]).toBe(2);
  });

  it('highday / lowday base: today = 1', () => {
    expect(col('highday', [[1, 2, 3]], [3])[2]).toBe(1);
    expect(col('highday', [[1, 3, 2]], [3])[2]).toBe(2);
    expect(col('lowday', [[1, 2, 3]], [3])[2]).toBe(3);
  });

  it('sma: initialised at the first valid value, NaN holds the state and emits NaN', () => {
    expectClose(col('sma', [[NaN_, 2, 4, NaN_, 6]], [3, 1]), [NaN_, 2, 8 / 3, NaN_, 34 / 9]);
  });

  it('wma weights per mode and decay_linear', () => {
    const x = [[1, 2, 3]];
    expect(col('wma', x, [3])[2]).toBeCloseTo((3 + 2 * 0.9 + 0.81) / 2.71, 12);
    expect(col('wma', x, [3], 'alphagen')[2]).toBeCloseTo(8 / 3, 12);
    expectClose(col('wma', x, [3], 'qlib'), [1, 5 / 3, 14 / 6]);
    expectClose(col('decay_linear', x, [3]), [NaN_, NaN_, 14 / 6]);
  });

  it('ema per mode', () => {
    const x = [[2, 4, 6]];
    expectClose(col('ema', x, [3]), [NaN_, NaN_, 4.5]);
    expectClose(col('ema', x, [3], 'qlib'), [2, 5 / 1.5, 8.5 / 1.75]);
    expectClose(col('ema', x, [3], 'alphagen'), [NaN_, NaN_, 8.5 / 1.75]);
  });

  it('corr on a constant window is NaN; alphagen returns the raw co-moment below 1e-6', () => {
    expectClose(
      col(
        'ts_corr',
        [
          [1, 1, 1],
          [1, 2, 3],
        ],
        [3],
      ),
      [NaN_, NaN_, NaN_],
    );
    expectClose(
      col(
        'ts_corr',
        [
          [1, 1, 1.0003],
          [1, 2, 3],
        ],
        [3],
      ),
      [NaN_, NaN_, Math.sqrt(3) / 2],
    );
    expect(
      col(
        'ts_corr',
        [
          [1, 1, 1.0003],
          [1, 2, 3],
        ],
        [3],
        'alphagen',
      )[2],
    ).toBeCloseTo(3e-4, 12);
    expectClose(
      col(
        'ts_regbeta',
        [
          [1, 2, 3],
          [5, 5, 5],
        ],
        [3],
      ),
      [NaN_, NaN_, NaN_],
    );
    expectClose(col('ts_rsquare', [[4, 4, 4]], [3]), [NaN_, NaN_, NaN_]);
  });

  it('strict NaN inside a window and warm-up rows', () => {
    expectClose(col('ts_mean', [[1, 2, NaN_, 4, 5, 6]], [2]), [NaN_, 1.5, NaN_, NaN_, 4.5, 5.5]);
    expectClose(col('ts_mean', [[1, 2, NaN_, 4, 5, 6]], [2], 'qlib'), [1, 1.5, 2, 4, 4.5, 5.5]);
    expectClose(col('ts_std', [[1, 2, NaN_]], [3], 'qlib'), [NaN_, Math.SQRT1_2, Math.SQRT1_2]);
  });

  it('count, sumif, sumac, product, quantile, regbeta_where, self143', () => {
    expectClose(col('ts_count', [[1, NaN_, 0, 2]], [3]), [NaN_, NaN_, 1, 1]);
    expectClose(col('ts_count', [[1, NaN_, 0, 2]], [3], 'qlib'), [1, 1, 2, 2]);
    expectClose(
      col(
        'ts_sumif',
        [
          [1, 2, 3, 4],
          [1, 0, NaN_, 1],
        ],
        [2],
      ),
      [NaN_, 1, 0, 4],
    );
    expectClose(col('ts_sumac_max', [[1, -2, 3]], [3]), [NaN_, NaN_, 2]);
    expectClose(col('ts_sumac_min', [[1, -2, 3]], [3]), [NaN_, NaN_, -1]);
    expectClose(col('ts_product', [[-2, 0, 3, -1]], [3]), [NaN_, NaN_, 0, 0]);
    expectClose(col('ts_product', [[-2, 3, -1]], [3]), [NaN_, NaN_, 6]);
    expect(col('ts_quantile', [[1, 2, 3, 4]], [4, 0.25])[3]).toBeCloseTo(1.75, 12);
    expect(
      col(
        'ts_regbeta_where',
        [
          [1, 2, 3, 4],
          [2, 4, 6, 100],
          [1, 1, 1, 0],
        ],
        [4],
      )[3],
    ).toBeCloseTo(0.5, 12);
    expect(
      col(
        'ts_regbeta_where',
        [
          [1, 2, 3, 4],
          [2, 4, 6, 100],
          [1, 0, 0, 0],
        ],
        [4],
      )[3],
    ).toBeNaN();
    expectClose(col('gtja_self143', [[10, 11, 11, 12.1]], []), [NaN_, 0.1, 0.1, 0.1 * (12.1 / 11 - 1)]);
  });

  it('slope / resi on a line; skew and kurt of a known sample', () => {
    expectClose(col('ts_slope', [[1, 3, 5, 7]], [4]), [NaN_, NaN_, NaN_, 2]);
    expect(col('ts_resi', [[1, 3, 5, 7]], [4])[3]).toBeCloseTo(0, 12);
    expect(col('ts_rsquare', [[1, 3, 5, 7]], [4])[3]).toBeCloseTo(1, 12);
    // scipy.stats.skew([1, 2, 3, 10], bias=False) = 1.763632614803888 (same as pandas .skew());
    // scipy.stats.kurtosis([1, 2, 3, 10], bias=False) = 3.228 (same as pandas .kurt()).
    expect(col('ts_skew', [[1, 2, 3, 10]], [4])[3]).toBeCloseTo(1.763632614803888, 12);
    expect(col('ts_kurt', [[1, 2, 3, 10]], [4])[3]).toBeCloseTo(3.228, 12);
  });
});
