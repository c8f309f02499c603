/**
 * Synthetic market generation speed: prints JSON with sizes, seconds and cells per second.
 * Usage: npx tsx bench/synth.ts [assets] [days] [preset]
 */
import { generateMarket, presetConfig } from '../src/data/synth/index.js';

const assets = Number(process.argv[2] ?? 3000);
const days = Number(process.argv[3] ?? 2500);
const preset = process.argv[4] ?? 'default';

function run(n: number, t: number): { seconds: number; cells: number } {
  const cfg = { ...presetConfig(preset), assets: n, periods: t };
  const t0 = performance.now();
  const m = generateMarket(cfg, { seed: 1, preset });
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, cells: m.panel.T * m.panel.N };
}

run(100, 100); // warm-up
const rssBefore = process.memoryUsage().rss;
const r = run(assets, days);
console.log(
  JSON.stringify({
    bench: 'synth',
    preset,
    assets,
    days,
    seconds: Number(r.seconds.toFixed(3)),
    cellsPerSecond: Math.round(r.cells / r.seconds),
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
    rssBeforeMB: Math.round(rssBefore / 2 ** 20),
  }),
);
