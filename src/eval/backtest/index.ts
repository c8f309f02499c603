export * from './benchmark.js';
export * from './engine.js';
export * from './market-data.js';
export * from './select.js';
export * from './sleeve.js';
export * from './strategies.js';
export type * from './types.js';
