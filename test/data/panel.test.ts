import { describe, expect, it } from 'vitest';
import { Panel } from '../../src/data/index.js';

function small(): Panel {
  const close = new Float64Array([1, 2, 3, Number.NaN, 5, 6]);
  return new Panel({
    dates: ['2020-01-01', '2020-01-02', '2020-01-03'],
    assets: ['A', 'B'],
    fields: { close },
  });
}

describe('Panel', () => {
  it('is date-major and derives listed from close', () => {
    const p = small();
    expect(p.field('close')[p.at(1, 0)]).toBe(3);
    expect([...p.listed]).toEqual([1, 1, 1, 0, 1, 1]);
  });
  it('slices dates without copying', () => {
    const p = small();
    const s = p.sliceDates(1, 3);
    expect(s.T).toBe(2);
    expect(s.field('close').buffer).toBe(p.field('close').buffer);
    expect(s.field('close')[0]).toBe(3);
    expect(p.sliceDateRange('2020-01-02', '2020-01-02').dates).toEqual(['2020-01-02']);
  });
  it('selects assets', () => {
    const s = small().selectSymbols(['B']);
    expect([...s.field('close')]).toEqual([2, Number.NaN, 6]);
    expect(s.assets).toEqual(['B']);
  });
  it('refuses a wrongly sized field and names missing fields', () => {
    expect(() => new Panel({ dates: ['d'], assets: ['A'], fields: { x: new Float64Array(2) } })).toThrow(
      /T\*N/,
    );
    expect(() => small().field('open')).toThrow(/available fields: close/);
  });
});
