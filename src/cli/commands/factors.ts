/** `agora factors`: list, compute and document the factor libraries. */
import { writeFileSync } from 'node:fs';
import { AgoraError, createProgress, sha256File } from '../../core/index.js';
import { loadMembership, loadPanel, membershipMask, type Panel } from '../../data/index.js';
import { evaluateSignal } from '../../eval/index.js';
import { eligibilityMask, evaluate, lookahead, parse } from '../../expr/index.js';
import {
  type AvailabilityOptions,
  attachBenchmark,
  availability,
  computeFactors,
  FAMILY_MODE,
  type FactorEntry,
  FactorWriter,
  libraries,
  loadBenchmark,
  loadUserLibrary,
  type OutputFormat,
  parseLibraryList,
  unavailableReason,
  writeDocs,
} from '../../factors/index.js';
import {
  type GroupCommand,
  type LeafCommand,
  numberOption,
  type OptionSpec,
  type ParsedArgs,
  requireString,
  stringOption,
} from '../command.js';

const DATA_OPTIONS: Record<string, OptionSpec> = {
  data: { type: 'string', description: 'panel file (Parquet or CSV, long format)', valueName: 'file' },
  from: { type: 'string', description: 'first date (YYYY-MM-DD)', valueName: 'date' },
  to: { type: 'string', description: 'last date (YYYY-MM-DD)', valueName: 'date' },
  benchmark: {
    type: 'string',
    description: 'benchmark index symbol for bench_open/bench_close, e.g. 000300.SH',
    valueName: 'symbol',
  },
  'benchmark-file': {
    type: 'string',
    description: 'index file holding the benchmark (default: --data)',
    valueName: 'file',
  },
  membership: {
    type: 'string',
    description: 'index membership CSV: restrict cross-sections to members',
    valueName: 'file',
  },
  'vwap-fallback': {
    type: 'boolean',
    description: 'opt in: vwap = (high+low+close)/3 when the data has no vwap',
  },
  'group-from-industry': {
    type: 'boolean',
    description: 'opt in: use the industry column for sector/subindustry',
  },
};

const LIB_OPTIONS: Record<string, OptionSpec> = {
  library: {
    type: 'string',
    description: 'libraries: alpha101,gtja191,alpha158,alpha360 (default all)',
    valueName: 'list',
  },
  user: {
    type: 'string',
    description: 'a YAML/JSON file of named formulas, added as a library',
    valueName: 'file',
  },
};

function selectFactors(args: ParsedArgs): FactorEntry[] {
  const lib = stringOption(args, 'library');
  const user = stringOption(args, 'user');
  const builtIn = lib ? libraries(parseLibraryList(lib)) : user ? [] : libraries();
  return [...builtIn, ...(user ? loadUserLibrary(user) : [])];
}

function availabilityOptions(args: ParsedArgs): AvailabilityOptions {
  return {
    vwapFallback: args.values['vwap-fallback'] === true,
    groupFromIndustry: args.values['group-from-industry'] === true,
  };
}

async function loadFactorPanel(args: ParsedArgs): Promise<Panel> {
  const data = requireString(args, 'data');
  let panel = await loadPanel(data, { from: stringOption(args, 'from'), to: stringOption(args, 'to') });
  const bench = stringOption(args, 'benchmark');
  if (bench)
    panel = attachBenchmark(
      panel,
      await loadBenchmark(stringOption(args, 'benchmark-file') ?? data, bench),
    ).panel;
  const members = stringOption(args, 'membership');
  if (members) panel = panel.withUniverse(membershipMask(panel, await loadMembership(members)));
  return panel;
}

const listCommand: LeafCommand = {
  name: 'list',
  summary: 'list factors with look-back, inputs, flags and status (against --data when given)',
  options: {
    ...LIB_OPTIONS,
    family: { type: 'string', description: 'same as --library', valueName: 'list' },
    status: { type: 'string', description: 'ok | unavailable | all (default all)', valueName: 'status' },
    json: { type: 'boolean', description: 'print JSON' },
    ...DATA_OPTIONS,
  },
  async run(args, io) {
    if (args.values.family && !args.values.library) args.values.library = args.values.family;
    const factors = selectFactors(args);
    const panel = stringOption(args, 'data') ? await loadFactorPanel(args) : undefined;
    const opts = availabilityOptions(args);
    const want = stringOption(args, 'status') ?? 'all';
    const rows = factors.map((f) => {
      const a = panel ? availability(f, (x) => panel.hasField(x), opts) : undefined;
      const status = a?.status ?? (f.unavailable ? `needs ${f.unavailable.needs}` : 'ok');
      const reason = a && a.status !== 'ok' ? unavailableReason(f, a) : f.unavailable?.reason;
      return {
        id: f.id,
        family: f.family,
        mode: FAMILY_MODE[f.family],
        lookback: f.lookback,
        fields: f.fields,
        flags: f.flags,
        status,
        reason,
        fallbacks: a?.fallbacks ?? [],
      };
    });
    const shown = rows.filter(
      (r) => want === 'all' || (want === 'ok' ? r.status === 'ok' : r.status !== 'ok'),
    );
    if (args.values.json) io.out(JSON.stringify(shown, null, 2));
    else
      for (const r of shown)
        io.out(
          `${r.id.padEnd(20)} ${String(r.lookback).padStart(4)}  ${r.status.padEnd(16)} ${r.fields.join(',')}${r.flags.length ? `  [${r.flags.join(' ')}]` : ''}`,
        );
    if (!args.values.json) io.out(`${shown.length} factor(s)`);
    return 0;
  },
};

