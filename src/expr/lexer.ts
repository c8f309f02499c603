/**
 * Tokeniser for every dialect. Identifiers may start with `$` (Qlib fields) and contain
 * letters, digits and `_`; `IndClass.industry` is read as one identifier. Numbers accept `2.`,
 * `.001` and exponents. GTJA's `.*` and `./` are the plain `*` and `/`.
 */
import { formulaError } from './diagnostics-text.js';

export type TokenType = 'num' | 'ident' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof';

export interface Token {
  type: TokenType;
  text: string;
  value: number;
  offset: number;
}

const OPERATORS = [
  '&&',
  '||',
  '<=',
  '>=',
  '==',
  '!=',
  '<>',
  '.*',
  './',
  '+',
  '-',
  '*',
  '/',
  '^',
  '<',
  '>',
  '=',
  '?',
  ':',
  '&',
  '|',
  '!',
];

const NORMALISE: Record<string, string> = { '.*': '*', './': '/' };

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || isDigit(c);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      i = scanNumber(text, i);
      const raw = text.slice(start, i);
      tokens.push({ type: 'num', text: raw, value: Number(raw), offset: start });
      continue;
    }
    if (isIdentStart(c)) {
      i = scanIdent(text, i);
      tokens.push({ type: 'ident', text: text.slice(start, i), value: Number.NaN, offset: start });
      continue;
    }
    const single: Record<string, TokenType> = { '(': 'lparen', ')': 'rparen', ',': 'comma' };
    if (single[c]) {
      tokens.push({ type: single[c], text: c, value: Number.NaN, offset: start });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) {
      throw formulaError({
        code: 'FORMULA_PARSE',
        text,
        offset: i,
        message: `unexpected character '${c}'`,
        expected: 'a number, a name, an operator or a parenthesis',
      });
    }
    tokens.push({ type: 'op', text: NORMALISE[op] ?? op, value: Number.NaN, offset: start });
    i += op.length;
  }
  tokens.push({ type: 'eof', text: '', value: Number.NaN, offset: text.length });
  return tokens;
}

function scanNumber(text: string, i: number): number {
  while (isDigit(text[i] ?? '')) i++;
  // A '.' belongs to the number unless it starts GTJA's '.*' or './'.
  if (text[i] === '.' && text[i + 1] !== '*' && text[i + 1] !== '/') {
    i++;
    while (isDigit(text[i] ?? '')) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    let j = i + 1;
    if (text[j] === '+' || text[j] === '-') j++;
    if (isDigit(text[j] ?? '')) {
      i = j;
      while (isDigit(text[i] ?? '')) i++;
    }
  }
  return i;
}

function scanIdent(text: string, i: number): number {
  i++;
  while (isIdentPart(text[i] ?? '')) i++;
  // IndClass.industry: a dotted name, only when a letter follows the dot.
  while (text[i] === '.' && isIdentStart(text[i + 1] ?? '') && text[i + 1] !== '$') {
    i++;
    while (isIdentPart(text[i] ?? '')) i++;
  }
  return i;
}
