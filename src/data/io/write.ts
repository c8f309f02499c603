/**
 * Panel -> long format (Parquet, CSV, CSV.gz): one row per listed (asset, date), columns `symbol`,
 * `date` (or `ts` for intraday panels) and every field; NaN becomes an empty value (null);
 * categorical fields are written as their labels. Values stay in contract units, and the file
 * declares them (Parquet key-value metadata `agora`, or a `<file>.agora.json` sidecar for CSV),
 * so reading it back needs no unit flags.
 *
 * The numbers go to DuckDB as columnar chunks of (asset index, date index, values); symbols and
 * dates are joined in SQL from small lookup tables, so no per-row strings are built in JS.
 */
import { writeFileSync } from 'node:fs';
import { DOUBLE, type DuckDBConnection, DuckDBDataChunk, INTEGER } from '@duckdb/node-api';
import { AgoraError } from '../../core/index.js';
import { type Declarations, UNIT_CHOICES, type Unit } from '../contract/declarations.js';
import type { Panel } from '../panel.js';
import { sqlIdent, sqlString, withDuck } from './duck.js';
import { type FileFormat, fileFormat } from './source.js';

const CHUNK = 2048;

function declarationsOf(panel: Panel): Declarations {
  const units: Record<string, Unit> = {};
  for (const f of panel.fieldNames) {
    const c = UNIT_CHOICES[f];
    if (c?.includes('fraction')) units[f] = 'fraction';
    else if (f === 'volume') units[f] = 'shares';
    else if (f === 'amount') units[f] = 'currency';
  }
  const adj = panel.meta.notes?.adjustment;
  return { units, market: panel.meta.market, adjustment: adj === 'backward' ? 'backward' : 'none' };
}

async function createLookups(con: DuckDBConnection, panel: Panel): Promise<void> {
  const syms = panel.assets.map((s, i) => `(${i}, ${sqlString(s)})`).join(', ');
  await con.run(`CREATE TEMP TABLE syms AS SELECT * FROM (VALUES ${syms}) t(a, symbol)`);
  const hourly = panel.meta.frequency === '1h';
  const cast = hourly ? 'TIMESTAMP' : 'DATE';
  const dates = panel.dates
    .map((d, i) => `(${i}, ${sqlString(hourly ? d.replace(/Z$/, '') : d)})`)
    .join(', ');
  await con.run(
    `CREATE TEMP TABLE dates AS SELECT t, CAST(d AS ${cast}) AS d FROM (VALUES ${dates}) v(t, d)`,
  );
  for (const [f, labels] of Object.entries(panel.meta.categories ?? {})) {
    if (!panel.hasField(f)) continue;
    const vals = labels.map((l, i) => `(${i}::DOUBLE, ${sqlString(l)})`).join(', ');
    await con.run(
      `CREATE TEMP TABLE ${sqlIdent(`cat_${f}`)} AS SELECT * FROM (VALUES ${vals}) v(code, label)`,
    );
  }
}

async function appendRows(con: DuckDBConnection, panel: Panel): Promise<void> {
  const fields = panel.fieldNames;
  const cols = fields.map((_f, i) => `v${i} DOUBLE`).join(', ');
  await con.run(`CREATE TEMP TABLE vals (a INTEGER, t INTEGER${cols ? `, ${cols}` : ''})`);
  const appender = await con.createAppender('vals');
  const arrays = fields.map((f) => panel.field(f));
  const types = [INTEGER, INTEGER, ...fields.map(() => DOUBLE)];
  const buf = Array.from({ length: types.length }, () => new Array<number | null>(CHUNK));
  let n = 0;
  const flush = () => {
    const chunk = DuckDBDataChunk.create(types, n);
    for (let c = 0; c < types.length; c++)
      chunk.setColumnValues(c, n === CHUNK ? buf[c] : buf[c].slice(0, n));
    appender.appendDataChunk(chunk);
    n = 0;
  };
  const { N, listed } = panel;
  for (let i = 0; i < listed.length; i++) {
    if (listed[i] !== 1) continue;
    buf[0][n] = i % N;
    buf[1][n] = Math.floor(i / N);
    for (let f = 0; f < arrays.length; f++) {
      const v = arrays[f][i];
      buf[f + 2][n] = Number.isNaN(v) ? null : v;
    }
    if (++n === CHUNK) flush();
  }
  if (n > 0) flush();
  appender.closeSync();
}

function selectSql(panel: Panel): string {
  const key = panel.meta.frequency === '1h' ? 'ts' : 'date';
  const cats = panel.meta.categories ?? {};
  const cols = panel.fieldNames.map((f, i) =>
    cats[f] ? `${sqlIdent(`cat_${f}`)}.label AS ${sqlIdent(f)}` : `v.v${i} AS ${sqlIdent(f)}`,
  );
  const joins = panel.fieldNames
    .map((f, i) =>
      cats[f] ? ` LEFT JOIN ${sqlIdent(`cat_${f}`)} ON v.v${i} = ${sqlIdent(`cat_${f}`)}.code` : '',
    )
    .join('');
  return `SELECT s.symbol, d.d AS ${key}${cols.length ? `, ${cols.join(', ')}` : ''} FROM vals v JOIN syms s USING (a) JOIN dates d USING (t)${joins} ORDER BY s.symbol, d.d`;
}

function copyOptions(format: FileFormat, path: string, decl: Declarations): string {
  if (format === 'parquet') {
    return `(FORMAT parquet, COMPRESSION zstd, KV_METADATA {agora: ${sqlString(JSON.stringify(decl))}})`;
  }
  const gz = path.toLowerCase().endsWith('.gz') ? ', COMPRESSION gzip' : '';
  const delim = /\.tsv(\.gz)?$/i.test(path) ? ", DELIMITER '\\t'" : '';
  return `(FORMAT csv, HEADER true${gz}${delim})`;
}

/** Write a panel to Parquet or CSV (by extension). Returns the number of rows written. */
export async function writePanel(panel: Panel, path: string): Promise<number> {
  const format = fileFormat(path);
  const decl = declarationsOf(panel);
  try {
    return await withDuck(async (con) => {
      await createLookups(con, panel);
      await appendRows(con, panel);
      const r = await con.run(
        `COPY (${selectSql(panel)}) TO ${sqlString(path)} ${copyOptions(format, path, decl)}`,
      );
      if (format === 'csv') writeFileSync(`${path}.agora.json`, `${JSON.stringify(decl, null, 2)}\n`);
      return Number(r.rowsChanged);
    });
  } catch (e) {
    if (e instanceof AgoraError) throw e;
    throw new AgoraError('DATA_WRITE', `cannot write ${path}: ${(e as Error).message.split('\n')[0]}`, {
      file: path,
      hint: 'check that the folder exists and is writable',
    });
  }
}
