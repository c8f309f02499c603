/**
 * Baselines in the mining harness: the best single factor is chosen on valid (never on test),
 * the ridge weights equal an independent normal-equations solution, and both write run
 * directories that `compareRuns` reads.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/command.js';
import { rootCommand } from '../../src/cli/registry.js';
import { Rng, sharedDataFile } from '../../src/core/index.js';
import { Panel, writePanel } from '../../src/data/index.js';
import { parse } from '../../src/expr/index.js';
import { evaluateFactor, type FactorEntry, library } from '../../src/factors/index.js';
import {
  bestSingleFactor,
  compareRuns,
  KDD_LABEL,
  type MiningData,
  normalEquations,
  partOf,
  prepareMiningData,
  ridgeCombination,
  runBaseline,
} from '../../src/mine/index.js';
import { plantedMarket } from './planted-market.js';

const { market, protocol } = plantedMarket(40, 320, 11, 189, 249);
const d = market.panel.dates;
const tmp = () => mkdtempSync(join(tmpdir(), 'agora-baseline-'));

/** A one-field factor over a constructed panel field (not a built-in name, so parsed with it declared). */
function userFactor(name: string): FactorEntry {
  const expr = parse(`$${name}`, { fields: [name] });
  return {
    id: `user_${name}`,
    family: 'user',
    original: `$${name}`,
    formula: `$${name}`,
    flags: [],
    expr,
    fields: [name],
    lookback: 0,
    mode: 'canonical',
  };
}

/** Independent reference: mean over dates [start, end) of the daily Pearson IC (finite, eligible pairs). */
function meanIc(data: MiningData, signal: Float64Array, start: number, end: number): number {
  const { N } = data.panel;
  let sum = 0;
  let days = 0;
  for (let t = start; t < end; t++) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let a = 0; a < N; a++) {
      const i = t * N + a;
      if (data.eligible && data.eligible[i] !== 1) continue;
      if (Number.isFinite(signal[i]) && Number.isFinite(data.label[i])) {
        xs.push(signal[i]);
        ys.push(data.label[i]);
      }
    }
    if (xs.length < 10) continue;
    const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
    const my = ys.reduce((s, v) => s + v, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let k = 0; k < xs.length; k++) {
      sxy += (xs[k] - mx) * (ys[k] - my);
      sxx += (xs[k] - mx) ** 2;
      syy += (ys[k] - my) ** 2;
    }
    if (sxx > 1e-12 && syy > 1e-12) {
      sum += sxy / Math.sqrt(sxx * syy);
      days++;
    }
  }
  return sum / days;
}

/** Per-date z-score over eligible finite cells (ddof 1), everything else -> `fill`. */
function zscore(data: MiningData, v: Float64Array, fill: number): Float64Array {
  const { T, N } = data.panel;
  const out = new Float64Array(v.length).fill(fill);
  for (let t = 0; t < T; t++) {
    const idx: number[] = [];
    for (let a = 0; a < N; a++) {
      const i = t * N + a;
      if ((!data.eligible || data.eligible[i] === 1) && Number.isFinite(v[i])) idx.push(i);
    }
    const m = idx.reduce((s, i) => s + v[i], 0) / idx.length;
    const sd = Math.sqrt(idx.reduce((s, i) => s + (v[i] - m) ** 2, 0) / (idx.length - 1));
    if (idx.length > 1 && sd > 1e-12) for (const i of idx) out[i] = (v[i] - m) / sd;
  }
  return out;
}

/** Solve A x = b by Gaussian elimination with partial pivoting (A dense k x k, copied). */
function gaussSolve(A: number[][], b: number[]): number[] {
  const k = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < k; r++) {
      const f = M[r][c] / M[c][c];
      for (let j = c; j <= k; j++) M[r][j] -= f * M[c][j];
    }
  }
  const x = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let s = M[r][k];
    for (let j = r + 1; j < k; j++) s -= M[r][j] * x[j];
    x[r] = s / M[r][r];
  }
  return x;
}

