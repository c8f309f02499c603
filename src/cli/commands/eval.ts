/** `agora eval`: IC / RankIC / quantile evaluation of one or more signals, with a report. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { AgoraError } from '../../core/index.js';
import {
  loadEvalPanel,
  type NamedSignal,
  renderReport,
  resolveLabel,
  resolveSignal,
  runEvaluation,
  writeResults,
} from '../../eval/index.js';
import { type LeafCommand, numberOption, type ParsedArgs, requireString, stringOption } from '../command.js';
import { PANEL_SELECTION_OPTIONS } from './panel-options.js';

export function runDirFor(args: ParsedArgs, kind: string): string {
  const out = stringOption(args, 'out') ?? `runs/${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const dir = resolve(out);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function intOption(args: ParsedArgs, name: string, fallback: number, min = 1): number {
  const v = numberOption(args, name, fallback);
  if (!Number.isInteger(v) || v < min)
    throw new AgoraError('INVALID_ARGUMENT', `--${name} must be an integer >= ${min}, got ${v}`);
  return v;
}

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(4) : 'n/a';
}

export const evalCommand: LeafCommand = {
  name: 'eval',
  summary: 'evaluate signals: IC, RankIC, ICIR, Newey-West t, quantiles, turnover, decay; writes a report',
  usage:
    '--signal <formula|file.parquet[:column]> --data <file> [--label <spec>] [--universe csi300] [--horizon 20] [--out dir]',
  details: [
    'The signal is known at the close of t; the label is a forward return from t (default',
    "'next-open': open[t+1+h]/open[t+1]-1, NaN across suspensions; 'close': close[t+h]/close[t]-1;",
    'or any label formula, e.g. "Ref($close, -20) / $close - 1"). Statistics use the point-in-time',
    'universe. Repeat --signal to score several signals (table + correlation matrix).',
    'Writes <out>/results.json, report.html and charts/*.svg|png.',
    "A formula that starts with '-' must be attached: --signal='-Ref($close, 5)'.",
  ].join('\n'),
  options: {
    signal: {
      type: 'string',
      multiple: true,
      description: 'formula or factor file (repeatable)',
      valueName: 'spec',
    },
    data: { type: 'string', description: 'panel data file (Parquet or CSV, long format)', valueName: 'file' },
    label: {
      type: 'string',
      description: 'label: next-open (default), close, or a formula',
      valueName: 'spec',
    },
    horizon: {
      type: 'string',
      description: 'label horizon in bars (default 20); Newey-West lag = h - 1',
      valueName: 'h',
    },
    ...PANEL_SELECTION_OPTIONS,
    groups: { type: 'string', description: 'quantile groups (default 5)', valueName: 'n' },
    decay: {
      type: 'string',
      description: 'IC decay horizons, e.g. 1,5,10,20 (preset labels only)',
      valueName: 'list',
    },
    seed: { type: 'string', description: 'bootstrap seed (default 0)', valueName: 'n' },
    out: { type: 'string', description: 'run directory (default runs/eval-<time>)', valueName: 'dir' },
    json: { type: 'boolean', description: 'print the summary as JSON' },
  },
  async run(args, io) {
    const specs = (args.values.signal as string[] | undefined) ?? [];
    if (specs.length === 0) throw new AgoraError('INVALID_ARGUMENT', 'missing required option --signal');
    const data = requireString(args, 'data');
    const horizon = intOption(args, 'horizon', 20);
    const labelSpec = stringOption(args, 'label');
    const panel = await loadEvalPanel({
      data,
      from: stringOption(args, 'from'),
      to: stringOption(args, 'to'),
      universe: stringOption(args, 'universe'),
      membership: stringOption(args, 'membership'),
      dropBadRows: Boolean(args.values['drop-bad-rows']),
    });
    const signals: NamedSignal[] = [];
    for (const s of specs) signals.push({ name: s, values: await resolveSignal(s, panel) });
    const label = resolveLabel(labelSpec, panel, horizon);
    const decay = decayLabels(stringOption(args, 'decay'), labelSpec, panel);
    const dir = runDirFor(args, 'eval');
    const results = await runEvaluation({
      dates: panel.dates,
      T: panel.T,
      N: panel.N,
      signals,
      label,
      eligible: eligibleCells(panel),
      horizon,
      groups: intOption(args, 'groups', 5, 2),
      decay,
      seed: numberOption(args, 'seed', 0),
      config: {
        signal: specs.join(' | '),
        data,
        label: labelSpec ?? 'next-open',
        horizon,
        universe: stringOption(args, 'universe') ?? 'all',
        from: panel.dates[0],
        to: panel.dates[panel.T - 1],
        assets: panel.N,
      },
    });
    writeResults(dir, results);
    const rep = await renderReport(dir, results);
    if (args.values.json)
      io.out(
        JSON.stringify(
          results.summary,
          (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
          2,
        ),
      );
    else {
      const s = results.summary as {
        ic: { mean: number; icir: number };
        rankIc: { mean: number; icir: number; tNW: number; positiveShare: number };
      };
      io.out(
        `RankIC ${fmt(s.rankIc.mean)}  RankICIR ${fmt(s.rankIc.icir)}  t(NW) ${fmt(s.rankIc.tNW)}  IC ${fmt(s.ic.mean)}  positive ${fmt(s.rankIc.positiveShare)}`,
      );
      io.out(`report: ${rep.html}`);
    }
    return 0;
  },
};

function eligibleCells(panel: {
  listed: Uint8Array;
  universe: Uint8Array | undefined;
  size: number;
}): Uint8Array {
  if (!panel.universe) return panel.listed;
  const out = new Uint8Array(panel.size);
  for (let i = 0; i < out.length; i++) out[i] = panel.listed[i] & panel.universe[i];
  return out;
}

function decayLabels(
  list: string | undefined,
  labelSpec: string | undefined,
  panel: Parameters<typeof resolveLabel>[1],
) {
  if (!list) return undefined;
  if (
    labelSpec !== undefined &&
    labelSpec !== 'next-open' &&
    labelSpec !== 'close' &&
    labelSpec !== 'alphagen'
  ) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      '--decay needs a preset label (next-open or close), not a formula',
    );
  }
  return list.split(',').map((h) => {
    const horizon = Number(h);
    if (!Number.isInteger(horizon) || horizon < 1)
      throw new AgoraError('INVALID_ARGUMENT', `--decay horizons must be integers >= 1, got '${h}'`);
    return { horizon, values: resolveLabel(labelSpec, panel, horizon) };
  });
}
