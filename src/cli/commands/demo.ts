/**
 * `agora demo`: the end-to-end tour on the bundled real sample: validate and summarise the data
 * (universe coverage, limits, suspensions, a T+1 label, the alphagen-kdd split), score a few
 * library factors on the held-out years, mine alphas with GP for a fixed budget (about two
 * minutes here) under the AlphaGen protocol, evaluate the pool on the test split once, and
 * write the HTML report. Deterministic: the same seed gives the same pool.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AgoraError, bundledDataDir, repoRoot } from '../../core/index.js';
import {
  forwardReturn,
  inspectPanel,
  labelLookahead,
  loadMembership,
  loadPanel,
  nextOpenLabel,
  type Panel,
  splitPreset,
  validateFile,
} from '../../data/index.js';
import { evaluateSignal } from '../../eval/index.js';
import { evaluate } from '../../expr/index.js';
import { evaluateFactor, findFactor } from '../../factors/index.js';
import { ALPHAGEN_TOKEN_CONFIG, KDD_LABEL, runMining } from '../../mine/index.js';
import type { CommandIO, LeafCommand } from '../command.js';
import { numberOption, stringOption } from '../command.js';
import { formatInspect } from './data.js';

export const SAMPLE = {
  stocks: join(bundledDataDir, 'cn_sample_stocks_2016_2021.parquet'),
  index: join(bundledDataDir, 'cn_sample_index_2016_2021.parquet'),
  members: join(bundledDataDir, 'cn_sample_membership_2016_2021.csv'),
};

function labelStats(label: Float64Array): { count: number; mean: number; sd: number } {
  let n = 0;
  let s = 0;
  let ss = 0;
  for (const x of label) {
    if (Number.isNaN(x)) continue;
    n++;
    s += x;
    ss += x * x;
  }
  const mean = n > 0 ? s / n : Number.NaN;
  return { count: n, mean, sd: n > 1 ? Math.sqrt((ss - n * mean * mean) / (n - 1)) : Number.NaN };
}

export const demoCommand: LeafCommand = {
  name: 'demo',
  summary: 'run the demo on the bundled real sample and write a report',
  usage: '[--out <dir>] [--generations N] [--seed S]',
  options: {
    out: { type: 'string', valueName: 'dir', description: 'report folder (default: out/demo)' },
    generations: {
      type: 'string',
      valueName: 'N',
      description: 'GP generations of 200 for the mining step (default 40)',
    },
    seed: { type: 'string', valueName: 'S', description: 'seed of the mining step (default 0)' },
  },
  async run(args, io) {
    const outDir = resolve(stringOption(args, 'out') ?? join(repoRoot, 'out', 'demo'));
    for (const file of [SAMPLE.stocks, SAMPLE.index]) {
      const v = await validateFile(file);
      if (v.problems.length > 0) {
        throw new AgoraError('DATA_CONTRACT', `bundled sample ${file} fails validation`, {
          file,
          hint: 'rebuild it: npx tsx scripts/build-sample.ts',
        });
      }
      io.out(`validated ${file.slice(repoRoot.length + 1)}: ${v.rows} rows, ${v.symbols} symbols, OK`);
    }
    const panel = await loadPanel(SAMPLE.stocks);
    const intervals = await loadMembership(SAMPLE.members);
    const index = await loadPanel(SAMPLE.index);
    const report = inspectPanel(panel, intervals);
    io.out(`\n${formatInspect(report)}`);
    const spec = nextOpenLabel(5);
    const label = forwardReturn(panel, spec);
    const split = splitPreset('alphagen-kdd', panel.dates, labelLookahead(spec));
    const ic = index.field('close');
    const indexReturn = ic[index.T - 1] / ic[0] - 1;
    const summary = {
      sample: SAMPLE,
      inspect: report,
      label: { spec, ...labelStats(label) },
      split: split.toJSON(),
      csi300: { from: index.dates[0], to: index.dates[index.T - 1], totalReturn: indexReturn },
    };
    const parts = Object.entries(split.parts)
      .map(([k, p]) => `${k} ${p?.from}..${p?.to}`)
      .join(', ');
    io.out(
      `\nlabel      open[t+6]/open[t+1]-1: ${summary.label.count} values, mean ${summary.label.mean.toFixed(5)}, sd ${summary.label.sd.toFixed(4)}`,
    );
    io.out(`split      alphagen-kdd with a ${split.gap}-date gap: ${parts}`);
    io.out(`csi300     ${summary.csi300.from}..${summary.csi300.to}: ${(indexReturn * 100).toFixed(1)}%`);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(summary, null, 2)}\n`);
    const md = ['# Agora demo report', '', '```', formatInspect(report), '```', '', `Split: ${parts}`, ''];
    writeFileSync(join(outDir, 'report.md'), md.join('\n'));
    io.out(`\nreport written to ${join(outDir, 'report.json')} and report.md`);
    await demoFactors(panel, io);
    await demoMining(outDir, io, numberOption(args, 'generations', 40), numberOption(args, 'seed', 0));
    return 0;
  },
};

/** A few library factors scored on the sample's test years (2020-2021) against the 20-day label. */
const DEMO_FACTORS = [
  'alpha101_012',
  'alpha101_033',
  'gtja191_014',
  'gtja191_046',
  'alpha158_ROC20',
  'alpha158_MA20',
];

