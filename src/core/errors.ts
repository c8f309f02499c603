/**
 * Typed errors for people: a stable code, a message that says what was wrong,
 * where it was (file, column, row, formula position) and how to fix it.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'DATA_CONTRACT'
  | 'DATA_READ'
  | 'DATA_WRITE'
  | 'FORMULA_PARSE'
  | 'FORMULA_SEMANTIC'
  | 'NOT_FOUND'
  | 'INVALID_ARGUMENT'
  | 'UNAVAILABLE'
  | 'RUN_STATE'
  | 'INTERNAL';

export interface ErrorContext {
  file?: string;
  column?: string;
  row?: number;
  /** 1-based line and column inside a text (formula, config file). */
  line?: number;
  col?: number;
  formula?: string;
  /** How to fix it, in one sentence. */
  hint?: string;
  [key: string]: unknown;
}

export class AgoraError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, context: ErrorContext = {}) {
    super(formatMessage(message, context));
    this.name = 'AgoraError';
    this.code = code;
    this.context = context;
  }
}

function formatMessage(message: string, ctx: ErrorContext): string {
  const where: string[] = [];
  if (ctx.file !== undefined) where.push(`file ${ctx.file}`);
  if (ctx.column !== undefined) where.push(`column '${ctx.column}'`);
  if (ctx.row !== undefined) where.push(`row ${ctx.row}`);
  if (ctx.line !== undefined)
    where.push(`line ${ctx.line}${ctx.col !== undefined ? `, col ${ctx.col}` : ''}`);
  let text = message;
  if (where.length > 0) text += ` (${where.join(', ')})`;
  if (ctx.hint) text += `\n  fix: ${ctx.hint}`;
  return text;
}

export function isAgoraError(e: unknown): e is AgoraError {
  return e instanceof AgoraError;
}

/** Throw an INTERNAL error when an invariant that should always hold does not. */
export function invariant(cond: unknown, message: string): asserts cond {
  if (!cond) throw new AgoraError('INTERNAL', `internal invariant failed: ${message}`);
}
