export * from './cn-boards.js';
export * from './cn-costs.js';
export * from './cn-limits.js';
export * from './dated.js';
export * from './fillability.js';
export * from './market-rules.js';
