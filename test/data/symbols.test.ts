import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeSymbol, symbolFormat } from '../../src/data/index.js';

describe('symbols', () => {
  it.each([
    ['SH600519', '600519.SH'],
    ['sh.600519', '600519.SH'],
    ['600519.SH', '600519.SH'],
    ['600519.sh', '600519.SH'],
    ['600519.XSHG', '600519.SH'],
    ['000001.XSHE', '000001.SZ'],
    ['sz000001', '000001.SZ'],
    ['bj.830799', '830799.BJ'],
    ['AAPL', 'AAPL'],
    ['BTC/USDT', 'BTC/USDT'],
  ])('%s -> %s', (raw, norm) => expect(normalizeSymbol(raw)).toBe(norm));
  it('tells formats apart', () => {
    expect(symbolFormat('SH600519')).toBe('qlib');
    expect(symbolFormat('sh.600519')).toBe('baostock');
    expect(symbolFormat('600519.XSHG')).toBe('joinquant');
    expect(symbolFormat('BRK.B')).toBe('ticker');
    expect(symbolFormat('ETH/USDT')).toBe('crypto');
    expect(symbolFormat('600519')).toBeUndefined();
    expect(symbolFormat('hello world')).toBeUndefined();
  });
  it('normalisation is idempotent and agrees across styles (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999999 }), fc.constantFrom('SH', 'SZ'), (n, ex) => {
        const code = String(n).padStart(6, '0');
        const ts = `${code}.${ex}`;
        const styles = [
          `${ex}${code}`,
          `${ex.toLowerCase()}.${code}`,
          `${code}.${ex === 'SH' ? 'XSHG' : 'XSHE'}`,
          ts,
        ];
        for (const s of styles) {
          expect(normalizeSymbol(s)).toBe(ts);
          expect(normalizeSymbol(normalizeSymbol(s))).toBe(ts);
        }
      }),
    );
  });
});
