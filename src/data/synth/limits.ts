/**
 * Price-limit lookup for the generator, backed by the A-share rule tables in src/data/rules:
 * the limit fraction per board and date is looked up once per date (normal and ST), and the
 * rules' own `cnLimitPct` is asked directly during the first days after a listing, where the
 * no-limit window applies. Crypto, and A-shares with `limits: false`, have no limits.
 */
import { CN_BOARDS, type CnBoard, cnLimitPct } from '../rules/index.js';

export class LimitTable {
  private readonly normal: Map<CnBoard, Float64Array> = new Map();
  private readonly st: Map<CnBoard, Float64Array> = new Map();

  constructor(
    private readonly dates: readonly string[],
    private readonly enabled: boolean,
  ) {
    if (!enabled) return;
    for (const b of CN_BOARDS) {
      this.normal.set(
        b,
        Float64Array.from(dates, (d) => cnLimitPct(b, d, false, 1e9)),
      );
      this.st.set(
        b,
        Float64Array.from(dates, (d) => cnLimitPct(b, d, true, 1e9)),
      );
    }
  }

  /** Limit fraction (Infinity for none) for a board on bar t. */
  pct(board: CnBoard | undefined, t: number, isST: boolean, daysListed: number): number {
    if (!this.enabled || board === undefined) return Number.POSITIVE_INFINITY;
    if (daysListed < 10) return cnLimitPct(board, this.dates[t], isST, daysListed);
    return ((isST ? this.st : this.normal).get(board) as Float64Array)[t];
  }
}
