import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/index.js';
import {
  equalWeightReturns,
  lineChart,
  makeStrategy,
  pngSize,
  readResults,
  renderReport,
  renderSvg,
  runBacktestReport,
  runEvaluation,
  sharpe,
  svgToPng,
  writeBacktestFiles,
  writeResults,
} from '../../src/eval/index.js';
import { randomMarket } from './helpers.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'agora-eval-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Count of pixels darker than mid-grey inside a rectangle of an RGBA buffer. */
function darkPixels(px: Buffer, width: number, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * 4;
      if (px[i] + px[i + 1] + px[i + 2] < 3 * 128) n++;
    }
  }
  return n;
}

describe('chart rendering', () => {
  it('renders text with an available font', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"><text x="10" y="35" font-family="DejaVu Sans, sans-serif" font-size="28">Agora</text></svg>';
    const r = svgToPng(svg);
    expect([r.width, r.height]).toEqual([200, 50]);
    expect(darkPixels(r.pixels, r.width, 0, 0, 200, 50)).toBeGreaterThan(100);
  });

  it('compiles vega-lite to SVG and PNG with the title drawn', async () => {
    const spec = lineChart('Title text', ['2020-01-01', '2020-01-02', '2020-01-03'], { a: [1, 2, 1.5] }, 'y');
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Title text');
    const r = svgToPng(svg);
    expect(pngSize(r.png)).toEqual({ width: r.width, height: r.height });
    // the title sits in the top band of the chart
    expect(darkPixels(r.pixels, r.width, 0, 0, r.width, 30)).toBeGreaterThan(30);
  });

  it('pngSize refuses non-PNG bytes', () => {
    expect(() => pngSize(new Uint8Array(30))).toThrow(/not a PNG/);
  });
});

describe('run directories', () => {
  it('writes an eval report (results.json, PNGs of the expected size, self-contained HTML)', async () => {
    const T = 120;
    const N = 40;
    const rng = new Rng(1);
    const signal = Float64Array.from({ length: T * N }, () => rng.normal());
    const label = Float64Array.from(signal, (s) => 0.1 * s + rng.normal());
    const dates = Array.from({ length: T }, (_, t) =>
      new Date(Date.UTC(2021, 0, 1 + t)).toISOString().slice(0, 10),
    );
    const other = Float64Array.from(signal, (s) => -s + 0.5 * rng.normal());
    const results = await runEvaluation({
      dates,
      T,
      N,
      signals: [
        { name: 'planted', values: signal },
        { name: 'other', values: other },
      ],
      label,
      horizon: 1,
      config: { signal: 'planted', horizon: 1 },
    });
    const dir = tmp();
    writeResults(dir, results);
    const back = readResults(dir);
    expect(back.kind).toBe('eval');
    const rep = await renderReport(dir);
    expect(rep.charts.map((c) => c.name)).toEqual([
      'cumulative-ic',
      'rank-ic-histogram',
      'quantile-returns',
      'long-short',
    ]);
    for (const c of rep.charts) {
      const size = pngSize(readFileSync(c.png));
      expect(size).toEqual({ width: c.width, height: c.height });
      expect(size.width).toBeGreaterThan(640 * 2); // 640 px plot area at 2x zoom, plus axes
      expect(size.height).toBeGreaterThan(240 * 2);
    }
    const html = readFileSync(rep.html, 'utf8');
    expect(html).toContain('<!DOCTYPE html>');
    expect((html.match(/<svg/g) ?? []).length).toBe(4);
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain('rankIcPositive');
    expect(html).toContain('Signal rank correlation');
    const json = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(json.summary.rankIc.mean).toBeGreaterThan(0.05);
    expect(json.summary.correlation.matrix[0][1]).toBeLessThan(-0.8);
    // two signals, one good and its noisy mirror: picking the in-sample best is not overfitting
    expect(json.summary.pbo.blocks).toBe(6);
    expect(json.summary.pbo.pbo).toBeLessThan(0.2);
  });

  it('writes a backtest report and re-renders it from results.json alone', async () => {
    const md = randomMarket(2, 150, 20);
    const rng = new Rng(3);
    const scores = Float64Array.from({ length: 150 * 20 }, () => rng.normal());
    const { result, results } = runBacktestReport({
      market: md,
      scores,
      strategy: makeStrategy('topk', { k: 5 }),
      config: { costs: { slippageBps: 5 } },
      benchmark: equalWeightReturns(md),
      periodsPerYear: 365,
      describe: { data: 'synthetic' },
    });
    const dir = tmp();
    writeResults(dir, results);
    writeBacktestFiles(dir, result);
    const first = await renderReport(dir);
    const again = await renderReport(dir);
    expect(again.charts.map((c) => c.name)).toEqual(['equity', 'drawdown', 'turnover']);
    expect(readFileSync(again.charts[0].svg, 'utf8')).toBe(readFileSync(first.charts[0].svg, 'utf8'));
    const trades = readFileSync(join(dir, 'trades.csv'), 'utf8').trim().split('\n');
    expect(trades.length - 1).toBe(result.trades.length);
    const metrics = (readResults(dir) as typeof results).metrics;
    expect(metrics.sharpe).toBeCloseTo(sharpe(result.returns.subarray(1), { periodsPerYear: 365 }), 12);
    expect(readFileSync(again.html, 'utf8')).toContain('informationRatio');
  });

  it('refuses a directory without results.json with a helpful error', () => {
    expect(() => readResults(tmp())).toThrow(/agora eval/);
  });
});
