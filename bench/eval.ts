/**
 * Evaluation benchmarks on the real A-share panel (cn_stocks_2010_2021.parquet, 664 x 2917):
 *   1. IC + RankIC of one signal vs a 20-day label (target <= 100 ms), all listed cells and the
 *      CSI300 point-in-time universe when the membership file is there;
 *   2. a daily top-50 backtest with all A-share rules and costs (target <= 1 s), market-data
 *      preparation (fill feasibility) timed separately;
 *   3. a 300-signal IC table on worker threads (target <= 20 s on 2 cores), with the
 *      single-thread time of the first signals as a same-run baseline.
 * Wall times are medians; CPU times (process user + system, all threads) are reported too, since
 * the development machine is shared and its wall clock depends on other people's load.
 * Prints one JSON object. Run: npx tsx bench/eval.ts [--signals 300] [--threads 2]
 */
import { parseArgs } from 'node:util';
import { sharedDataFile } from '../src/core/index.js';
import { loadMembership, loadPanel, membershipMask, type Panel } from '../src/data/index.js';
import {
  dailyIc,
  equalWeightReturns,
  IcScratch,
  icTable,
  icTableParallel,
  labelCache,
  makeStrategy,
  marketDataFromPanel,
  type NamedSignal,
  performanceMetrics,
  runBacktest,
} from '../src/eval/index.js';

const { values: args } = parseArgs({ options: { signals: { type: 'string' }, threads: { type: 'string' } } });
const SIGNALS = Number(args.signals ?? 300);
const THREADS = Number(args.threads ?? 2);

/** Process CPU time (user + system, all threads) in ms: robust to other load on a shared machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Median wall and CPU time of `reps` runs after one warm-up. */
function time<R>(fn: () => R, reps = 5): { ms: number; min: number; cpuMs: number; result: R } {
  let result = fn(); // warm-up
  const ts: number[] = [];
  const cs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    result = fn();
    ts.push(performance.now() - t0);
    cs.push(cpuMs() - c0);
  }
  ts.sort((a, b) => a - b);
  cs.sort((a, b) => a - b);
  return { ms: ts[Math.floor(reps / 2)], min: ts[0], cpuMs: cs[Math.floor(reps / 2)], result };
}

/** close[t+h] / close[t] - 1 (AlphaGen-parity label). */
function forwardReturn(close: Float64Array, T: number, N: number, h: number): Float64Array {
  const out = new Float64Array(T * N).fill(Number.NaN);
  for (let i = 0; i + h * N < T * N; i++) out[i] = close[i + h * N] / close[i] - 1;
  return out;
}

/** -(close[t] / close[t-k] - 1) plus a deterministic per-signal twist, written into `out`. */
function momentum(close: Float64Array, T: number, N: number, k: number, out: Float64Array): Float64Array {
  out.fill(Number.NaN, 0, Math.min(T, k) * N);
  for (let i = k * N; i < T * N; i++) out[i] = ((i % 7) - 3) * 1e-4 - (close[i] / close[i - k * N] - 1);
  return out;
}

/** Same-run baseline: gather the valid pairs of each date and natively sort both sides. */
function twoSortBaseline(
  signal: Float64Array,
  label: Float64Array,
  elig: Uint8Array,
  T: number,
  N: number,
): number {
  const s = new Float64Array(N);
  const l = new Float64Array(N);
  let acc = 0;
  for (let t = 0; t < T; t++) {
    let n = 0;
    for (let a = 0; a < N; a++) {
      const i = t * N + a;
      if (elig[i] === 1 && Number.isFinite(signal[i]) && Number.isFinite(label[i])) {
        s[n] = signal[i];
        l[n++] = label[i];
      }
    }
    s.subarray(0, n).sort();
    l.subarray(0, n).sort();
    acc += s[0] + l[0];
  }
  return acc;
}

function* library(close: Float64Array, T: number, N: number, count: number): Generator<NamedSignal> {
  for (let j = 0; j < count; j++) {
    const values = new Float64Array(new SharedArrayBuffer(T * N * 8));
    yield { name: `mom_${j + 1}`, values: momentum(close, T, N, 1 + (j % 120), values) };
  }
}

