import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgoraError } from '../../src/core/index.js';
import { loadPanel, loadQlibDir, writePanel } from '../../src/data/index.js';
import { tmpDir } from './helpers.js';

function bin(start: number, values: number[]): Buffer {
  return Buffer.from(new Float32Array([start, ...values]).buffer);
}

function qlibDir(): string {
  const dir = tmpDir();
  mkdirSync(join(dir, 'calendars'));
  writeFileSync(
    join(dir, 'calendars', 'day.txt'),
    '2020-01-02\n2020-01-03\n2020-01-06\n2020-01-07\n2020-01-08\n',
  );
  const feats: Record<string, Record<string, Buffer>> = {
    sh600519: {
      open: bin(0, [10, 11, 12]),
      high: bin(0, [10.5, 11.5, 12.5]),
      low: bin(0, [9.5, 10.5, 11.5]),
      close: bin(0, [10, 11, 12]),
      volume: bin(0, [100, 0, 300]),
      change: bin(0, [0, 10, 9.09]),
    },
    sz000001: {
      open: bin(1, [20, 21, 22]),
      high: bin(1, [20, 21, 22]),
      low: bin(1, [20, 21, 22]),
      close: bin(1, [20, 21, 22]),
      volume: bin(1, [5, 6, 7]),
      change: bin(1, [1, 5, 4.76]),
    },
  };
  for (const [sym, fields] of Object.entries(feats)) {
    mkdirSync(join(dir, 'features', sym), { recursive: true });
    for (const [f, b] of Object.entries(fields)) writeFileSync(join(dir, 'features', sym, `${f}.day.bin`), b);
  }
  return dir;
}

describe('Qlib .day.bin import', () => {
  it('aligns each series to the calendar from its start index', () => {
    const p = loadQlibDir(qlibDir(), { units: { change: 'percent' } });
    expect(p.assets).toEqual(['000001.SZ', '600519.SH']);
    expect(p.dates).toEqual(['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07']);
    expect([...p.field('close')]).toEqual([Number.NaN, 10, 20, 11, 21, 12, 22, Number.NaN]);
    expect(p.field('change')[7 - 2]).toBeCloseTo(0.0909, 6); // percent declared -> fraction
    expect([...p.tradable]).toEqual([0, 1, 1, 0, 1, 1, 1, 0]);
  });
  it('needs the unit of change declared', () => {
    const err = (() => {
      try {
        loadQlibDir(qlibDir());
      } catch (e) {
        return e;
      }
    })() as AgoraError;
    expect(err.code).toBe('DATA_CONTRACT');
    expect(err.context.column).toBe('change');
  });
  it('converts to Parquet and reads back', async () => {
    const p = loadQlibDir(qlibDir(), { units: { change: 'percent' } });
    const out = join(tmpDir(), 'q.parquet');
    expect(await writePanel(p, out)).toBe(6);
    const q = await loadPanel(out);
    expect([...q.field('close')]).toEqual([...p.field('close')]);
  });
});
