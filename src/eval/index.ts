/** Evaluation: IC family, portfolio backtests, metrics, statistics and reports. */
export * from './backtest/index.js';
export * from './metrics/index.js';
export * from './report/index.js';
export * from './run/index.js';
export * from './signal/index.js';
export * from './stats/index.js';
