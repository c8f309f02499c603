/**
 * Kernel benchmark: each operator kernel on a 3000-asset x 2500-date float64 panel (median of
 * several runs), against the NumPy baseline (bench/expr_kernels_numpy.py) run by this script.
 * Prints JSON: sizes, ms per kernel, NumPy ms, speed-up (numpy_ms / ts_ms) and the targets.
 *
 *   npx tsx bench/expr-kernels.ts [--runs 5] [--assets 3000] [--dates 2500] [--only "ts_mean(20);cs_rank"]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../src/core/index.js';
import { OPS } from '../src/expr/ops/index.js';
import type { KernelContext } from '../src/expr/types.js';

interface Case {
  label: string;
  op: string;
  params: number[];
  pair?: boolean;
  targetMs?: number;
}

const CASES: Case[] = [
  { label: 'ts_sum(20)', op: 'ts_sum', params: [20], targetMs: 30 },
  { label: 'ts_mean(20)', op: 'ts_mean', params: [20], targetMs: 30 },
  { label: 'ts_std(20)', op: 'ts_std', params: [20], targetMs: 30 },
  { label: 'ts_corr(10)', op: 'ts_corr', params: [10], pair: true, targetMs: 90 },
  { label: 'ts_rank(10)', op: 'ts_rank', params: [10], targetMs: 160 },
  { label: 'cs_rank', op: 'cs_rank', params: [], targetMs: 150 },
  { label: 'ts_max(20)', op: 'ts_max', params: [20] },
  { label: 'ts_argmax(10)', op: 'ts_argmax', params: [10] },
  { label: 'ts_median(10)', op: 'ts_median', params: [10] },
  { label: 'decay_linear(10)', op: 'decay_linear', params: [10] },
  { label: 'ts_slope(20)', op: 'ts_slope', params: [20] },
  { label: 'ema(10)', op: 'ema', params: [10] },
  { label: 'ts_delta(5)', op: 'ts_delta', params: [5] },
];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

function randomWalkPanel(T: number, N: number, rng: Rng): Float64Array {
  const x = new Float64Array(T * N);
  const level = new Float64Array(N).fill(100);
  for (let t = 0; t < T; t++) {
    for (let a = 0; a < N; a++) {
      level[a] *= Math.exp(0.02 * rng.normal());
      x[t * N + a] = level[a];
    }
  }
  return x;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

interface Timing {
  wall: number;
  cpu: number;
}

/** Median wall and CPU (user + system) ms; CPU time is robust to a shared, loaded machine. */
function timeKernel(
  c: Case,
  x: Float64Array,
  y: Float64Array,
  out: Float64Array,
  ctx: KernelContext,
  runs: number,
): Timing {
  const op = OPS[c.op];
  const inputs = c.pair ? [x, y] : [x];
  op.kernel(out, inputs, c.params, ctx);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    op.kernel(out, inputs, c.params, ctx);
    wall.push(performance.now() - t0);
    const dc = process.cpuUsage(c0);
    cpu.push((dc.user + dc.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

interface NumpyResult {
  version?: string;
  ms: Record<string, number>;
  cpu_ms: Record<string, number>;
  error?: string;
}

function numpyBaseline(T: number, N: number, runs: number, labels: string[]): NumpyResult {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'expr_kernels_numpy.py');
  const args = [script, String(T), String(N), String(runs), labels.join(';')];
  const res = spawnSync('python3', args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (res.status !== 0) {
    const error = (res.stderr || String(res.error)).trim().split('\n').slice(-1)[0];
    return { ms: {}, cpu_ms: {}, error };
  }
  const parsed = JSON.parse(res.stdout) as {
    numpy: string;
    ms: Record<string, number>;
    cpu_ms: Record<string, number>;
  };
  return { version: parsed.numpy, ms: parsed.ms, cpu_ms: parsed.cpu_ms };
}

function main(): void {
  const runs = Number(arg('runs', '5'));
  const N = Number(arg('assets', '3000'));
  const T = Number(arg('dates', '2500'));
  const only = arg('only', '');
  const cases = only ? CASES.filter((c) => only.split(';').includes(c.label)) : CASES;
  const rng = new Rng('bench-expr-kernels');
  const x = randomWalkPanel(T, N, rng.stream('x'));
  const y = randomWalkPanel(T, N, rng.stream('y'));
  const out = new Float64Array(T * N);
  const ctx: KernelContext = { T, N, mode: 'canonical', eligible: undefined };
  const ts: Record<string, Timing> = {};
  for (const c of cases) ts[c.label] = timeKernel(c, x, y, out, ctx, runs);
  const np = numpyBaseline(
    T,
    N,
    Math.max(1, Math.min(runs, 3)),
    cases.map((c) => c.label),
  );
  const rows = cases.map((c) => {
    const npCpu = np.cpu_ms[c.label];
    const { wall, cpu } = ts[c.label];
    return {
      kernel: c.label,
      wall_ms: round(wall),
      cpu_ms: round(cpu),
      numpy_wall_ms: np.ms[c.label] === undefined ? null : round(np.ms[c.label]),
      numpy_cpu_ms: npCpu === undefined ? null : round(npCpu),
      speedup_vs_numpy_cpu: npCpu === undefined ? null : round(npCpu / cpu),
      target_ms: c.targetMs ?? null,
      meets_target_cpu: c.targetMs === undefined ? null : cpu <= c.targetMs,
    };
  });
  const report = {
    bench: 'expr-kernels',
    assets: N,
    dates: T,
    runs,
    node: process.version,
    numpy: np.version ?? null,
    numpy_error: np.error ?? null,
    rows,
  };
  console.log(JSON.stringify(report, null, 2));
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

main();
