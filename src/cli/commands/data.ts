/** `agora data`: inspect, validate and convert long-format market data files. */
import { rmSync } from 'node:fs';
import { AgoraError } from '../../core/index.js';
import {
  type Adjustment,
  contractError,
  formatProblem,
  type InspectReport,
  inspectPanel,
  isQlibDir,
  type LoadOptions,
  loadMembership,
  loadPanel,
  loadQlibDir,
  type Market,
  parseUnitsSpec,
  validateFile,
  writePanel,
} from '../../data/index.js';
import type { GroupCommand, LeafCommand, OptionSpec, ParsedArgs } from '../command.js';
import { stringOption } from '../command.js';
import { synthCommand } from './data-synth.js';

const MARKETS: readonly Market[] = ['cn', 'us', 'crypto', 'synthetic'];

const loadOptions: Record<string, OptionSpec> = {
  units: {
    type: 'string',
    valueName: 'col=unit,...',
    description: 'declare units, e.g. change=percent,vol=lots,amount=thousands',
  },
  market: {
    type: 'string',
    valueName: 'cn|us|crypto',
    description: 'market (default: from the symbols or the file)',
  },
  adjustment: {
    type: 'string',
    valueName: 'backward|none',
    description: 'are prices back-adjusted by a factor column?',
  },
  from: { type: 'string', valueName: 'YYYY-MM-DD', description: 'first date to load (inclusive)' },
  to: { type: 'string', valueName: 'YYYY-MM-DD', description: 'last date to load (inclusive)' },
  symbols: { type: 'string', valueName: 'A,B,...', description: 'load only these (normalised) symbols' },
  'drop-bad-rows': {
    type: 'boolean',
    description:
      'drop rows that break value rules (high<low, close outside [low,high], ...) instead of refusing',
  },
};

function toLoadOptions(args: ParsedArgs): LoadOptions {
  const market = stringOption(args, 'market');
  if (market !== undefined && !MARKETS.includes(market as Market)) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `--market must be one of ${MARKETS.join(', ')}, got '${market}'`,
    );
  }
  const adjustment = stringOption(args, 'adjustment');
  if (adjustment !== undefined && adjustment !== 'backward' && adjustment !== 'none') {
    throw new AgoraError('INVALID_ARGUMENT', `--adjustment must be backward or none, got '${adjustment}'`);
  }
  const units = stringOption(args, 'units');
  const symbols = stringOption(args, 'symbols');
  return {
    units: units ? parseUnitsSpec(units) : undefined,
    market: market as Market | undefined,
    adjustment: adjustment as Adjustment | undefined,
    from: stringOption(args, 'from'),
    to: stringOption(args, 'to'),
    symbols: symbols ? symbols.split(',').map((s) => s.trim()) : undefined,
    dropBadRows: args.values['drop-bad-rows'] === true,
  };
}

function onePositional(args: ParsedArgs, what: string): string {
  if (args.positionals.length !== 1) {
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `expected one ${what}, got ${args.positionals.length} arguments`,
    );
  }
  return args.positionals[0];
}

const fmtNum = (x: number | null) => (x === null ? '-' : Number.isInteger(x) ? String(x) : x.toPrecision(6));

export function formatInspect(r: InspectReport): string {
  const lines = [
    `source     ${r.source ?? '-'} (${r.market}, ${r.frequency})`,
    `assets     ${r.assets}: ${r.symbols.first.join(' ')}${r.assets > 5 ? ` ... ${r.symbols.last.join(' ')}` : ''}`,
    `dates      ${r.dates}: ${r.firstDate ?? '-'} .. ${r.lastDate ?? '-'}`,
    `rows       ${r.rows} (${r.suspendedRows} suspended: volume 0/missing or tradestatus 0)`,
    'fields     name            missing          min          max',
  ];
  for (const f of r.fields) {
    const cat = f.categories !== undefined ? ` (${f.categories} categories)` : '';
    lines.push(
      `           ${f.name.padEnd(14)} ${String(f.missing).padStart(8)} ${fmtNum(f.min).padStart(12)} ${fmtNum(f.max).padStart(12)}${cat}`,
    );
  }
  if (r.limits) {
    const l = r.limits;
    lines.push(
      `limits     ${l.limitUpRows} limit-up and ${l.limitDownRows} limit-down closes; buys blocked on ${l.blockedBuyRows} rows, sells on ${l.blockedSellRows}`,
    );
  }
  if (r.factor) {
    const f = r.factor;
    lines.push(
      `factor     ${f.stepUpRows} step-ups, ${f.stepDownRows} step-downs (suspicious) over ${f.assetsWithSteps} assets`,
    );
  }
  if (r.universe) {
    const u = r.universe;
    lines.push(
      `universe   ${u.intervals} intervals; members per date ${u.membersPerDate.min}..${u.membersPerDate.max} (mean ${u.membersPerDate.mean}); with data ${u.membersWithData.min}..${u.membersWithData.max} (mean ${u.membersWithData.mean})`,
    );
  }
  for (const [k, v] of Object.entries(r.notes)) lines.push(`note       ${k}: ${v}`);
  for (const f of r.fallbacks) lines.push(`fallback   ${f}`);
  return lines.join('\n');
}

