/**
 * Factor output files. Factors arrive in batches; each batch is written as a part file by the
 * data layer's `writePanel` (one row per listed asset and date, one column per factor), so memory
 * holds one batch only. `finish` merges the parts on (symbol, date) with DuckDB into the final
 * Parquet: wide (one column per factor) or long (symbol, date, factor, value).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { AgoraError } from '../core/index.js';
import { Panel, writePanel } from '../data/index.js';

export type OutputFormat = 'wide' | 'long';

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

export class FactorWriter {
  private readonly dir = mkdtempSync(join(tmpdir(), 'agora-factors-'));
  private readonly parts: string[] = [];
  private pending = new Map<string, Float64Array>();

  constructor(
    private readonly panel: Panel,
    private readonly out: string,
    private readonly format: OutputFormat,
    private readonly batchSize = 32,
  ) {}

  /** Keep a copy of one factor's values; writes a part file every `batchSize` factors. */
  async add(id: string, values: Float64Array): Promise<void> {
    this.pending.set(id, new Float64Array(values));
    if (this.pending.size >= this.batchSize) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const { dates, assets, listed } = this.panel;
    const part = new Panel({
      dates,
      assets,
      fields: this.pending,
      listed,
      meta: { ...this.panel.meta, notes: {} },
    });
    const path = join(this.dir, `part${this.parts.length}.parquet`);
    await writePanel(part, path);
    this.parts.push(path);
    this.pending = new Map();
  }

  /** Merge the parts into the output file; returns the number of rows written. */
  async finish(): Promise<number> {
    await this.flush();
    if (this.parts.length === 0)
      throw new AgoraError('INVALID_ARGUMENT', 'no factor was computed; nothing to write');
    const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
    const con = await instance.connect();
    try {
      const from = this.parts
        .map((p, i) =>
          i === 0 ? `read_parquet(${q(p)}) p0` : `JOIN read_parquet(${q(p)}) p${i} USING (symbol, date)`,
        )
        .join(' ');
      const wide = `SELECT * FROM ${from} ORDER BY symbol, date`;
      const sql =
        this.format === 'wide'
          ? wide
          : `SELECT symbol, date, factor, value FROM (UNPIVOT (${wide}) ON COLUMNS(* EXCLUDE (symbol, date)) INTO NAME factor VALUE value) ORDER BY factor, symbol, date`;
      await con.run(`COPY (${sql}) TO ${q(this.out)} (FORMAT PARQUET, COMPRESSION ZSTD)`);
      const r = await con.runAndReadAll(`SELECT count(*) AS n FROM read_parquet(${q(this.out)})`);
      return Number(r.getRowObjects()[0].n);
    } finally {
      con.closeSync();
      instance.closeSync();
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
