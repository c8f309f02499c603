import { describe, expect, it } from 'vitest';
import { cnRules, cnTradeCost, cryptoRules, stampDutyRate, usRules } from '../../../src/data/index.js';

describe('A-share costs', () => {
  it('stamp duty by date: sells only from 2008-09-19, halved on 2023-08-28', () => {
    expect(stampDutyRate('2008-04-24', 'buy')).toBe(0.001);
    expect(stampDutyRate('2008-09-19', 'buy')).toBe(0);
    expect(stampDutyRate('2015-01-05', 'sell')).toBe(0.001);
    expect(stampDutyRate('2023-08-25', 'sell')).toBe(0.001);
    expect(stampDutyRate('2023-08-28', 'sell')).toBe(0.0005);
  });
  it('commission has a minimum and transfer fees follow the dated table', () => {
    // 1,000 shares at 10 CNY = 10,000 CNY: commission 2.5 -> minimum 5
    const buy = cnTradeCost({
      symbol: '600000.SH',
      date: '2021-03-01',
      side: 'buy',
      price: 10,
      shares: 1000,
    });
    expect(buy.commission).toBe(5);
    expect(buy.stampDuty).toBe(0);
    expect(buy.transferFee).toBeCloseTo(0.2, 12); // 0.002% of 10,000
    const sell = cnTradeCost({
      symbol: '000001.SZ',
      date: '2023-09-01',
      side: 'sell',
      price: 20,
      shares: 10000,
    });
    expect(sell.commission).toBeCloseTo(50, 10); // 0.025% of 200,000
    expect(sell.stampDuty).toBeCloseTo(100, 10); // 0.05%
    expect(sell.transferFee).toBeCloseTo(2, 10); // 0.001%
    expect(sell.total).toBeCloseTo(152, 10);
    const oldSH = cnTradeCost({
      symbol: '600000.SH',
      date: '2012-01-04',
      side: 'buy',
      price: 10,
      shares: 1000,
    });
    expect(oldSH.transferFee).toBeCloseTo(1, 12); // 0.6 per 1000 shares, min 1
    const oldSZ = cnTradeCost({
      symbol: '000001.SZ',
      date: '2012-01-04',
      side: 'buy',
      price: 10,
      shares: 1000,
    });
    expect(oldSZ.transferFee).toBe(0);
  });
  it('commission is configurable', () => {
    const r = cnRules({ commission: { rate: 0.0003, min: 0 } });
    const c = r.cost({ symbol: '600000.SH', date: '2021-03-01', side: 'buy', price: 10, shares: 100 });
    expect(c.commission).toBeCloseTo(0.3, 12);
  });
  it('refuses dates before the tables start with a helpful error', () => {
    expect(() => stampDutyRate('2001-01-01', 'sell')).toThrow(/starts on 2005-01-24/);
  });
});

describe('US and crypto', () => {
  it('US: no limits, T+0, optional SEC fee on sells', () => {
    const r = usRules({ secFeeRate: 27.8e-6 });
    expect(r.limitPct('AAPL', '2015-01-02', false, 100)).toBe(Number.POSITIVE_INFINITY);
    expect(r.sellLockDays).toBe(0);
    expect(
      r.cost({ symbol: 'AAPL', date: '2015-01-02', side: 'sell', price: 100, shares: 1000 }).other,
    ).toBeCloseTo(2.78, 10);
    expect(
      usRules().cost({ symbol: 'AAPL', date: '2015-01-02', side: 'sell', price: 100, shares: 10 }).total,
    ).toBe(0);
  });
  it('crypto: 24/7, maker/taker fees, fractional lots', () => {
    const r = cryptoRules({ maker: 0.0002, taker: 0.0004 });
    expect(r.alwaysOpen).toBe(true);
    const t = { symbol: 'BTC/USDT', date: '2021-01-01', side: 'buy' as const, price: 30000, shares: 0.5 };
    expect(r.cost(t).total).toBeCloseTo(6, 10);
    expect(r.cost({ ...t, liquidity: 'maker' }).total).toBeCloseTo(3, 10);
    expect(r.roundBuy('BTC/USDT', 0.123456789)).toBeCloseTo(0.12345678, 12);
  });
});
