import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tmpDir(): string {
  return mkdtempSync(join(tmpdir(), 'agora-data-'));
}

/** Write CSV text (lines joined with \n) to a temp file and return its path. */
export function csvFile(lines: readonly string[], name = 'data.csv', dir = tmpDir()): string {
  const p = join(dir, name);
  writeFileSync(p, `${lines.join('\n')}\n`);
  return p;
}

export const HEADER = 'symbol,date,open,high,low,close,volume';

/** A clean two-symbol, three-date file body. */
export const CLEAN_ROWS = [
  '600519.SH,2021-01-04,10,11,9.5,10.5,1000',
  '600519.SH,2021-01-05,10.5,11.2,10.1,11,1200',
  '600519.SH,2021-01-06,11,11.5,10.8,11.2,900',
  '000001.SZ,2021-01-04,20,20.5,19.5,20,5000',
  '000001.SZ,2021-01-05,20,20,20,20,0',
  '000001.SZ,2021-01-06,20.1,21,20,20.8,4000',
];