export const inspectCommand: LeafCommand = {
  name: 'inspect',
  summary:
    'summarise a data file: symbols, dates, fields, missing values, suspensions, limits, factors, coverage',
  usage: '<file> [--json] [--members <intervals.csv>]',
  details:
    'The file is checked against the data contract first; a file that breaks it is refused (see `validate`).',
  options: {
    json: { type: 'boolean', description: 'print JSON instead of text' },
    members: {
      type: 'string',
      valueName: 'file',
      description: 'membership intervals (index,symbol,start_date,end_date) for coverage',
    },
    ...loadOptions,
  },
  async run(args, io) {
    const file = onePositional(args, 'data file');
    const panel = await loadPanel(file, toLoadOptions(args));
    const members = stringOption(args, 'members');
    const report = inspectPanel(panel, members ? await loadMembership(members) : undefined);
    io.out(args.values.json ? JSON.stringify(report, null, 2) : formatInspect(report));
    return 0;
  },
};

export const validateCommand: LeafCommand = {
  name: 'validate',
  summary: 'check a file against the data contract; list every problem (exit 0 when clean, 1 otherwise)',
  usage: '<file> [--json]',
  options: { json: { type: 'boolean', description: 'print the report as JSON' }, ...loadOptions },
  async run(args, io) {
    const file = onePositional(args, 'data file');
    const report = await validateFile(file, toLoadOptions(args));
    if (args.values.json) io.out(JSON.stringify(report, null, 2));
    else if (report.problems.length === 0) {
      io.out(`${file}: OK (${report.rows} rows, ${report.symbols} symbols, market ${report.market})`);
    } else {
      io.out(`${file}: ${report.problems.length} problem(s) in ${report.rows} rows:`);
      for (const p of report.problems) io.out(`  - ${formatProblem(p)}`);
    }
    return report.problems.length === 0 ? 0 : 1;
  },
};

export const convertCommand: LeafCommand = {
  name: 'convert',
  summary: 'convert between CSV (.csv, .csv.gz) and Parquet, through the contract check',
  usage: '<in> <out>',
  details:
    'Values are written in contract units (shares, currency, fractions), and the output declares them.',
  options: { ...loadOptions },
  async run(args, io) {
    if (args.positionals.length !== 2) {
      throw new AgoraError(
        'INVALID_ARGUMENT',
        `expected <in> <out>, got ${args.positionals.length} arguments`,
      );
    }
    const [input, output] = args.positionals;
    const opts = toLoadOptions(args);
    const qlib = isQlibDir(input);
    const panel = qlib ? loadQlibDir(input, { units: opts.units }) : await loadPanel(input, opts);
    const rows = await writePanel(panel, output);
    if (qlib) {
      // a Qlib dump is checked through its output: refuse (and remove) an output that breaks the contract
      const report = await validateFile(output);
      if (report.problems.length > 0) {
        rmSync(output, { force: true });
        rmSync(`${output}.agora.json`, { force: true });
        throw contractError(input, report.problems);
      }
    }
    io.out(
      `wrote ${rows} rows (${panel.N} symbols x ${panel.T} dates, ${panel.fieldNames.length} fields) to ${output}`,
    );
    return 0;
  },
};

export const dataCommand: GroupCommand = {
  name: 'data',
  summary: 'market data: inspect, validate, convert and synthesise files',
  subcommands: [inspectCommand, validateCommand, convertCommand, synthCommand],
};
