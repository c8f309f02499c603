/**
 * Long format -> Panel. The file is checked against the data contract first (every problem is
 * collected and reported in one DATA_CONTRACT error; nothing is loaded partially). Then DuckDB maps
 * symbols and dates to indices once (small lookup tables joined in SQL) and streams columnar
 * chunks; each chunk's typed arrays are scattered into preallocated date-major Float64Arrays.
 * No per-row objects are created.
 */
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  badRowCondition,
  type CheckOptions,
  checkContract,
  DROPPABLE_RULES,
  duplicateKeys,
} from '../contract/checks.js';
import type { Adjustment, Unit } from '../contract/declarations.js';
import { isoDay, isoHour, type Prepared, prepare, type SelectOptions } from '../contract/prepare.js';
import { contractError, type Problem } from '../contract/problems.js';
import { type Market, Panel, type PanelMeta } from '../panel.js';
import { queryRows, vectorValues, withDuck } from './duck.js';
import { collectYoung } from './gc.js';
import { openSource } from './source.js';

export interface LoadOptions extends SelectOptions, CheckOptions {
  units?: Record<string, Unit>;
  market?: Market;
  adjustment?: Adjustment;
  /** Load only these fields (default: every numeric and categorical column). */
  fields?: readonly string[];
  /**
   * Drop rows that break a value rule (non-numeric, non-positive price, negative volume,
   * high < low, close outside [low, high]) instead of refusing the file. Structural problems
   * (columns, units, symbols, dates, duplicates) still refuse it. Dropped rows are listed in
   * meta.fallbacks.
   */
  dropBadRows?: boolean;
}

export interface LoadTimings {
  /** Opening the file and checking the contract. */
  checkMs: number;
  /** DuckDB: building index tables and producing the columnar chunks. */
  readMs: number;
  /** JS: scattering chunk arrays into the panel. */
  scatterMs: number;
  totalMs: number;
  rows: number;
}

export interface ValidationReport {
  file: string;
  format: string;
  rows: number;
  columns: { name: string; type: string }[];
  symbols: number;
  market: Market;
  problems: Problem[];
}

async function openAndCheck(
  con: DuckDBConnection,
  path: string,
  opts: LoadOptions,
): Promise<[Prepared, Problem[]]> {
  const decl = { units: opts.units ?? {}, market: opts.market, adjustment: opts.adjustment };
  const source = await openSource(con, path, decl);
  const prepared = await prepare(con, source, opts);
  return [prepared, await checkContract(con, prepared, opts)];
}

/** Check a file against the contract and list every problem (never throws for contract issues). */
export async function validateFile(path: string, opts: LoadOptions = {}): Promise<ValidationReport> {
  return withDuck(async (con) => {
    const [p, problems] = await openAndCheck(con, path, opts);
    return {
      file: path,
      format: p.source.format,
      rows: p.source.rows,
      columns: p.source.columns,
      symbols: p.symbols.length,
      market: p.market,
      problems,
    };
  });
}

interface ScatterPlan {
  fields: { name: string; sql: string }[];
  categories: Record<string, string[]>;
  dates: string[];
}

async function buildIndexTables(
  con: DuckDBConnection,
  p: Prepared,
  want?: ReadonlySet<string>,
): Promise<ScatterPlan> {
  await con.run(
    'CREATE OR REPLACE TEMP TABLE keys AS SELECT k, (row_number() OVER (ORDER BY k) - 1)::INTEGER AS t FROM (SELECT DISTINCT k FROM sel WHERE k IS NOT NULL)',
  );
  const keys = await queryRows(con, 'SELECT k FROM keys ORDER BY t');
  const fmt = p.plan.keyKind === 'ts' ? isoHour : isoDay;
  const dates = keys.map((r) => fmt(Number(r.k)));
  const fields: ScatterPlan['fields'] = [];
  p.plan.numeric.forEach((n, i) => {
    if (!want || want.has(n.field)) fields.push({ name: n.field, sql: `COALESCE(s.n${i}, 'NaN'::DOUBLE)` });
  });
  const categories: Record<string, string[]> = {};
  for (const [i, c] of p.plan.categorical.entries()) {
    if (want && !want.has(c.field)) continue;
    await con.run(
      `CREATE OR REPLACE TEMP TABLE cat${i} AS SELECT v, (row_number() OVER (ORDER BY v) - 1)::DOUBLE AS code FROM (SELECT DISTINCT c${i} AS v FROM sel WHERE c${i} IS NOT NULL)`,
    );
    categories[c.field] = (await queryRows(con, `SELECT v FROM cat${i} ORDER BY code`)).map((r) =>
      String(r.v),
    );
    fields.push({ name: c.field, sql: `COALESCE(cat${i}.code, 'NaN'::DOUBLE)` });
  }
  return { fields, categories, dates };
}

function joinSql(p: Prepared, sp: ScatterPlan): string {
  const joins = p.plan.categorical
    .map((_c, i) =>
      sp.categories[p.plan.categorical[i].field] ? ` LEFT JOIN cat${i} ON s.c${i} = cat${i}.v` : '',
    )
    .join('');
  const cols = ['s.a::INTEGER', 'kk.t', ...sp.fields.map((f) => f.sql)];
  return `SELECT ${cols.join(', ')} FROM sel s JOIN keys kk USING (k)${joins}`;
}

