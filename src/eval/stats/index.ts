export * from './bootstrap.js';
export * from './deflated-sharpe.js';
export * from './moments.js';
export * from './newey-west.js';
export * from './normal.js';
export * from './pbo.js';
