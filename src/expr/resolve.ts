/**
 * Raw syntax tree -> typed AST: names resolved through the dialect tables, arguments checked
 * against operator signatures (series / window / constant / group), windows floored and checked,
 * macros (`returns`, `adv20`, DTM...) expanded. Errors carry the source position.
 */

import {
  type AliasTarget,
  BINARY_OPS,
  FIELD_ALIASES,
  functionNames,
  lookupFunction,
  MACROS,
  type Special,
} from './aliases.js';
import { call, type Expr, field, num } from './ast.js';
import { didYouMean, formulaError } from './diagnostics-text.js';
import { FIELDS, SIGNED_WINDOW_OPS, signature } from './signatures.js';
import { parseSyntax, type Raw } from './syntax.js';
import type { ArgKind } from './types.js';

export type Dialect = 'canonical' | 'qlib' | 'alphagen' | 'alpha101' | 'gtja';

export interface ParseOptions {
  /**
   * Source dialect. Only name meanings that differ between dialects depend on it:
   * `ts_argmax`/`ts_argmin` mean "days since the extreme" except in `alpha101`, where they are
   * the paper's 1-based position from the oldest row. Default 'canonical'.
   */
  dialect?: Dialect;
  /** Extra panel fields the formula may read (beyond the built-in field names). */
  fields?: readonly string[];
}

type RawCall = Extract<Raw, { t: 'call' }>;

export class Resolver {
  private readonly extra: Map<string, string>;

  constructor(
    private readonly text: string,
    readonly options: ParseOptions,
  ) {
    this.extra = new Map((options.fields ?? []).map((f) => [f.toLowerCase(), f]));
  }

  fail(node: { offset: number; end: number }, message: string, expected?: string, hint?: string): never {
    throw formulaError({
      code: 'FORMULA_SEMANTIC',
      text: this.text,
      offset: node.offset,
      width: Math.max(1, node.end - node.offset),
      message,
      expected,
      hint,
    });
  }

  /** Resolve an expression in a series position. */
  series(r: Raw): Expr {
    const e = this.expr(r);
    if (e.kind === 'field' && FIELDS.get(e.name) === 'group') {
      this.fail(
        r,
        `'${e.name}' is a group field (industry codes), not a series`,
        'a series',
        'group fields go only in IndNeutralize(x, IndClass.industry)',
      );
    }
    return e;
  }

  expr(r: Raw): Expr {
    switch (r.t) {
      case 'num':
        return num(r.value);
      case 'name':
        return this.name(r);
      case 'un':
        return this.unary(r);
      case 'bin':
        return call(BINARY_OPS[r.op], this.series(r.l), this.series(r.r));
      case 'tern':
        return this.ternary(r);
      case 'call':
        return this.call(r);
    }
  }

  private unary(r: Extract<Raw, { t: 'un' }>): Expr {
    if (r.op === '+') return this.series(r.x);
    if (r.op === '!') return call('not', this.series(r.x));
    const x = this.series(r.x);
    return x.kind === 'num' ? num(-x.value) : call('neg', x);
  }

  private ternary(r: Extract<Raw, { t: 'tern' }>): Expr {
    if (r.b.t === 'name' && r.b.name.toLowerCase() === 'self') return this.self143(r);
    return call('if', this.series(r.c), this.series(r.a), this.series(r.b));
  }

  /** GTJA 143: `X > DELAY(X,1) ? (X-DELAY(X,1))/DELAY(X,1)*SELF : SELF` -> gtja_self143(X). */
  private self143(r: Extract<Raw, { t: 'tern' }>): Expr {
    if (r.c.t !== 'bin' || r.c.op !== '>') {
      this.fail(
        r.c,
        'SELF recursion needs the GTJA 143 form X>DELAY(X,1)?...*SELF:SELF',
        'a condition X>DELAY(X,1)',
      );
    }
    return call('gtja_self143', this.series(r.c.l));
  }

  private name(r: Extract<Raw, { t: 'name' }>): Expr {
    const raw = r.name.startsWith('$') ? r.name.slice(1) : r.name;
    const k = raw.toLowerCase();
    if (k === 'nan') return num(Number.NaN);
    if (k === 'inf') return num(Number.POSITIVE_INFINITY);
    if (k.startsWith('indclass.')) return this.groupField(r, k.slice('indclass.'.length));
    const canonical = FIELD_ALIASES[k] ?? k;
    if (FIELDS.has(canonical)) return field(canonical);
    const adv = /^adv(\d+)$/.exec(k);
    if (adv) return this.adv(r, Number(adv[1]));
    if (MACROS[k]) return this.macro(k);
    const extra = this.extra.get(k);
    if (extra !== undefined) return field(extra);
    if (k === 'self' || k === 'sequence') {
      this.fail(
        r,
        `${r.name} is only meaningful inside its GTJA pattern`,
        k === 'self' ? 'the GTJA 143 form' : 'REGBETA(A, SEQUENCE(n))',
      );
    }
    const known = [...FIELDS.keys(), ...this.extra.values(), 'returns', 'adv20'];
    const guess = didYouMean(raw, known);
    this.fail(
      r,
      `unknown field '${r.name}'`,
      'a panel field',
      guess.length ? `did you mean ${guess.join(', ')}?` : `known fields: ${known.join(', ')}`,
    );
  }

