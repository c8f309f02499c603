import { describe, expect, it } from 'vitest';
import { AgoraError } from '../../src/core/index.js';
import { type ContractRule, loadPanel, type Problem, validateFile } from '../../src/data/index.js';
import { CLEAN_ROWS, csvFile, HEADER } from './helpers.js';

async function problems(lines: string[], opts = {}): Promise<Problem[]> {
  return (await validateFile(csvFile(lines), opts)).problems;
}

async function onlyRule(lines: string[], rule: ContractRule, opts = {}): Promise<Problem> {
  const ps = await problems(lines, opts);
  expect(ps.map((p) => p.rule)).toEqual([rule]);
  return ps[0];
}

describe('data contract: one test per rule', () => {
  it('accepts a clean file', async () => {
    expect(await problems([HEADER, ...CLEAN_ROWS])).toEqual([]);
  });
  it('missing-column', async () => {
    const p = await onlyRule(
      ['symbol,date,open,high,low,close', '600519.SH,2021-01-04,10,11,9,10'],
      'missing-column',
    );
    expect(p.column).toBe('volume');
    expect(p.message).toContain("'volume'");
  });
  it('missing-symbol', async () => {
    const p = await onlyRule([HEADER, ...CLEAN_ROWS, ',2021-01-07,10,11,9,10,1'], 'missing-symbol');
    expect(p.rows).toEqual([7]);
  });
  it('unparsable-date', async () => {
    const p = await onlyRule([HEADER, ...CLEAN_ROWS, '600519.SH,2021-13-45,10,11,9,10,1'], 'unparsable-date');
    expect(p.rows).toEqual([7]);
    expect(p.examples[0]).toContain('2021-13-45');
  });
  it('duplicate-key (after symbol normalisation is a mixed-format case; here the same style)', async () => {
    const p = await onlyRule([HEADER, ...CLEAN_ROWS, '600519.SH,2021-01-05,10,11,9,10,1'], 'duplicate-key');
    expect(p.rows).toEqual([2]);
    expect(p.examples[0]).toContain('rows 2, 7');
  });
  it('non-numeric', async () => {
    const p = await onlyRule([HEADER, ...CLEAN_ROWS, '600519.SH,2021-01-07,10,11,9,abc,1'], 'non-numeric');
    expect(p.column).toBe('close');
    expect(p.rows).toEqual([7]);
  });
  it('non-positive-price', async () => {
    const two = await problems([HEADER, ...CLEAN_ROWS, '600519.SH,2021-01-07,-1,11,-2,1,1']);
    expect(two.map((x) => `${x.rule}:${x.column}`)).toEqual([
      'non-positive-price:open',
      'non-positive-price:low',
    ]);
    const ps = await problems([HEADER, ...CLEAN_ROWS, '600519.SH,2021-01-07,1,1,0,1,1']);
    expect(ps.map((x) => `${x.rule}:${x.column}`)).toEqual(['non-positive-price:low']);
  });
  it('negative-volume', async () => {
    const p = await onlyRule(
      [HEADER, ...CLEAN_ROWS, '600519.SH,2021-01-07,10,11,9,10,-5'],
      'negative-volume',
    );
    expect(p.rows).toEqual([7]);
  });
  it('high-below-low', async () => {
    const ps = await problems([HEADER, ...CLEAN_ROWS, '600519.SH,2021-01-07,10,9,11,10,5']);
    expect(ps.map((p) => p.rule)).toContain('high-below-low');
    expect(ps.find((p) => p.rule === 'high-below-low')!.rows).toEqual([7]);
  });
  it('close-outside-range, with a tolerance', async () => {
    const p = await onlyRule(
      [HEADER, ...CLEAN_ROWS, '600519.SH,2021-01-07,10,11,9,11.5,5'],
      'close-outside-range',
    );
    expect(p.examples[0]).toContain('close=11.5');
    expect(await problems([HEADER, ...CLEAN_ROWS, '600519.SH,2021-01-07,10,11,9,11.0000001,5'])).toEqual([]);
  });
  it('unknown-symbol-format', async () => {
    const p = await onlyRule(
      [HEADER, ...CLEAN_ROWS, '600519,2021-01-07,10,11,9,10,5'],
      'unknown-symbol-format',
    );
    expect(p.message).toContain('600519');
  });
  it('mixed-symbol-formats (A-share styles, and markets)', async () => {
    const p = await onlyRule(
      [HEADER, ...CLEAN_ROWS, 'SH600000,2021-01-07,10,11,9,10,5'],
      'mixed-symbol-formats',
    );
    expect(p.message).toContain('qlib');
    await onlyRule([HEADER, ...CLEAN_ROWS, 'BTC/USDT,2021-01-07,10,11,9,10,5'], 'mixed-symbol-formats');
  });
  it('undeclared-units for ambiguous columns, accepted once declared', async () => {
    const lines = [
      'ts_code,trade_date,open,high,low,close,vol,amount,pct_chg',
      '600519.SH,20210104,10,11,9,10,12,130,1.5',
    ];
    const ps = await problems(lines);
    expect(ps.map((p) => `${p.rule}:${p.column}`).sort()).toEqual([
      'undeclared-units:amount',
      'undeclared-units:pct_chg',
      'undeclared-units:vol',
    ]);
    expect(
      await problems(lines, { units: { vol: 'lots', amount: 'thousands', pct_chg: 'percent' } }),
    ).toEqual([]);
  });
  it('invalid-unit', async () => {
    const p = await onlyRule([`${HEADER},change`, '600519.SH,2021-01-04,10,11,9,10,5,1.2'], 'invalid-unit', {
      units: { change: 'lots' },
    });
    expect(p.column).toBe('change');
  });
  it('lists every problem at once', async () => {
    const ps = await problems([
      HEADER,
      ...CLEAN_ROWS,
      '600519.SH,bad-date,10,11,9,10,5',
      '000001.SZ,2021-01-07,10,9,11,10,-1',
      '600519.SH,2021-01-05,10,11,9,10,1',
    ]);
    expect(ps.map((p) => p.rule).sort()).toEqual(
      ['close-outside-range', 'duplicate-key', 'high-below-low', 'negative-volume', 'unparsable-date'].sort(),
    );
  });
});

describe('loading refuses bad input', () => {
  it('throws one DATA_CONTRACT error naming file, column, row and fix', async () => {
    const file = csvFile([HEADER, ...CLEAN_ROWS, '600519.SH,2021-01-07,10,11,9,abc,1']);
    const err = await loadPanel(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgoraError);
    const e = err as AgoraError;
    expect(e.code).toBe('DATA_CONTRACT');
    expect(e.context.file).toBe(file);
    expect(e.context.column).toBe('close');
    expect(e.context.row).toBe(7);
    expect(e.message).toContain('fix:');
    expect(e.message).toContain('nothing was loaded');
  });
  it('drops value-rule rows on request and records them', async () => {
    const file = csvFile([HEADER, ...CLEAN_ROWS, '600519.SH,2021-01-07,10,9,11,10,1']);
    const p = await loadPanel(file, { dropBadRows: true });
    expect(p.T).toBe(3);
    expect(p.meta.fallbacks?.join(' ')).toContain('high-below-low');
  });
  it('still refuses structural problems with dropBadRows', async () => {
    const file = csvFile([HEADER, ...CLEAN_ROWS, '600519.SH,2021-01-05,10,11,9,10,1']);
    await expect(loadPanel(file, { dropBadRows: true })).rejects.toThrow(/duplicate/);
  });
  it('names a missing file', async () => {
    await expect(loadPanel('/nonexistent/x.parquet')).rejects.toThrow(/not found/);
  });
});
