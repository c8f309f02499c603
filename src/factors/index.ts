/**
 * Factor libraries (Alpha101, GTJA Alpha191, Qlib Alpha158 / Alpha360, user formulas) written in
 * the expression language, with a registry (fields, look-back, flags, availability against a
 * panel), computation with metadata, and documentation.
 */
export * from './availability.js';
export * from './benchmark.js';
export * from './checks.js';
export * from './compute.js';
export * from './docs.js';
export * from './evaluate-factor.js';
export * from './flags.js';
export * from './output.js';
export * from './prepare.js';
export * from './registry.js';
export * from './stats.js';
export * from './types.js';
export * from './user-library.js';
