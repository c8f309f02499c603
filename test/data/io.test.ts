import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPanel, Panel, writePanel } from '../../src/data/index.js';
import { CLEAN_ROWS, csvFile, HEADER, tmpDir } from './helpers.js';

interface LongRow {
  symbol: string;
  date: string;
  values: (number | null)[];
}
const FIELDS = ['open', 'high', 'low', 'close', 'volume', 'extra'];

/** The obvious builder: maps and per-cell assignment, used as the reference. */
function naivePanel(rows: LongRow[]): {
  dates: string[];
  assets: string[];
  get: (f: number, d: string, s: string) => number;
} {
  const cells = new Map<string, (number | null)[]>();
  for (const r of rows) cells.set(`${r.date}|${r.symbol}`, r.values);
  const dates = [...new Set(rows.map((r) => r.date))].sort();
  const assets = [...new Set(rows.map((r) => r.symbol))].sort();
  return {
    dates,
    assets,
    get: (f, d, s) => {
      const v = cells.get(`${d}|${s}`)?.[f];
      return v === null || v === undefined ? Number.NaN : v;
    },
  };
}

const rowArb = fc.record({
  sym: fc.constantFrom('600000.SH', '000001.SZ', '300750.SZ', '688981.SH'),
  day: fc.integer({ min: 0, max: 40 }),
  low: fc.integer({ min: 100, max: 10000 }),
  span: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 3, maxLength: 3 }),
  vol: fc.option(fc.integer({ min: 0, max: 1e9 })),
  // CSV text cannot tell -0 from 0: generate +0 only
  extra: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x + 0)),
});

type RowGen = typeof rowArb extends fc.Arbitrary<infer U> ? U : never;

function toRows(raw: RowGen[]): LongRow[] {
  const seen = new Set<string>();
  const out: LongRow[] = [];
  for (const r of raw) {
    const date = new Date(Date.UTC(2021, 0, 4 + r.day)).toISOString().slice(0, 10);
    if (seen.has(`${r.sym}|${date}`)) continue;
    seen.add(`${r.sym}|${date}`);
    const low = r.low / 100;
    const high = low + r.span[0] / 100;
    const open = Math.min(high, low + r.span[1] / 100);
    const close = Math.min(high, low + r.span[2] / 100);
    out.push({ symbol: r.sym, date, values: [open, high, low, close, r.vol, r.extra] });
  }
  return out;
}

function csvOf(rows: LongRow[]): string[] {
  return [
    `symbol,date,${FIELDS.join(',')}`,
    ...rows.map(
      (r) => `${r.symbol},${r.date},${r.values.map((v) => (v === null ? '' : String(v))).join(',')}`,
    ),
  ];
}

describe('long format -> Panel', () => {
  it('equals a naive builder on random shuffled data (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 60 }), async (raw) => {
        const rows = toRows(raw);
        const p = await loadPanel(csvFile(csvOf(rows)));
        const ref = naivePanel(rows);
        expect(p.dates).toEqual(ref.dates);
        expect(p.assets).toEqual(ref.assets);
        FIELDS.forEach((f, fi) => {
          const arr = p.field(f);
          for (let t = 0; t < p.T; t++)
            for (let a = 0; a < p.N; a++) expect(arr[t * p.N + a]).toBe(ref.get(fi, p.dates[t], p.assets[a]));
        });
        for (let t = 0; t < p.T; t++)
          for (let a = 0; a < p.N; a++) {
            const exists = rows.some((r) => r.date === p.dates[t] && r.symbol === p.assets[a]);
            expect(p.listed[t * p.N + a]).toBe(exists ? 1 : 0);
            const vol = ref.get(4, p.dates[t], p.assets[a]);
            expect(p.tradable[t * p.N + a]).toBe(exists && vol > 0 ? 1 : 0);
          }
      }),
      { numRuns: 12 },
    );
  });

  it('reads .csv.gz, converts declared units, codes categories, derives masks', async () => {
    const dir = tmpDir();
    const text = [
      'ts_code,trade_date,open,high,low,close,vol,amount,pct_chg,industry,tradestatus',
      '600519.SH,20210104,10,11,9,10,12,130,1.5,bank,1',
      '600519.SH,20210105,10,11,9,10,0,0,0,bank,0',
      '000001.SZ,20210104,20,21,19,20,3,60,-2,,1',
      '000001.SZ,20210105,20,21,19,20,4,80,0.5,auto,0',
    ].join('\n');
    const file = join(dir, 'tushare.csv.gz');
    writeFileSync(file, gzipSync(text));
    const p = await loadPanel(file, { units: { vol: 'lots', amount: 'thousands', pct_chg: 'percent' } });
    expect(p.assets).toEqual(['000001.SZ', '600519.SH']);
    expect(p.dates).toEqual(['2021-01-04', '2021-01-05']);
    expect([...p.field('volume')]).toEqual([300, 1200, 400, 0]);
    expect([...p.field('amount')]).toEqual([60000, 130000, 80000, 0]);
    expect(p.field('pct_chg')[1]).toBeCloseTo(0.015, 15);
    expect(p.meta.categories?.industry).toEqual(['auto', 'bank']);
    expect([...p.field('industry')]).toEqual([Number.NaN, 1, 0, 1]);
    expect([...p.tradable]).toEqual([1, 1, 0, 0]);
    expect(p.meta.market).toBe('cn');
  });

  it('reads hourly data keyed by ts', async () => {
    const file = csvFile([
      'symbol,ts,open,high,low,close,volume',
      'BTC/USDT,2021-01-01T00:00:00Z,1,2,1,2,5',
      'BTC/USDT,2021-01-01T01:00:00Z,2,3,2,3,0',
      'ETH/USDT,2021-01-01T01:00:00Z,1,1,1,1,7',
    ]);
    const p = await loadPanel(file);
    expect(p.meta.frequency).toBe('1h');
    expect(p.meta.market).toBe('crypto');
    expect(p.dates).toEqual(['2021-01-01T00:00:00Z', '2021-01-01T01:00:00Z']);
    expect([...p.listed]).toEqual([1, 0, 1, 1]);
  });

  it('loads a subset of fields and still derives tradable from volume', async () => {
    const p = await loadPanel(csvFile([HEADER, ...CLEAN_ROWS]), { fields: ['close'] });
    expect(p.fieldNames).toEqual(['close']);
    expect([...p.tradable]).toEqual([1, 1, 0, 1, 1, 1]);
  });
  it('filters by symbols and dates', async () => {
    const p = await loadPanel(csvFile([HEADER, ...CLEAN_ROWS]), {
      symbols: ['000001.SZ'],
      from: '2021-01-05',
    });
    expect(p.assets).toEqual(['000001.SZ']);
    expect(p.dates).toEqual(['2021-01-05', '2021-01-06']);
  });
});

