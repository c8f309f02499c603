/**
 * Factor-library benchmark: all `ok` factors of Alpha101 + GTJA191 + Alpha158 on
 * cn_stocks_2010_2021.parquet (VWAP fallback on, CSI300 benchmark attached), then the same on the
 * CSI300 universe (cross-sections restricted to index members). Prints JSON: sizes, wall time,
 * peak RSS, per-factor times and the ten slowest factors. Usage: npx tsx bench/factors.ts [--jobs N]
 */
import { sharedDataFile } from '../src/core/index.js';
import { loadMembership, loadPanel, membershipMask, type Panel } from '../src/data/index.js';
import { attachBenchmark, computeFactors, libraries, loadBenchmark } from '../src/factors/index.js';

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const timer = setInterval(sample, 200);

async function run(label: string, panel: Panel, jobs: number) {
  const entries = libraries(['alpha101', 'gtja191', 'alpha158']);
  const t0 = performance.now();
  const report = await computeFactors(panel, entries, { vwapFallback: true, jobs });
  const wall = (performance.now() - t0) / 1000;
  sample();
  const times = report.computed.map((c) => ({ id: c.id, seconds: Number(c.seconds.toFixed(4)) }));
  const slowest = [...times].sort((a, b) => b.seconds - a.seconds).slice(0, 10);
  return {
    label,
    T: panel.T,
    N: panel.N,
    computed: report.computed.length,
    unavailable: report.unavailable.length,
    wallSeconds: Number(wall.toFixed(2)),
    slowest,
    perFactor: times,
  };
}

async function main() {
  const file = sharedDataFile('cn_stocks_2010_2021.parquet');
  const idx = sharedDataFile('cn_index_2010_2021.parquet');
  const members = sharedDataFile('cn_index_membership_2010_2021.csv');
  if (!file || !idx || !members) {
    console.log(JSON.stringify({ skipped: 'shared data not found (set AGORA_SHARED_DATA)' }));
    return;
  }
  const jobsArg = process.argv.indexOf('--jobs');
  const jobs = jobsArg > 0 ? Number(process.argv[jobsArg + 1]) : 2;
  const t0 = performance.now();
  let panel = await loadPanel(file);
  panel = attachBenchmark(panel, await loadBenchmark(idx, '000300.SH')).panel;
  const loadSeconds = (performance.now() - t0) / 1000;
  const full = await run('all assets', panel, jobs);
  const csi = await run(
    'CSI300 universe',
    panel.withUniverse(membershipMask(panel, await loadMembership(members))),
    jobs,
  );
  clearInterval(timer);
  console.log(
    JSON.stringify(
      {
        jobs,
        loadSeconds: Number(loadSeconds.toFixed(2)),
        peakRssGB: Number((peakRss / 1e9).toFixed(2)),
        runs: [full, csi],
      },
      null,
      1,
    ),
  );
}

void main();