/** A panel with three constructed fields: fa (valid IC ~ +0.5), fc (valid IC ~ -0.8), fb (test-best). */
async function constructedData(): Promise<MiningData> {
  const base = await prepareMiningData(protocol, market.panel);
  const { T, N } = base.panel;
  const valid = partOf(base, 'valid');
  const test = partOf(base, 'test');
  const rng = new Rng(5).stream('fields');
  const fa = new Float64Array(T * N);
  const fb = new Float64Array(T * N);
  const fc = new Float64Array(T * N);
  for (let t = 0; t < T; t++) {
    const inValid = t >= valid.start && t < valid.end;
    const inTest = t >= test.start && t < test.end;
    for (let a = 0; a < N; a++) {
      const i = t * N + a;
      const y = Number.isFinite(base.label[i]) ? base.label[i] / 0.02 : 0;
      fa[i] = (inValid ? y : 0) + 1.6 * rng.normal();
      fc[i] = (inValid ? -y : 0) + 0.7 * rng.normal();
      fb[i] = (inTest ? 3 * y : inValid ? 0.2 * y : 0) + rng.normal();
    }
  }
  const panel: Panel = market.panel.withField('fa', fa).withField('fb', fb).withField('fc', fc);
  return prepareMiningData(protocol, panel);
}

describe('best single factor baseline', () => {
  it('chooses on valid (sign allowed), not on test', async () => {
    const data = await constructedData();
    const factors = ['fa', 'fb', 'fc'].map(userFactor);
    const r = await bestSingleFactor(data, { factors });
    const valid = partOf(data, 'valid');
    const test = partOf(data, 'test');
    const ic = (f: string, p: typeof valid) => meanIc(data, data.panel.field(f), p.start, p.end);
    // The construction: fb is the best factor on test, fc (negated) the best on valid.
    expect(ic('fb', test)).toBeGreaterThan(Math.abs(ic('fc', test)) + 0.3);
    expect(ic('fb', test)).toBeGreaterThan(Math.abs(ic('fa', test)) + 0.3);
    expect(ic('fc', valid)).toBeLessThan(-ic('fa', valid) - 0.1);
    expect(r.id).toBe('user_fc');
    expect(r.sign).toBe(-1);
    // Candidate ICs equal the independent daily-Pearson reference.
    for (const c of r.candidates) expect(c.validIc).toBeCloseTo(ic(c.id.slice(5), valid), 9);
    expect(r.candidates.map((c) => c.id)).toEqual(['user_fc', 'user_fa', 'user_fb']);
    expect(r.scores.valid.ic).toBeCloseTo(-ic('fc', valid), 9);
    expect(r.scores.test.ic).toBeCloseTo(-ic('fc', test), 9);
  });

  it('ignores the test split: scrambling test labels changes nothing before scoring', async () => {
    const data = await constructedData();
    const factors = ['fa', 'fb', 'fc'].map(userFactor);
    const test = partOf(data, 'test');
    const N = data.panel.N;
    const label = Float64Array.from(data.label);
    const rng = new Rng(9).stream('scramble');
    for (let i = test.start * N; i < test.end * N; i++) label[i] = rng.normal();
    const a = await bestSingleFactor(data, { factors });
    const b = await bestSingleFactor({ ...data, label }, { factors });
    expect(b.id).toBe(a.id);
    expect(b.sign).toBe(a.sign);
    expect(b.candidates).toEqual(a.candidates);
    expect(b.scores.valid).toEqual(a.scores.valid);
  });

  it('scores every computable library factor; vwap factors only with the declared fallback', async () => {
    const p = market.panel;
    const fields = (names: string[]) => Object.fromEntries(names.map((f) => [f, p.field(f)]));
    const ohlcv = ['open', 'high', 'low', 'close', 'volume'];
    const noVwap = new Panel({
      dates: p.dates,
      assets: p.assets,
      fields: fields([...ohlcv, 'amount']),
      listed: p.listed,
    });
    const data = await prepareMiningData(protocol, noVwap);
    const r = await bestSingleFactor(data);
    expect(r.candidates.length + r.unavailable.length).toBe(101 + 191 + 158);
    expect(r.candidates.length).toBeGreaterThan(300);
    expect(r.unavailable.map((u) => u.id)).toContain('alpha158_VWAP0');
    expect(r.fallbacks).toEqual([]);
    // The chosen factor has the largest |valid IC| of all candidates.
    const chosen = r.sign * r.scores.valid.ic;
    for (const c of r.candidates)
      if (Number.isFinite(c.validIc)) expect(Math.abs(c.validIc)).toBeLessThanOrEqual(chosen + 1e-12);
    expect(chosen).toBeCloseTo(Math.abs(r.candidates[0].validIc), 12);

    const bare = new Panel({ dates: p.dates, assets: p.assets, fields: fields(ohlcv), listed: p.listed });
    const withFallback = await prepareMiningData({ ...protocol, vwapFallback: true }, bare);
    const factors = [library('alpha158').find((f) => f.id === 'alpha158_VWAP0')!];
    const f = await bestSingleFactor(withFallback, { factors });
    expect(f.id).toBe('alpha158_VWAP0');
    expect(f.fallbacks).toEqual(['vwap_hlc3']);
  });
});

