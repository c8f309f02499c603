import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Panel } from '../../src/data/index.js';
import { readFactorColumn } from '../../src/eval/index.js';

const dir = mkdtempSync(join(tmpdir(), 'agora-factor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const panel = new Panel({
  dates: ['2020-01-02', '2020-01-03'],
  assets: ['600000.SH', '000001.SZ'],
  fields: { close: Float64Array.from([1, 2, 3, 4]) },
});

describe('factor files', () => {
  it('aligns a long-format factor column onto the panel (symbols normalised, gaps NaN)', async () => {
    const f = join(dir, 'f.csv');
    writeFileSync(
      f,
      'symbol,date,score,other_text\nSH600000,2020-01-02,1.5,a\n000001.SZ,2020-01-02,0.5,b\nSH600000,2020-01-03,1.25,c\n688981.SH,2020-01-03,9,d\n',
    );
    const r = await readFactorColumn(f, undefined, panel);
    expect(r.column).toBe('score');
    expect([...r.values]).toEqual([1.5, 0.5, 1.25, Number.NaN]);
  });

  it('refuses duplicates and ambiguous columns with the fix', async () => {
    const dup = join(dir, 'dup.csv');
    writeFileSync(dup, 'symbol,date,score\n600000.SH,2020-01-02,1\n600000.SH,2020-01-02,2\n');
    await expect(readFactorColumn(dup, undefined, panel)).rejects.toThrow(
      /duplicate rows for 600000.SH on 2020-01-02/,
    );
    const two = join(dir, 'two.csv');
    writeFileSync(two, 'symbol,date,a,b\n600000.SH,2020-01-02,1,2\n');
    await expect(readFactorColumn(two, undefined, panel)).rejects.toThrow(/2 candidate factor columns/);
    expect([...(await readFactorColumn(two, 'b', panel)).values]).toEqual([
      2,
      Number.NaN,
      Number.NaN,
      Number.NaN,
    ]);
  });
});
