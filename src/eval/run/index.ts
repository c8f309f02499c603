export * from './backtest-run.js';
export * from './eval-run.js';
export * from './factor-file.js';
export * from './inputs.js';
