export * from './returns.js';
export * from './summary.js';
