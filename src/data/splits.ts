/**
 * Date splits for train / valid / test with a gap between them. A label at decision date t looks
 * `lookahead` bars ahead, so each earlier part ends `gap >= lookahead` trading dates before the
 * next part starts: the last `gap` dates of train (and of valid) are trimmed. Ranges are inclusive
 * ISO dates resolved against a trading calendar (the panel's dates).
 */
import { AgoraError } from '../core/index.js';
import { Calendar } from './calendar.js';
import type { Panel } from './panel.js';

export type SplitPart = 'train' | 'valid' | 'test';
export const SPLIT_PARTS: readonly SplitPart[] = ['train', 'valid', 'test'];

export interface DateRange {
  /** Inclusive; undefined = from the data start. */
  from?: string;
  /** Inclusive; undefined = to the data end. */
  to?: string;
}

export type SplitRanges = Partial<Record<SplitPart, DateRange>> & { train: DateRange; test: DateRange };

export const SPLIT_PRESETS: Readonly<Record<string, SplitRanges>> = {
  /** AlphaGen (KDD 2023): train to 2018-12-31, valid 2019, test 2020-2021. */
  'alphagen-kdd': {
    train: { to: '2018-12-31' },
    valid: { from: '2019-01-01', to: '2019-12-31' },
    test: { from: '2020-01-01', to: '2021-12-31' },
  },
};

export interface ResolvedPart {
  /** First and last trading dates in the part (after trimming). */
  from: string;
  to: string;
  /** Date indices [start, end) in the calendar. */
  start: number;
  end: number;
}

export class Split {
  constructor(
    readonly name: string,
    readonly gap: number,
    readonly dates: readonly string[],
    readonly parts: Readonly<Partial<Record<SplitPart, ResolvedPart>>>,
  ) {}

  part(p: SplitPart): ResolvedPart {
    const r = this.parts[p];
    if (!r) throw new AgoraError('NOT_FOUND', `split '${this.name}' has no ${p} part`);
    return r;
  }

  /** The part as a zero-copy date slice of a panel on the same calendar. */
  slice(panel: Panel, p: SplitPart): Panel {
    const r = this.part(p);
    return panel.sliceDateRange(r.from, r.to);
  }

  /** A (T) 0/1 mask of the part's dates over a panel's dates (any calendar). */
  dateMask(panel: Panel, p: SplitPart): Uint8Array {
    const r = this.part(p);
    const m = new Uint8Array(panel.T);
    for (let t = 0; t < panel.T; t++) m[t] = panel.dates[t] >= r.from && panel.dates[t] <= r.to ? 1 : 0;
    return m;
  }

  toJSON(): object {
    return { name: this.name, gap: this.gap, parts: this.parts };
  }
}

function resolveRange(cal: Calendar, r: DateRange, part: SplitPart): [number, number] {
  const start = r.from === undefined ? 0 : cal.onOrAfter(r.from);
  const end = r.to === undefined ? cal.length : cal.onOrBefore(r.to) + 1;
  if (end <= start) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `split part '${part}' (${r.from ?? 'start'}..${r.to ?? 'end'}) holds no trading dates`,
      {
        hint: `the data covers ${cal.dates[0]}..${cal.dates[cal.length - 1]}`,
      },
    );
  }
  return [start, end];
}

/**
 * Resolve ranges on a calendar. `gap` (>= the label lookahead) trading dates are trimmed from
 * the end of every part that is followed by another part.
 */
export function makeSplit(
  dates: readonly string[],
  ranges: SplitRanges,
  gap: number,
  name = 'custom',
): Split {
  if (!Number.isInteger(gap) || gap < 0)
    throw new AgoraError('INVALID_ARGUMENT', `split gap must be an integer >= 0, got ${gap}`);
  const cal = new Calendar(dates);
  const present = SPLIT_PARTS.filter((p) => ranges[p] !== undefined);
  const raw = present.map((p) => resolveRange(cal, ranges[p]!, p));
  const parts: Partial<Record<SplitPart, ResolvedPart>> = {};
  present.forEach((p, i) => {
    let [start, end] = raw[i];
    const next = raw[i + 1];
    if (next) {
      if (next[0] < end)
        throw new AgoraError('INVALID_ARGUMENT', `split parts '${p}' and '${present[i + 1]}' overlap`);
      end = Math.min(end, next[0] - gap);
    }
    if (end <= start) {
      throw new AgoraError(
        'INVALID_ARGUMENT',
        `split part '${p}' is empty after trimming a gap of ${gap} dates`,
        {
          hint: 'use a smaller label horizon or longer ranges',
        },
      );
    }
    parts[p] = { from: dates[start], to: dates[end - 1], start, end };
  });
  return new Split(name, gap, dates, parts);
}

/** A named preset (see SPLIT_PRESETS) resolved on a calendar with a gap. */
export function splitPreset(name: string, dates: readonly string[], gap: number): Split {
  const ranges = SPLIT_PRESETS[name];
  if (!ranges) {
    throw new AgoraError('NOT_FOUND', `unknown split preset '${name}'`, {
      hint: `known presets: ${Object.keys(SPLIT_PRESETS).join(', ')}`,
    });
  }
  return makeSplit(dates, ranges, gap, name);
}
