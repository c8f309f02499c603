/**
 * Point-in-time index membership from interval files (`index,symbol,start_date,end_date`, both
 * dates inclusive; the shared CSI300 file). A mask over a panel is 1 where the asset was a member
 * on that date. End dates that fall on non-trading days work naturally (inclusive comparison).
 */
import { AgoraError } from '../../core/index.js';
import { queryRows, sqlString, withDuck } from '../io/duck.js';
import type { Panel } from '../panel.js';
import { normalizeSymbol } from '../symbols.js';

export interface MembershipInterval {
  index: string;
  symbol: string;
  /** Inclusive ISO dates. */
  start: string;
  end: string;
}

function isoOf(v: unknown): string {
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
}

/** Read an interval file; refuses inverted intervals with the row that has them. */
export async function loadMembership(path: string, index?: string): Promise<MembershipInterval[]> {
  const rows = await withDuck((con) =>
    queryRows(
      con,
      `SELECT * FROM read_csv(${sqlString(path)}, header = true, auto_detect = true, types = {'start_date': 'DATE', 'end_date': 'DATE'})`,
    ),
  ).catch((e: Error) => {
    throw new AgoraError('DATA_READ', `cannot read membership intervals: ${e.message.split('\n')[0]}`, {
      file: path,
      hint: 'expected columns index,symbol,start_date,end_date with YYYY-MM-DD dates',
    });
  });
  const out: MembershipInterval[] = [];
  rows.forEach((r, i) => {
    const iv = {
      index: String(r.index ?? ''),
      symbol: normalizeSymbol(String(r.symbol)),
      start: isoOf(r.start_date),
      end: isoOf(r.end_date),
    };
    if (iv.end < iv.start) {
      throw new AgoraError(
        'DATA_CONTRACT',
        `membership interval ends before it starts (${iv.start} > ${iv.end})`,
        {
          file: path,
          row: i + 1,
          hint: 'swap or fix start_date/end_date',
        },
      );
    }
    if (index === undefined || iv.index === index) out.push(iv);
  });
  return out;
}

function firstAtOrAfter(dates: readonly string[], d: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** 1 where the asset is a member on the date. Symbols absent from the panel are ignored. */
export function membershipMask(panel: Panel, intervals: readonly MembershipInterval[]): Uint8Array {
  const { N, dates } = panel;
  const mask = new Uint8Array(panel.size);
  for (const iv of intervals) {
    const a = panel.assetIndex(iv.symbol);
    if (a < 0) continue;
    const t0 = firstAtOrAfter(dates, iv.start);
    // an end date compares with day keys and intraday keys alike: include the whole end day
    const t1 = firstAtOrAfter(dates, `${iv.end}\uffff`);
    for (let t = t0; t < t1; t++) mask[t * N + a] = 1;
  }
  return mask;
}
