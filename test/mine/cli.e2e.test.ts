import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const cli = (args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('agora mine (CLI end to end)', () => {
  it('runs gp on the bundled sample, then compares runs', () => {
    const base = mkdtempSync(join(tmpdir(), 'agora-mine-cli-'));
    const common = [
      'mine',
      '--method',
      'gp',
      '--data',
      'data/cn_sample_stocks_2016_2021.parquet',
      '--membership',
      'data/cn_sample_membership_2016_2021.csv',
      '--vwap-fallback',
      '--steps',
      '2',
      '--population',
      '30',
      '--quiet',
    ];
    const out1 = cli([...common, '--seed', '1', '--out', join(base, 'a')]);
    expect(out1).toMatch(/test\s+IC -?\d\.\d{4}\s+RankIC/);
    const json = JSON.parse(cli([...common, '--seed', '2', '--out', join(base, 'b'), '--json']));
    expect(Object.keys(json.combined)).toEqual(['train', 'valid', 'test']);
    const table = cli(['mine', 'compare', join(base, 'a'), join(base, 'b')]);
    expect(table).toMatch(/gp\s+2\s+/);
    expect(table).toMatch(/test IC/);
  });

  it('explains a missing vwap instead of guessing it', () => {
    let err = '';
    try {
      cli([
        'mine',
        '--method',
        'gp',
        '--data',
        'data/cn_sample_stocks_2016_2021.parquet',
        '--membership',
        'data/cn_sample_membership_2016_2021.csv',
        '--steps',
        '1',
      ]);
    } catch (e) {
      err = String((e as { stderr: string }).stderr);
    }
    expect(err).toMatch(/no vwap or amount column[\s\S]*--vwap-fallback/);
  });

  it('shows help for the default command', () => {
    expect(cli(['mine', '--help'])).toMatch(/--method/);
  });
});
