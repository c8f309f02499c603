/** Contract problems: every rule has a stable name, a message, where it happened and how to fix it. */
import { AgoraError } from '../../core/index.js';

export type ContractRule =
  | 'missing-column'
  | 'missing-symbol'
  | 'unparsable-date'
  | 'duplicate-key'
  | 'non-numeric'
  | 'non-positive-price'
  | 'negative-volume'
  | 'high-below-low'
  | 'close-outside-range'
  | 'unknown-symbol-format'
  | 'mixed-symbol-formats'
  | 'undeclared-units'
  | 'invalid-unit';

export interface Problem {
  rule: ContractRule;
  message: string;
  column?: string;
  /** Number of offending rows (or symbols, columns). */
  count: number;
  /** The first offending 1-based data rows (CSV: line - 1; Parquet: row index + 1). */
  rows: number[];
  /** Example offending values, e.g. `row 12: 600519.SH 2020-01-02 close=12 high=11`. */
  examples: string[];
  hint: string;
}

export function formatProblem(p: Problem): string {
  const where = p.column ? ` [column '${p.column}']` : '';
  const rows = p.rows.length > 0 ? `; first rows: ${p.rows.join(', ')}` : '';
  const ex = p.examples.length > 0 ? `\n    e.g. ${p.examples.join('\n         ')}` : '';
  return `${p.rule}${where}: ${p.message} (${p.count})${rows}${ex}\n    fix: ${p.hint}`;
}

/** One DATA_CONTRACT error that lists every problem; context names the first one precisely. */
export function contractError(file: string, problems: readonly Problem[]): AgoraError {
  const first = problems[0];
  const list = problems.map((p) => `  - ${formatProblem(p)}`).join('\n');
  return new AgoraError(
    'DATA_CONTRACT',
    `${file} breaks the data contract (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was loaded:\n${list}`,
    {
      file,
      column: first?.column,
      row: first?.rows[0],
      rule: first?.rule,
      problems,
      hint: first?.hint,
    },
  );
}
