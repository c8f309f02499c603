/**
 * Formula linter. Rules:
 * - `future_reference` (error): a future read (Ref(x, -k)) outside labels (allowFuture);
 * - `constant_subtree` (warning; error for the whole formula): an operator whose series inputs are
 *   all constants (e.g. `-1 * 1`), or `x - x`, which folds to 0;
 * - `window_exceeds_data` (error): a window, or the whole look-back, as long as the data or longer;
 * - `unknown_field` (error): a field the panel does not have (vwap counts as present when the
 *   VWAP fallback is on; dollar_volume when amount, or vwap and volume, are present).
 */
import { type Expr, exprEquals } from './ast.js';
import type { OpLookup } from './dag.js';
import { defaultOps } from './kernels.js';
import { lookInfo } from './lookback.js';
import { print } from './printer.js';
import { type ParseOptions, parse } from './resolve.js';
import { signature } from './signatures.js';

export type LintRule = 'future_reference' | 'constant_subtree' | 'window_exceeds_data' | 'unknown_field';

export interface LintIssue {
  rule: LintRule;
  severity: 'error' | 'warning';
  message: string;
  /** Canonical text of the offending sub-expression. */
  node: string;
}

export interface LintOptions extends ParseOptions {
  /** Labels may read the future. */
  allowFuture?: boolean;
  /** Number of dates in the data (enables window checks). */
  T?: number;
  /** Fields available in the panel (enables the unknown-field check). */
  panelFields?: readonly string[];
  vwapFallback?: boolean;
  ops?: OpLookup;
}

export function lint(formula: string | Expr, options: LintOptions = {}): LintIssue[] {
  const e = typeof formula === 'string' ? parse(formula, options) : formula;
  const issues: LintIssue[] = [];
  const ops = options.ops ?? defaultOps;
  visit(e, true, options, ops, issues);
  if (options.T !== undefined) {
    const { lookback } = lookInfo(e, { ops });
    if (lookback >= options.T) {
      issues.push({
        rule: 'window_exceeds_data',
        severity: 'error',
        message: `formula needs ${lookback} past rows before its first value; the data has ${options.T} dates`,
        node: print(e),
      });
    }
  }
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.rule}|${i.node}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function visit(e: Expr, isRoot: boolean, o: LintOptions, ops: OpLookup, out: LintIssue[]): void {
  if (e.kind === 'field') {
    checkField(e.name, o, out);
    return;
  }
  if (e.kind === 'num') return;
  const sig = signature(e.op);
  const seriesArgs = e.args.filter((_, i) => sig?.args[i] === 'series' || sig?.args[i] === 'group');
  if (seriesArgs.length > 0 && seriesArgs.every((a) => a.kind === 'num')) {
    out.push(constantIssue(e, isRoot, 'has only constant inputs'));
    return;
  }
  if (e.op === 'sub' && exprEquals(e.args[0], e.args[1]))
    out.push(constantIssue(e, isRoot, 'is x - x (folds to 0)'));
  checkParams(e, o, ops, out);
  e.args.forEach((a, i) => {
    if (sig?.args[i] === 'series' || sig?.args[i] === 'group') visit(a, false, o, ops, out);
  });
}

function constantIssue(e: Expr, isRoot: boolean, what: string): LintIssue {
  const text = print(e);
  return {
    rule: 'constant_subtree',
    severity: isRoot ? 'error' : 'warning',
    message: `${isRoot ? 'the formula' : `sub-expression ${text}`} ${what}; it carries no information`,
    node: text,
  };
}

function checkParams(
  e: Extract<Expr, { kind: 'call' }>,
  o: LintOptions,
  ops: OpLookup,
  out: LintIssue[],
): void {
  const sig = signature(e.op);
  const params = e.args.filter((_, i) => sig?.args[i] === 'window' || sig?.args[i] === 'constant');
  const values = params.map((p) => (p.kind === 'num' ? p.value : Number.NaN));
  const ahead = ops(e.op)?.lookahead?.(values) ?? 0;
  if (ahead > 0 && !o.allowFuture) {
    out.push({
      rule: 'future_reference',
      severity: 'error',
      message: `${print(e)} reads ${ahead} row(s) into the future; only labels may (allowFuture)`,
      node: print(e),
    });
  }
  if (o.T === undefined) return;
  e.args.forEach((a, i) => {
    if (sig?.args[i] === 'window' && a.kind === 'num' && Math.abs(a.value) >= (o.T as number)) {
      out.push({
        rule: 'window_exceeds_data',
        severity: 'error',
        message: `window ${a.value} of ${e.op} is not shorter than the data (${o.T} dates)`,
        node: print(e),
      });
    }
  });
}

function checkField(name: string, o: LintOptions, out: LintIssue[]): void {
  const have = o.panelFields;
  if (!have || have.includes(name)) return;
  if (name === 'vwap' && o.vwapFallback && ['high', 'low', 'close'].every((f) => have.includes(f))) return;
  if (name === 'dollar_volume') {
    const vwapOk = have.includes('vwap') || (o.vwapFallback === true && have.includes('close'));
    if (have.includes('amount') || (vwapOk && have.includes('volume'))) return;
  }
  const hint = name === 'vwap' ? ' (vwapFallback: true uses (high+low+close)/3)' : '';
  out.push({
    rule: 'unknown_field',
    severity: 'error',
    message: `field '${name}' is not in the panel${hint}; panel fields: ${have.join(', ')}`,
    node: name,
  });
}
