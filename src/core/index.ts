export * from './config.js';
export * from './errors.js';
export * from './hash.js';
export * from './logger.js';
export * from './paths.js';
export * from './progress.js';
export * from './rng.js';
export * from './workers.js';
