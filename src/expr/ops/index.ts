/** Public face of the operator kernels: the registry, the Inf rule and the mode flags. */
export { NEAR_CONSTANT_REL } from './common.js';
export { infToNaN } from './inf.js';
export { ALPHAGEN_CORR_VAR_EPS } from './pair.js';
export { getOp, OPS } from './registry.js';
export { HIGHDAY_BASE } from './rolling-extremes.js';
export { GTJA_WMA_RATIO, SMA_INIT } from './weighted.js';