/** Chunks between two young-generation collections (see gc.ts). */
const GC_EVERY_CHUNKS = 16;

interface Scattered {
  arrays: Float64Array[];
  listed: Uint8Array;
  rows: number;
  /** Rows whose (asset, date) cell was already filled: duplicate keys. */
  duplicates: number;
  readMs: number;
  scatterMs: number;
}

async function scatter(
  con: DuckDBConnection,
  sql: string,
  nFields: number,
  T: number,
  N: number,
): Promise<Scattered> {
  const size = T * N;
  const arrays = Array.from({ length: nFields }, () => new Float64Array(size).fill(Number.NaN));
  const listed = new Uint8Array(size);
  let readMs = 0;
  let scatterMs = 0;
  let rows = 0;
  let duplicates = 0;
  let chunks = 0;
  let t0 = performance.now();
  const result = await con.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    const t1 = performance.now();
    readMs += t1 - t0;
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    const a = vectorValues(chunk.getColumnVector(0)) as ArrayLike<number>;
    const t = vectorValues(chunk.getColumnVector(1)) as ArrayLike<number>;
    const idx = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      const i = t[r] * N + a[r];
      idx[r] = i;
      duplicates += listed[i];
      listed[i] = 1;
    }
    for (let f = 0; f < nFields; f++) {
      const src = vectorValues(chunk.getColumnVector(f + 2)) as ArrayLike<number>;
      const dst = arrays[f];
      for (let r = 0; r < n; r++) dst[idx[r]] = src[r];
    }
    rows += n;
    if (++chunks % GC_EVERY_CHUNKS === 0) collectYoung();
    t0 = performance.now();
    scatterMs += t0 - t1;
  }
  return { arrays, listed, rows, duplicates, readMs, scatterMs };
}

function tradableMask(fields: Map<string, Float64Array>, listed: Uint8Array): Uint8Array {
  const vol = fields.get('volume');
  const status = fields.get('tradestatus');
  const out = new Uint8Array(listed.length);
  for (let i = 0; i < listed.length; i++) {
    out[i] =
      listed[i] === 1 && vol !== undefined && vol[i] > 0 && (status === undefined || status[i] !== 0) ? 1 : 0;
  }
  return out;
}

function panelMeta(p: Prepared, sp: ScatterPlan, path: string, dropped: Problem[]): Partial<PanelMeta> {
  const notes: Record<string, string> = { adjustment: p.source.decl.adjustment ?? 'none' };
  for (const n of p.plan.numeric) {
    if (n.unit && n.scale !== 1) notes[`unit.${n.field}`] = `converted from ${n.unit} (x${n.scale})`;
  }
  const fallbacks = p.plan.ignored.map((c) => `ignored column '${c}' (unsupported type)`);
  for (const d of dropped) fallbacks.push(`dropped ${d.count} row(s): ${d.rule} (${d.examples.join('; ')})`);
  return {
    market: p.market,
    frequency: p.plan.keyKind === 'ts' ? '1h' : '1d',
    source: basename(path),
    categories: Object.keys(sp.categories).length > 0 ? sp.categories : undefined,
    notes,
    fallbacks,
  };
}

/** Load a long-format file into a Panel, with a breakdown of where the time went. */
export async function loadPanelTimed(
  path: string,
  opts: LoadOptions = {},
): Promise<{ panel: Panel; timings: LoadTimings }> {
  const start = performance.now();
  return withDuck(async (con) => {
    const [p, all] = await openAndCheck(con, path, { ...opts, skipDuplicates: true });
    const dropped = opts.dropBadRows ? all.filter((x) => DROPPABLE_RULES.includes(x.rule)) : [];
    const problems = all.filter((x) => !dropped.includes(x));
    if (problems.length > 0) throw contractError(path, problems);
    if (dropped.length > 0) {
      await con.run(
        `CREATE OR REPLACE TEMP VIEW sel AS SELECT * FROM sel_all WHERE NOT (${badRowCondition(p, opts)})`,
      );
    }
    const checkMs = performance.now() - start;
    // volume and tradestatus are always read: the tradable mask needs them
    const want = opts.fields ? new Set([...opts.fields, 'volume', 'tradestatus']) : undefined;
    const tIdx = performance.now();
    const sp = await buildIndexTables(con, p, want);
    const idxMs = performance.now() - tIdx;
    const sc = await scatter(con, joinSql(p, sp), sp.fields.length, sp.dates.length, p.assets.length);
    if (sc.duplicates > 0) {
      const dup = await duplicateKeys(con, p);
      throw contractError(path, dup ? [dup] : []);
    }
    const read = new Map(sp.fields.map((f, i) => [f.name, sc.arrays[i]]));
    const fields = opts.fields ? new Map([...read].filter(([k]) => opts.fields!.includes(k))) : read;
    const panel = new Panel({
      dates: sp.dates,
      assets: p.assets,
      fields,
      listed: sc.listed,
      tradable: tradableMask(read, sc.listed),
      meta: panelMeta(p, sp, path, dropped),
    });
    const timings = {
      checkMs,
      readMs: idxMs + sc.readMs,
      scatterMs: sc.scatterMs,
      totalMs: performance.now() - start,
      rows: sc.rows,
    };
    return { panel, timings };
  });
}

export async function loadPanel(path: string, opts: LoadOptions = {}): Promise<Panel> {
  return (await loadPanelTimed(path, opts)).panel;
}
