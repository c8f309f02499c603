/**
 * The contract checks. Schema-level rules (columns, units, symbol formats) run in JS on the column
 * list and the distinct symbols; row-level rules run as one aggregate DuckDB query over `sel`
 * (and `clean` for rows without a symbol), then fetch the first offending rows of each rule.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../io/duck.js';
import { type SymbolFormat, symbolFamily } from '../symbols.js';
import { PRICE_FIELDS } from './columns.js';
import { ambiguousColumns, UNIT_CHOICES } from './declarations.js';
import type { Prepared } from './prepare.js';
import type { ContractRule, Problem } from './problems.js';

const EXAMPLE_ROWS = 5;

export interface CheckOptions {
  /** Relative tolerance for the close-inside-[low, high] rule (default 1e-6: float32 data). */
  tolerance?: number;
  /**
   * Skip the duplicate-key rule (a hash aggregation over every row). The loader sets this and
   * detects duplicates for free while scattering, then reports them through `duplicateKeys`.
   */
  skipDuplicates?: boolean;
}

function problem(rule: ContractRule, message: string, hint: string, extra: Partial<Problem> = {}): Problem {
  return { rule, message, hint, count: 1, rows: [], examples: [], ...extra };
}

function schemaProblems(p: Prepared): Problem[] {
  const out: Problem[] = [];
  const have = p.source.columns.map((c) => c.name).join(', ');
  for (const m of p.plan.missing) {
    out.push(
      problem(
        'missing-column',
        `required column '${m}' is missing (columns: ${have})`,
        `add a '${m}' column or rename yours to it`,
        {
          column: m,
        },
      ),
    );
  }
  const names = p.source.columns.map((c) => c.name);
  for (const c of ambiguousColumns(names)) {
    const unit = p.source.decl.units[c];
    const choices = UNIT_CHOICES[c] ?? [];
    if (unit === undefined) {
      out.push(
        problem(
          'undeclared-units',
          `the unit of '${c}' is ambiguous and not declared`,
          `declare it, e.g. --units ${c}=${choices[0]} (one of ${choices.join(', ')})`,
          {
            column: c,
          },
        ),
      );
    }
  }
  for (const [c, unit] of Object.entries(p.source.decl.units)) {
    const choices = UNIT_CHOICES[c];
    if (choices && !choices.includes(unit)) {
      out.push(
        problem(
          'invalid-unit',
          `declared unit '${unit}' does not apply to '${c}'`,
          `use one of ${choices.join(', ')}`,
          { column: c },
        ),
      );
    }
  }
  return out;
}

function symbolProblems(p: Prepared): Problem[] {
  const out: Problem[] = [];
  const unknown = p.symbols.filter((s) => s.format === undefined).map((s) => s.raw);
  if (unknown.length > 0) {
    out.push(
      problem(
        'unknown-symbol-format',
        `symbols in no known format: ${unknown.slice(0, 8).join(', ')}`,
        'use 600519.SH (A-shares), AAPL (US) or BTC/USDT (crypto)',
        {
          column: p.plan.symbol,
          count: unknown.length,
        },
      ),
    );
  }
  const byStyle = new Map<SymbolFormat, string[]>();
  for (const s of p.symbols) if (s.format) byStyle.set(s.format, [...(byStyle.get(s.format) ?? []), s.raw]);
  const families = new Set([...byStyle.keys()].map((f) => symbolFamily(f)));
  const aShareStyles = [...byStyle.keys()].filter((f) => symbolFamily(f) === 'a-share');
  if (families.size > 1 || aShareStyles.length > 1) {
    const parts = [...byStyle.entries()].map(([f, xs]) => `${f} (${xs.length}, e.g. ${xs[0]})`);
    out.push(
      problem(
        'mixed-symbol-formats',
        `symbols mix formats: ${parts.join('; ')}`,
        'write every symbol in one format (A-shares: 600519.SH); split mixed markets into separate files',
        {
          column: p.plan.symbol,
          count: byStyle.size,
        },
      ),
    );
  }
  return out;
}

interface RowRule {
  rule: ContractRule;
  column?: string;
  cond: string;
  show: string[];
  message: string;
  hint: string;
  table?: 'clean';
}

