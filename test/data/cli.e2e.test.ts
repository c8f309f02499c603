/**
 * The CLI end to end: a few real processes (`node --import tsx src/cli/main.ts ...`, i.e. `npx tsx`
 * without npx: exit codes, stdout, files), and the rest in process through `runCommand` (the same
 * parser and command tree, without the start-up cost of a process).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/command.js';
import { rootCommand } from '../../src/cli/registry.js';
import { bundledDataDir, repoRoot } from '../../src/core/index.js';
import { CLEAN_ROWS, csvFile, HEADER, tmpDir } from './helpers.js';

function agora(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

async function inProcess(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCommand(rootCommand, args, {
    out: (t) => (out += `${t}\n`),
    err: (t) => (err += `${t}\n`),
  });
  return { code, out, err };
}

describe('agora data (processes)', () => {
  it('validate: exit 1 with every problem listed', () => {
    const bad = agora(
      'data',
      'validate',
      csvFile([
        HEADER,
        ...CLEAN_ROWS,
        '600519.SH,2021-01-05,10,11,9,10,1',
        'SH600000,2021-01-07,10,9,11,abc,1',
      ]),
    );
    expect(bad.code).toBe(1);
    for (const rule of ['duplicate-key', 'mixed-symbol-formats', 'non-numeric', 'high-below-low'])
      expect(bad.out).toContain(rule);
    expect(bad.out).toContain('fix:');
  }, 90_000);

  it('convert CSV -> Parquet, then inspect --json the result', () => {
    const dir = tmpDir();
    const out = join(dir, 'x.parquet');
    const conv = agora('data', 'convert', csvFile([HEADER, ...CLEAN_ROWS], 'in.csv', dir), out);
    expect(conv.code).toBe(0);
    expect(conv.out).toContain('wrote 6 rows');
    const ins = agora('data', 'inspect', out, '--json');
    expect(ins.code).toBe(0);
    const report = JSON.parse(ins.out);
    expect(report.assets).toBe(2);
    expect(report.rows).toBe(6);
    expect(report.suspendedRows).toBe(1);
  }, 90_000);
});

describe('agora data (in process)', () => {
  it('validate: exit 0 on a clean file', async () => {
    const ok = await inProcess('data', 'validate', csvFile([HEADER, ...CLEAN_ROWS]));
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('OK (6 rows, 2 symbols, market cn)');
  });
  it('inspect the bundled sample with membership coverage (text)', async () => {
    const r = await inProcess(
      'data',
      'inspect',
      join(bundledDataDir, 'cn_sample_stocks_2016_2021.parquet'),
      '--members',
      join(bundledDataDir, 'cn_sample_membership_2016_2021.csv'),
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/assets\s+60/);
    expect(r.out).toMatch(/universe\s+60 intervals/);
    expect(r.out).toMatch(/limits\s+\d+ limit-up/);
  });
  it('errors for people: a missing file exits 1 with the path; bad flags exit 2', async () => {
    const r = await inProcess('data', 'inspect', '/nonexistent/file.parquet');
    expect(r.code).toBe(1);
    expect(r.err).toContain('data file not found: /nonexistent/file.parquet');
    const flags = await inProcess('data', 'validate', 'x.csv', '--bogus');
    expect(flags.code).toBe(2);
    const market = await inProcess('data', 'validate', 'x.csv', '--market', 'mars');
    expect(market.code).toBe(1);
    expect(market.err).toContain('--market must be one of');
  });
  it('--help lists the subcommands', async () => {
    const r = await inProcess('data', '--help');
    expect(r.code).toBe(0);
    for (const c of ['inspect', 'validate', 'convert']) expect(r.out).toContain(c);
  });
});

describe('agora demo (process)', () => {
  it('validates the sample, prints a summary and writes a report', () => {
    const dir = tmpDir();
    const r = agora('demo', '--out', dir, '--generations', '2');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/alpha101_012\s+IC -?\d\.\d{4}/);
    expect(r.out).toMatch(/test\s+IC -?\d\.\d{4}\s+RankIC/);
    expect(existsSync(join(dir, 'mine', 'report.html'))).toBe(true);
    expect(r.out).toContain('validated data/cn_sample_stocks_2016_2021.parquet');
    expect(r.out).toMatch(/universe\s+60 intervals/);
    expect(r.out).toContain('alphagen-kdd');
    expect(existsSync(join(dir, 'report.md'))).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.inspect.assets).toBe(60);
    expect(report.split.parts.train.from).toBe('2016-01-04');
  }, 90_000);
});
