/**
 * Formula throughput: random AlphaGen-style formulas (<= 20 RPN tokens) on a 300-asset x
 * 2500-date synthetic random-walk panel, each evaluated and scored by daily IC against the
 * 20-day forward return, with the node cache warm from earlier formulas. Prints JSON.
 *
 *   npx tsx bench/expr-throughput.ts [--formulas 600] [--warm 300] [--jobs 2]
 */
import { parseArgs } from 'node:util';
import { Rng } from '../src/core/index.js';
import { Panel } from '../src/data/index.js';
import {
  buildVocabulary,
  call,
  EvaluatorPool,
  type Expr,
  ExprCache,
  evaluate,
  evaluateMany,
  field,
  num,
  print,
  toRpn,
} from '../src/expr/index.js';

const { values: args } = parseArgs({
  options: {
    formulas: { type: 'string', default: '600' },
    warm: { type: 'string', default: '300' },
    jobs: { type: 'string', default: '2' },
    batch: { type: 'string', default: '120' },
    T: { type: 'string', default: '2500' },
    N: { type: 'string', default: '300' },
  },
});
const T = Number(args.T);
const N = Number(args.N);

function makePanel(rng: Rng): Panel {
  const size = T * N;
  const f: Record<string, Float64Array> = {};
  for (const k of ['open', 'high', 'low', 'close', 'volume', 'vwap']) f[k] = new Float64Array(size);
  for (let a = 0; a < N; a++) {
    let p = 10 + 10 * rng.uniform();
    for (let t = 0; t < T; t++) {
      const i = t * N + a;
      const o = p * (1 + 0.005 * rng.normal());
      p *= 1 + 0.02 * rng.normal();
      f.open[i] = o;
      f.close[i] = p;
      f.high[i] = Math.max(o, p) * (1 + 0.01 * rng.uniform());
      f.low[i] = Math.min(o, p) * (1 - 0.01 * rng.uniform());
      f.volume[i] = 1e5 * (0.5 + rng.uniform());
      f.vwap[i] = (f.high[i] + f.low[i] + f.close[i]) / 3;
    }
  }
  const dates = Array.from({ length: T }, (_, t) => `d${t}`);
  return new Panel({ dates, assets: Array.from({ length: N }, (_, a) => `A${a}`), fields: f });
}

const FEATURES = ['open', 'close', 'high', 'low', 'volume', 'vwap'];
const UNARY = ['abs', 'log'];
const BINARY = ['add', 'sub', 'mul', 'div', 'greater', 'less'];
const ROLLING = [
  'ts_ref',
  'ts_mean',
  'ts_sum',
  'ts_std',
  'ts_var',
  'ts_max',
  'ts_min',
  'ts_median',
  'ts_mad',
  'ts_delta',
  'wma',
  'ema',
];
const PAIR = ['ts_cov', 'ts_corr'];
const CONSTANTS = [-30, -10, -5, -2, -1, -0.5, -0.01, 0.01, 0.5, 1, 2, 5, 10, 30];
const WINDOWS = [10, 20, 30, 40, 50];

const vocab = buildVocabulary({
  features: FEATURES,
  operators: [...UNARY, ...BINARY, ...ROLLING, ...PAIR],
  constants: CONSTANTS,
  windows: WINDOWS,
});

function pick<X>(rng: Rng, xs: readonly X[]): X {
  return xs[Math.floor(rng.uniform() * xs.length)];
}

function randomTree(rng: Rng, depth: number): Expr {
  const r = rng.uniform();
  if (depth === 0 || r < 0.25) return field(pick(rng, FEATURES));
  if (r < 0.4) return call(pick(rng, UNARY), randomTree(rng, depth - 1));
  if (r < 0.6) {
    const b = rng.uniform() < 0.3 ? num(pick(rng, CONSTANTS)) : randomTree(rng, depth - 1);
    return call(pick(rng, BINARY), randomTree(rng, depth - 1), b);
  }
  if (r < 0.88) return call(pick(rng, ROLLING), randomTree(rng, depth - 1), num(pick(rng, WINDOWS)));
  return call(
    pick(rng, PAIR),
    randomTree(rng, depth - 1),
    randomTree(rng, depth - 1),
    num(pick(rng, WINDOWS)),
  );
}

/** A random formula of at most 20 RPN tokens that is not a bare field. */
function randomFormula(rng: Rng): Expr {
  for (;;) {
    const e = randomTree(rng, 5);
    const len = toRpn(e, vocab).length;
    if (e.kind === 'call' && len <= 20) return e;
  }
}

