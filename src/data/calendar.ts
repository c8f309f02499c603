/**
 * Trading calendars taken from the data (the panel's dates), with helpers to find and step
 * trading days, and per-asset "trading days since listing".
 */
import { AgoraError } from '../core/index.js';
import type { Panel } from './panel.js';

export class Calendar {
  readonly dates: readonly string[];
  private index: Map<string, number> | undefined;

  constructor(dates: readonly string[]) {
    for (let i = 1; i < dates.length; i++) {
      if (!(dates[i - 1] < dates[i])) {
        throw new AgoraError(
          'INVALID_ARGUMENT',
          `calendar dates must increase: ${dates[i - 1]} then ${dates[i]}`,
        );
      }
    }
    this.dates = dates;
  }

  get length(): number {
    return this.dates.length;
  }

  /** Index of a trading date, or -1. */
  indexOf(date: string): number {
    this.index ??= new Map(this.dates.map((d, i) => [d, i]));
    return this.index.get(date) ?? -1;
  }

  /** First index whose date is >= `date` (length when none). */
  onOrAfter(date: string): number {
    let lo = 0;
    let hi = this.dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.dates[mid] < date) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Last index whose date is <= `date` (-1 when none). */
  onOrBefore(date: string): number {
    const i = this.onOrAfter(date);
    return i < this.dates.length && this.dates[i] === date ? i : i - 1;
  }

  /**
   * The trading date `n` trading days after (n > 0) or before (n < 0) `date`. From a non-trading
   * `date`, the next trading date is step 1 (and step 0) and the previous one is step -1.
   * Undefined when the step leaves the calendar.
   */
  step(date: string, n: number): string | undefined {
    const base = n >= 0 ? this.onOrAfter(date) : this.onOrBefore(date);
    // snapping a non-trading date to its neighbour counts as the first step
    const exact = this.indexOf(date) >= 0;
    const i = exact ? base + n : n >= 0 ? base + Math.max(0, n - 1) : base + n + 1;
    return i >= 0 && i < this.dates.length ? this.dates[i] : undefined;
  }

  /** Trading dates within [from, to], inclusive. */
  between(from: string, to: string): string[] {
    return this.dates.slice(this.onOrAfter(from), this.onOrBefore(to) + 1);
  }
}

export function calendarOf(panel: Panel): Calendar {
  return new Calendar(panel.dates);
}

/** A count large enough to mean "listed long before the panel starts". */
export const LISTED_LONG_AGO = 1 << 30;

/**
 * Trading days since listing per (t, a), 0 on the listing day. The listing day is `listingDates`
 * when given, else the asset's first listed row; a first row on the panel's first date counts as
 * listed long before the panel (LISTED_LONG_AGO), since the data cannot tell.
 */
export function daysSinceListing(panel: Panel, listingDates?: Readonly<Record<string, string>>): Int32Array {
  const { T, N, listed } = panel;
  const out = new Int32Array(T * N);
  const count = new Int32Array(N).fill(-1);
  for (let a = 0; a < N; a++) {
    const ld = listingDates?.[panel.assets[a]];
    if (ld !== undefined ? ld < panel.dates[0] : T > 0 && listed[a] === 1) count[a] = LISTED_LONG_AGO;
  }
  for (let t = 0; t < T; t++) {
    const row = t * N;
    for (let a = 0; a < N; a++) {
      const c = count[a];
      if (c >= 0 || listed[row + a] === 1) count[a] = c >= LISTED_LONG_AGO ? LISTED_LONG_AGO : c + 1;
      out[row + a] = Math.max(count[a], 0);
    }
  }
  return out;
}
