/**
 * Integration on real data: 30 CSI300 A-shares, 2019-2021 daily (float32 prices, suspensions as
 * volume = 0, missing rows as NaN) from ../shared/data. Kernels in every mode against the
 * reference, and a no-look-ahead check. Skips with a reason when the shared data is absent.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../../src/core/index.js';
import { OPS } from '../../../src/expr/ops/index.js';
import { firstMismatch, MODES, run } from './helpers.js';
import { reference } from './reference.js';

const file = sharedDataFile('cn_stocks_2010_2021.parquet');

interface RealPanel {
  T: number;
  N: number;
  close: Float64Array;
  volume: Float64Array;
}

async function loadPanel(path: string): Promise<RealPanel> {
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await db.connect();
  try {
    const src = `read_parquet('${path.replaceAll("'", "''")}')`;
    const sql = `WITH s AS (SELECT DISTINCT symbol FROM ${src} ORDER BY symbol LIMIT 30)
      SELECT p.symbol, CAST(p.date AS VARCHAR) AS d, CAST(p.close AS DOUBLE) AS close, CAST(p.volume AS DOUBLE) AS volume
      FROM ${src} p JOIN s USING (symbol) WHERE p.date >= DATE '2019-01-01' ORDER BY d, p.symbol`;
    const rows = (await (await con.run(sql)).getRowObjectsJS()) as {
      symbol: string;
      d: string;
      close: number | null;
      volume: number | null;
    }[];
    const dates = [...new Set(rows.map((r) => r.d))].sort();
    const symbols = [...new Set(rows.map((r) => r.symbol))].sort();
    const di = new Map(dates.map((d, i) => [d, i]));
    const si = new Map(symbols.map((s, i) => [s, i]));
    const T = dates.length;
    const N = symbols.length;
    const close = new Float64Array(T * N).fill(Number.NaN);
    const volume = new Float64Array(T * N).fill(Number.NaN);
    for (const r of rows) {
      const i = (di.get(r.d) as number) * N + (si.get(r.symbol) as number);
      close[i] = r.close ?? Number.NaN;
      volume[i] = r.volume ?? Number.NaN;
    }
    return { T, N, close, volume };
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

const CASES: [string, number[]][] = [
  ['ts_mean', [20]],
  ['ts_std', [20]],
  ['ts_skew', [20]],
  ['ts_kurt', [20]],
  ['ts_zscore', [20]],
  ['ts_rank', [10]],
  ['ts_rank', [40]],
  ['ts_max', [20]],
  ['ts_argmax', [10]],
  ['ts_median', [10]],
  ['decay_linear', [10]],
  ['wma', [10]],
  ['ema', [10]],
  ['ts_slope', [20]],
  ['ts_corr', [10]],
  ['ts_cov', [10]],
  ['ts_regbeta', [20]],
  ['cs_rank', []],
];

describe.skipIf(!file)(
  `real data (${file ?? 'shared data not found: set AGORA_SHARED_DATA or place ../shared/data'})`,
  () => {
    let P: RealPanel;
    beforeAll(async () => {
      P = await loadPanel(file as string);
    });

    it('loads a panel with missing rows or suspensions (volume = 0)', () => {
      expect(P.T).toBeGreaterThan(600);
      expect(P.N).toBe(30);
      const gaps = P.close.filter((v) => Number.isNaN(v)).length + P.volume.filter((v) => v === 0).length;
      expect(gaps).toBeGreaterThan(0);
    });

    for (const [name, params] of CASES) {
      it(`${name}(${params.join(', ')}) matches the reference in every mode`, () => {
        const op = OPS[name];
        const inputs = op.args.filter((a) => a === 'series').length === 2 ? [P.close, P.volume] : [P.close];
        for (const mode of MODES) {
          const c = { T: P.T, N: P.N, inputs, params, eligible: undefined };
          const got = run(op, c, mode);
          const want = reference(name, inputs, params, { T: P.T, N: P.N, mode });
          const i = firstMismatch(got, want, name === 'ts_kurt' ? 1e-7 : 1e-9);
          expect(i, `${name} ${mode} cell ${i}: got ${got[i]}, want ${want[i]}`).toBe(-1);
        }
      });
    }

    it('no look-ahead on real data: truncating the future leaves the past unchanged', () => {
      const cut = Math.floor(P.T / 2);
      for (const [name, params] of CASES) {
        const op = OPS[name];
        const full = op.args.filter((a) => a === 'series').length === 2 ? [P.close, P.volume] : [P.close];
        const head = full.map((x) => x.slice(0, cut * P.N));
        const a = run(op, { T: P.T, N: P.N, inputs: full, params, eligible: undefined }, 'canonical');
        const b = run(op, { T: cut, N: P.N, inputs: head, params, eligible: undefined }, 'canonical');
        for (let i = 0; i < cut * P.N; i++)
          if (!Object.is(a[i], b[i])) expect.fail(`${name}: cell ${i} differs`);
      }
    });
  },
);