async function main(): Promise<void> {
  const file = sharedDataFile('cn_stocks_2010_2021.parquet');
  if (!file) {
    console.log(
      JSON.stringify({ skipped: 'cn_stocks_2010_2021.parquet not found in the shared data folder' }),
    );
    return;
  }
  const t0 = performance.now();
  const panel: Panel = await loadPanel(file);
  const loadMs = performance.now() - t0;
  const { T, N } = panel;
  const close = panel.field('close');
  const label = forwardReturn(close, T, N, 20);
  const signal = momentum(close, T, N, 20, new Float64Array(T * N));
  const listed = panel.listed;
  const ic = time(() => dailyIc({ T, N, signal, label, eligible: listed }));
  const baseline = time(() => twoSortBaseline(signal, label, listed, T, N));
  const membersFile = sharedDataFile('cn_index_membership_2010_2021.csv');
  let csi300: Record<string, number> | string = 'skipped: cn_index_membership_2010_2021.csv not found';
  if (membersFile) {
    const m = membershipMask(panel, await loadMembership(membersFile, 'csi300'));
    const elig = Uint8Array.from(m, (v, i) => v & listed[i]);
    const r = time(() => dailyIc({ T, N, signal, label, eligible: elig }));
    csi300 = {
      ms: +r.ms.toFixed(1),
      cpuMs: +r.cpuMs.toFixed(1),
      validPairs: r.result.count.reduce((a, b) => a + b, 0),
    };
  }
  const cache = labelCache(label, listed, panel);
  const icCached = time(() => dailyIc({ T, N, signal, label, eligible: listed }, cache, new IcScratch(N)));

  const tm = performance.now();
  const md = marketDataFromPanel(panel, { fill: 'open' });
  const marketDataMs = performance.now() - tm;
  const strat = () => makeStrategy('topk', { k: 50 });
  const cfg = { capital: 1e8, costs: { slippageBps: 5 } };
  const bt = time(() => runBacktest(md, signal, strat(), cfg), 3);
  const dropout = time(() => runBacktest(md, signal, makeStrategy('topk-dropout', { k: 50, n: 5 }), cfg), 3);
  const metrics = performanceMetrics(bt.result, equalWeightReturns(md), { periodsPerYear: 252 });

  const ctx = { T, N, label, eligible: listed, horizon: 20 };
  const base = 6;
  const cg = cpuMs();
  for (const _s of library(close, T, N, base));
  const producerCpuPerSignalMs = (cpuMs() - cg) / base;
  const cb = cpuMs();
  const tb = performance.now();
  icTable(library(close, T, N, base), ctx);
  const perSignalSeqMs = (performance.now() - tb) / base;
  const perSignalSeqCpuMs = (cpuMs() - cb) / base;
  const cp = cpuMs();
  const tp = performance.now();
  const rows = await icTableParallel(library(close, T, N, SIGNALS), ctx, { threads: THREADS });
  const tableMs = performance.now() - tp;
  const tableCpuMs = cpuMs() - cp;

  console.log(
    JSON.stringify(
      {
        data: { file: 'cn_stocks_2010_2021.parquet', T, N, loadMs: Math.round(loadMs) },
        machine: {
          cpus: (await import('node:os')).availableParallelism(),
          loadAverage1m: (await import('node:os')).loadavg()[0],
        },
        icRankIc20d: {
          ms: +ic.ms.toFixed(1),
          minMs: +ic.min.toFixed(1),
          cpuMs: +ic.cpuMs.toFixed(1),
          withLabelCacheMs: +icCached.ms.toFixed(1),
          withLabelCacheCpuMs: +icCached.cpuMs.toFixed(1),
          baselineTwoNativeSortsCpuMs: +baseline.cpuMs.toFixed(1),
          cpuRatioToBaseline: +(ic.cpuMs / baseline.cpuMs).toFixed(2),
          targetMs: 100,
          validPairs: ic.result.count.reduce((a, b) => a + b, 0),
          csi300Universe: csi300,
        },
        backtestTop50: {
          ms: +bt.ms.toFixed(1),
          cpuMs: +bt.cpuMs.toFixed(1),
          targetMs: 1000,
          marketDataMs: Math.round(marketDataMs),
          trades: bt.result.trades.length,
          blocked: bt.result.blocked.length,
          sharpe: +metrics.sharpe.toFixed(3),
          turnover: +metrics.turnover.toFixed(4),
          dropoutMs: +dropout.ms.toFixed(1),
          dropoutTrades: dropout.result.trades.length,
        },
        icTable: {
          signals: rows.length,
          threads: THREADS,
          ms: Math.round(tableMs),
          targetMs: 20000,
          cpuMs: Math.round(tableCpuMs),
          wallIfAlone2CoresEstimateMs: Math.round(tableCpuMs / THREADS),
          producerCpuPerSignalMs: +producerCpuPerSignalMs.toFixed(1),
          evaluationCpuPerSignalMs: +((tableCpuMs - producerCpuPerSignalMs * SIGNALS) / SIGNALS).toFixed(1),
          perSignalSequentialMs: +perSignalSeqMs.toFixed(1),
          perSignalSequentialCpuMs: +perSignalSeqCpuMs.toFixed(1),
          sequentialEstimateMs: Math.round(perSignalSeqMs * SIGNALS),
          speedup: +((perSignalSeqMs * SIGNALS) / tableMs).toFixed(2),
        },
      },
      null,
      2,
    ),
  );
}

await main();
