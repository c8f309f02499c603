/**
 * Dated rule tables: rows that take effect on `from` (inclusive, ISO `YYYY-MM-DD`) and hold until
 * the next row's `from`. Timestamps (`2021-03-01T09:00:00Z`) compare correctly against day keys
 * because ISO strings order lexicographically.
 */
import { AgoraError } from '../../core/index.js';

export interface Dated {
  /** First day (inclusive) the row applies, ISO `YYYY-MM-DD`. */
  readonly from: string;
}

/** The row in force on `date`, or undefined before the first row. Rows must be sorted by `from`. */
export function ruleOn<R extends Dated>(table: readonly R[], date: string): R | undefined {
  let hit: R | undefined;
  for (const row of table) {
    if (row.from <= date) hit = row;
    else break;
  }
  return hit;
}

/** Like ruleOn, but a date before the table starts is an error that names the table. */
export function requireRuleOn<R extends Dated>(table: readonly R[], date: string, name: string): R {
  const r = ruleOn(table, date);
  if (!r) {
    throw new AgoraError('INVALID_ARGUMENT', `no ${name} rule in force on ${date}`, {
      hint: `the ${name} table starts on ${table[0]?.from ?? '(empty)'}; use dates on or after it`,
    });
  }
  return r;
}
