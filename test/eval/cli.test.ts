import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { type GroupCommand, runCommand } from '../../src/cli/command.js';
import { backtestCommand } from '../../src/cli/commands/backtest.js';
import { evalCommand } from '../../src/cli/commands/eval.js';
import { reportCommand } from '../../src/cli/commands/report.js';
import { repoRoot } from '../../src/core/index.js';
import { pngSize } from '../../src/eval/index.js';

const sample = join(repoRoot, 'data', 'cn_sample_stocks_2016_2021.parquet');
const membership = join(repoRoot, 'data', 'cn_sample_membership_2016_2021.csv');
const index = join(repoRoot, 'data', 'cn_sample_index_2016_2021.parquet');
const have = existsSync(sample) && existsSync(membership) && existsSync(index);
const root = mkdtempSync(join(tmpdir(), 'agora-cli-eval-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// only this area's commands, so work in progress elsewhere in the tree cannot break these tests
const rootCommand: GroupCommand = {
  name: 'agora',
  summary: 'eval commands',
  subcommands: [evalCommand, backtestCommand, reportCommand],
};

async function agora(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(rootCommand, argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.skipIf(!have)('agora eval / backtest / report on the bundled sample (data/)', () => {
  const range = ['--from', '2020-01-01', '--to', '2020-12-31'];

  it('eval writes results.json, charts and the HTML report', async () => {
    const out = join(root, 'eval');
    const r = await agora(
      'eval',
      '--signal',
      'Mean($close, 5) / $close',
      '--data',
      sample,
      '--universe',
      membership,
      '--horizon',
      '5',
      ...range,
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/RankIC -?\d\.\d{4}/);
    const res = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(res.kind).toBe('eval');
    expect(res.summary.rankIc.nwLags).toBe(4);
    expect(res.summary.rankIc.days).toBeGreaterThan(200);
    expect(pngSize(readFileSync(join(out, 'charts', 'cumulative-ic.png'))).width).toBeGreaterThan(600);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg');
  });

  it('backtest with TopK-Dropout, VWAP fills and an index benchmark; report re-renders it', async () => {
    const out = join(root, 'bt');
    const r = await agora(
      'backtest',
      '--signal',
      'Mean($close, 5) / $close',
      '--data',
      sample,
      '--strategy',
      'topk-dropout',
      '--k',
      '10',
      '--n',
      '2',
      '--fill',
      'vwap',
      '--benchmark',
      `${index}:000300.SH`,
      ...range,
      '--out',
      out,
      '--json',
    );
    expect(r.code).toBe(0);
    const metrics = JSON.parse(r.out);
    expect(metrics.periods).toBeGreaterThan(200);
    expect(metrics.turnover).toBeLessThan(0.25);
    const res = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(res.config.fallback).toBe('vwap=(high+low+close)/3');
    expect(res.config.benchmark).toContain('000300.SH');
    expect(readFileSync(join(out, 'trades.csv'), 'utf8').split('\n')[0]).toBe(
      'date,symbol,sleeve,shares,price,value,fees,slippage',
    );
    const rep = await agora('report', out);
    expect(rep.code).toBe(0);
    expect(rep.out).toContain('equity.png');
  });

  it('evaluates a factor file (symbol, date, value) against a formula signal of the same values', async () => {
    const file = join(root, 'factor.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const con = await instance.connect();
    await con.run(
      `COPY (SELECT symbol, date, close / open AS score FROM read_parquet('${sample}') WHERE date >= DATE '2020-01-01') TO '${file}' (FORMAT parquet)`,
    );
    con.closeSync();
    instance.closeSync();
    const a = await agora(
      'eval',
      '--signal',
      `${file}:score`,
      '--data',
      sample,
      ...range,
      '--horizon',
      '5',
      '--out',
      join(root, 'ff'),
      '--json',
    );
    const b = await agora(
      'eval',
      '--signal',
      '$close / $open',
      '--data',
      sample,
      ...range,
      '--horizon',
      '5',
      '--out',
      join(root, 'fx'),
      '--json',
    );
    expect(a.code).toBe(0);
    const ra = JSON.parse(a.out).rankIc;
    const rb = JSON.parse(b.out).rankIc;
    expect(ra.days).toBe(rb.days);
    expect(ra.mean).toBeCloseTo(rb.mean, 6); // float32 source, same values either way
  });

  it('refuses bad options with a message for people', async () => {
    const r = await agora('backtest', '--signal', '$close', '--data', sample, '--strategy', 'magic');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--strategy must be one of topk, topk-score, topk-dropout, long-short/);
    const f = await agora(
      'eval',
      '--signal',
      'Ref($close, -5)',
      '--data',
      sample,
      ...range,
      '--out',
      join(root, 'bad'),
    );
    expect(f.code).toBe(1);
    expect(f.err).toMatch(/future/);
    const m = await agora('report', join(root, 'nothing-here'));
    expect(m.code).toBe(1);
    expect(m.err).toMatch(/results\.json/);
  });
});