  private groupField(r: Raw, g: string): Expr {
    if (FIELDS.get(g) !== 'group')
      this.fail(
        r,
        `unknown group 'IndClass.${g}'`,
        'IndClass.sector, IndClass.industry or IndClass.subindustry',
      );
    return field(g);
  }

  private adv(r: Raw, d: number): Expr {
    if (d < 1) this.fail(r, `adv window ${d} < 1`, 'adv{d} with d >= 1');
    return call('ts_mean', field('dollar_volume'), num(d));
  }

  private macro(k: string): Expr {
    return new Resolver(MACROS[k], this.options).expr(parseSyntax(MACROS[k]));
  }

  private call(r: RawCall): Expr {
    const target = lookupFunction(r.name);
    if (!target) return this.unknownFunction(r);
    if ('op' in target) return this.apply(r, target.op, r.args);
    return this.special(r, target);
  }

  private unknownFunction(r: RawCall): never {
    const guess = didYouMean(r.name, functionNames());
    const at = { offset: r.offset, end: r.nameEnd };
    this.fail(
      at,
      `unknown function '${r.name}'`,
      'an operator name',
      guess.length ? `did you mean ${guess.join(', ')}?` : 'see docs/expressions.md for the operator list',
    );
  }

  /** Apply a canonical operator to raw arguments in signature order. */
  apply(r: RawCall, op: string, args: readonly Raw[]): Expr {
    const sig = signature(op);
    if (!sig) this.fail(r, `operator '${op}' has no signature`);
    if (args.length !== sig.args.length) {
      this.fail(
        { offset: r.offset, end: r.end },
        `${r.name} takes ${sig.args.length} argument(s) (${sig.args.join(', ')}), got ${args.length}`,
        `(${sig.args.join(', ')})`,
      );
    }
    return call(op, ...args.map((a, i) => this.arg(a, sig.args[i], op, r.name)));
  }

  private arg(a: Raw, kind: ArgKind, op: string, fname: string): Expr {
    if (kind === 'series') return this.series(a);
    if (kind === 'group') return this.group(a, fname);
    const v = this.literal(a, kind, fname);
    if (kind === 'constant') return num(v);
    return num(this.window(a, v, op, fname));
  }

  private group(a: Raw, fname: string): Expr {
    const e = this.expr(a);
    if (e.kind !== 'field' || FIELDS.get(e.name) !== 'group') {
      this.fail(a, `${fname} needs a group here (IndClass.sector / industry / subindustry)`, 'a group field');
    }
    return e;
  }

  /** A numeric literal, optionally negated. */
  literal(a: Raw, kind: ArgKind, fname: string): number {
    const isLiteral =
      a.t === 'num' || a.t === 'name' || (a.t === 'un' && (a.x.t === 'num' || a.x.t === 'name'));
    const e = isLiteral ? this.expr(a) : undefined;
    if (e?.kind === 'num') return e.value;
    return this.fail(a, `the ${kind} argument of ${fname} must be a number literal`, `a ${kind} (number)`);
  }

  window(a: Raw, v: number, op: string, fname: string): number {
    const d = Math.floor(v);
    if (!Number.isFinite(d)) this.fail(a, `window ${v} of ${fname} is not finite`, 'a window >= 1');
    if (SIGNED_WINDOW_OPS.has(op)) return d;
    if (d < 1) this.fail(a, `window ${v} of ${fname} is < 1 after flooring`, 'a window >= 1');
    return d;
  }

  private special(r: RawCall, target: Extract<AliasTarget, { special: Special }>): Expr {
    return SPECIAL_RULES[target.special](this, r);
  }
}

type Rule = (res: Resolver, r: RawCall) => Expr;

function isWindowLiteral(a: Raw | undefined): boolean {
  return a !== undefined && a.t === 'num' && a.value >= 1;
}

function isCallNamed(a: Raw | undefined, name: string): a is RawCall {
  return a !== undefined && a.t === 'call' && a.name.toLowerCase() === name;
}

