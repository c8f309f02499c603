/**
 * Benchmark: load cn_stocks_2010_2021.parquet (1.7M rows) into a Panel.
 *   npx tsx bench/data-load.ts [--runs 3] [--baseline] [--file <parquet>]
 * Prints JSON: rows, panel shape, dense bytes; per run the total time and its breakdown
 * (contract check / DuckDB read / JS scatter); peak RSS (process maxRSS, which includes the
 * Node + DuckDB start-up, measured before the first load too) against the dense arrays; and with
 * --baseline the same load done the naive way (DuckDB row objects, then one assignment per cell)
 * for a ratio. Targets (issue 2): <= 3 s and peak RSS <= 2x the dense arrays.
 */
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { sharedDataFile } from '../src/core/index.js';
import { type LoadTimings, loadPanelTimed } from '../src/data/index.js';

const MB = 1024 * 1024;
const maxRssMB = () => (process.resourceUsage().maxRSS * 1024) / MB;
const rssMB = () => process.memoryUsage().rss / MB;

/** The naive way, for the ratio: row objects and a map lookup per row. */
async function naiveLoad(file: string): Promise<number> {
  const t0 = performance.now();
  const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await inst.connect();
  const r = await con.run(`SELECT * FROM read_parquet('${file}')`);
  const rows = (await r.getRowObjectsJS()) as Record<string, unknown>[];
  const syms = [...new Set(rows.map((x) => String(x.symbol)))].sort();
  const dates = [...new Set(rows.map((x) => String((x.date as Date).toISOString())))].sort();
  const si = new Map(syms.map((s, i) => [s, i]));
  const di = new Map(dates.map((d, i) => [d, i]));
  const fields = ['open', 'high', 'low', 'close', 'volume', 'factor', 'change', 'close_raw'];
  const arrays = fields.map(() => new Float64Array(syms.length * dates.length).fill(Number.NaN));
  for (const row of rows) {
    const i = di.get((row.date as Date).toISOString())! * syms.length + si.get(String(row.symbol))!;
    fields.forEach((f, k) => {
      const v = row[f];
      arrays[k][i] = v === null ? Number.NaN : Number(v);
    });
  }
  con.closeSync();
  inst.closeSync();
  return performance.now() - t0;
}

const round = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string' }, baseline: { type: 'boolean' }, file: { type: 'string' } },
  });
  const file = values.file ?? sharedDataFile('cn_stocks_2010_2021.parquet');
  if (!file) {
    process.stdout.write(
      `${JSON.stringify({ skipped: 'cn_stocks_2010_2021.parquet not found (set AGORA_SHARED_DATA)' })}\n`,
    );
    return;
  }
  const runs = Number(values.runs ?? 3);
  const startRss = rssMB();
  const timings: LoadTimings[] = [];
  let shape = { T: 0, N: 0, fields: 0, denseMB: 0 };
  let peakAfterFirst = 0;
  for (let r = 0; r < runs; r++) {
    const { panel, timings: t } = await loadPanelTimed(file);
    timings.push(t);
    shape = {
      T: panel.T,
      N: panel.N,
      fields: panel.fieldNames.length,
      denseMB: round(panel.denseBytes() / MB),
    };
    if (r === 0) peakAfterFirst = maxRssMB();
  }
  const sorted = [...timings].sort((a, b) => a.totalMs - b.totalMs);
  const med = sorted[Math.floor(sorted.length / 2)];
  const out: Record<string, unknown> = {
    bench: 'data-load',
    file,
    rows: med.rows,
    shape,
    runs: timings.map((t) => ({
      totalMs: round(t.totalMs),
      checkMs: round(t.checkMs),
      readMs: round(t.readMs),
      scatterMs: round(t.scatterMs),
    })),
    medianMs: round(med.totalMs),
    rssMB: {
      beforeLoad: round(startRss),
      peakFirstLoad: round(peakAfterFirst),
      peakMinusStart: round(peakAfterFirst - startRss),
      peakOverDense: round(peakAfterFirst / shape.denseMB) / 1,
      growthOverDense: round((peakAfterFirst - startRss) / shape.denseMB),
    },
    targets: { timeMs: 3000, peakOverDense: 2 },
  };
  if (values.baseline) {
    const naiveMs = await naiveLoad(file);
    out.baseline = { naiveMs: round(naiveMs), speedup: round(naiveMs / med.totalMs) };
  }
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

await main();
