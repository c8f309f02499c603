/** Alpha mining: token space, masked RPN builder, linear alpha pool, generators and the runner. */
export * from './baseline-run.js';
export * from './baselines.js';
export * from './builder.js';
export * from './compare.js';
export * from './cross-section.js';
export * from './env.js';
export * from './generators.js';
export * from './gp.js';
export * from './policies.js';
export * from './pool.js';
export * from './protocol.js';
export * from './run-files.js';
export * from './runner.js';
export * from './score.js';
export * from './scorer.js';
export * from './tokens.js';