function rowRules(p: Prepared, tol: number): RowRule[] {
  const idx = new Map(p.plan.numeric.map((n, i) => [n.field, i]));
  const n = (f: string) => `n${idx.get(f)}`;
  const has = (f: string) => idx.has(f);
  const rules: RowRule[] = [];
  if (p.plan.symbol) {
    rules.push({
      rule: 'missing-symbol',
      column: p.plan.symbol,
      cond: 'sym IS NULL',
      show: [],
      message: 'rows without a symbol',
      hint: 'fill in or drop these rows',
      table: 'clean',
    });
  }
  if (p.plan.key) {
    rules.push({
      rule: 'unparsable-date',
      column: p.plan.key,
      cond: 'k IS NULL',
      show: ['kraw'],
      message: 'dates that do not parse',
      hint:
        p.plan.keyKind === 'ts'
          ? 'write timestamps as ISO 8601 (2021-01-04T09:00:00Z)'
          : 'write dates as YYYY-MM-DD (or YYYYMMDD)',
    });
    rules.push({
      rule: 'duplicate-key',
      column: `${p.plan.symbol ?? 'symbol'}, ${p.plan.key}`,
      cond: '',
      show: [],
      message: 'duplicate (symbol, date) rows',
      hint: 'keep one row per symbol and date (after normalising symbols)',
    });
  }
  p.plan.numeric.forEach((c, i) => {
    if (c.type === 'VARCHAR') {
      rules.push({
        rule: 'non-numeric',
        column: c.raw,
        cond: `t${i} IS NOT NULL AND trim(t${i}) <> '' AND n${i} IS NULL`,
        show: [`t${i}`],
        message: `non-numeric values in '${c.raw}'`,
        hint: 'use plain numbers with a dot for decimals; leave missing values empty',
      });
    }
  });
  for (const f of PRICE_FIELDS) {
    if (has(f))
      rules.push({
        rule: 'non-positive-price',
        column: f,
        cond: `${n(f)} <= 0`,
        show: [n(f)],
        message: `zero or negative ${f}`,
        hint: 'prices must be > 0; leave missing prices empty',
      });
  }
  for (const f of ['volume', 'amount']) {
    if (has(f))
      rules.push({
        rule: 'negative-volume',
        column: f,
        cond: `${n(f)} < 0`,
        show: [n(f)],
        message: `negative ${f}`,
        hint: `${f} must be >= 0`,
      });
  }
  if (has('high') && has('low')) {
    rules.push({
      rule: 'high-below-low',
      column: 'high',
      cond: `${n('high')} < ${n('low')}`,
      show: [n('high'), n('low')],
      message: 'high below low',
      hint: 'fix or drop these bars (swapped columns?)',
    });
    if (has('close')) {
      const c = n('close');
      rules.push({
        rule: 'close-outside-range',
        column: 'close',
        cond: `${c} > ${n('high')} * (1 + ${tol}) OR ${c} < ${n('low')} * (1 - ${tol})`,
        show: [c, n('low'), n('high')],
        message: `close outside [low, high] beyond a relative tolerance of ${tol}`,
        hint: 'fix or drop these bars; check the column order',
      });
    }
  }
  return rules;
}

function label(p: Prepared, col: string): string {
  const m = /^[nt](\d+)$/.exec(col);
  return m ? p.plan.numeric[Number(m[1])].field : col === 'kraw' ? (p.plan.key ?? 'date') : col;
}

async function examples(
  con: DuckDBConnection,
  p: Prepared,
  r: RowRule,
): Promise<{ rows: number[]; examples: string[] }> {
  const cols = ['__row', 'sym', 'kraw', ...r.show.filter((c) => c !== 'kraw')];
  const q = `SELECT ${cols.join(', ')} FROM ${r.table ?? 'sel'} WHERE ${r.cond} ORDER BY __row LIMIT ${EXAMPLE_ROWS}`;
  const rows = await queryRows(con, q);
  return {
    rows: rows.map((x) => Number(x.__row)),
    examples: rows.map((x) => {
      const vals = r.show.filter((c) => c !== 'kraw').map((c) => `${label(p, c)}=${String(x[c])}`);
      return `row ${Number(x.__row)}: ${String(x.sym)} ${String(x.kraw)}${vals.length ? ` ${vals.join(' ')}` : ''}`;
    }),
  };
}

