/**
 * Every factor of every library: registered once with its metadata, parses, lints clean (no
 * future references, no constant sub-expressions), evaluates on the synthetic panel, and never
 * looks ahead (perturbing future rows leaves every past value bit-identical).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import { Panel } from '../../src/data/index.js';
import { evaluateMany } from '../../src/expr/index.js';
import {
  describeFlag,
  type FactorEntry,
  LIBRARY_NAMES,
  libraries,
  library,
  lintFormula,
} from '../../src/factors/index.js';
import { syntheticPanel } from './synthetic.js';

const panel = syntheticPanel();

/**
 * Factors that are all NaN on a 10-asset panel for a data reason, not a defect: a short
 * correlation of slowly changing ranks is often a constant window (NaN by the canonical rule),
 * and the strict NaN rule then spreads it through the long windows above it. Both are checked
 * for coverage on the real data (real-data test).
 */
const EMPTY_ON_SMALL_PANEL: Readonly<Record<string, string>> = {
  alpha101_096:
    'ts_argmax_oldest(corr(ts_rank(close,7), ts_rank(adv60,4), 3), 12) under decay 14 and ts_rank 13',
  gtja191_064: 'corr(rank(close), rank(mean(volume,60)), 4) under ts_max 13 and decay 14',
};

describe('registry', () => {
  it('holds 101 + 191 + 158 + 360 factors with unique ids', () => {
    expect(library('alpha101')).toHaveLength(101);
    expect(library('gtja191')).toHaveLength(191);
    expect(library('alpha158')).toHaveLength(158);
    expect(library('alpha360')).toHaveLength(360);
    const ids = libraries().map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('alpha101_001');
    expect(ids).toContain('gtja191_191');
    expect(ids).toContain('alpha158_KMID');
    expect(ids).toContain('alpha158_VSUMD60');
    expect(ids).toContain('alpha360_CLOSE59');
    expect(ids).toContain('alpha360_VOLUME0');
  });

  it('documents every flag a factor uses', () => {
    for (const f of libraries())
      for (const flag of f.flags) expect(describeFlag(flag), `${f.id} ${flag}`).not.toMatch(/undocumented/);
  });

  it('gives each factor its original text, fields and look-back', () => {
    for (const f of libraries()) {
      expect(f.original.length, f.id).toBeGreaterThan(0);
      if (f.expr) expect(f.fields.length, f.id).toBeGreaterThan(0);
      expect(Number.isInteger(f.lookback) && f.lookback >= 0, f.id).toBe(true);
    }
    const a1 = library('alpha101')[0];
    expect(a1.fields).toEqual(['close']);
    expect(a1.lookback).toBeGreaterThanOrEqual(20 + 4);
    expect(library('alpha360').find((f) => f.id === 'alpha360_CLOSE59')?.lookback).toBe(59);
  });

  it('only GTJA 030 has no formula, for a named reason', () => {
    const none = libraries().filter((f) => !f.expr);
    expect(none.map((f) => f.id)).toEqual(['gtja191_030']);
    expect(none[0].unavailable?.needs).toBe('fama_french');
  });

  it('uses the family modes: canonical for Alpha101/GTJA, qlib for Alpha158/Alpha360', () => {
    expect(new Set(library('alpha101').map((f) => f.mode))).toEqual(new Set(['canonical']));
    expect(new Set(library('gtja191').map((f) => f.mode))).toEqual(new Set(['canonical']));
    expect(new Set(library('alpha158').map((f) => f.mode))).toEqual(new Set(['qlib']));
    expect(new Set(library('alpha360').map((f) => f.mode))).toEqual(new Set(['qlib']));
  });
});

describe('static checks', () => {
  it('every formula lints clean', () => {
    const problems = libraries().flatMap((f) => lintFormula(f).map((p) => `${f.id}: ${p}`));
    expect(problems).toEqual([]);
  });
});

async function evalAll(entries: readonly FactorEntry[], p: Panel): Promise<Float64Array[]> {
  const out: Float64Array[] = [];
  for (const mode of ['canonical', 'qlib'] as const) {
    const group = entries.filter((f) => f.mode === mode);
    const values = await evaluateMany(
      group.map((f) => f.expr as NonNullable<FactorEntry['expr']>),
      p,
      { mode, jobs: 0 },
    );
    group.forEach((f, k) => {
      out[entries.indexOf(f)] = values[k];
    });
  }
  return out;
}

/** A copy of the panel with every numeric field after row t0 redrawn (masks unchanged). */
function perturbFuture(p: Panel, t0: number, seed: number): Panel {
  const rng = new Rng(seed);
  const fields: Record<string, Float64Array> = {};
  const groups = new Set(['industry', 'sector', 'subindustry']);
  for (const name of p.fieldNames) {
    const src = p.field(name);
    const dst = new Float64Array(src);
    for (let i = (t0 + 1) * p.N; i < dst.length; i++) {
      if (groups.has(name)) dst[i] = (dst[i] + 1) % 3;
      else if (!Number.isNaN(dst[i])) dst[i] *= Math.exp(0.3 * rng.normal());
    }
    fields[name] = dst;
  }
  return new Panel({ dates: p.dates, assets: p.assets, fields, listed: p.listed, tradable: p.tradable });
}

describe.each(LIBRARY_NAMES)('%s on the synthetic panel', (name) => {
  const entries = library(name).filter((f) => f.expr);

  it('evaluates every factor: right size, no infinities, some finite values', async () => {
    const values = await evalAll(entries, panel);
    const empty: string[] = [];
    entries.forEach((f, k) => {
      const v = values[k];
      expect(v.length).toBe(panel.size);
      let finite = 0;
      for (const x of v) {
        expect(x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY, f.id).toBe(false);
        if (!Number.isNaN(x)) finite++;
      }
      if (finite === 0 && !EMPTY_ON_SMALL_PANEL[f.id]) empty.push(f.id);
    });
    expect(empty).toEqual([]);
  });

  it('never reads the future: past values unchanged when later rows change', async () => {
    const base = await evalAll(entries, panel);
    for (const t0 of [180, 260]) {
      const moved = await evalAll(entries, perturbFuture(panel, t0, t0));
      const bad: string[] = [];
      let moves = 0;
      entries.forEach((f, k) => {
        const n = (t0 + 1) * panel.N;
        for (let i = n; i < panel.size; i++) {
          if (!Object.is(base[k][i], moved[k][i])) {
            moves++;
            break;
          }
        }
        for (let i = 0; i < n; i++) {
          if (!Object.is(base[k][i], moved[k][i])) {
            bad.push(`${f.id} row ${Math.floor(i / panel.N)}`);
            break;
          }
        }
      });
      expect(bad).toEqual([]);
      // The perturbation is real: (almost) every factor changes after t0.
      expect(moves).toBeGreaterThan(0.9 * entries.length);
    }
  });
});
