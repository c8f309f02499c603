import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeVersion, newRunId, RunDirectory } from '../../src/runs/index.js';

const record = () => ({
  command: 'test',
  config: { a: 1 },
  seeds: { seed: 3 },
  data: [{ path: 'x.parquet', hash: 'abc' }],
  code: codeVersion(),
  createdAt: '2026-01-01T00:00:00Z',
});

describe('RunDirectory', () => {
  it('creates a run with config and appends metrics rows', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'agora-run-')), 'r1');
    const run = RunDirectory.create(dir, record());
    run.appendMetric({ step: 1, loss: 0.5 });
    run.appendMetric({ step: 2, loss: 0.4 });
    run.appendMetric({ step: 3, loss: 0.3 });
    run.appendMetric({ kind: 'result', step: -1 });
    expect(RunDirectory.open(dir).config().seeds.seed).toBe(3);
    expect(run.metrics().length).toBe(4);
    run.truncateMetricsAfter(2, ['result']);
    expect(run.metrics()).toEqual([
      { step: 1, loss: 0.5 },
      { step: 2, loss: 0.4 },
    ]);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).command).toBe('test');
  });

  it('refuses to overwrite an existing run and explains how to resume', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'agora-run-')), 'r2');
    RunDirectory.create(dir, record());
    expect(() => RunDirectory.create(dir, record())).toThrow(/already holds a run[\s\S]*--resume/);
    expect(() => RunDirectory.open(join(dir, 'nope'))).toThrow(/config.json missing/);
  });

  it('names runs by prefix, time and seed', () => {
    expect(newRunId('mine', 7, new Date('2026-01-02T03:04:05.678Z'))).toBe('mine-20260102T030405Z-s7');
  });
});
