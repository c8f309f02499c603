/**
 * Opening a long-format file (CSV, CSV.gz, Parquet) as a DuckDB view `raw_src` with a 1-based
 * `__row` column (the data row number: the CSV line minus the header, or the Parquet row + 1),
 * plus its column types and the declarations that travel with it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { AgoraError } from '../../core/index.js';
import { type Declarations, mergeDeclarations, profileFor } from '../contract/declarations.js';
import { queryRows, sqlString } from './duck.js';

export type FileFormat = 'csv' | 'parquet';

export interface SourceColumn {
  name: string;
  type: string;
}

export interface Source {
  path: string;
  format: FileFormat;
  columns: SourceColumn[];
  rows: number;
  decl: Declarations;
}

export function fileFormat(path: string): FileFormat {
  const p = path.toLowerCase();
  if (p.endsWith('.parquet') || p.endsWith('.pq')) return 'parquet';
  if (p.endsWith('.csv') || p.endsWith('.csv.gz') || p.endsWith('.tsv') || p.endsWith('.tsv.gz'))
    return 'csv';
  throw new AgoraError('DATA_READ', `cannot tell the format of '${path}'`, {
    file: path,
    hint: 'use a .csv, .csv.gz or .parquet file name',
  });
}

/** Column names that may hold symbols: read as text so that codes like 000001 keep their zeros. */
const SYMBOL_COLUMNS = ['symbol', 'ts_code', 'code', 'instrument', 'ticker'];

function readExpr(path: string, format: FileFormat, textColumns: readonly string[] = []): string {
  if (format === 'parquet') return `read_parquet(${sqlString(path)}, file_row_number = true)`;
  const types = textColumns.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ');
  return `read_csv(${sqlString(path)}, header = true, auto_detect = true, sample_size = -1${types ? `, types = {${types}}` : ''})`;
}

async function csvTextColumns(con: DuckDBConnection, path: string): Promise<string[]> {
  const cols = await queryRows(con, `DESCRIBE SELECT * FROM ${readExpr(path, 'csv')} LIMIT 0`);
  return cols.map((c) => String(c.column_name)).filter((n) => SYMBOL_COLUMNS.includes(n));
}

async function kvDeclarations(
  con: DuckDBConnection,
  path: string,
): Promise<Partial<Declarations> | undefined> {
  const rows = await queryRows(
    con,
    `SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata(${sqlString(path)}) WHERE decode(key) = 'agora'`,
  );
  return rows.length > 0 ? (JSON.parse(String(rows[0].v)) as Partial<Declarations>) : undefined;
}

function sidecarDeclarations(path: string): Partial<Declarations> | undefined {
  const side = `${path}.agora.json`;
  if (!existsSync(side)) return undefined;
  try {
    return JSON.parse(readFileSync(side, 'utf8')) as Partial<Declarations>;
  } catch (e) {
    throw new AgoraError('DATA_READ', `cannot parse the declarations sidecar: ${(e as Error).message}`, {
      file: side,
      hint: 'fix or delete the sidecar; it holds {"units": {...}, "market": ..., "adjustment": ...}',
    });
  }
}

/** Create the view `raw_src` over the file and describe it. */
export async function openSource(
  con: DuckDBConnection,
  path: string,
  explicit: Partial<Declarations> = {},
): Promise<Source> {
  if (!existsSync(path)) {
    throw new AgoraError('NOT_FOUND', `data file not found: ${path}`, { file: path, hint: 'check the path' });
  }
  const format = fileFormat(path);
  try {
    if (format === 'parquet') {
      await con.run(
        `CREATE OR REPLACE TEMP VIEW raw_src AS SELECT * EXCLUDE (file_row_number), file_row_number + 1 AS __row FROM ${readExpr(path, format)}`,
      );
    } else {
      const text = await csvTextColumns(con, path);
      await con.run(`CREATE OR REPLACE TEMP TABLE raw_csv AS SELECT * FROM ${readExpr(path, format, text)}`);
      await con.run('CREATE OR REPLACE TEMP VIEW raw_src AS SELECT *, rowid + 1 AS __row FROM raw_csv');
    }
  } catch (e) {
    throw new AgoraError('DATA_READ', `cannot read ${format}: ${(e as Error).message.split('\n')[0]}`, {
      file: path,
      hint: format === 'csv' ? 'check the delimiter, header line and quoting' : 'is this a Parquet file?',
    });
  }
  const desc = await queryRows(con, 'DESCRIBE raw_src');
  const columns = desc
    .map((r) => ({ name: String(r.column_name), type: String(r.column_type) }))
    .filter((c) => c.name !== '__row');
  const rows = Number((await queryRows(con, 'SELECT count(*) AS n FROM raw_src'))[0].n);
  const kv = format === 'parquet' ? await kvDeclarations(con, path) : undefined;
  const decl = mergeDeclarations(profileFor(basename(path)), kv, sidecarDeclarations(path), explicit);
  return { path, format, columns, rows, decl };
}
