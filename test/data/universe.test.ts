import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allOf,
  inIndex,
  listedAtLeast,
  loadMembership,
  mainBoard,
  membershipMask,
  nonST,
  notSuspended,
  Panel,
  universeMask,
  where,
  withUniverseFilters,
} from '../../src/data/index.js';
import { csvFile } from './helpers.js';

const DATES = ['2021-06-10', '2021-06-11', '2021-06-15', '2021-06-16'];
const ASSETS = ['000001.SZ', '300750.SZ', '600519.SH'];

function panel(): Panel {
  const close = new Float64Array([1, Number.NaN, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  const is_st = new Float64Array([0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0]);
  const tradable = new Uint8Array([1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1]);
  return new Panel({
    dates: DATES,
    assets: ASSETS,
    fields: { close, is_st },
    tradable,
    meta: { market: 'cn' },
  });
}

describe('membership', () => {
  it('reads intervals and masks by date (inclusive, end on a holiday)', async () => {
    const file = csvFile([
      'index,symbol,start_date,end_date',
      'csi300,000001.SZ,2010-01-04,2021-06-14',
      'csi300,SH600519,2021-06-15,2021-12-31',
      'csi500,300750.SZ,2021-01-04,2021-12-31',
    ]);
    const iv = await loadMembership(file, 'csi300');
    expect(iv.map((x) => x.symbol)).toEqual(['000001.SZ', '600519.SH']);
    const m = membershipMask(panel(), iv);
    // rows: t x [000001, 300750, 600519]
    expect([...m]).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1]);
  });
  it('refuses inverted intervals with the row', async () => {
    const file = csvFile(['index,symbol,start_date,end_date', 'csi300,000001.SZ,2021-01-04,2020-01-01']);
    await expect(loadMembership(file)).rejects.toThrow(/row 1/);
  });
});

describe('filters compose', () => {
  it('main board, non-ST, not suspended, listed >= n days, custom predicate', () => {
    const p = panel();
    expect([...universeMask(p, mainBoard())]).toEqual([1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1]);
    expect([...universeMask(p, nonST())]).toEqual([1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1]);
    expect([...universeMask(p, notSuspended())]).toEqual([1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1]);
    // 300750 first listed on the 2nd date: day 0 there, day 2 on the last date
    expect([...universeMask(p, listedAtLeast(2))]).toEqual([1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1]);
    const combined = universeMask(p, allOf(mainBoard(), nonST()), notSuspended());
    expect([...combined]).toEqual([1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1]);
    const custom = universeMask(
      p,
      where((q, t, a) => q.field('close')[t * q.N + a] > 0 && t >= 2),
    );
    expect([...custom]).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  });
  it('index membership as a filter, set on the panel', () => {
    const p = withUniverseFilters(
      panel(),
      inIndex([{ index: 'x', symbol: '600519.SH', start: '2021-06-11', end: '2021-06-15' }]),
    );
    expect([...p.universe!]).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0]);
    expect(p.eligible(5)).toBe(true);
    expect(p.eligible(2)).toBe(false);
  });
  it('nonST needs is_st unless told to assume', () => {
    const close = new Float64Array([1]);
    const p = new Panel({ dates: ['2021-01-04'], assets: ['600519.SH'], fields: { close } });
    expect(() => universeMask(p, nonST())).toThrow(/is_st/);
    expect([...universeMask(p, nonST({ assumeNotST: true }))]).toEqual([1]);
  });
});

describe('filters are point in time', () => {
  it('changing rows after t never changes masks at or before t (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
        fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: 1, max: 7 }),
        (a, b, cut) => {
          const T = 8;
          const N = 3;
          const mk = (bits: boolean[]) => {
            const close = new Float64Array(T * N).map((_v, i) => (bits[i] ? 1 : Number.NaN));
            const is_st = new Float64Array(T * N).map((_v, i) => (bits[(i + 5) % bits.length] ? 1 : 0));
            const tradable = new Uint8Array(T * N).map((_v, i) =>
              bits[i] && bits[(i + 1) % bits.length] ? 1 : 0,
            );
            const dates = Array.from({ length: T }, (_v, t) => `2021-01-${String(t + 10).padStart(2, '0')}`);
            return new Panel({
              dates,
              assets: ASSETS,
              fields: { close, is_st },
              tradable,
              meta: { market: 'cn' },
            });
          };
          const future = a.map((x, i) => (i >= cut * N ? b[i] : x));
          const m1 = universeMask(mk(a), listedAtLeast(2), nonST(), notSuspended(), mainBoard());
          const m2 = universeMask(mk(future), listedAtLeast(2), nonST(), notSuspended(), mainBoard());
          // the (i+5)/(i+1) offsets above read other cells of the same or earlier rows only when
          // they stay below cut*N; compare the rows every input of which is unchanged
          const safe = Math.max(0, cut * N - 5);
          expect([...m2.subarray(0, safe)]).toEqual([...m1.subarray(0, safe)]);
        },
      ),
    );
  });
});
