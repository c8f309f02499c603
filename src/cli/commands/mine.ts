import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgoraError } from '../../core/index.js';
import type { DateRange } from '../../data/index.js';
import type { Mode } from '../../expr/index.js';
import { libraries, parseLibraryList } from '../../factors/index.js';
import {
  ALPHAGEN_TOKEN_CONFIG,
  compareRuns,
  formatComparison,
  KDD_LABEL,
  type MiningMethod,
  type PoolObjective,
  type ProtocolConfig,
  runBaseline,
  runMining,
} from '../../mine/index.js';
import {
  type GroupCommand,
  type LeafCommand,
  numberOption,
  type OptionSpec,
  type ParsedArgs,
  requireString,
  stringOption,
} from '../command.js';

function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const v = stringOption(args, name) ?? fallback;
  if (!allowed.includes(v as T)) {
    throw new AgoraError('INVALID_ARGUMENT', `--${name} must be one of ${allowed.join(', ')}, got '${v}'`);
  }
  return v as T;
}

function range(args: ParsedArgs, name: string): DateRange | undefined {
  const v = stringOption(args, name);
  if (v === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?$/.exec(v);
  if (!m)
    throw new AgoraError(
      'INVALID_ARGUMENT',
      `--${name} must look like 2010-01-01..2018-12-31 (either end may be empty), got '${v}'`,
    );
  return { from: m[1], to: m[2] };
}

function list(args: ParsedArgs, name: string): string[] | undefined {
  return stringOption(args, name)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The protocol options shared by `mine run` and `mine baseline`. */
const PROTOCOL_OPTIONS: Record<string, OptionSpec> = {
  data: { type: 'string', description: 'panel file (Parquet or CSV, long format)', valueName: 'file' },
  preset: { type: 'string', description: 'kdd (default) or custom (give --train/--valid/--test)' },
  train: { type: 'string', description: 'custom train range FROM..TO', valueName: 'range' },
  valid: { type: 'string', description: 'custom valid range FROM..TO', valueName: 'range' },
  test: { type: 'string', description: 'custom test range FROM..TO', valueName: 'range' },
  label: { type: 'string', description: `label formula (default '${KDD_LABEL}')`, valueName: 'formula' },
  universe: { type: 'string', description: 'csi300 (default) or all' },
  membership: {
    type: 'string',
    description: 'index membership intervals CSV (default: beside --data)',
    valueName: 'csv',
  },
  mode: { type: 'string', description: 'operator semantics: alphagen (default), canonical, qlib' },
  'vwap-fallback': {
    type: 'boolean',
    description: 'use (high+low+close)/3 as $vwap when the data has none (recorded in the results)',
  },
};

function protocolFromArgs(args: ParsedArgs, preset: 'kdd' | 'custom'): ProtocolConfig {
  return {
    data: requireString(args, 'data'),
    preset,
    label: stringOption(args, 'label') ?? KDD_LABEL,
    universe: oneOf(args, 'universe', ['csi300', 'all'] as const, 'csi300'),
    membership: stringOption(args, 'membership'),
    train: range(args, 'train'),
    valid: range(args, 'valid'),
    test: range(args, 'test'),
    mode: oneOf<Mode>(args, 'mode', ['alphagen', 'canonical', 'qlib'], 'alphagen'),
    vwapFallback: args.values['vwap-fallback'] === true,
  };
}

const runCommand: LeafCommand = {
  name: 'run',
  summary: 'search for formulaic alphas (alphagen: LSTM + masked PPO; alphagpt: transformer + REINFORCE; gp)',
  usage: '--data <file> [--method alphagen|alphagpt|gp] [--preset kdd] [--steps N] [--seed S] [--pool K]',
  details: [
    'Protocol kdd: train from the data start to 2018-12-31, valid 2019, test 2020-2021 (gaps of the label',
    `horizon between parts), label '${KDD_LABEL}', CSI300 point-in-time universe.`,
    'Selection uses train/valid only; the test split is scored once at the end.',
    'Budget --steps: env steps (alphagen, default 200000), policy updates of --batch formulas (alphagpt,',
    'default 50), generations (gp, default 20).',
    'Writes a run directory: config.json, metrics.jsonl, checkpoints/, pool.json, alpha.parquet, report.html.',
  ].join('\n'),
  options: {
    ...PROTOCOL_OPTIONS,
    method: { type: 'string', description: 'alphagen | alphagpt | gp (default alphagen)' },
    pool: { type: 'string', description: 'pool capacity (default 20)', valueName: 'K' },
    objective: { type: 'string', description: 'pool objective: ic (default), rank_ic, icir' },
    'ic-threshold': { type: 'string', description: 'reject alphas with |IC| below this (default 0)' },
    l1: { type: 'string', description: 'L1 penalty on pool weights (default 0)' },
    eviction: { type: 'string', description: 'min_weight (default) or leave_one_out' },
    features: { type: 'string', description: 'comma list (default open,close,high,low,volume,vwap)' },
    operators: { type: 'string', description: 'comma list (default: the AlphaGen set)' },
    'max-length': { type: 'string', description: 'max tokens incl. SEP (default 20)' },
    reward: { type: 'string', description: 'delta (pool objective gain, default) or absolute (AlphaGen)' },
    steps: { type: 'string', description: 'budget (see above)' },
    batch: { type: 'string', description: 'alphagpt: formulas per update (default 1024)' },
    lord: { type: 'string', description: 'alphagpt: LoRD decay on attention weights (default 0 = off)' },
    population: { type: 'string', description: 'gp: population size (default 200)' },
    jobs: {
      type: 'string',
      description: 'gp: worker threads evaluating each generation (default 2; 0 = this thread; same results)',
    },
    seed: { type: 'string', description: 'random seed (default 0)' },
    out: {
      type: 'string',
      description: 'run directory (default runs/mine-<method>-<time>-s<seed>)',
      valueName: 'dir',
    },
    resume: {
      type: 'boolean',
      description: 'continue the run in --out from its last checkpoint (alphagen/alphagpt)',
    },
    quiet: { type: 'boolean', description: 'no progress output' },
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  async run(args, io) {
    const method = oneOf<MiningMethod>(args, 'method', ['alphagen', 'alphagpt', 'gp'], 'alphagen');
    const preset = oneOf(args, 'preset', ['kdd', 'custom'] as const, 'kdd');
    const steps = stringOption(args, 'steps') === undefined ? undefined : numberOption(args, 'steps', 0);
    const tokens = {
      ...ALPHAGEN_TOKEN_CONFIG,
      features: list(args, 'features') ?? ALPHAGEN_TOKEN_CONFIG.features,
      operators: list(args, 'operators') ?? ALPHAGEN_TOKEN_CONFIG.operators,
      maxLength: numberOption(args, 'max-length', ALPHAGEN_TOKEN_CONFIG.maxLength),
    };
    const reward = oneOf(args, 'reward', ['delta', 'absolute'] as const, 'delta');
    const result = await runMining({
      method,
      protocol: protocolFromArgs(args, preset),
      pool: {
        capacity: numberOption(args, 'pool', 20),
        objective: oneOf<PoolObjective>(args, 'objective', ['ic', 'rank_ic', 'icir'], 'ic'),
        icThreshold: numberOption(args, 'ic-threshold', 0),
        l1: numberOption(args, 'l1', 0),
        eviction: oneOf(args, 'eviction', ['min_weight', 'leave_one_out'] as const, 'min_weight'),
      },
      tokens,
      seed: numberOption(args, 'seed', 0),
      steps,
      gp: { populationSize: numberOption(args, 'population', 200) },
      jobs: numberOption(args, 'jobs', 2),
      alphagen: { reward },
      alphagpt: {
        reward,
        batch: numberOption(args, 'batch', 1024),
        lordDecay: numberOption(args, 'lord', 0),
      },
      out: stringOption(args, 'out'),
      resume: args.values.resume === true,
      quiet: args.values.quiet === true || args.values.json === true,
    });
    if (args.values.json) {
      io.out(
        JSON.stringify({
          dir: result.dir,
          combined: result.score.combined,
          stats: result.stats,
          seconds: result.seconds,
        }),
      );
      return 0;
    }
    io.out(`run directory: ${result.dir}`);
    io.out(`pool: ${result.pool.members.length} alphas, train objective ${result.pool.objective.toFixed(4)}`);
    for (const [part, s] of Object.entries(result.score.combined)) {
      io.out(
        `  ${part.padEnd(5)} IC ${s.ic.toFixed(4)}  RankIC ${s.rankIc.toFixed(4)}  ICIR ${s.icir.toFixed(3)}`,
      );
    }
    io.out(
      `evaluated ${result.stats.evaluated} formulas in ${result.seconds.toFixed(1)} s; report: ${join(result.dir, 'report.html')}`,
    );
    return 0;
  },
};

const compareCommand: LeafCommand = {
  name: 'compare',
  summary:
    'compare mining runs: IC and RankIC of the combined pool per split, mean +- std over seeds per method',
  usage: '<run dir> [<run dir> ...] [--json]',
  options: { json: { type: 'boolean', description: 'print JSON' } },
  run(args, io) {
    if (args.positionals.length === 0)
      throw new AgoraError('INVALID_ARGUMENT', 'give at least one run directory');
    const rows = compareRuns(args.positionals, (dir, file) => readFileSync(join(dir, file), 'utf8'));
    io.out(args.values.json ? JSON.stringify(rows, null, 2) : formatComparison(rows));
    return 0;
  },
};

const baselineCommand: LeafCommand = {
  name: 'baseline',
  summary:
    'baselines in the mining harness: best single library factor (chosen on valid) or ridge on Alpha158',
  usage: '--kind best-factor|ridge158 --data <file> [--preset kdd] [--vwap-fallback] [--out dir]',
  details: [
    'Same protocol, split, label, universe, normalisation and scoring as `agora mine run`.',
    'best-factor: every computable Alpha101 / GTJA191 / Alpha158 factor is scored on the valid split;',
    'the one with the largest |valid IC| is kept (negated when that IC is negative).',
    'ridge158: ridge regression of the per-date z-scored label on the per-date z-scored Alpha158',
    'features over the train cells; the ridge strength with the best valid IC is kept.',
    'The test split is scored once at the end. Writes config.json, metrics.jsonl, baseline.json',
    '(read by `agora mine compare`) and alpha.parquet.',
  ].join('\n'),
  options: {
    kind: { type: 'string', description: 'best-factor (default) or ridge158' },
    ...PROTOCOL_OPTIONS,
    libraries: {
      type: 'string',
      description: 'best-factor: comma list of libraries to search (default alpha101,gtja191,alpha158)',
    },
    jobs: { type: 'string', description: 'worker threads for factor evaluation (default 0)' },
    out: {
      type: 'string',
      description: 'run directory (default runs/mine-baseline-<kind>-<time>-s0)',
      valueName: 'dir',
    },
    quiet: { type: 'boolean', description: 'no progress output' },
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  async run(args, io) {
    const kind = oneOf(args, 'kind', ['best-factor', 'ridge158'] as const, 'best-factor');
    const libs = stringOption(args, 'libraries');
    if (libs !== undefined && kind !== 'best-factor') {
      throw new AgoraError('INVALID_ARGUMENT', '--libraries applies to --kind best-factor only', {
        hint: 'ridge158 always combines the Alpha158 features; drop --libraries',
      });
    }
    const result = await runBaseline({
      kind,
      protocol: protocolFromArgs(args, oneOf(args, 'preset', ['kdd', 'custom'] as const, 'kdd')),
      factors: libs === undefined ? undefined : libraries(parseLibraryList(libs)),
      jobs: numberOption(args, 'jobs', 0),
      out: stringOption(args, 'out'),
      quiet: args.values.quiet === true || args.values.json === true,
    });
    if (args.values.json) {
      io.out(JSON.stringify(result));
      return 0;
    }
    io.out(`run directory: ${result.dir}`);
    io.out(`${result.method}: ${result.summary}`);
    for (const [part, s] of Object.entries(result.combined)) {
      io.out(
        `  ${part.padEnd(5)} IC ${s.ic.toFixed(4)}  RankIC ${s.rankIc.toFixed(4)}  ICIR ${s.icir.toFixed(3)}`,
      );
    }
    io.out(`done in ${result.seconds.toFixed(1)} s`);
    return 0;
  },
};

export const mineCommand: GroupCommand = {
  name: 'mine',
  summary: 'alpha mining: AlphaGen-style PPO, AlphaGPT-style transformer, GP; run and compare',
  subcommands: [runCommand, compareCommand, baselineCommand],
  defaultCommand: runCommand,
};