describe('ridge158 baseline', () => {
  it('normal equations equal naive sums over the fit rows (property, across block boundaries)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (K, n, seed) => {
          const rng = new Rng(seed);
          const size = n + 7;
          const X = Array.from({ length: K }, () => Float64Array.from({ length: size }, () => rng.normal()));
          const y = Float64Array.from({ length: size }, () => rng.normal());
          const fit = Int32Array.from({ length: n }, (_, q) => q + (q % 3 === 0 ? 7 : 0)).sort();
          const { G, b } = normalEquations(X, y, fit);
          for (let j = 0; j < K; j++) {
            let sb = 0;
            for (const p of fit) sb += X[j][p] * y[p];
            expect(b[j]).toBeCloseTo(sb / n, 12);
            for (let k = 0; k < K; k++) {
              let sg = 0;
              for (const p of fit) sg += X[j][p] * X[k][p];
              expect(G[j * K + k]).toBeCloseTo(sg / n, 12);
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('weights equal an independent normal-equations solution; lambda chosen on valid', async () => {
    const data = await prepareMiningData(protocol, market.panel);
    const factors = library('alpha158').filter((f) =>
      ['KMID', 'ROC5', 'MA10', 'STD20', 'CORR10', 'VSTD5', 'RSV10', 'BETA5'].includes(f.id.slice(9)),
    );
    const grid = [1e-4, 1e-2, 1, 100];
    const r = await ridgeCombination(data, { factors, ridgeGrid: grid });
    expect(r.features).toEqual(factors.map((f) => f.id));
    const train = partOf(data, 'train');
    const valid = partOf(data, 'valid');
    const { N } = data.panel;
    const X = factors.map((f) => zscore(data, evaluateFactor(f, data.panel), 0));
    const y = zscore(data, data.label, Number.NaN);
    const rowsIdx: number[] = [];
    for (let i = train.start * N; i < train.end * N; i++) {
      if ((!data.eligible || data.eligible[i] === 1) && Number.isFinite(y[i])) rowsIdx.push(i);
    }
    expect(r.rows).toBe(rowsIdx.length);
    const K = X.length;
    const n = rowsIdx.length;
    const G = X.map((xj) => X.map((xk) => rowsIdx.reduce((s, i) => s + xj[i] * xk[i], 0) / n));
    const b = X.map((xj) => rowsIdx.reduce((s, i) => s + xj[i] * y[i], 0) / n);
    const validIcs = grid.map((lambda) => {
      const w = gaussSolve(
        G.map((row, j) => row.map((v, k) => v + (j === k ? lambda : 0))),
        b,
      );
      const signal = new Float64Array(data.panel.size);
      for (let k = 0; k < K; k++) for (let i = 0; i < signal.length; i++) signal[i] += w[k] * X[k][i];
      return { lambda, w, ic: meanIc(data, signal, valid.start, valid.end) };
    });
    for (let g = 0; g < grid.length; g++) {
      expect(r.grid[g].lambda).toBe(grid[g]);
      expect(r.grid[g].validIc).toBeCloseTo(validIcs[g].ic, 9);
    }
    const best = validIcs.reduce((a, c) => (c.ic > a.ic ? c : a));
    expect(r.lambda).toBe(best.lambda);
    const scale = Math.max(...best.w.map(Math.abs));
    for (let k = 0; k < K; k++) expect(Math.abs(r.weights[k] - best.w[k])).toBeLessThan(1e-9 * scale + 1e-12);
    expect(r.scores.train.ic).toBeGreaterThan(0);
  });

  it('ignores the test split when fitting and choosing lambda', async () => {
    const data = await prepareMiningData(protocol, market.panel);
    const factors = library('alpha158').slice(0, 12);
    const test = partOf(data, 'test');
    const N = data.panel.N;
    const label = Float64Array.from(data.label);
    const rng = new Rng(3).stream('scramble');
    for (let i = test.start * N; i < test.end * N; i++) label[i] = rng.normal();
    const a = await ridgeCombination(data, { factors });
    const b = await ridgeCombination({ ...data, label }, { factors });
    expect(b.lambda).toBe(a.lambda);
    expect(b.weights).toEqual(a.weights);
    expect(b.grid).toEqual(a.grid);
  });
});

describe('baseline run directories', () => {
  it('write baseline.json that compareRuns reads next to mining runs', async () => {
    const root = tmp();
    const dirs: string[] = [];
    for (const kind of ['best-factor', 'ridge158'] as const) {
      const r = await runBaseline({
        kind,
        protocol,
        panel: market.panel,
        out: join(root, kind),
        quiet: true,
      });
      dirs.push(r.dir);
      const json = JSON.parse(readFileSync(join(r.dir, 'baseline.json'), 'utf8'));
      expect(Object.keys(json.combined)).toEqual(['train', 'valid', 'test']);
      expect(json.combined).toEqual(r.combined);
      expect(json.method).toBe(`baseline-${kind}`);
    }
    const rows = compareRuns(dirs, (dir, file) => readFileSync(join(dir, file), 'utf8'));
    expect(rows.map((r) => r.method)).toEqual(['baseline-best-factor', 'baseline-ridge158']);
    const ridge = JSON.parse(readFileSync(join(dirs[1], 'baseline.json'), 'utf8'));
    expect(rows[1].metrics['test IC'].mean).toBe(ridge.combined.test.ic);
    expect(rows[1].runs).toBe(1);
    // The planted reversal / volume-price alphas are visible to library factors out of sample.
    expect(rows[0].metrics['test IC'].mean).toBeGreaterThan(0.02);
    expect(rows[1].metrics['test IC'].mean).toBeGreaterThan(0.02);
  });

  it('agora mine baseline runs from the command line on a data file', async () => {
    const root = tmp();
    const file = join(root, 'planted.parquet');
    await writePanel(market.panel, file);
    const split = ['--train', `..${d[189]}`, '--valid', `${d[190]}..${d[249]}`, '--test', `${d[250]}..`];
    const common = [
      '--data',
      file,
      '--preset',
      'custom',
      '--universe',
      'all',
      '--label',
      protocol.label,
      ...split,
    ];
    const cli = async (...args: string[]) => {
      let out = '';
      let err = '';
      const code = await runCommand(rootCommand, ['mine', 'baseline', ...args], {
        out: (t) => (out += t),
        err: (t) => (err += t),
      });
      return { code, out, err };
    };
    const ridge = await cli('--kind', 'ridge158', ...common, '--out', join(root, 'ridge'), '--json');
    expect(ridge.code).toBe(0);
    const result = JSON.parse(ridge.out);
    expect(result.method).toBe('baseline-ridge158');
    expect(Object.keys(result.combined)).toEqual(['train', 'valid', 'test']);

    const best = await cli(
      '--kind',
      'best-factor',
      '--libraries',
      'alpha158',
      ...common,
      '--out',
      join(root, 'bf'),
    );
    expect(best.code).toBe(0);
    expect(best.out).toMatch(/baseline-best-factor: -?alpha158_\w+ \(of 158 factors\)/);

    const bad = await cli(
      '--kind',
      'ridge158',
      '--libraries',
      'alpha101',
      ...common,
      '--out',
      join(root, 'bad'),
    );
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--libraries applies to --kind best-factor only');
  });
});

const realFile = sharedDataFile('cn_stocks_2010_2021.parquet');

describe.skipIf(!realFile)('baselines on the real CSI300 data (kdd protocol)', () => {
  it('a few factors: split, universe and fallback as the miners see them, finite out-of-sample scores', async () => {
    const data = await prepareMiningData({
      data: realFile!,
      preset: 'kdd',
      label: KDD_LABEL,
      universe: 'csi300',
      mode: 'alphagen',
      vwapFallback: true,
    });
    expect(partOf(data, 'train').to <= '2018-12-31').toBe(true);
    expect(partOf(data, 'test').from >= '2020-01-01').toBe(true);
    const pick = (ids: string[]) => library('alpha158').filter((f) => ids.includes(f.id.slice(9)));
    const best = await bestSingleFactor(data, { factors: pick(['ROC20', 'VWAP0', 'STD20']) });
    expect(best.fallbacks).toEqual(['vwap_hlc3']);
    expect(best.candidates).toHaveLength(3);
    const ridge = await ridgeCombination(data, { factors: pick(['ROC5', 'ROC20', 'STD20', 'VSTD20']) });
    for (const r of [best.scores, ridge.scores]) {
      for (const part of ['train', 'valid', 'test']) {
        expect(Number.isFinite(r[part].ic)).toBe(true);
        expect(Math.abs(r[part].ic)).toBeLessThan(0.3);
        expect(r[part].days).toBeGreaterThan(200);
      }
    }
    // About 300 CSI300 members per date in the fit, not all 664 listed assets.
    expect(ridge.rows / (partOf(data, 'train').end - partOf(data, 'train').start)).toBeLessThan(320);
  }, 120_000);
});
