/**
 * Public face of the expression engine: parse formulas in any dialect, print them, encode them
 * as RPN tokens, analyse and lint them, and evaluate them over panels (one at a time with a
 * shared node cache, or many at once over worker threads).
 */
export type { CallNode, Expr, FieldNode, NumNode } from './ast.js';
export { call, exprEquals, field, nodeCount, num, walk } from './ast.js';
export { type EvaluateManyOptions, evaluateMany } from './batch.js';
export { type CacheCounters, ExprCache, sharedCache } from './cache.js';
export type { DagNode, OpLookup } from './dag.js';
export { Dag } from './dag.js';
export {
  type Eligibility,
  type EvaluateOptions,
  type EvaluationDiagnostics,
  type EvaluationResult,
  eligibilityMask,
  evaluate,
  evaluateDetailed,
  type NodeDiagnostics,
} from './evaluate.js';
export { defaultOps } from './kernels.js';
export { type LintIssue, type LintOptions, type LintRule, lint } from './lint.js';
export { type LookbackOptions, type LookInfo, lookahead, lookback, lookInfo } from './lookback.js';
export { EvaluatorPool, type PoolEvalOptions, type PoolResult } from './pool.js';
export { formatNumber, print, printQlib } from './printer.js';
export { type Dialect, type ParseOptions, parse } from './resolve.js';
export {
  buildVocabulary,
  fromRpn,
  PAD_ID,
  type RpnToken,
  rpnText,
  rpnToFormula,
  type TokenKind,
  toRpn,
  Vocabulary,
  type VocabularyConfig,
} from './rpn.js';
export { FIELDS, SIGNATURES, type Signature, signature } from './signatures.js';
export type { ArgKind, Kernel, KernelContext, Mode, OpCategory, OpSpec } from './types.js';
