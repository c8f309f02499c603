/**
 * Builds the DuckDB views the checks and the loader share:
 *   clean  - one row per source row: __row, sym (text), k (numeric key: days since 1970-01-01, or
 *            epoch milliseconds for intraday `ts`), kraw (key as text), n<i> (numeric columns as
 *            DOUBLE in contract units, NULL when missing or unparsable), t<i> (raw text of text
 *            numeric columns), c<i> (categorical text);
 *   symmap - distinct raw symbol -> normalised symbol and asset index a (sorted);
 *   sel    - clean joined with symmap, restricted to the requested symbols and date range.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, sqlIdent, sqlString } from '../io/duck.js';
import type { Source } from '../io/source.js';
import type { Market } from '../panel.js';
import { normalizeSymbol, type SymbolFormat, symbolFamily, symbolFormat } from '../symbols.js';
import { type ColumnPlan, planColumns } from './columns.js';

export interface SelectOptions {
  /** Keep only these (normalised) symbols. */
  symbols?: readonly string[];
  /** Inclusive ISO date bounds. */
  from?: string;
  to?: string;
}

export interface SymbolEntry {
  raw: string;
  norm: string;
  format: SymbolFormat | undefined;
}

export interface Prepared {
  source: Source;
  plan: ColumnPlan;
  symbols: SymbolEntry[];
  /** Normalised, selected symbols in asset order. */
  assets: string[];
  market: Market;
}

function keyExpr(plan: ColumnPlan): string {
  if (!plan.key) return 'NULL::BIGINT';
  const c = sqlIdent(plan.key);
  const t = plan.keyType ?? '';
  if (plan.keyKind === 'ts') {
    if (t.startsWith('TIMESTAMP')) return `epoch_ms(${c})::BIGINT`;
    return `epoch_ms(TRY_CAST(CAST(${c} AS VARCHAR) AS TIMESTAMP))::BIGINT`;
  }
  const days = (d: string) => `(${d}::DATE - DATE '1970-01-01')::BIGINT`;
  if (t === 'DATE') return days(c);
  if (t.startsWith('TIMESTAMP')) return days(`CAST(${c} AS DATE)`);
  const s = `trim(CAST(${c} AS VARCHAR))`;
  const fmts = ['%Y-%m-%d', '%Y%m%d', '%Y/%m/%d'].map((f) => `try_strptime(${s}, '${f}')`);
  return days(`COALESCE(${fmts.join(', ')})`);
}

function numericExpr(raw: string, type: string, scale: number): string {
  const c = sqlIdent(raw);
  const v = type === 'VARCHAR' ? `TRY_CAST(trim(${c}) AS DOUBLE)` : `CAST(${c} AS DOUBLE)`;
  return scale === 1 ? v : `(${v} * ${scale})`;
}

async function createClean(con: DuckDBConnection, plan: ColumnPlan): Promise<void> {
  const cols = [
    '__row',
    `${plan.symbol ? `CAST(${sqlIdent(plan.symbol)} AS VARCHAR)` : 'NULL::VARCHAR'} AS sym`,
    `${keyExpr(plan)} AS k`,
    `${plan.key ? `CAST(${sqlIdent(plan.key)} AS VARCHAR)` : 'NULL::VARCHAR'} AS kraw`,
  ];
  plan.numeric.forEach((n, i) => {
    cols.push(`${numericExpr(n.raw, n.type, n.scale)} AS n${i}`);
    if (n.type === 'VARCHAR') cols.push(`${sqlIdent(n.raw)} AS t${i}`);
  });
  plan.categorical.forEach((c, i) => {
    cols.push(`${sqlIdent(c.raw)} AS c${i}`);
  });
  await con.run(`CREATE OR REPLACE TEMP VIEW clean AS SELECT ${cols.join(', ')} FROM raw_src`);
}

async function createSymmap(con: DuckDBConnection, opts: SelectOptions): Promise<SymbolEntry[]> {
  const rows = await queryRows(con, 'SELECT DISTINCT sym FROM clean WHERE sym IS NOT NULL');
  const entries = rows.map((r) => {
    const raw = String(r.sym);
    return { raw, norm: normalizeSymbol(raw), format: symbolFormat(raw) };
  });
  const wanted = opts.symbols ? new Set(opts.symbols) : undefined;
  const assets = [...new Set(entries.map((e) => e.norm))].filter((s) => !wanted || wanted.has(s)).sort();
  const index = new Map(assets.map((s, i) => [s, i]));
  const values = entries
    .filter((e) => index.has(e.norm))
    .map((e) => `(${sqlString(e.raw)}, ${sqlString(e.norm)}, ${index.get(e.norm)})`);
  await con.run(
    values.length > 0
      ? `CREATE OR REPLACE TEMP TABLE symmap AS SELECT * FROM (VALUES ${values.join(', ')}) t(sym, nsym, a)`
      : 'CREATE OR REPLACE TEMP TABLE symmap (sym VARCHAR, nsym VARCHAR, a INTEGER)',
  );
  return entries.sort((x, y) => (x.raw < y.raw ? -1 : x.raw > y.raw ? 1 : 0));
}

export function isoDay(days: number): string {
  return new Date(days * 86400000).toISOString().slice(0, 10);
}

export function isoHour(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** The numeric key of an ISO date bound, in the plan's key units. */
function keyBound(plan: ColumnPlan, iso: string): number {
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (plan.keyKind === 'ts') return ms;
  return Math.floor(ms / 86400000);
}

function inferMarket(symbols: readonly SymbolEntry[]): Market {
  const fams = new Set(symbols.filter((s) => s.format).map((s) => symbolFamily(s.format!)));
  if (fams.has('a-share')) return 'cn';
  if (fams.has('crypto')) return 'crypto';
  return fams.has('ticker') ? 'us' : 'synthetic';
}

export async function prepare(
  con: DuckDBConnection,
  source: Source,
  opts: SelectOptions = {},
): Promise<Prepared> {
  const plan = planColumns(source.columns, source.decl);
  await createClean(con, plan);
  const symbols = await createSymmap(con, opts);
  const where: string[] = [];
  if (opts.from) where.push(`k >= ${keyBound(plan, opts.from)}`);
  if (opts.to) {
    const end =
      plan.keyKind === 'ts' && opts.to.length === 10
        ? keyBound(plan, opts.to) + 86399999
        : keyBound(plan, opts.to);
    where.push(`k <= ${end}`);
  }
  const cond = where.length > 0 ? `WHERE k IS NULL OR (${where.join(' AND ')})` : '';
  await con.run(
    `CREATE OR REPLACE TEMP VIEW sel_all AS SELECT c.*, m.a, m.nsym FROM clean c JOIN symmap m USING (sym) ${cond}`,
  );
  await con.run('CREATE OR REPLACE TEMP VIEW sel AS SELECT * FROM sel_all');
  const assets = (await queryRows(con, 'SELECT DISTINCT nsym, a FROM symmap ORDER BY a')).map((r) =>
    String(r.nsym),
  );
  return { source, plan, symbols, assets, market: source.decl.market ?? inferMarket(symbols) };
}
