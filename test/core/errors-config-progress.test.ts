import { describe, expect, it } from 'vitest';
import { AgoraError, createProgress, formatDuration, parseConfig, z } from '../../src/core/index.js';

describe('AgoraError', () => {
  it('carries code, context and a message naming the place and fix', () => {
    const e = new AgoraError('DATA_CONTRACT', 'high < low', {
      file: 'x.csv',
      column: 'high',
      row: 12,
      hint: 'fix it',
    });
    expect(e.code).toBe('DATA_CONTRACT');
    expect(e.context.row).toBe(12);
    expect(e.message).toContain('x.csv');
    expect(e.message).toContain("column 'high'");
    expect(e.message).toContain('row 12');
    expect(e.message).toContain('fix: fix it');
  });
});

describe('parseConfig', () => {
  const schema = z.object({ seed: z.number().int(), steps: z.number().positive() });
  it('returns typed data when valid', () => {
    expect(parseConfig(schema, { seed: 1, steps: 10 })).toEqual({ seed: 1, steps: 10 });
  });
  it('lists every invalid path', () => {
    try {
      parseConfig(schema, { seed: 1.5, steps: -1 }, 'run.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AgoraError);
      const msg = (e as Error).message;
      expect(msg).toContain('run.json');
      expect(msg).toContain('seed');
      expect(msg).toContain('steps');
    }
  });
});

describe('progress', () => {
  it('prints plain lines with rate and ETA off a TTY', () => {
    let t = 0;
    const lines: string[] = [];
    const p = createProgress({
      label: 'work',
      total: 100,
      unit: 'steps',
      stream: { isTTY: false, write: (s: string) => lines.push(s) },
      intervalMs: 1000,
      now: () => t,
    });
    t = 1000;
    p.tick(10);
    t = 1500;
    p.tick(10);
    t = 2000;
    p.tick(10);
    p.done();
    expect(lines.length).toBe(3);
    expect(lines[0]).toContain('10/100');
    expect(lines[0]).toContain('10.0 steps/s');
    expect(lines[0]).toContain('ETA 9s');
    expect(lines[2]).toContain('30/100');
  });
  it('redraws one line on a TTY', () => {
    const out: string[] = [];
    let t = 0;
    const p = createProgress({
      label: 'x',
      total: 4,
      stream: { isTTY: true, write: (s) => out.push(s) },
      now: () => t,
      intervalMs: 0,
    });
    t = 10;
    p.tick();
    p.done();
    expect(out[0].startsWith('\r')).toBe(true);
    expect(out[0]).toContain('[');
    expect(out.at(-1)?.endsWith('\n')).toBe(true);
  });
  it('formats durations', () => {
    expect(formatDuration(5)).toBe('5s');
    expect(formatDuration(65)).toBe('1m05s');
    expect(formatDuration(3700)).toBe('1h01m');
  });
});