async function demoFactors(panel: Panel, io: CommandIO): Promise<void> {
  const label = evaluate(KDD_LABEL, panel, { allowFuture: true, mode: 'alphagen', cache: false });
  const test = panel.sliceDateRange('2020-01-01', '2021-12-31');
  const start = panel.dateIndex(test.dates[0]);
  const rows = (a: Float64Array) => a.subarray(start * panel.N, (start + test.T) * panel.N);
  io.out('\nlibrary factors on the test years 2020-2021 (20-day label):');
  for (const id of DEMO_FACTORS) {
    const entry = findFactor(id);
    if (!entry) continue;
    const values = evaluateFactor(entry, panel, { vwapFallback: true });
    const r = evaluateSignal({
      signal: rows(values),
      label: rows(label),
      T: test.T,
      N: panel.N,
      horizon: 20,
    });
    io.out(
      `  ${id.padEnd(16)} IC ${r.ic.mean.toFixed(4)}  RankIC ${r.rankIc.mean.toFixed(4)}  ${entry.formula}`,
    );
  }
}

async function demoMining(outDir: string, io: CommandIO, generations: number, seed: number): Promise<void> {
  io.out(
    `\nmining: GP, ${generations} generations of 200, AlphaGen protocol (train ..2018, valid 2019, test 2020-2021)`,
  );
  const dir = join(outDir, 'mine');
  rmSync(dir, { recursive: true, force: true });
  const result = await runMining({
    method: 'gp',
    protocol: {
      data: SAMPLE.stocks,
      membership: SAMPLE.members,
      preset: 'kdd',
      label: KDD_LABEL,
      universe: 'csi300',
      mode: 'alphagen',
      vwapFallback: true,
    },
    pool: { capacity: 10 },
    tokens: ALPHAGEN_TOKEN_CONFIG,
    seed,
    steps: generations,
    gp: { populationSize: 200 },
    jobs: 2,
    out: dir,
  });
  io.out(`pool of ${result.pool.members.length} alphas (selected on train); combined alpha:`);
  for (const [part, sc] of Object.entries(result.score.combined)) {
    io.out(
      `  ${part.padEnd(5)} IC ${sc.ic.toFixed(4)}  RankIC ${sc.rankIc.toFixed(4)}  ICIR ${sc.icir.toFixed(3)}`,
    );
  }
  io.out(`top alphas:`);
  for (const m of [...result.pool.members]
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, 3)) {
    io.out(`  w=${m.weight.toFixed(3)}  ${m.formula}`);
  }
  io.out(`\nHTML report: ${join(dir, 'report.html')}`);
}
