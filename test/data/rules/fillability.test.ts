import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillability, Panel } from '../../../src/data/index.js';

/** 4 dates x 2 assets (main board, ChiNext), raw prices, date-major rows [main, chinext]. */
function rawPanel(
  over: Partial<Record<'open' | 'high' | 'low' | 'close', number[]>> = {},
  tradable?: number[],
) {
  const f = (xs: number[]) => new Float64Array(xs);
  const close = over.close ?? [10, 10, 11, 10, 12, 11, 13.2, 11];
  const open = over.open ?? [10, 10, 10.5, 10, 11, 10, 13.2, 11];
  const high = over.high ?? [10, 10, 11, 10, 12, 11, 13.2, 11];
  const low = over.low ?? [10, 10, 10.2, 10, 11, 9.5, 13.2, 11];
  return new Panel({
    dates: ['2020-08-20', '2020-08-21', '2020-08-24', '2020-08-25'],
    assets: ['600000.SH', '300001.SZ'],
    fields: { open: f(open), high: f(high), low: f(low), close: f(close) },
    tradable: tradable ? new Uint8Array(tradable) : undefined,
    meta: { market: 'cn' },
  });
}

describe('fillability', () => {
  it('flags limit-up closes and blocks buys at the close (hand-checked)', () => {
    const r = fillability(rawPanel());
    // day 1: main 10 -> 11 = +10% limit up; ChiNext 10 -> 10 flat
    expect([...r.limitUp.subarray(2, 4)]).toEqual([1, 0]);
    expect([...r.canBuy.subarray(2, 4)]).toEqual([0, 1]);
    expect([...r.canSell.subarray(2, 4)]).toEqual([1, 1]);
    // day 2 (2020-08-24): main 11 -> 12 (+9.1%, limit 12.10); ChiNext 10 -> 11 (+10%, limit now 12.00)
    expect(r.upPrice[4]).toBe(12.1);
    expect(r.upPrice[5]).toBe(12);
    expect([...r.limitUp.subarray(4, 6)]).toEqual([0, 0]);
    // day 3: main one-price limit up 12 -> 13.2
    expect(r.limitUp[6]).toBe(1);
    expect(r.canBuy[6]).toBe(0);
    // first row: no reference close, no limit
    expect(Number.isNaN(r.upPrice[0])).toBe(true);
    expect(r.canBuy[0]).toBe(1);
  });
  it('exec=onePrice only blocks one-price bars; exec=open looks at the open', () => {
    const p = rawPanel();
    const one = fillability(p, { exec: 'onePrice' });
    expect(one.canBuy[2]).toBe(1); // traded intraday below the limit
    expect(one.canBuy[6]).toBe(0); // one-price bar
    const open = fillability(p, { exec: 'open' });
    expect(open.canBuy[2]).toBe(1); // opened at 10.5
    expect(open.canBuy[6]).toBe(0);
  });
  it('limit-down blocks sells; suspension blocks both', () => {
    const p = rawPanel(
      { close: [10, 10, 9, 10, 9, 8, 9, 8], low: [10, 10, 9, 10, 9, 8, 9, 8] },
      [1, 1, 1, 1, 1, 0, 1, 1],
    );
    const r = fillability(p);
    expect(r.limitDown[2]).toBe(1);
    expect(r.canSell[2]).toBe(0);
    expect(r.canBuy[2]).toBe(1);
    expect(r.canBuy[5]).toBe(0);
    expect(r.canSell[5]).toBe(0);
  });
  it('uses unadjusted prices with the ex-rights reference close on factor steps', () => {
    // raw close 10 then ex-dividend: factor 1 -> 1.25, raw reference 8.00, raw limit-up 8.80
    const close = new Float64Array([10, 8.8 * 1.25]);
    const factor = new Float64Array([1, 1.25]);
    const p = new Panel({
      dates: ['2019-06-03', '2019-06-04'],
      assets: ['600000.SH'],
      fields: { open: close, high: close, low: close, close, factor },
      meta: { market: 'cn', notes: { adjustment: 'backward' } },
    });
    const r = fillability(p);
    expect(r.upPrice[1]).toBe(8.8);
    expect(r.limitUp[1]).toBe(1);
  });
  it('a close beyond the band means no limit applied that day (e.g. resumption): not blocked', () => {
    // 10 -> 30: impossible under a 10% limit, so the limit did not apply
    const p = rawPanel({
      close: [10, 10, 30, 10, 30, 10, 30, 10],
      high: [10, 10, 30, 10, 30, 10, 30, 10],
      low: [10, 10, 30, 10, 30, 10, 30, 10],
    });
    const r = fillability(p);
    expect(r.upPrice[2]).toBe(11);
    expect(r.limitUp[2]).toBe(0);
    expect(r.canBuy[2]).toBe(1);
  });
  it('ST rows use the ST limit', () => {
    const close = new Float64Array([10, 10.5]);
    const p = new Panel({
      dates: ['2019-06-03', '2019-06-04'],
      assets: ['600000.SH'],
      fields: { open: close, high: close, low: close, close, is_st: new Float64Array([1, 1]) },
      meta: { market: 'cn' },
    });
    expect(fillability(p).limitUp[1]).toBe(1);
  });
  it('no look-ahead: changing future rows never changes past results', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 5, max: 20, noNaN: true }), { minLength: 16, maxLength: 16 }),
        fc.integer({ min: 1, max: 7 }),
        (vals, cut) => {
          const base = vals.map((v) => Math.round(v * 100) / 100);
          const p1 = rawPanel({
            close: base.slice(0, 8),
            open: base.slice(8),
            high: base.map(() => 30).slice(0, 8),
            low: base.map(() => 1).slice(0, 8),
          });
          const future = base.slice(0, 8).map((v, i) => (i >= cut ? v * 1.07 : v));
          const p2 = rawPanel({
            close: future,
            open: base.slice(8),
            high: base.map(() => 30).slice(0, 8),
            low: base.map(() => 1).slice(0, 8),
          });
          const r1 = fillability(p1);
          const r2 = fillability(p2);
          const end = Math.floor(cut / 2) * 2; // rows strictly before the changed date
          expect([...r2.canBuy.subarray(0, end)]).toEqual([...r1.canBuy.subarray(0, end)]);
          expect([...r2.canSell.subarray(0, end)]).toEqual([...r1.canSell.subarray(0, end)]);
        },
      ),
      { numRuns: 50 },
    );
  });
  it('US and crypto panels never block on limits', () => {
    const p = rawPanel().withMeta({ market: 'us' });
    const r = fillability(p);
    expect([...r.canBuy]).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(Number.isNaN(r.upPrice[3])).toBe(true);
  });
});
