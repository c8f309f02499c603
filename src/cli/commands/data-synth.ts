/** `agora data synth`: generate a synthetic market (Parquet/CSV) and its ground truth (JSON). */
import { writeFileSync } from 'node:fs';
import { AgoraError } from '../../core/index.js';
import {
  generatePreset,
  listPresets,
  SYNTH_PRESETS,
  type SynthMarket,
  truthToJSON,
  writePanel,
} from '../../data/index.js';
import type { CommandIO, LeafCommand, ParsedArgs } from '../command.js';
import { numberOption, stringOption } from '../command.js';

function positiveInt(args: ParsedArgs, name: string): number | undefined {
  if (args.values[name] === undefined) return undefined;
  const v = numberOption(args, name, 0);
  if (!Number.isInteger(v) || v < 1) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `--${name} must be a positive integer, got '${args.values[name]}'`,
    );
  }
  return v;
}

function seedOf(args: ParsedArgs): number | string {
  const raw = stringOption(args, 'seed');
  if (raw === undefined) return 1;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : raw;
}

function summary(m: SynthMarket, out: string, rows: number, truthPath: string | undefined) {
  const p = m.panel;
  return {
    preset: m.truth.preset,
    seed: m.truth.seed,
    out,
    truth: truthPath ?? null,
    rows,
    dates: p.T,
    assets: p.N,
    first: p.dates[0],
    last: p.dates[p.T - 1],
    fields: p.fieldNames,
    indexReturn: Number((m.truth.index[p.T - 1] - 1).toFixed(4)),
    signals: m.truth.signals.map((s) => ({
      field: s.field,
      formula: s.formula,
      horizon: s.horizon,
      intendedIC: s.intendedIC,
      realisedIC: Number(s.realisedIC.toFixed(4)),
    })),
    events: { ...m.truth.events, ipoBar: undefined },
  };
}

function printList(io: CommandIO, json: boolean): number {
  const list = listPresets();
  if (json) {
    io.out(JSON.stringify(list, null, 2));
    return 0;
  }
  const w = Math.max(...list.map((p) => p.name.length));
  for (const p of list) io.out(`${p.name.padEnd(w)}  ${p.summary}`);
  return 0;
}

export const synthCommand: LeafCommand = {
  name: 'synth',
  summary: 'generate a synthetic market (deterministic by seed) with its ground truth',
  usage: '--preset <name> --seed <n> --out <file> [--assets N] [--days T] [--truth <file.json>]',
  details: [
    'Writes the panel in long format (.parquet, .csv or .csv.gz, by extension) and, with --truth,',
    'the ground truth: regime path, market factor, planted signals with their formulas and',
    'intended/realised IC, industries, listings. --days counts days (hourly presets: 24 bars each).',
    `Presets: ${SYNTH_PRESETS.map((p) => p.name).join(', ')} (--list describes them).`,
  ].join('\n'),
  options: {
    preset: { type: 'string', valueName: 'name', description: "preset name (default 'default')" },
    seed: { type: 'string', valueName: 'n', description: 'seed, integer or text (default 1)' },
    out: { type: 'string', valueName: 'file', description: 'output file (.parquet, .csv, .csv.gz)' },
    assets: { type: 'string', valueName: 'N', description: "number of assets (default: the preset's)" },
    days: { type: 'string', valueName: 'T', description: "number of days (default: the preset's)" },
    truth: { type: 'string', valueName: 'file.json', description: 'also write the ground truth as JSON' },
    list: { type: 'boolean', description: 'list the presets and exit' },
    json: { type: 'boolean', description: 'print the summary as JSON' },
  },
  async run(args, io) {
    const json = args.values.json === true;
    if (args.values.list === true) return printList(io, json);
    const out = stringOption(args, 'out');
    if (out === undefined) {
      throw new AgoraError('INVALID_ARGUMENT', 'missing required option --out', {
        hint: 'give an output file, e.g. --out synth.parquet (or use --list to see the presets)',
      });
    }
    const preset = stringOption(args, 'preset') ?? 'default';
    const market = generatePreset(preset, seedOf(args), {
      assets: positiveInt(args, 'assets'),
      days: positiveInt(args, 'days'),
    });
    const rows = await writePanel(market.panel, out);
    const truthPath = stringOption(args, 'truth');
    if (truthPath) writeFileSync(truthPath, `${JSON.stringify(truthToJSON(market.truth, market.panel))}\n`);
    const s = summary(market, out, rows, truthPath);
    if (json) io.out(JSON.stringify(s, null, 2));
    else {
      io.out(
        `${s.preset} seed=${s.seed}: ${s.assets} assets x ${s.dates} dates (${s.first} .. ${s.last}) -> ${out}`,
      );
      io.out(
        `  rows ${rows}, fields ${s.fields.join(', ')}, index return ${(s.indexReturn * 100).toFixed(1)}%`,
      );
      for (const g of s.signals) {
        io.out(
          `  ${g.field}: IC intended ${g.intendedIC}, realised ${g.realisedIC} (h=${g.horizon}) = ${g.formula}`,
        );
      }
      if (truthPath) io.out(`  truth -> ${truthPath}`);
    }
    return 0;
  },
};
