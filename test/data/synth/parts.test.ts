import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/index.js';
import { hourlyCalendar, weekdayCalendar } from '../../../src/data/synth/calendar.js';
import { calibrateHorizonSignals, horizonTerms, solveSmall } from '../../../src/data/synth/calibrate.js';
import { parseSynthConfig } from '../../../src/data/synth/config.js';
import { generateMarket } from '../../../src/data/synth/index.js';
import { unitStudentT } from '../../../src/data/synth/random.js';
import { csRank, standardizeInto } from '../../../src/data/synth/rank.js';
import { regimePath } from '../../../src/data/synth/regimes.js';
import { naiveRank, QUIET_EVENTS, small } from './helpers.js';

describe('synth building blocks', () => {
  it('ranks with average ties like the expression language (golden + property)', () => {
    const out = new Float64Array(4);
    csRank(Float64Array.from([3, 1, 3, Number.NaN]), out, new Float64Array(4));
    expect([...out.subarray(0, 3)]).toEqual([2.5 / 3, 1 / 3, 2.5 / 3]);
    expect(out[3]).toBeNaN();
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(Number.NaN)), { maxLength: 40 }),
        (xs) => {
          const got = new Float64Array(xs.length);
          csRank(Float64Array.from(xs), got, new Float64Array(xs.length));
          const want = naiveRank(xs);
          for (let i = 0; i < xs.length; i++) {
            if (Number.isNaN(want[i])) expect(got[i]).toBeNaN();
            else expect(got[i]).toBeCloseTo(want[i], 12);
          }
        },
      ),
    );
    const z = new Float64Array(3);
    expect(standardizeInto(Float64Array.from([1, Number.NaN, 3]), z)).toBe(2);
    expect([...z]).toEqual([-1, 0, 1]);
  });

  it('computes horizon terms by hand for h = 1 and h = 2', () => {
    expect(horizonTerms(1, 0.5)).toEqual({ A: 1, B: 1, g: 1 });
    // h=2, phi=0: F = z(-1) + 2 z(0) + z(1): A = 2, B = 1 + 4 + 1 = 6, g = 1
    expect(horizonTerms(2, 0)).toEqual({ A: 2, B: 6, g: 1 });
    // h=2, phi=0.5: A = 2 + 2*0.5 = 3; g = (2 + 2*0.5)/2 = 1.5
    const t = horizonTerms(2, 0.5);
    expect(t.A).toBeCloseTo(3, 12);
    expect(t.g).toBeCloseTo(1.5, 12);
    // a single h=1 signal alone has loading ic / sqrt(1 - ic^2)
    const { c } = calibrateHorizonSignals([{ ic: 0.1, horizon: 1, persistence: 0 }], 0);
    expect(c[0]).toBeCloseTo(0.1 / Math.sqrt(1 - 0.01), 10);
  });

  it('solves small linear systems (golden)', () => {
    const out = new Float64Array(2);
    expect(solveSmall(Float64Array.from([2, 1, 1, 3]), Float64Array.from([3, 5]), 2, out)).toBe(true);
    expect(out[0]).toBeCloseTo(0.8, 12);
    expect(out[1]).toBeCloseTo(1.4, 12);
    expect(solveSmall(Float64Array.from([1, 1, 1, 1]), Float64Array.from([1, 2]), 2, out)).toBe(false);
  });

  it('draws unit-variance, fat-tailed Student-t shocks', () => {
    const rng = new Rng(1);
    const n = 100_000;
    let s2 = 0;
    let s4 = 0;
    for (let i = 0; i < n; i++) {
      const x = unitStudentT(rng, 6);
      s2 += x * x;
      s4 += x ** 4;
    }
    expect(s2 / n).toBeGreaterThan(0.96);
    expect(s2 / n).toBeLessThan(1.04);
    expect(s4 / n / (s2 / n) ** 2).toBeGreaterThan(4); // kurtosis of t(6) is 6; normal is 3
  });

  it('walks a regime chain with the configured mean stays', () => {
    const cfg = parseSynthConfig({}).regimes;
    const path = regimePath(
      new Rng(2),
      { ...cfg, states: cfg.states.map((s) => ({ ...s, meanDays: 10 })) },
      20_000,
      1,
    );
    let switches = 0;
    for (let t = 1; t < path.length; t++) if (path[t] !== path[t - 1]) switches++;
    expect(path.length / switches).toBeGreaterThan(8.5);
    expect(path.length / switches).toBeLessThan(11.5);
    expect(new Set(path).size).toBe(4);
  });

  it('builds weekday and hourly calendars', () => {
    expect(weekdayCalendar('2020-08-21', 3)).toEqual(['2020-08-21', '2020-08-24', '2020-08-25']);
    expect(hourlyCalendar('2021-12-31', 26).slice(23, 25)).toEqual([
      '2021-12-31T23:00Z',
      '2022-01-01T00:00Z',
    ]);
  });

  it('refuses bad configs with the offending paths', () => {
    expect(() => parseSynthConfig({ frequency: '1h' })).toThrow(
      /frequency: hourly bars need market 'crypto'/,
    );
    expect(() => parseSynthConfig({ idio: { garch: { alpha: 0.5, beta: 0.6 } } })).toThrow(/idio.garch/);
    expect(() =>
      parseSynthConfig({ periods: 50, scenario: { trends: [{ start: 40, length: 20, totalReturn: 1 }] } }),
    ).toThrow(/past periods=50/);
    expect(() => generateMarket({ assets: 6000 }, { seed: 1 })).toThrow(/at most 5000/);
  });

  it('shows volatility clustering, fat tails and volume that follows |return|', () => {
    const m = generateMarket(small({ assets: 100, periods: 1200, events: QUIET_EVENTS, limits: false }), {
      seed: 3,
    });
    const f = m.truth.market.factor;
    const absF = Array.from(f, Math.abs);
    const corr = (x: number[], y: number[]) => {
      const mx = x.reduce((a, b) => a + b, 0) / x.length;
      const my = y.reduce((a, b) => a + b, 0) / y.length;
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      for (let i = 0; i < x.length; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) ** 2;
        syy += (y[i] - my) ** 2;
      }
      return sxy / Math.sqrt(sxx * syy);
    };
    expect(corr(absF.slice(1), absF.slice(0, -1))).toBeGreaterThan(0.05);
    const p = m.panel;
    const close = p.field('close');
    const vol = p.field('volume');
    const absR: number[] = [];
    const logV: number[] = [];
    let s2 = 0;
    let s4 = 0;
    for (let i = p.N; i < p.size; i++) {
      if (p.listed[i - p.N] !== 1) continue;
      const r = Math.log(close[i] / close[i - p.N]);
      absR.push(Math.abs(r));
      logV.push(Math.log(vol[i]));
      s2 += r * r;
      s4 += r ** 4;
    }
    expect(corr(absR, logV)).toBeGreaterThan(0.15);
    const n = absR.length;
    expect(s4 / n / (s2 / n) ** 2).toBeGreaterThan(4);
  });
});
