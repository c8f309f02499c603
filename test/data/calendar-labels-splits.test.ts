import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alphagenLabel,
  Calendar,
  daysSinceListing,
  forwardReturn,
  labelLookahead,
  makeSplit,
  nextOpenLabel,
  Panel,
  splitPreset,
} from '../../src/data/index.js';

const DATES = ['2021-01-04', '2021-01-05', '2021-01-06', '2021-01-08', '2021-01-11'];

describe('Calendar', () => {
  const cal = new Calendar(DATES);
  it('finds and steps trading days', () => {
    expect(cal.indexOf('2021-01-06')).toBe(2);
    expect(cal.indexOf('2021-01-07')).toBe(-1);
    expect(cal.step('2021-01-05', 2)).toBe('2021-01-08');
    expect(cal.step('2021-01-08', -3)).toBe('2021-01-04');
    expect(cal.step('2021-01-07', 1)).toBe('2021-01-08'); // a holiday snaps forward first
    expect(cal.step('2021-01-07', -1)).toBe('2021-01-06');
    expect(cal.step('2021-01-11', 1)).toBeUndefined();
    expect(cal.between('2021-01-05', '2021-01-09')).toEqual(['2021-01-05', '2021-01-06', '2021-01-08']);
  });
  it('refuses unsorted dates', () => {
    expect(() => new Calendar(['2021-01-05', '2021-01-04'])).toThrow(/increase/);
  });
  it('counts trading days since listing', () => {
    const close = new Float64Array([1, Number.NaN, 1, 1, 1, 1]);
    const p = new Panel({ dates: DATES.slice(0, 3), assets: ['A', 'B'], fields: { close } });
    const d = daysSinceListing(p);
    expect(d[0]).toBe(1 << 30); // listed on the first date: long ago
    expect([d[1], d[3], d[5]]).toEqual([0, 0, 1]);
  });
});

function pricePanel(T: number, N: number, values: number[], tradable?: Uint8Array): Panel {
  const close = new Float64Array(T * N);
  const open = new Float64Array(T * N);
  for (let i = 0; i < T * N; i++) {
    close[i] = values[i % values.length];
    open[i] = values[(i + 3) % values.length];
  }
  const dates = Array.from({ length: T }, (_v, t) =>
    new Date(Date.UTC(2020, 0, 1 + t)).toISOString().slice(0, 10),
  );
  return new Panel({
    dates,
    assets: Array.from({ length: N }, (_v, a) => `S${a}`),
    fields: { open, close },
    tradable,
  });
}

describe('labels', () => {
  it('AlphaGen label is close[t+h]/close[t]-1 (hand-checked)', () => {
    const p = pricePanel(4, 1, [10, 11, 12.1, 9]);
    const y = forwardReturn(p, alphagenLabel(2));
    expect(y[0]).toBeCloseTo(0.21, 12);
    expect(y[1]).toBeCloseTo(9 / 11 - 1, 12);
    expect(Number.isNaN(y[2]) && Number.isNaN(y[3])).toBe(true);
  });
  it('T+1 label is open[t+1+h]/open[t+1]-1 and looks 1+h ahead', () => {
    const p = pricePanel(5, 1, [1, 2, 3, 4, 5]);
    const y = forwardReturn(p, nextOpenLabel(2));
    // open[i] = values[(i+3) % 5] = 4,5,1,2,3
    expect(y[0]).toBeCloseTo(2 / 5 - 1, 12);
    expect(y[1]).toBeCloseTo(3 / 1 - 1, 12);
    expect(Number.isNaN(y[2])).toBe(true);
    expect(labelLookahead(nextOpenLabel(2))).toBe(3);
  });
  it('suspension rules: window, endpoints, ignore', () => {
    const tradable = new Uint8Array([1, 0, 1, 1]);
    const p = pricePanel(4, 1, [10, 10, 11, 12], tradable);
    const spec = { entry: { field: 'close', offset: 0 }, exit: { field: 'close', offset: 2 } };
    expect(Number.isNaN(forwardReturn(p, { ...spec, suspension: 'window' })[0])).toBe(true);
    expect(forwardReturn(p, { ...spec, suspension: 'endpoints' })[0]).toBeCloseTo(0.1, 12);
    expect(Number.isNaN(forwardReturn(p, { ...spec, suspension: 'endpoints' })[1])).toBe(true);
    expect(forwardReturn(p, { ...spec, suspension: 'ignore' })[1]).toBeCloseTo(0.2, 12);
  });
  it('rejects offsets that look backwards', () => {
    const p = pricePanel(3, 1, [1, 2, 3]);
    expect(() =>
      forwardReturn(p, { entry: { field: 'close', offset: 2 }, exit: { field: 'close', offset: 1 } }),
    ).toThrow(/entry < exit/);
  });
  it('no look-ahead beyond the declared horizon (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 11 }),
        (vals, h, cut) => {
          const T = 12;
          const N = 2;
          const spec = nextOpenLabel(h);
          const p1 = pricePanel(T, N, vals);
          const close = p1.field('close').slice();
          const open = p1.field('open').slice();
          for (let i = cut * N; i < T * N; i++) {
            close[i] *= 1.5;
            open[i] *= 0.7;
          }
          const p2 = p1.withField('close', close).withField('open', open);
          const y1 = forwardReturn(p1, spec);
          const y2 = forwardReturn(p2, spec);
          // labels at t only use bars up to t + lookahead: those ending before `cut` are unchanged
          const lastSafe = cut - labelLookahead(spec) - 1;
          for (let t = 0; t <= lastSafe; t++)
            for (let a = 0; a < N; a++) expect(y2[t * N + a]).toBe(y1[t * N + a]);
        },
      ),
    );
  });
});