describe('Panel -> file -> Panel round trips', () => {
  function randomPanel(seedVals: number[]): Panel {
    const T = 5;
    const N = 3;
    const close = new Float64Array(T * N);
    for (let i = 0; i < T * N; i++) close[i] = 1 + (seedVals[i % seedVals.length] % 1000) / 7;
    close[4] = Number.NaN; // one missing row
    const volume = close.map((c, i) => (i % 4 === 0 ? c * 0 : c * 1000)); // NaN stays NaN
    const change = close.map((c) => c / 100 - 0.01);
    const industry = close.map((c, i) => c * 0 + (i % 2));
    return new Panel({
      dates: ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08'],
      assets: ['000001.SZ', '300750.SZ', '600519.SH'],
      fields: {
        open: close,
        high: close.map((c) => c * 1.01),
        low: close.map((c) => c * 0.99),
        close,
        volume,
        change,
        industry,
      },
      meta: { market: 'cn', categories: { industry: ['bank', 'tech'] }, notes: { adjustment: 'none' } },
    });
  }
  for (const ext of ['parquet', 'csv', 'csv.gz']) {
    it(`round-trips through .${ext} bit for bit (property)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 15 }),
          async (vals) => {
            const p = randomPanel(vals);
            const file = join(tmpDir(), `x.${ext}`);
            expect(await writePanel(p, file)).toBe(14);
            const q = await loadPanel(file);
            expect(q.dates).toEqual(p.dates);
            expect(q.assets).toEqual(p.assets);
            expect(q.meta.categories).toEqual({ industry: ['bank', 'tech'] });
            for (const f of p.fieldNames) expect([...q.field(f)]).toEqual([...p.field(f)]);
            expect([...q.listed]).toEqual([...p.listed]);
            expect([...q.tradable]).toEqual(
              [...p.tradable].map((x, i) => (p.field('volume')[i] > 0 ? x : 0)),
            );
          },
        ),
        { numRuns: 3 },
      );
    });
  }
  it('round-trips an hourly panel', async () => {
    const close = new Float64Array([1, 2, 3, 4]);
    const p = new Panel({
      dates: ['2021-01-01T00:00:00Z', '2021-01-01T01:00:00Z'],
      assets: ['BTC/USDT', 'ETH/USDT'],
      fields: { open: close, high: close, low: close, close, volume: close },
      meta: { market: 'crypto', frequency: '1h' },
    });
    const file = join(tmpDir(), 'h.parquet');
    await writePanel(p, file);
    const q = await loadPanel(file);
    expect(q.dates).toEqual(p.dates);
    expect(q.meta.frequency).toBe('1h');
    expect([...q.field('close')]).toEqual([1, 2, 3, 4]);
  });
});
