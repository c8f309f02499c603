/**
 * Read one factor column from a long-format file (`symbol, date, <factor columns>`; Parquet or
 * CSV) onto a panel's dates x assets. A factor file needs no prices, so it does not go through the
 * price data contract; symbols are normalised like panel symbols (`SH600519` -> `600519.SH`),
 * dates are matched as calendar days, and cells absent from the file stay NaN. Duplicate
 * (symbol, date) rows are refused. DuckDB does the matching; values arrive as typed vectors.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { AgoraError } from '../../core/index.js';
import { normalizeSymbol, type Panel } from '../../data/index.js';

const PRICE_COLUMNS = new Set([
  'symbol',
  'date',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'amount',
  'vwap',
  'factor',
]);
const NUMERIC =
  /^(DOUBLE|FLOAT|REAL|DECIMAL|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)/i;

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

export async function readFactorColumn(
  file: string,
  column: string | undefined,
  panel: Panel,
): Promise<{ column: string; values: Float64Array }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await instance.connect();
  try {
    const src = /\.csv$/i.test(file)
      ? `read_csv(${lit(file)}, header = true, auto_detect = true)`
      : `read_parquet(${lit(file)})`;
    const described = (await (await con.run(`DESCRIBE SELECT * FROM ${src}`)).getRowObjectsJS()) as {
      column_name: string;
      column_type: string;
    }[];
    const col = pickColumn(file, column, described);
    const syms = (await (
      await con.run(`SELECT DISTINCT CAST(symbol AS VARCHAR) AS s FROM ${src}`)
    ).getRowObjectsJS()) as { s: string }[];
    const smap = syms
      .map((r) => [r.s, panel.assetIndex(normalizeSymbol(r.s))] as const)
      .filter(([, a]) => a >= 0);
    const out = new Float64Array(panel.size).fill(Number.NaN);
    if (smap.length === 0) return { column: col, values: out };
    await con.run(
      `CREATE TEMP TABLE smap AS SELECT * FROM (VALUES ${smap.map(([s, a]) => `(${lit(s)}, ${a})`).join(',')}) t(raw, a)`,
    );
    await con.run(
      `CREATE TEMP TABLE dmap AS SELECT * FROM (VALUES ${panel.dates.map((d, t) => `(DATE ${lit(d.slice(0, 10))}, ${t})`).join(',')}) t(day, t)`,
    );
    const sql = `SELECT CAST(d.t AS INTEGER) AS t, CAST(m.a AS INTEGER) AS a, coalesce(CAST(s.${ident(col)} AS DOUBLE), 'NaN'::DOUBLE) AS v
      FROM ${src} s JOIN smap m ON CAST(s.symbol AS VARCHAR) = m.raw JOIN dmap d ON CAST(s.date AS DATE) = d.day`;
    const result = await con.run(sql);
    const seen = new Uint8Array(panel.size);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const t = chunk.getColumnVector(0) as unknown as { items: Int32Array };
      const a = chunk.getColumnVector(1) as unknown as { items: Int32Array };
      const v = chunk.getColumnVector(2) as unknown as { items: Float64Array };
      for (let j = 0; j < chunk.rowCount; j++) {
        const i = t.items[j] * panel.N + a.items[j];
        if (seen[i]) throw duplicate(file, panel, t.items[j], a.items[j]);
        seen[i] = 1;
        out[i] = v.items[j];
      }
    }
    return { column: col, values: out };
  } catch (e) {
    if (e instanceof AgoraError) throw e;
    throw new AgoraError('DATA_READ', `cannot read factor file: ${(e as Error).message.split('\n')[0]}`, {
      file,
      hint: 'expected a long-format Parquet/CSV file with symbol, date and numeric factor columns',
    });
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

function pickColumn(
  file: string,
  column: string | undefined,
  cols: { column_name: string; column_type: string }[],
): string {
  const names = cols.map((c) => c.column_name);
  for (const need of ['symbol', 'date']) {
    if (!names.includes(need)) {
      throw new AgoraError('DATA_CONTRACT', `factor file has no '${need}' column`, {
        file,
        column: need,
        hint: `columns: ${names.join(', ')}`,
      });
    }
  }
  if (column !== undefined) {
    if (!names.includes(column))
      throw new AgoraError('NOT_FOUND', `factor file has no column '${column}'`, {
        file,
        hint: `columns: ${names.join(', ')}`,
      });
    return column;
  }
  const numeric = cols
    .filter((c) => !PRICE_COLUMNS.has(c.column_name) && NUMERIC.test(c.column_type))
    .map((c) => c.column_name);
  if (numeric.length !== 1) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `factor file has ${numeric.length} candidate factor columns; name one`,
      {
        file,
        hint: `pass ${file}:<column>; numeric columns: ${numeric.join(', ') || '(none)'}`,
      },
    );
  }
  return numeric[0];
}

function duplicate(file: string, panel: Panel, t: number, a: number): AgoraError {
  return new AgoraError(
    'DATA_CONTRACT',
    `factor file has duplicate rows for ${panel.assets[a]} on ${panel.dates[t]}`,
    {
      file,
      hint: 'keep one row per (symbol, date)',
    },
  );
}