describe('splits', () => {
  const dates: string[] = [];
  for (let d = Date.UTC(2017, 0, 2); d <= Date.UTC(2021, 11, 31); d += 86400000) {
    const day = new Date(d).getUTCDay();
    if (day !== 0 && day !== 6) dates.push(new Date(d).toISOString().slice(0, 10));
  }
  it('alphagen-kdd: train to 2018-12-31, valid 2019, test 2020-2021, gaps trimmed from earlier parts', () => {
    const s = splitPreset('alphagen-kdd', dates, 20);
    const tr = s.part('train');
    const va = s.part('valid');
    const te = s.part('test');
    expect(tr.from).toBe('2017-01-02');
    expect(va.start - tr.end).toBe(20);
    expect(te.start - va.end).toBe(20);
    expect(tr.to < '2018-12-31').toBe(true);
    expect(va.from).toBe('2019-01-01');
    expect(te.from).toBe('2020-01-01');
    expect(te.to).toBe('2021-12-31');
    // exactly `gap` dates lie strictly between train and valid
    expect(dates.filter((d) => d > tr.to && d < va.from).length).toBe(20);
  });
  it('every train label stays before valid starts (gap >= lookahead)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), (h) => {
        const spec = nextOpenLabel(h);
        const s = splitPreset('alphagen-kdd', dates, labelLookahead(spec));
        const lastTrain = s.part('train').end - 1;
        expect(lastTrain + labelLookahead(spec)).toBeLessThan(s.part('valid').start);
        expect(s.part('valid').end - 1 + labelLookahead(spec)).toBeLessThan(s.part('test').start);
      }),
    );
  });
  it('applies to panels by slice and mask', () => {
    const close = new Float64Array(dates.length).fill(1);
    const p = new Panel({ dates, assets: ['A'], fields: { close } });
    const s = splitPreset('alphagen-kdd', dates, 5);
    const v = s.slice(p, 'valid');
    expect(v.dates[0]).toBe(s.part('valid').from);
    expect(v.T).toBe(s.part('valid').end - s.part('valid').start);
    expect(s.dateMask(p, 'test').reduce((a, b) => a + b, 0)).toBe(s.part('test').end - s.part('test').start);
  });
  it('refuses overlaps, empty parts and unknown presets', () => {
    expect(() => makeSplit(dates, { train: { to: '2019-06-30' }, test: { from: '2019-01-01' } }, 5)).toThrow(
      /overlap/,
    );
    expect(() => makeSplit(dates, { train: { to: '2017-01-03' }, test: { from: '2017-01-04' } }, 5)).toThrow(
      /empty/,
    );
    expect(() => splitPreset('nope', dates, 1)).toThrow(/known presets: alphagen-kdd/);
  });
});
