/**
 * `agora demo`: the end-to-end tour on the bundled real sample. For now: validate the sample
 * files, load them, summarise them (universe coverage, limits, suspensions), compute a T+1 label
 * and the alphagen-kdd split, and write a report (JSON + Markdown). Later issues grow this.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AgoraError, bundledDataDir, repoRoot } from '../../core/index.js';
import {
  forwardReturn,
  inspectPanel,
  labelLookahead,
  loadMembership,
  loadPanel,
  nextOpenLabel,
  splitPreset,
  validateFile,
} from '../../data/index.js';
import type { LeafCommand } from '../command.js';
import { stringOption } from '../command.js';
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
  usage: '[--out <dir>]',
  options: { out: { type: 'string', valueName: 'dir', description: 'report folder (default: out/demo)' } },
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
    return 0;
  },
};
