/** Shapes shared by the signal-evaluation functions. */

/** A T x N date-major grid (i = t*N + a), like a Panel field. */
export interface Grid {
  T: number;
  N: number;
}

/**
 * Cells that count for cross-sectional statistics: 1 = eligible (listed and, when a universe is
 * set, a point-in-time member). Undefined = every cell eligible.
 */
export type EligibleMask = Uint8Array | undefined;

export interface SignalInput extends Grid {
  signal: Float64Array;
  label: Float64Array;
  eligible?: EligibleMask;
  /** Minimum valid pairs on a date for its IC to count (default 10). */
  minAssets?: number;
}