const computeCommand: LeafCommand = {
  name: 'compute',
  summary: 'compute factors over a panel and write them to Parquet with a metadata sidecar',
  usage: '--data <file> --out <file.parquet> [--library alpha101,gtja191,alpha158]',
  options: {
    ...LIB_OPTIONS,
    ...DATA_OPTIONS,
    out: { type: 'string', description: 'output Parquet file (sidecar: <out>.meta.json)', valueName: 'file' },
    format: {
      type: 'string',
      description: 'wide (one column per factor, default) or long (symbol, date, factor, value)',
      valueName: 'fmt',
    },
    jobs: {
      type: 'string',
      description:
        'worker threads that keep the panel and their node cache for the whole run (default 2; 0 = this thread)',
      valueName: 'N',
    },
    quiet: { type: 'boolean', description: 'no progress output' },
  },
  async run(args, io) {
    const out = requireString(args, 'out');
    const format = (stringOption(args, 'format') ?? 'wide') as OutputFormat;
    if (format !== 'wide' && format !== 'long')
      throw new AgoraError('INVALID_ARGUMENT', `--format must be wide or long, got '${format}'`);
    const factors = selectFactors(args);
    const panel = await loadFactorPanel(args);
    const opts = availabilityOptions(args);
    const progress = createProgress({
      label: 'factors',
      total: factors.length,
      unit: 'factor',
      silent: args.values.quiet === true,
    });
    const writer = new FactorWriter(panel, out, format);
    const report = await computeFactors(panel, factors, {
      ...opts,
      jobs: numberOption(args, 'jobs', 2),
      progress,
      onFactor: (f, v) => writer.add(f.id, v),
    });
    progress.done();
    const rows = await writer.finish();
    const data = requireString(args, 'data');
    const meta = {
      created: new Date().toISOString(),
      data: {
        file: data,
        sha256: await sha256File(data),
        T: panel.T,
        N: panel.N,
        from: panel.dates[0],
        to: panel.dates[panel.T - 1],
        benchmark: stringOption(args, 'benchmark') ?? null,
        membership: stringOption(args, 'membership') ?? null,
      },
      format,
      rows,
      options: opts,
      modes: {
        alpha101: 'canonical',
        gtja191: 'canonical',
        alpha158: 'qlib (partial windows)',
        alpha360: 'qlib (partial windows)',
      },
      fallbacks: report.fallbacks,
      seconds: report.seconds,
      factors: report.computed,
      unavailable: report.unavailable,
    };
    writeFileSync(`${out}.meta.json`, `${JSON.stringify(meta, null, 2)}\n`);
    io.out(
      `wrote ${report.computed.length} factor(s), ${rows} rows to ${out} (+ ${out}.meta.json); ${report.unavailable.length} unavailable`,
    );
    for (const u of report.unavailable) io.out(`  ${u.id}: ${u.status} (${u.reason})`);
    return 0;
  },
};

const DOCS_LABEL = 'Ref($close, -20) / $close - 1';

/** A function that turns a factor's values into its one-line IC summary against `labelText`. */
function icSummarizer(panel: Panel, labelText: string): (values: Float64Array) => string {
  const ast = parse(labelText);
  const horizon = lookahead(ast);
  const label = evaluate(ast, panel, { allowFuture: true, cache: false });
  const eligible = eligibilityMask(panel, 'universe');
  const span = `${panel.dates[0]}..${panel.dates[panel.T - 1]}`;
  return (signal) => {
    const r = evaluateSignal({
      signal,
      label,
      eligible,
      T: panel.T,
      N: panel.N,
      horizon: Math.max(1, horizon),
    });
    const f = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');
    return `IC ${f(r.ic.mean)}, RankIC ${f(r.rankIc.mean)}, ICIR ${f(r.ic.icir)}, t(NW) ${f(r.ic.tNW)} over ${r.ic.days} dates (${span}) against \`${labelText}\``;
  };
}

const docsCommand: LeafCommand = {
  name: 'docs',
  summary: 'write one Markdown page per factor (and an index per library); with --data, coverage too',
  usage: '--out docs/factors/ [--data <file> [--label <formula>]]',
  details:
    'With --data each page gets its coverage (NaN ratios, fallbacks) and a one-line IC summary:\n' +
    'mean daily IC and RankIC against --label over the whole panel (point-in-time universe with\n' +
    '--membership), ICIR and the Newey-West t-stat (lag = label horizon - 1).',
  options: {
    ...LIB_OPTIONS,
    ...DATA_OPTIONS,
    label: {
      type: 'string',
      description: `label for the IC line (default '${DOCS_LABEL}')`,
      valueName: 'formula',
    },
    out: { type: 'string', description: 'output folder', valueName: 'dir' },
  },
  async run(args, io) {
    const dir = requireString(args, 'out');
    const factors = selectFactors(args);
    let cov: Parameters<typeof writeDocs>[2];
    if (stringOption(args, 'data')) {
      const panel = await loadFactorPanel(args);
      const labelText = stringOption(args, 'label') ?? DOCS_LABEL;
      const icLine = icSummarizer(panel, labelText);
      const ic = new Map<string, string>();
      const report = await computeFactors(panel, factors, {
        ...availabilityOptions(args),
        onFactor: (f, v) => {
          ic.set(f.id, icLine(v));
        },
      });
      cov = {
        data: stringOption(args, 'data'),
        computed: new Map(report.computed.map((c) => [c.id, c])),
        unavailable: new Map(report.unavailable.map((u) => [u.id, u])),
        ic,
      };
    }
    io.out(`wrote ${writeDocs(dir, factors, cov)} factor page(s) to ${dir}`);
    return 0;
  },
};

export const factorsCommand: GroupCommand = {
  name: 'factors',
  summary: 'factor libraries: Alpha101, GTJA Alpha191, Qlib Alpha158/Alpha360 and user formulas',
  subcommands: [listCommand, computeCommand, docsCommand],
};
