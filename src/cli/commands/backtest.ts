/** `agora backtest`: portfolio backtest of a signal with market rules and costs; writes a report. */
import { AgoraError } from '../../core/index.js';
import { cnRules, cryptoRules, type MarketRules, usRules } from '../../data/index.js';
import {
  type FillAt,
  loadEvalPanel,
  makeStrategy,
  marketDataFromPanel,
  periodsPerYear,
  renderReport,
  resolveBenchmark,
  resolveSignal,
  runBacktestReport,
  type StrategyName,
  writeBacktestFiles,
  writeResults,
} from '../../eval/index.js';
import { type LeafCommand, numberOption, requireString, stringOption } from '../command.js';
import { intOption, runDirFor } from './eval.js';
import { PANEL_SELECTION_OPTIONS } from './panel-options.js';

const STRATEGIES: readonly StrategyName[] = ['topk', 'topk-score', 'topk-dropout', 'long-short'];
const FILLS: readonly FillAt[] = ['open', 'close', 'vwap'];

function oneOf<T extends string>(name: string, v: string | undefined, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (!allowed.includes(v as T))
    throw new AgoraError('INVALID_ARGUMENT', `--${name} must be one of ${allowed.join(', ')}, got '${v}'`);
  return v as T;
}

function rulesFor(market: string): MarketRules {
  if (market === 'cn') return cnRules();
  if (market === 'us') return usRules();
  if (market === 'crypto') return cryptoRules();
  throw new AgoraError('INVALID_ARGUMENT', `--market must be cn, us or crypto, got '${market}'`);
}

const f4 = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(4) : 'n/a');

export const backtestCommand: LeafCommand = {
  name: 'backtest',
  summary:
    'backtest a signal as a portfolio (top-K, score-weighted, TopK-Dropout, long-short) with market rules and costs',
  usage:
    '--signal <formula|file> --data <file> [--strategy topk] [--k 50 --n 5] [--fill open] [--market cn] [--out dir]',
  details: [
    'Decisions at the close of t fill at t+1 (open, close or VWAP). A-share mode blocks buys at',
    'limit-up and sells at limit-down (one-price bars included, on unadjusted prices), skips',
    'suspended stocks, applies the T+1 sell lock, 100-share lots, commission with minimum, stamp',
    'duty by date and transfer fees; slippage in bps on top. Writes results.json, report.html,',
    'charts/, positions.csv, trades.csv and blocked.csv to the run directory.',
    "A formula that starts with '-' must be attached: --signal='-Ref($close, 5)'.",
  ].join('\n'),
  options: {
    signal: { type: 'string', description: 'formula or factor file (higher = buy)', valueName: 'spec' },
    data: { type: 'string', description: 'panel data file (Parquet or CSV)', valueName: 'file' },
    strategy: {
      type: 'string',
      description: `one of ${STRATEGIES.join(', ')} (default topk)`,
      valueName: 'name',
    },
    k: { type: 'string', description: 'names held (default 50)', valueName: 'K' },
    n: {
      type: 'string',
      description: 'TopK-Dropout: names replaced per day at most (default 5)',
      valueName: 'n',
    },
    groups: { type: 'string', description: 'long-short: quantile groups (default 5)', valueName: 'g' },
    fill: {
      type: 'string',
      description: 'fill price at t+1: open (default), close or vwap',
      valueName: 'at',
    },
    market: {
      type: 'string',
      description: "rules: cn, us or crypto (default: the data's market)",
      valueName: 'm',
    },
    rebalance: { type: 'string', description: 'rebalance every h days (default 1)', valueName: 'h' },
    staggered: { type: 'boolean', description: 'with --rebalance h: h staggered sleeves' },
    capital: { type: 'string', description: 'starting capital (default 1e7)', valueName: 'x' },
    'slippage-bps': {
      type: 'string',
      description: 'slippage per fill in basis points (default 5)',
      valueName: 'bps',
    },
    'no-fees': { type: 'boolean', description: 'trade without fees (slippage still applies)' },
    benchmark: {
      type: 'string',
      description: 'ew (default), csi300, or <index.parquet>:<SYMBOL>',
      valueName: 'spec',
    },
    ...PANEL_SELECTION_OPTIONS,
    trials: {
      type: 'string',
      description: 'strategies tried before this one (for the deflated Sharpe)',
      valueName: 'n',
    },
    'trial-sharpe-var': {
      type: 'string',
      description: "variance of the trials' daily Sharpes (default 0.0001)",
      valueName: 'v',
    },
    seed: { type: 'string', description: 'bootstrap seed (default 0)', valueName: 'n' },
    out: { type: 'string', description: 'run directory (default runs/backtest-<time>)', valueName: 'dir' },
    json: { type: 'boolean', description: 'print the metrics as JSON' },
  },
  async run(args, io) {
    const signal = requireString(args, 'signal');
    const data = requireString(args, 'data');
    const strategyName = oneOf('strategy', stringOption(args, 'strategy'), STRATEGIES, 'topk');
    const fill = oneOf('fill', stringOption(args, 'fill'), FILLS, 'open');
    const panel = await loadEvalPanel({
      data,
      from: stringOption(args, 'from'),
      to: stringOption(args, 'to'),
      universe: stringOption(args, 'universe'),
      membership: stringOption(args, 'membership'),
      dropBadRows: Boolean(args.values['drop-bad-rows']),
    });
    const market =
      stringOption(args, 'market') ?? (panel.meta.market === 'synthetic' ? 'cn' : panel.meta.market);
    const md = marketDataFromPanel(panel, { fill, rules: rulesFor(market) });
    const scores = await resolveSignal(signal, panel);
    const strategy = makeStrategy(strategyName, {
      k: intOption(args, 'k', 50),
      n: intOption(args, 'n', 5),
      groups: intOption(args, 'groups', 5, 2),
    });
    const bench = await resolveBenchmark(stringOption(args, 'benchmark'), panel, md);
    const h = intOption(args, 'rebalance', 1);
    const trials = intOption(args, 'trials', 1);
    const config = {
      capital: numberOption(args, 'capital', 1e7),
      rebalanceEvery: h,
      staggered: Boolean(args.values.staggered),
      costs: { slippageBps: numberOption(args, 'slippage-bps', 5), fees: !args.values['no-fees'] },
    };
    const dir = runDirFor(args, 'backtest');
    const { result, results } = runBacktestReport({
      market: md,
      scores,
      strategy,
      config,
      benchmark: bench.returns,
      periodsPerYear: periodsPerYear(panel),
      seed: numberOption(args, 'seed', 0),
      trials:
        trials > 1
          ? { count: trials, sharpeVariance: numberOption(args, 'trial-sharpe-var', 1e-4) }
          : undefined,
      describe: {
        signal,
        data,
        market,
        fill,
        benchmark: bench.name,
        universe: stringOption(args, 'universe') ?? 'all',
        ...config,
        fallback: md.fallback,
        from: panel.dates[0],
        to: panel.dates[panel.T - 1],
      },
    });
    writeResults(dir, results);
    writeBacktestFiles(dir, result);
    const rep = await renderReport(dir, results);
    const m = results.metrics;
    if (args.values.json)
      io.out(JSON.stringify(m, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2));
    else {
      io.out(
        `${result.strategy}: annual ${f4(m.annualReturnGeometric)} (geometric)  Sharpe ${f4(m.sharpe)}  IR ${f4(m.informationRatio)}  maxDD ${f4(m.maxDrawdown)}  turnover ${f4(m.turnover)}  blocked ${result.blocked.length}`,
      );
      io.out(`report: ${rep.html}`);
    }
    return 0;
  },
};
