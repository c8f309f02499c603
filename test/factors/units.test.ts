/** Availability, fallbacks, benchmark alignment, user libraries, compute + coverage, output files. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Panel } from '../../src/data/index.js';
import {
  applyFallbacks,
  attachBenchmark,
  availability,
  computeFactors,
  coverage,
  FactorWriter,
  findFactor,
  libraries,
  parseLibraryList,
  parseUserLibrary,
} from '../../src/factors/index.js';
import { syntheticPanel } from './synthetic.js';

const full = syntheticPanel({ T: 120, N: 6 });

function without(p: Panel, drop: string[]): Panel {
  const fields = Object.fromEntries(
    p.fieldNames.filter((f) => !drop.includes(f)).map((f) => [f, p.field(f)]),
  );
  return new Panel({ dates: p.dates, assets: p.assets, fields, listed: p.listed });
}

const get = (id: string) => {
  const f = findFactor(id);
  if (!f) throw new Error(id);
  return f;
};

describe('availability', () => {
  const bare = without(full, [
    'vwap',
    'amount',
    'cap',
    'industry',
    'sector',
    'subindustry',
    'bench_open',
    'bench_close',
  ]);
  const has = (f: string) => bare.hasField(f);
  it('names the missing field instead of substituting', () => {
    expect(availability(get('alpha101_005'), has).status).toBe('needs vwap');
    expect(availability(get('alpha101_056'), has).status).toBe('needs cap');
    expect(availability(get('alpha101_048'), has).status).toBe('needs subindustry');
    expect(availability(get('gtja191_070'), has).status).toBe('needs amount');
    expect(availability(get('gtja191_149'), has).status).toBe('needs bench_close');
    expect(availability(get('gtja191_030'), has).status).toBe('needs fama_french');
    expect(availability(get('alpha101_101'), has).status).toBe('ok');
  });
  it('uses declared fallbacks only when opted in, and reports them', () => {
    const a = availability(get('alpha101_005'), has, { vwapFallback: true });
    expect(a).toEqual({ status: 'ok', missing: [], fallbacks: ['vwap_hlc3'] });
    // adv20 without amount = mean(vwap * volume): needs vwap, or its fallback.
    expect(availability(get('alpha101_007'), has).status).toBe('needs vwap');
    expect(availability(get('alpha101_007'), has, { vwapFallback: true }).status).toBe('ok');
    const withInd = (f: string) => f === 'industry' || has(f);
    expect(availability(get('alpha101_048'), withInd).status).toBe('needs subindustry');
    expect(availability(get('alpha101_048'), withInd, { groupFromIndustry: true }).fallbacks).toEqual([
      'group_from_industry',
    ]);
  });
  it('applies the group fallback to the panel only when asked', () => {
    const p = without(full, ['sector', 'subindustry']);
    expect(applyFallbacks(p, {}).panel.hasField('sector')).toBe(false);
    const r = applyFallbacks(p, { groupFromIndustry: true });
    expect(r.fallbacks).toEqual(['group_from_industry']);
    expect(r.panel.field('subindustry')).toBe(p.field('industry'));
  });
});

describe('benchmark', () => {
  it('broadcasts by date and leaves missing dates NaN (never carried)', () => {
    const p = without(full, ['bench_open', 'bench_close']);
    const dates = p.dates.filter((_, t) => t !== 3);
    const close = dates.map((_, i) => 100 + i);
    const { panel, missingDates } = attachBenchmark(p, { symbol: 'X', dates, open: close, close });
    expect(missingDates).toBe(1);
    const bc = panel.field('bench_close');
    expect(bc[2 * p.N + 5]).toBe(102);
    expect(Number.isNaN(bc[3 * p.N])).toBe(true);
    expect(bc[4 * p.N + 1]).toBe(103);
    expect(() => attachBenchmark(p, { symbol: 'X', dates: ['1999-01-01'], open: [1], close: [1] })).toThrow(
      /shares no date/,
    );
  });
});

describe('user libraries', () => {
  it('loads a YAML map with the same checks', () => {
    const lib = parseUserLibrary(
      'factors:\n  mom5: close / ts_ref(close, 5) - 1\n  rev: { formula: "-1 * ts_delta(close, 3)", description: r }\nmode: qlib\n',
    );
    expect(lib.map((f) => f.id)).toEqual(['user_mom5', 'user_rev']);
    expect(lib[0].mode).toBe('qlib');
    expect(lib[0].lookback).toBe(5);
    expect(parseUserLibrary('{"x": "rank(close)"}')[0].fields).toEqual(['close']);
  });
  it('refuses future references, bad names and bad formulas with the factor named', () => {
    expect(() => parseUserLibrary('peek: ts_ref(close, -1)')).toThrow(/peek/);
    expect(() => parseUserLibrary('"bad name": close')).toThrow(/invalid user library[\s\S]*bad name/);
    expect(() => parseUserLibrary('broken: ts_mean(close')).toThrow(/user_broken/);
  });
  it('refuses unknown library names with the list of known ones', () => {
    expect(parseLibraryList('alpha101, GTJA191')).toEqual(['alpha101', 'gtja191']);
    expect(() => parseLibraryList('alpha102')).toThrow(/alpha101, gtja191, alpha158, alpha360/);
  });
});

describe('compute', () => {
  it('computes available factors, reports unavailable ones, and counts NaNs after warm-up', async () => {
    const p = without(full, ['cap']);
    const entries = [get('alpha101_101'), get('alpha101_056'), get('alpha158_MA5'), get('gtja191_014')];
    const seen: string[] = [];
    const r = await computeFactors(p, entries, { onFactor: (f) => void seen.push(f.id) });
    expect(r.unavailable).toEqual([
      { id: 'alpha101_056', status: 'needs cap', reason: expect.stringMatching(/market-cap/) },
    ]);
    expect(seen.sort()).toEqual(['alpha101_101', 'alpha158_MA5', 'gtja191_014']);
    const g14 = r.computed.find((c) => c.id === 'gtja191_014');
    expect(g14?.lookback).toBe(5);
    expect(g14?.nanRatio).toBeGreaterThan(g14?.nanRatioAfterWarmup ?? 1);
  });
  it('worker threads give the same values, in the same order, as one thread', async () => {
    const entries = [
      get('alpha101_101'),
      get('alpha158_MA5'),
      get('gtja191_014'),
      get('alpha101_012'),
      get('gtja191_046'),
    ];
    const collect = async (jobs: number) => {
      const out: { id: string; values: Float64Array }[] = [];
      const r = await computeFactors(full, entries, {
        jobs,
        onFactor: (f, v) => void out.push({ id: f.id, values: Float64Array.from(v) }),
      });
      return { out, report: r };
    };
    const one = await collect(0);
    const two = await collect(2);
    expect(two.out.map((x) => x.id)).toEqual(one.out.map((x) => x.id));
    for (let k = 0; k < one.out.length; k++) {
      const a = one.out[k].values;
      const b = two.out[k].values;
      expect(
        a.every((v, i) => Object.is(v, b[i])),
        one.out[k].id,
      ).toBe(true);
    }
    expect(two.report.computed.every((c) => c.seconds >= 0)).toBe(true);
  }, 60_000);
  it('coverage counts listed cells after each asset first row plus the look-back', () => {
    const p = new Panel({
      dates: ['a', 'b', 'c', 'd'],
      assets: ['x', 'y'],
      fields: { close: new Float64Array([1, Number.NaN, 1, 1, 1, 1, Number.NaN, 1]) },
    });
    const v = new Float64Array([Number.NaN, 0, 0, 0, 0, Number.NaN, 0, 0]);
    const c = coverage(v, p, 1);
    expect(c.nanRatio).toBeCloseTo(2 / 6);
    // x listed rows 0,1,2 (row 3 missing): after warm-up rows 1,2 -> 0 NaN; y listed 1..3: rows 2,3 -> 1 NaN.
    expect(c.cellsAfterWarmup).toBe(4);
    expect(c.nanRatioAfterWarmup).toBeCloseTo(1 / 4);
  });
  it('writes wide and long Parquet files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agora-ftest-'));
    for (const format of ['wide', 'long'] as const) {
      const out = join(dir, `${format}.parquet`);
      const w = new FactorWriter(full, out, format, 2);
      const entries = libraries(['alpha158']).slice(0, 3);
      await computeFactors(full, entries, { onFactor: (f, v) => w.add(f.id, v) });
      const rows = await w.finish();
      let listed = 0;
      for (const x of full.listed) listed += x;
      expect(rows).toBe(format === 'wide' ? listed : 3 * listed);
      expect(existsSync(out) && readFileSync(out).length > 0).toBe(true);
    }
  });
});