/** Mean over dates of the cross-sectional Pearson IC (pairs where both are finite). */
function meanIC(x: Float64Array, y: Float64Array): number {
  let total = 0;
  let days = 0;
  for (let t = 0; t < T; t++) {
    let n = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let i = t * N; i < (t + 1) * N; i++) {
      const a = x[i];
      const b = y[i];
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      n++;
      sx += a;
      sy += b;
      sxx += a * a;
      syy += b * b;
      sxy += a * b;
    }
    if (n < 3) continue;
    const cov = sxy - (sx * sy) / n;
    const vx = sxx - (sx * sx) / n;
    const vy = syy - (sy * sy) / n;
    if (vx <= 0 || vy <= 0) continue;
    total += cov / Math.sqrt(vx * vy);
    days++;
  }
  return days ? total / days : Number.NaN;
}

async function main(): Promise<void> {
  const rng = new Rng(2024);
  const panel = makePanel(rng.stream('panel'));
  const label = evaluate('Ref($close, -20) / $close - 1', panel, { allowFuture: true, cache: false });
  const frng = rng.stream('formulas');
  const warm = Array.from({ length: Number(args.warm) }, () => randomFormula(frng));
  const timed = Array.from({ length: Number(args.formulas) }, () => randomFormula(frng));
  const cache = new ExprCache(1024 * 1024 * 1024);
  const opts = { mode: 'alphagen' as const, cache };

  // Cold: the warm-up set on an empty cache.
  let t0 = performance.now();
  for (const f of warm) meanIC(evaluate(f, panel, opts), label);
  const coldMs = performance.now() - t0;
  cache.counters.hits = 0;
  cache.counters.misses = 0;

  // Warm: new formulas on a cache filled by the earlier ones (main thread, one core).
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let icSum = 0;
  for (const f of timed) {
    const ic = meanIC(evaluate(f, panel, opts), label);
    if (Number.isFinite(ic)) icSum += Math.abs(ic);
  }
  const warmMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const warmCpuMs = (cpu.user + cpu.system) / 1000;
  const hitRate = cache.counters.hits / Math.max(1, cache.counters.hits + cache.counters.misses);

  // Batch over worker threads (each worker warms its own cache within the batch).
  const jobs = Number(args.jobs);
  t0 = performance.now();
  const batchSet = timed.slice(0, Number(args.batch));
  const batch = await evaluateMany(batchSet, panel, { mode: 'alphagen', jobs });
  for (const v of batch) meanIC(v, label);
  const batchMs = performance.now() - t0;

  // Persistent worker pool: warm its workers' caches with the warm-up set, then time the same
  // new formulas as the one-thread run (IC on the main thread as results arrive, in order).
  const pool = new EvaluatorPool(panel, jobs, 1024 * 1024 * 1024);
  await pool.map(warm, { mode: 'alphagen' }, () => undefined);
  t0 = performance.now();
  let poolIcSum = 0;
  await pool.map(timed, { mode: 'alphagen' }, (_i, r) => {
    const ic = meanIC(r.values, label);
    if (Number.isFinite(ic)) poolIcSum += Math.abs(ic);
  });
  const poolMs = performance.now() - t0;
  await pool.close();

  const tokens = timed.map((f) => toRpn(f, vocab).length);
  console.log(
    JSON.stringify(
      {
        bench: 'expr-throughput',
        panel: { T, N },
        formulas: {
          warmup: warm.length,
          timed: timed.length,
          meanTokens: tokens.reduce((a, b) => a + b, 0) / tokens.length,
        },
        example: print(timed[0]),
        coldFormulasPerSec: (warm.length / coldMs) * 1000,
        warmFormulasPerSec: (timed.length / warmMs) * 1000,
        warmFormulasPerCpuSec: (timed.length / warmCpuMs) * 1000,
        loadAverage: (await import('node:os')).loadavg()[0],
        cacheHitRate: hitRate,
        cacheMB: cache.bytes / 1048576,
        batch: { jobs, formulas: batch.length, formulasPerSec: (batch.length / batchMs) * 1000, ms: batchMs },
        pool: {
          jobs,
          formulas: timed.length,
          warmFormulasPerSec: (timed.length / poolMs) * 1000,
          speedupVsOneThread: warmMs / poolMs,
          sameMeanAbsIC: Math.abs(poolIcSum - icSum) < 1e-9,
        },
        meanAbsIC: icSum / timed.length,
      },
      null,
      2,
    ),
  );
}

await main();
