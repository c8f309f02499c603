/**
 * Integration on real data (CSI300 daily, baostock 2020-2021): the Alpha101 formulas that need
 * no industry or cap field evaluate with the declared VWAP fallback, give no +-Inf, respect their
 * look-back, and batch evaluation over workers returns the same bits.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir, sharedDataFile } from '../../src/core/index.js';
import { loadPanel, type Panel } from '../../src/data/index.js';
import { evaluate, evaluateDetailed, evaluateMany, lint } from '../../src/expr/index.js';
import { sameBits } from './helpers.js';

const file = sharedDataFile('cn_csi300_baostock_2020_2021.parquet');
const dataDir = sharedDataDir();
const refFile = dataDir ? join(dirname(dataDir), 'reference', 'alpha101.md') : undefined;
const ready = file !== undefined && refFile !== undefined && existsSync(refFile);

function alpha101(): [string, string][] {
  const text = readFileSync(refFile as string, 'utf8');
  return [...text.matchAll(/^Alpha#(\d+): (.*)$/gm)].map((m) => [m[1], m[2]]);
}

describe.skipIf(!ready)(
  `real data (${ready ? 'cn_csi300_baostock_2020_2021' : 'shared data or reference not found'})`,
  () => {
    let panel: Panel;
    const usable = () => alpha101().filter(([, f]) => !/IndClass|cap/.test(f));

    it('loads the panel', async () => {
      panel = await loadPanel(file as string);
      expect(panel.T).toBeGreaterThan(400);
    }, 60_000);

    it('evaluates the Alpha101 formulas without industry/cap fields', () => {
      const list = usable();
      expect(list.length).toBe(82);
      let withValues = 0;
      for (const [id, f] of list) {
        const opts = { dialect: 'alpha101' as const, vwapFallback: true };
        const issues = lint(f, { ...opts, T: panel.T, panelFields: panel.fieldNames }).filter(
          (i) => i.severity === 'error',
        );
        const r = evaluateDetailed(f, panel, opts);
        expect(r.values.length, id).toBe(panel.size);
        expect(
          r.values.some((v) => v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY),
          id,
        ).toBe(false);
        if (/vwap/.test(f)) expect(r.diagnostics.fallbacks, id).toContain('vwap=(high+low+close)/3');
        else expect(r.diagnostics.fallbacks, id).toEqual([]);
        const lb = Math.min(panel.T, r.diagnostics.lookback) * panel.N;
        for (let i = 0; i < lb; i++)
          if (!Number.isNaN(r.values[i])) throw new Error(`Alpha#${id}: value inside warm-up`);
        if (issues.length === 0 && r.diagnostics.nanFraction < 0.9) withValues++;
      }
      // Formulas whose look-back fits in 486 dates produce mostly finite values.
      expect(withValues).toBeGreaterThan(60);
    }, 120_000);

    it('evaluateMany with 2 workers equals evaluate on real data', async () => {
      const some = usable()
        .slice(0, 12)
        .map(([, f]) => f);
      const opts = { dialect: 'alpha101' as const, vwapFallback: true };
      const batch = await evaluateMany(some, panel, { ...opts, jobs: 2 });
      for (const [i, f] of some.entries()) {
        expect(sameBits(batch[i], evaluate(f, panel, { ...opts, cache: false })), f).toBe(true);
      }
    }, 60_000);
  },
);
