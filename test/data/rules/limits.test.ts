import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnBoard, cnLimitPct, cnLimitPrices, cnRules, roundToTick } from '../../../src/data/index.js';

describe('cnBoard', () => {
  it.each([
    ['600519.SH', 'main'],
    ['601318.SH', 'main'],
    ['603259.SH', 'main'],
    ['605499.SH', 'main'],
    ['000001.SZ', 'main'],
    ['001979.SZ', 'main'],
    ['002594.SZ', 'main'],
    ['003816.SZ', 'main'],
    ['300750.SZ', 'chinext'],
    ['301269.SZ', 'chinext'],
    ['688981.SH', 'star'],
    ['689009.SH', 'star'],
    ['830799.BJ', 'bse'],
    ['430047.BJ', 'bse'],
    ['920118.BJ', 'bse'],
  ])('%s is %s', (s, b) => expect(cnBoard(s)).toBe(b));
  it('returns undefined for indices, funds and other markets', () => {
    expect(cnBoard('000300.SH')).toBeUndefined();
    expect(cnBoard('510300.SH')).toBeUndefined();
    expect(cnBoard('AAPL')).toBeUndefined();
    expect(cnBoard('600519')).toBeUndefined();
  });
});

describe('cnLimitPct', () => {
  it('main board 10%, ST 5%, first day unlimited', () => {
    expect(cnLimitPct('main', '2015-06-01', false, 100)).toBe(0.1);
    expect(cnLimitPct('main', '2015-06-01', true, 100)).toBe(0.05);
    expect(cnLimitPct('main', '2015-06-01', false, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(cnLimitPct('main', '2015-06-01', false, 1)).toBe(0.1);
  });
  it('ChiNext switches from 10% to 20% on 2020-08-24', () => {
    expect(cnLimitPct('chinext', '2020-08-21', false, 500)).toBe(0.1);
    expect(cnLimitPct('chinext', '2020-08-24', false, 500)).toBe(0.2);
    expect(cnLimitPct('chinext', '2020-08-24', true, 500)).toBe(0.2);
    // registration IPOs: 5 days without limit after the change, 1 before
    expect(cnLimitPct('chinext', '2020-08-24', false, 4)).toBe(Number.POSITIVE_INFINITY);
    expect(cnLimitPct('chinext', '2020-08-25', false, 5)).toBe(0.2);
    expect(cnLimitPct('chinext', '2019-08-26', false, 1)).toBe(0.1);
  });
  it('STAR 20% with 5 free days, BSE 30% with 1', () => {
    expect(cnLimitPct('star', '2020-01-02', false, 4)).toBe(Number.POSITIVE_INFINITY);
    expect(cnLimitPct('star', '2020-01-02', false, 5)).toBe(0.2);
    expect(cnLimitPct('bse', '2022-01-04', false, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(cnLimitPct('bse', '2022-01-04', false, 1)).toBe(0.3);
  });
  it('has no limit before a board existed', () => {
    expect(cnLimitPct('star', '2019-07-19', false, 100)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('cnLimitPrices (hand-checked, round half up to the fen)', () => {
  it.each([
    // [prev, pct, up, down]
    [1800, 0.1, 1980, 1620],
    [10.05, 0.1, 11.06, 9.05], // 11.055 -> 11.06, 9.045 -> 9.05
    [1.15, 0.1, 1.27, 1.04], // 1.265 -> 1.27, 1.035 -> 1.04
    [3.33, 0.05, 3.5, 3.16], // ST: 3.4965 -> 3.50, 3.1635 -> 3.16
    [10, 0.1, 11, 9], // ChiNext before 2020-08-24
    [10, 0.2, 12, 8], // ChiNext from 2020-08-24
    [15.37, 0.2, 18.44, 12.3], // 18.444, 12.296
    [55.55, 0.2, 66.66, 44.44], // STAR
    [7.77, 0.3, 10.1, 5.44], // BSE: 10.101, 5.439
  ])('prev %f at %f -> [%f, %f]', (prev, pct, up, down) => {
    expect(cnLimitPrices(prev, pct)).toEqual({ up, down });
  });
  it('floors the lower limit at one fen and leaves unlimited bands open', () => {
    expect(cnLimitPrices(0.01, 0.1).down).toBe(0.01);
    expect(cnLimitPrices(10, Number.POSITIVE_INFINITY)).toEqual({ up: Number.POSITIVE_INFINITY, down: 0 });
  });
  it('rounds like a decimal reference (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500000 }), fc.constantFrom(5, 10, 20, 30), (fen, pctInt) => {
        // exact integer arithmetic: prev in fen, pct in percent -> limit in 1/10000 fen units
        const upExact = fen * (100 + pctInt); // in fen/100
        const upFen = Math.floor((upExact + 50) / 100);
        const { up } = cnLimitPrices(fen / 100, pctInt / 100);
        expect(Math.round(up * 100)).toBe(upFen);
      }),
    );
  });
  it('roundToTick rounds half up', () => {
    expect(roundToTick(2.345)).toBe(2.35);
    expect(roundToTick(2.344999)).toBe(2.34);
  });
});

describe('cnRules via the MarketRules interface', () => {
  const r = cnRules();
  it('looks the board up from the symbol', () => {
    expect(r.limitPct('300750.SZ', '2021-01-04', false, 100)).toBe(0.2);
    expect(r.limitPct('600519.SH', '2021-01-04', true, 100)).toBe(0.05);
    expect(r.limitPct('000300.SH', '2021-01-04', false, 100)).toBe(Number.POSITIVE_INFINITY);
    expect(r.limitKey('688981.SH')).toBe('star');
  });
  it('lot sizes: 100-share lots; STAR 200 minimum then 1; BSE 100 then 1', () => {
    expect(r.roundBuy('600519.SH', 250)).toBe(200);
    expect(r.roundBuy('600519.SH', 99)).toBe(0);
    expect(r.roundBuy('688981.SH', 199)).toBe(0);
    expect(r.roundBuy('688981.SH', 257)).toBe(257);
    expect(r.roundBuy('830799.BJ', 101)).toBe(101);
    expect(r.sellLockDays).toBe(1);
  });
});
