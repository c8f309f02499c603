/**
 * A short-lived in-process DuckDB for one read or write. Two threads (the target machine has two
 * cores); the instance is closed when the callback returns or throws.
 */
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export async function withDuck<R>(fn: (con: DuckDBConnection) => Promise<R>): Promise<R> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await instance.connect();
  try {
    return await fn(con);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** A SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** A SQL identifier. */
export function sqlIdent(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/** Rows of a query as plain objects (for small result sets only). */
export async function queryRows(con: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const r = await con.run(sql);
  return (await r.getRowObjectsJS()) as Record<string, unknown>[];
}

/** The typed array behind a fixed-width DuckDB vector (fast path), or its values as a plain array. */
export function vectorValues(vector: unknown): ArrayLike<unknown> {
  const items = (vector as { items?: unknown }).items;
  if (ArrayBuffer.isView(items)) return items as unknown as ArrayLike<unknown>;
  const v = vector as { itemCount: number; getItem(i: number): unknown };
  const out = new Array<unknown>(v.itemCount);
  for (let i = 0; i < v.itemCount; i++) out[i] = v.getItem(i);
  return out;
}
