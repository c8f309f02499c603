import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type GroupCommand, runCommand } from '../../../src/cli/command.js';
import { synthCommand } from '../../../src/cli/commands/data-synth.js';

const root: GroupCommand = {
  name: 'agora',
  summary: 'test root',
  subcommands: [{ name: 'data', summary: 'data', subcommands: [synthCommand] }],
};
const dir = mkdtempSync(join(tmpdir(), 'agora-synth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(root, ['data', 'synth', ...argv], {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('agora data synth', () => {
  it('writes a CSV panel and its truth JSON', async () => {
    const file = join(dir, 'planted.csv');
    const truth = join(dir, 'truth.json');
    const r = await run(
      '--preset',
      'planted',
      '--seed',
      '3',
      '--assets',
      '40',
      '--days',
      '60',
      '--out',
      file,
      '--truth',
      truth,
      '--json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.assets).toBe(40);
    expect(summary.dates).toBe(60);
    expect(summary.signals.map((s: { field: string }) => s.field)).toContain('alpha_reversal5');
    const header = readFileSync(file, 'utf8').split('\n')[0];
    expect(header).toMatch(/^symbol,date,open,high,low,close,volume/);
    const t = JSON.parse(readFileSync(truth, 'utf8'));
    expect(t.dates.length).toBe(60);
    expect(t.regimes.length).toBe(60);
    expect(t.signals[0].formula).toBe('rank(-1 * (close / delay(close, 5)))');
  });

  it('lists presets, and refuses an unknown preset or a missing --out', async () => {
    const list = await run('--list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/flash-crash/);
    const bad = await run('--preset', 'nope', '--out', join(dir, 'x.csv'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/unknown synthetic preset 'nope'[\s\S]*fix: choose one of/);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
    const noOut = await run('--preset', 'default');
    expect(noOut.code).toBe(1);
    expect(noOut.err).toMatch(/--out/);
    const badDays = await run('--days', 'ten', '--out', join(dir, 'y.csv'));
    expect(badDays.code).toBe(1);
  });
});
