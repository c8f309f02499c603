import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const cli = (args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const SAMPLE = ['--data', 'data/cn_sample_stocks_2016_2021.parquet'];

describe('agora factors (CLI end to end)', () => {
  it('lists factors with their status against a panel', () => {
    const out = cli(['factors', 'list', '--library', 'alpha101', ...SAMPLE]);
    expect(out).toMatch(/alpha101_001\s+\d+\s+ok/);
    expect(out).toMatch(/alpha101_048 .*needs (sub)?industry/);
    expect(out).toMatch(/alpha101_005 .*needs vwap/);
  });

  it('computes a library to wide Parquet with a metadata sidecar', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'agora-factors-')), 'f.parquet');
    const text = cli([
      'factors',
      'compute',
      '--library',
      'alpha158',
      ...SAMPLE,
      '--vwap-fallback',
      '--out',
      out,
      '--quiet',
    ]);
    expect(text).toMatch(/wrote 158 factor\(s\)/);
    const meta = JSON.parse(readFileSync(`${out}.meta.json`, 'utf8'));
    expect(meta.factors.length).toBe(158);
    expect(meta.fallbacks).toContain('vwap_hlc3');
    expect(meta.data.sha256).toMatch(/^[0-9a-f]{64}$/);
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const rows = (
      await con.runAndReadAll(`select count(*) as n, count(alpha158_MA20) as ma from '${out}'`)
    ).getRowObjects();
    expect(Number(rows[0].n)).toBe(meta.rows);
    expect(Number(rows[0].ma)).toBeGreaterThan(0);
  });

  it('writes docs pages with coverage and a one-line IC summary', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'agora-factor-docs-')), 'docs');
    cli(['factors', 'docs', '--library', 'gtja191', ...SAMPLE, '--out', dir]);
    expect(existsSync(join(dir, 'gtja191.md'))).toBe(true);
    const page = readFileSync(join(dir, 'gtja191_014.md'), 'utf8');
    expect(page).toContain('CLOSE-DELAY(CLOSE,5)');
    expect(page).toMatch(/- IC: IC -?\d\.\d{4}, RankIC -?\d\.\d{4}, ICIR .* over \d+ dates/);
    expect(readFileSync(join(dir, 'gtja191_030.md'), 'utf8')).toMatch(/Unavailable: needs/);
  });
});
