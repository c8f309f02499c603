/**
 * Recursive-descent parser from tokens to a raw syntax tree (names not yet resolved), with
 * source offsets for error messages. Precedence, lowest first:
 *   c ? a : b  (right)  |  || | OR  |  && & AND  |  < <= > >= == = != <>  |  + -  |  * /
 *   |  unary - + !  |  ^ (right, binds tighter than unary minus).
 */
import { formulaError } from './diagnostics-text.js';
import { type Token, tokenize } from './lexer.js';

export type Raw =
  | { t: 'num'; value: number; offset: number; end: number }
  | { t: 'name'; name: string; offset: number; end: number }
  | { t: 'call'; name: string; args: Raw[]; offset: number; end: number; nameEnd: number }
  | { t: 'bin'; op: string; l: Raw; r: Raw; offset: number; end: number; opOffset: number }
  | { t: 'un'; op: string; x: Raw; offset: number; end: number }
  | { t: 'tern'; c: Raw; a: Raw; b: Raw; offset: number; end: number };

const LEVELS: string[][] = [
  ['||', '|', 'or'],
  ['&&', '&', 'and'],
  ['<', '<=', '>', '>=', '==', '=', '!=', '<>'],
  ['+', '-'],
  ['*', '/'],
];

class Parser {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  parseAll(): Raw {
    if (this.peek().type === 'eof') this.fail(this.peek(), 'empty formula', 'an expression');
    const e = this.ternary();
    const t = this.peek();
    if (t.type !== 'eof') {
      const what = t.type === 'rparen' ? "unbalanced ')'" : `unexpected '${t.text}'`;
      this.fail(t, what, 'an operator or the end of the formula');
    }
    return e;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    return this.tokens[this.pos++];
  }

  private fail(t: Token, message: string, expected: string): never {
    throw formulaError({
      code: 'FORMULA_PARSE',
      text: this.text,
      offset: t.offset,
      width: Math.max(1, t.text.length),
      message,
      expected,
    });
  }

  private describe(t: Token): string {
    return t.type === 'eof' ? 'end of formula' : `'${t.text}'`;
  }

  private ternary(): Raw {
    const c = this.binary(0);
    const t = this.peek();
    if (t.type !== 'op' || t.text !== '?') return c;
    this.next();
    const a = this.ternary();
    const colon = this.peek();
    if (colon.type !== 'op' || colon.text !== ':') {
      this.fail(colon, `found ${this.describe(colon)} in a conditional`, "':' after the '?' branch");
    }
    this.next();
    const b = this.ternary();
    return { t: 'tern', c, a, b, offset: c.offset, end: b.end };
  }

  private binaryOp(level: number): Token | undefined {
    const t = this.peek();
    const ops = LEVELS[level];
    if (t.type === 'op' && ops.includes(t.text)) return t;
    // Word operators (GTJA `OR`, `AND`) only in operator position.
    if (
      t.type === 'ident' &&
      ops.includes(t.text.toLowerCase()) &&
      this.tokens[this.pos + 1]?.type !== 'comma'
    ) {
      const after = this.tokens[this.pos + 1];
      if (after && after.type !== 'rparen' && after.type !== 'eof') return t;
    }
    return undefined;
  }

  private binary(level: number): Raw {
    if (level >= LEVELS.length) return this.unary();
    let l = this.binary(level + 1);
    for (let t = this.binaryOp(level); t; t = this.binaryOp(level)) {
      this.next();
      const r = this.binary(level + 1);
      l = { t: 'bin', op: t.text.toLowerCase(), l, r, offset: l.offset, end: r.end, opOffset: t.offset };
    }
    return l;
  }

  private unary(): Raw {
    const t = this.peek();
    if (t.type === 'op' && (t.text === '-' || t.text === '+' || t.text === '!')) {
      this.next();
      const x = this.unary();
      return { t: 'un', op: t.text, x, offset: t.offset, end: x.end };
    }
    return this.power();
  }

  private power(): Raw {
    const base = this.primary();
    const t = this.peek();
    if (t.type !== 'op' || t.text !== '^') return base;
    this.next();
    const exp = this.unary();
    return { t: 'bin', op: '^', l: base, r: exp, offset: base.offset, end: exp.end, opOffset: t.offset };
  }

  private primary(): Raw {
    const t = this.next();
    if (t.type === 'num')
      return { t: 'num', value: t.value, offset: t.offset, end: t.offset + t.text.length };
    if (t.type === 'ident') {
      if (this.peek().type === 'lparen') return this.callArgs(t);
      return { t: 'name', name: t.text, offset: t.offset, end: t.offset + t.text.length };
    }
    if (t.type === 'lparen') {
      const e = this.ternary();
      const close = this.next();
      if (close.type !== 'rparen') this.fail(close, `found ${this.describe(close)}`, "')' to close the '('");
      return e;
    }
    return this.fail(t, `found ${this.describe(t)}`, 'a number, a field, a function call or (');
  }

  private callArgs(name: Token): Raw {
    this.next();
    const args: Raw[] = [];
    if (this.peek().type === 'rparen') {
      const close = this.next();
      return {
        t: 'call',
        name: name.text,
        args,
        offset: name.offset,
        end: close.offset + 1,
        nameEnd: name.offset + name.text.length,
      };
    }
    for (;;) {
      args.push(this.ternary());
      const sep = this.next();
      if (sep.type === 'rparen') {
        const nameEnd = name.offset + name.text.length;
        return { t: 'call', name: name.text, args, offset: name.offset, end: sep.offset + 1, nameEnd };
      }
      if (sep.type !== 'comma') {
        this.fail(sep, `found ${this.describe(sep)} in the arguments of ${name.text}`, "',' or ')'");
      }
    }
  }
}

export function parseSyntax(text: string): Raw {
  return new Parser(text, tokenize(text)).parseAll();
}
