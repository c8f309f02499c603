/** Integration on the shared real data: counts checked against /work/shared/data/README.md. */
import { describe, expect, it } from 'vitest';
import { sharedDataFile } from '../../src/core/index.js';
import {
  cnBoard,
  fillability,
  inspectPanel,
  loadMembership,
  loadPanel,
  validateFile,
} from '../../src/data/index.js';

const stocks = sharedDataFile('cn_stocks_2010_2021.parquet');
const members = sharedDataFile('cn_index_membership_2010_2021.csv');
const baostock = sharedDataFile('cn_csi300_baostock_2020_2021.parquet');
const hourly = sharedDataFile('crypto_binance_1h_2017_2023.parquet');
const us = sharedDataFile('us_sp500_2013_2018.parquet');
const index = sharedDataFile('cn_index_2010_2021.parquet');
const why = 'shared data not found (set AGORA_SHARED_DATA or place ../shared/data beside the repository)';

describe.skipIf(!stocks || !members)(
  `cn_stocks_2010_2021.parquet${stocks ? '' : ` (skipped: ${why})`}`,
  () => {
    it('loads with the README counts, masks and dirt', async () => {
      const p = await loadPanel(stocks!);
      expect(p.N).toBe(664);
      expect(p.T).toBe(2917);
      expect(p.dates[0]).toBe('2010-01-04');
      expect(p.dates[p.T - 1]).toBe('2021-12-31');
      const vol = p.field('volume');
      let rows = 0;
      let zero = 0;
      let nullVol = 0;
      let tradable = 0;
      for (let i = 0; i < p.size; i++) {
        rows += p.listed[i];
        tradable += p.tradable[i];
        if (p.listed[i] === 1 && vol[i] === 0) zero++;
        if (p.listed[i] === 1 && Number.isNaN(vol[i])) nullVol++;
      }
      expect(rows).toBe(1_703_414);
      expect(zero).toBe(57_799);
      expect(nullVol).toBe(41);
      expect(tradable).toBe(1_703_414 - 57_799 - 41);
      // percent declared by the file's profile: change is a fraction in the panel
      expect(p.meta.notes?.['unit.change']).toContain('percent');
      const report = inspectPanel(p, await loadMembership(members!, 'csi300'));
      expect(report.factor?.stepDownRows).toBe(8); // "the factor falls on 8 rows"
      expect(report.universe?.intervals).toBe(819);
      expect(report.universe?.membersPerDate).toEqual({ min: 245, mean: 278.3, max: 300 });
      expect(report.universe?.membersWithData).toEqual({ min: 243, mean: 265.4, max: 297 });

      // limit-up closes on the main board move about +10% (up to +10.15% after rounding to the fen
      // on low prices), or +5% for ST names, which this file does not flag; ChiNext after
      // 2020-08-24 about +20%
      const fl = fillability(p);
      const change = p.field('change');
      let mainHits = 0;
      let mainOk = 0;
      let chinext20 = 0;
      for (let t = 1; t < p.T; t++) {
        for (let a = 0; a < p.N; a++) {
          const i = t * p.N + a;
          if (fl.limitUp[i] !== 1) continue;
          const b = cnBoard(p.assets[a]);
          if (b === 'main') {
            mainHits++;
            if ((change[i] > 0.095 && change[i] < 0.1016) || (change[i] > 0.045 && change[i] < 0.0516))
              mainOk++;
          }
          if (b === 'chinext' && p.dates[t] >= '2020-08-24' && change[i] > 0.195) chinext20++;
        }
      }
      expect(mainHits).toBeGreaterThan(1000);
      expect(mainOk / mainHits).toBeGreaterThan(0.99);
      expect(chinext20).toBeGreaterThan(0);
    }, 60_000);
  },
);

describe.skipIf(!baostock)(
  `cn_csi300_baostock_2020_2021.parquet${baostock ? '' : ` (skipped: ${why})`}`,
  () => {
    it('loads with tradestatus suspensions and ST flags', async () => {
      const p = await loadPanel(baostock!);
      expect([p.N, p.T]).toEqual([288, 486]);
      const st = p.field('is_st');
      const ts = p.field('tradestatus');
      let rows = 0;
      let suspended = 0;
      let stRows = 0;
      for (let i = 0; i < p.size; i++) {
        if (p.listed[i] !== 1) continue;
        rows++;
        if (ts[i] === 0) suspended++;
        if (st[i] === 1) stRows++;
        if (ts[i] === 0) expect(p.tradable[i]).toBe(0);
      }
      expect(rows).toBe(135_246);
      expect(suspended).toBe(509);
      expect(stRows).toBe(850);
      expect(p.meta.notes?.adjustment).toBe('none');
    }, 60_000);
  },
);

describe.skipIf(!hourly)(`crypto_binance_1h_2017_2023.parquet${hourly ? '' : ` (skipped: ${why})`}`, () => {
  it('loads hourly bars keyed by UTC timestamps', async () => {
    const p = await loadPanel(hourly!, { fields: ['open', 'high', 'low', 'close', 'volume'] });
    expect([p.N, p.T]).toEqual([42, 47_215]);
    expect(p.meta.frequency).toBe('1h');
    expect(p.dates[0]).toBe('2017-08-17T04:00:00Z');
    expect(p.dates[p.T - 1]).toBe('2023-01-10T17:00:00Z');
    let rows = 0;
    for (let i = 0; i < p.size; i++) rows += p.listed[i];
    expect(rows).toBe(1_263_890);
  }, 60_000);
});

describe.skipIf(!us)(`us_sp500_2013_2018.parquet${us ? '' : ` (skipped: ${why})`}`, () => {
  it('reports the documented high/low violations, and loads with dropBadRows', async () => {
    const v = await validateFile(us!);
    const rules = v.problems.map((x) => x.rule);
    expect(rules).toEqual(['high-below-low', 'close-outside-range']);
    expect(v.problems[1].examples.join(' ')).toContain('LNT 2016-05-19');
    const p = await loadPanel(us!, { dropBadRows: true });
    expect([p.N, p.T]).toEqual([505, 1259]);
  }, 60_000);
});

describe.skipIf(!index)(`cn_index_2010_2021.parquet${index ? '' : ` (skipped: ${why})`}`, () => {
  it('finds the one CSI500 bar whose close is below its low (not in the README)', async () => {
    const v = await validateFile(index!);
    expect(v.problems.map((x) => x.rule)).toEqual(['close-outside-range']);
    expect(v.problems[0].examples[0]).toContain('000905.SH 2016-08-11');
    const p = await loadPanel(index!, { dropBadRows: true });
    expect([p.N, p.T]).toEqual([3, 2917]);
  }, 60_000);
});
