/** Coverage statistics of a factor's values over a panel (O(T*N), no allocation per cell). */
import type { Panel } from '../data/index.js';

export interface CoverageStats {
  /** NaN share over listed cells. */
  nanRatio: number;
  /** NaN share over listed cells at least `lookback` rows after the asset's first listed row. */
  nanRatioAfterWarmup: number;
  /** Listed cells counted after warm-up. */
  cellsAfterWarmup: number;
}

/** Row index of each asset's first listed row (T when never listed). */
export function firstListedRows(panel: Panel): Int32Array {
  const { T, N } = panel;
  const first = new Int32Array(N).fill(T);
  for (let t = T - 1; t >= 0; t--) {
    const row = t * N;
    for (let a = 0; a < N; a++) if (panel.listed[row + a]) first[a] = t;
  }
  return first;
}

export function coverage(
  values: Float64Array,
  panel: Panel,
  lookback: number,
  first = firstListedRows(panel),
): CoverageStats {
  const { T, N, listed } = panel;
  let listedCells = 0;
  let nan = 0;
  let after = 0;
  let nanAfter = 0;
  for (let t = 0; t < T; t++) {
    const row = t * N;
    for (let a = 0; a < N; a++) {
      const i = row + a;
      if (!listed[i]) continue;
      const isNan = Number.isNaN(values[i]);
      listedCells++;
      if (isNan) nan++;
      if (t >= first[a] + lookback) {
        after++;
        if (isNan) nanAfter++;
      }
    }
  }
  return {
    nanRatio: listedCells ? nan / listedCells : 1,
    nanRatioAfterWarmup: after ? nanAfter / after : 1,
    cellsAfterWarmup: after,
  };
}
