/**
 * Forward-return labels with an explicit decision / entry / exit convention. The label at
 * decision date t is `exit_field[t + exit] / entry_field[t + entry] - 1`: a signal known at the
 * close of t enters at offset `entry` (0 = the close of t itself, AlphaGen parity; 1 = the next
 * bar, T+1-correct) and exits at offset `exit` > entry. The label looks `exit` bars ahead and no
 * further: it is NaN where the window leaves the data, where a price is missing or non-positive,
 * and (configurable) where the asset was suspended inside the window.
 */
import { AgoraError } from '../core/index.js';
import type { Panel } from './panel.js';

export type SuspensionRule =
  /** NaN when any bar from entry to exit (inclusive) is not tradable. */
  | 'window'
  /** NaN when the entry or the exit bar is not tradable. */
  | 'endpoints'
  /** Ignore suspensions (prices of suspended rows are used as they are). */
  | 'ignore';

export interface LabelSpec {
  entry: { field: string; offset: number };
  exit: { field: string; offset: number };
  suspension?: SuspensionRule;
}

/** AlphaGen: `close[t+h] / close[t] - 1`, suspensions ignored (parity with the paper's setup). */
export function alphagenLabel(h: number): LabelSpec {
  return { entry: { field: 'close', offset: 0 }, exit: { field: 'close', offset: h }, suspension: 'ignore' };
}

/** T+1-correct: `open[t+1+h] / open[t+1] - 1`, NaN across suspensions. */
export function nextOpenLabel(h: number): LabelSpec {
  return {
    entry: { field: 'open', offset: 1 },
    exit: { field: 'open', offset: 1 + h },
    suspension: 'window',
  };
}

/** Bars the label looks ahead of its decision date: splits must leave at least this gap. */
export function labelLookahead(spec: LabelSpec): number {
  return spec.exit.offset;
}

function checkSpec(spec: LabelSpec): void {
  const { entry, exit } = spec;
  if (
    !Number.isInteger(entry.offset) ||
    entry.offset < 0 ||
    !Number.isInteger(exit.offset) ||
    exit.offset <= entry.offset
  ) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `label offsets must be integers with 0 <= entry < exit, got entry ${entry.offset}, exit ${exit.offset}`,
      {
        hint: 'e.g. entry close@0 and exit close@20, or entry open@1 and exit open@21',
      },
    );
  }
}

/** Per-asset prefix counts of non-tradable rows: blocked[(t+1)*N+a] = count over rows < t+1. */
function blockedPrefix(panel: Panel): Int32Array {
  const { T, N, tradable } = panel;
  const pre = new Int32Array((T + 1) * N);
  for (let t = 0; t < T; t++) {
    const r = t * N;
    for (let a = 0; a < N; a++) pre[r + N + a] = pre[r + a] + (tradable[r + a] === 1 ? 0 : 1);
  }
  return pre;
}

/** The label as a (T*N) date-major array. */
export function forwardReturn(panel: Panel, spec: LabelSpec): Float64Array {
  checkSpec(spec);
  const { T, N, tradable } = panel;
  const pin = panel.field(spec.entry.field);
  const pout = panel.field(spec.exit.field);
  const e = spec.entry.offset;
  const x = spec.exit.offset;
  const rule = spec.suspension ?? 'window';
  const pre = rule === 'window' ? blockedPrefix(panel) : undefined;
  const out = new Float64Array(T * N).fill(Number.NaN);
  for (let t = 0; t + x < T; t++) {
    const ri = (t + e) * N;
    const ro = (t + x) * N;
    for (let a = 0; a < N; a++) {
      const p0 = pin[ri + a];
      const p1 = pout[ro + a];
      if (!(p0 > 0) || !(p1 > 0)) continue;
      if (rule === 'endpoints' && (tradable[ri + a] !== 1 || tradable[ro + a] !== 1)) continue;
      if (pre && pre[ro + N + a] - pre[ri + a] > 0) continue;
      out[t * N + a] = p1 / p0 - 1;
    }
  }
  return out;
}