async function duplicateProblem(con: DuckDBConnection, r: RowRule): Promise<Problem | undefined> {
  const groups = await queryRows(
    con,
    'SELECT a, k, min(__row) AS r0 FROM sel WHERE k IS NOT NULL GROUP BY a, k HAVING count(*) > 1 ORDER BY r0',
  );
  if (groups.length === 0) return undefined;
  const first = groups.slice(0, EXAMPLE_ROWS);
  const keys = first.map((g) => `(a = ${Number(g.a)} AND k = ${String(g.k)})`).join(' OR ');
  const rows = await queryRows(con, `SELECT a, k, __row, nsym, kraw FROM sel WHERE ${keys} ORDER BY __row`);
  const examples = first.map((g) => {
    const hit = rows.filter((x) => Number(x.a) === Number(g.a) && String(x.k) === String(g.k));
    return `${String(hit[0]?.nsym)} ${String(hit[0]?.kraw)} on rows ${hit.map((x) => Number(x.__row)).join(', ')}`;
  });
  return problem('duplicate-key', r.message, r.hint, {
    column: r.column,
    count: groups.length,
    rows: first.map((g) => Number(g.r0)),
    examples,
  });
}

async function rowProblems(
  con: DuckDBConnection,
  p: Prepared,
  tol: number,
  skipDup: boolean,
): Promise<Problem[]> {
  const rules = rowRules(p, tol).filter((r) => !(skipDup && r.rule === 'duplicate-key'));
  const counted = rules.filter((r) => r.cond !== '');
  const agg = (table: 'sel' | 'clean') =>
    counted
      .map((r, i) =>
        (r.table ?? 'sel') === table ? `count(*) FILTER (WHERE ${r.cond}) AS r${i}` : undefined,
      )
      .filter((x): x is string => x !== undefined);
  const counts: Record<string, unknown> = {};
  for (const table of ['sel', 'clean'] as const) {
    const parts = agg(table);
    if (parts.length > 0)
      Object.assign(counts, (await queryRows(con, `SELECT ${parts.join(', ')} FROM ${table}`))[0]);
  }
  const out: Problem[] = [];
  for (const r of rules) {
    if (r.rule === 'duplicate-key') {
      const d = await duplicateProblem(con, r);
      if (d) out.push(d);
      continue;
    }
    const count = Number(counts[`r${counted.indexOf(r)}`] ?? 0);
    if (count === 0) continue;
    out.push(problem(r.rule, r.message, r.hint, { column: r.column, count, ...(await examples(con, p, r)) }));
  }
  return out;
}

/** The duplicate-key problem of the prepared source, if any. */
export async function duplicateKeys(con: DuckDBConnection, p: Prepared): Promise<Problem | undefined> {
  const rule = rowRules(p, 0).find((r) => r.rule === 'duplicate-key');
  return rule ? duplicateProblem(con, rule) : undefined;
}

/** Row rules about values (not structure): rows breaking them may be dropped on request. */
export const DROPPABLE_RULES: readonly ContractRule[] = [
  'non-numeric',
  'non-positive-price',
  'negative-volume',
  'high-below-low',
  'close-outside-range',
];

/** SQL condition true on rows that break a droppable rule (for `dropBadRows`). */
export function badRowCondition(p: Prepared, opts: CheckOptions = {}): string | undefined {
  const conds = rowRules(p, opts.tolerance ?? 1e-6)
    .filter((r) => DROPPABLE_RULES.includes(r.rule))
    .map((r) => `COALESCE(${r.cond}, false)`);
  return conds.length > 0 ? conds.join(' OR ') : undefined;
}

/** Every contract problem of the prepared source (empty when it is clean). */
export async function checkContract(
  con: DuckDBConnection,
  p: Prepared,
  opts: CheckOptions = {},
): Promise<Problem[]> {
  const tol = opts.tolerance ?? 1e-6;
  return [
    ...schemaProblems(p),
    ...symbolProblems(p),
    ...(await rowProblems(con, p, tol, opts.skipDuplicates === true)),
  ];
}