function maxMin(which: 'max' | 'min'): Rule {
  return (res, r) => {
    const [x, y] = r.args;
    if (r.args.length === 1 && isCallNamed(x, 'sumac')) return sumac(res, x, which);
    if (r.args.length === 2 && isWindowLiteral(y)) return res.apply(r, `ts_${which}`, r.args);
    if (r.args.length !== 2) {
      res.fail(r, `${r.name} takes (x, y) or (x, window), got ${r.args.length} argument(s)`, '2 arguments');
    }
    return call(which === 'max' ? 'greater' : 'less', res.series(x), res.series(y));
  };
}

/** MAX(SUMAC(A, n)) / MIN(SUMAC(A)): without n the window is the largest window inside A. */
function sumac(res: Resolver, s: RawCall, which: 'max' | 'min'): Expr {
  const op = `ts_sumac_${which}`;
  if (s.args.length === 2) return res.apply(s, op, s.args);
  if (s.args.length !== 1) res.fail(s, `SUMAC takes (A) or (A, n), got ${s.args.length} arguments`, '(A, n)');
  const a = res.series(s.args[0]);
  const d = largestWindow(a);
  if (d < 1) res.fail(s, 'SUMAC(A) without a window and no window inside A to take it from', 'SUMAC(A, n)');
  return call(op, a, num(d));
}

function largestWindow(e: Expr): number {
  if (e.kind !== 'call') return 0;
  const sig = signature(e.op);
  let best = 0;
  e.args.forEach((a, i) => {
    if (sig?.args[i] === 'window' && a.kind === 'num') best = Math.max(best, a.value);
    else best = Math.max(best, largestWindow(a));
  });
  return best;
}

function byArity(table: Record<number, string>, label: string): Rule {
  return (res, r) => {
    const op = table[r.args.length];
    if (!op)
      res.fail(
        r,
        `${r.name} takes ${Object.keys(table).join(' or ')} arguments, got ${r.args.length}`,
        label,
      );
    return res.apply(r, op, r.args);
  };
}

function argExtreme(which: 'max' | 'min'): Rule {
  return (res, r) => {
    const paper = res.options.dialect === 'alpha101';
    return res.apply(r, paper ? `ts_arg${which}_oldest` : `ts_arg${which}`, r.args);
  };
}

function regbeta(res: Resolver, r: RawCall): Expr {
  const [a, b, n] = r.args;
  if (r.args.length === 2 && isCallNamed(b, 'sequence')) {
    if (b.args.length !== 1) res.fail(b, 'SEQUENCE takes one argument (n)', 'SEQUENCE(n)');
    return res.apply(r, 'ts_slope', [a, b.args[0]]);
  }
  if (r.args.length === 3 && b.t === 'name' && b.name.toLowerCase() === 'sequence') {
    return res.apply(r, 'ts_slope', [a, n]);
  }
  if (r.args.length === 3 && isCallNamed(a, 'filter') && isCallNamed(b, 'filter'))
    return regbetaWhere(res, r, a, b, n);
  return res.apply(r, 'ts_regbeta', r.args);
}

/** REGBETA(FILTER(a, c), FILTER(b, c), n) -> ts_regbeta_where(a, b, c, n) (GTJA 149). */
function regbetaWhere(res: Resolver, r: RawCall, fa: RawCall, fb: RawCall, n: Raw): Expr {
  if (fa.args.length !== 2 || fb.args.length !== 2)
    res.fail(fa, 'FILTER takes (series, condition)', 'FILTER(x, cond)');
  const ca = res.series(fa.args[1]);
  const cb = res.series(fb.args[1]);
  if (JSON.stringify(ca) !== JSON.stringify(cb)) {
    res.fail(
      fb.args[1],
      'both FILTERs of a REGBETA must use the same condition',
      'the condition of the first FILTER',
    );
  }
  const d = res.window(n, res.literal(n, 'window', r.name), 'ts_regbeta_where', r.name);
  return call('ts_regbeta_where', res.series(fa.args[0]), res.series(fb.args[0]), ca, num(d));
}

function scale(res: Resolver, r: RawCall): Expr {
  if (r.args.length === 1) return call('cs_scale', res.series(r.args[0]), num(1));
  return res.apply(r, 'cs_scale', r.args);
}

const SPECIAL_RULES: Record<Special, Rule> = {
  rank: byArity(
    { 1: 'cs_rank', 2: 'ts_rank' },
    '(x) for a cross-sectional rank or (x, d) for a time-series rank',
  ),
  max: maxMin('max'),
  min: maxMin('min'),
  mean: byArity({ 2: 'ts_mean' }, '(x, d)'),
  sma: byArity({ 2: 'ts_mean', 3: 'sma' }, '(x, n, m) or (x, n)'),
  regbeta,
  argmax: argExtreme('max'),
  argmin: argExtreme('min'),
  scale,
};

/** Parse formula text in any dialect into the typed AST. */
export function parse(text: string, options: ParseOptions = {}): Expr {
  return new Resolver(text, options).series(parseSyntax(text));
}
