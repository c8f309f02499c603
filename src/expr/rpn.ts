/**
 * RPN token encoding: the action space for alpha mining. A vocabulary is built from a list of
 * features, operators, constants and windows plus SEP (end of formula). Token id 0 is padding
 * and never a token; real ids start at 1. A formula encodes in postfix order: the arguments of
 * an operator in signature order, then the operator.
 */
import { AgoraError } from '../core/index.js';
import { call, type Expr, field, num } from './ast.js';
import { formatNumber, print } from './printer.js';
import { FIELDS, signature } from './signatures.js';
import type { ArgKind } from './types.js';

export const PAD_ID = 0;

export type TokenKind = 'feature' | 'operator' | 'constant' | 'window' | 'sep';

export interface RpnToken {
  id: number;
  kind: TokenKind;
  /** Display text: `$close`, `ts_mean`, `0.5`, `20d`, `SEP`. */
  text: string;
  /** Feature or operator name. */
  name: string;
  /** Constant or window value. */
  value: number;
  /** Operator argument kinds (operators only). */
  args: readonly ArgKind[];
}

export interface VocabularyConfig {
  features: readonly string[];
  operators: readonly string[];
  constants: readonly number[];
  windows: readonly number[];
}

export class Vocabulary {
  /** tokens[id - 1] is the token with that id. */
  readonly tokens: readonly RpnToken[];
  readonly sepId: number;
  private readonly index = new Map<string, number>();

  constructor(readonly config: VocabularyConfig) {
    const list: RpnToken[] = [];
    const add = (
      kind: TokenKind,
      text: string,
      name: string,
      value: number,
      args: readonly ArgKind[] = [],
    ) => {
      const k = `${kind}:${kind === 'constant' || kind === 'window' ? formatNumber(value) : name}`;
      if (this.index.has(k)) throw new AgoraError('INVALID_ARGUMENT', `duplicate vocabulary entry ${k}`);
      const id = list.length + 1;
      list.push({ id, kind, text, name, value, args });
      this.index.set(k, id);
    };
    for (const f of config.features) add('feature', `$${f}`, f, Number.NaN);
    for (const op of config.operators) add('operator', op, op, Number.NaN, operatorArgs(op));
    for (const c of config.constants) add('constant', formatNumber(c), '', c);
    for (const w of config.windows) add('window', `${w}d`, '', windowValue(w));
    add('sep', 'SEP', 'SEP', Number.NaN);
    this.tokens = list;
    this.sepId = list.length;
  }

  /** Number of ids including padding (ids are 0..size-1). */
  get size(): number {
    return this.tokens.length + 1;
  }

  token(id: number): RpnToken {
    const t = this.tokens[id - 1];
    if (!t)
      throw new AgoraError(
        'INVALID_ARGUMENT',
        `token id ${id} is not in the vocabulary (1..${this.tokens.length}; 0 is padding)`,
      );
    return t;
  }

  idOf(kind: TokenKind, nameOrValue: string | number): number | undefined {
    const k = `${kind}:${typeof nameOrValue === 'number' ? formatNumber(nameOrValue) : nameOrValue}`;
    return this.index.get(k);
  }
}

function operatorArgs(op: string): readonly ArgKind[] {
  const sig = signature(op);
  if (!sig)
    throw new AgoraError('INVALID_ARGUMENT', `vocabulary operator '${op}' is not a canonical operator`, {
      hint: 'use canonical lower_snake names, e.g. ts_mean',
    });
  return sig.args;
}

function windowValue(w: number): number {
  if (!Number.isInteger(w) || w < 1)
    throw new AgoraError('INVALID_ARGUMENT', `vocabulary window ${w} must be an integer >= 1`);
  return w;
}

export function buildVocabulary(config: VocabularyConfig): Vocabulary {
  return new Vocabulary(config);
}

/** Encode an AST as token ids (postfix); `sep` appends the SEP token. */
export function toRpn(e: Expr, vocab: Vocabulary, options: { sep?: boolean } = {}): number[] {
  const out: number[] = [];
  encode(e, 'series', vocab, out);
  if (options.sep) out.push(vocab.sepId);
  return out;
}

function need(id: number | undefined, what: string, vocab: Vocabulary): number {
  if (id === undefined) {
    throw new AgoraError('INVALID_ARGUMENT', `${what} is not in the token vocabulary`, {
      hint: `vocabulary: ${vocab.tokens.map((t) => t.text).join(' ')}`,
    });
  }
  return id;
}

function encode(e: Expr, kind: ArgKind, vocab: Vocabulary, out: number[]): void {
  if (e.kind === 'num') {
    const k = kind === 'window' ? 'window' : 'constant';
    out.push(need(vocab.idOf(k, e.value), `${k} ${formatNumber(e.value)}`, vocab));
    return;
  }
  if (e.kind === 'field') {
    out.push(need(vocab.idOf('feature', e.name), `feature '${e.name}'`, vocab));
    return;
  }
  const sig = signature(e.op);
  for (const [i, a] of e.args.entries()) encode(a, sig?.args[i] ?? 'series', vocab, out);
  out.push(need(vocab.idOf('operator', e.op), `operator '${e.op}'`, vocab));
}

interface StackItem {
  expr: Expr;
  kind: 'series' | 'group' | 'constant' | 'window';
}

/** Decode token ids (postfix) into an AST. Stops at SEP; trailing padding is ignored. */
export function fromRpn(ids: readonly number[], vocab: Vocabulary): Expr {
  const stack: StackItem[] = [];
  let end = ids.length;
  while (end > 0 && ids[end - 1] === PAD_ID) end--;
  for (let i = 0; i < end; i++) {
    if (ids[i] === PAD_ID) throw rpnError(`padding id 0 inside the sequence at position ${i}`, ids);
    const t = vocab.token(ids[i]);
    if (t.kind === 'sep') break;
    stack.push(decodeToken(t, stack, ids, i));
  }
  if (stack.length !== 1 || stack[0].kind !== 'series') {
    throw rpnError(`sequence leaves ${stack.length} item(s) on the stack, expected one series`, ids);
  }
  return stack[0].expr;
}

function decodeToken(t: RpnToken, stack: StackItem[], ids: readonly number[], pos: number): StackItem {
  if (t.kind === 'feature')
    return { expr: field(t.name), kind: FIELDS.get(t.name) === 'group' ? 'group' : 'series' };
  if (t.kind === 'constant') return { expr: num(t.value), kind: 'constant' };
  if (t.kind === 'window') return { expr: num(t.value), kind: 'window' };
  const k = t.args.length;
  if (stack.length < k)
    throw rpnError(
      `operator ${t.name} at position ${pos} needs ${k} arguments, stack has ${stack.length}`,
      ids,
    );
  const items = stack.splice(stack.length - k, k);
  items.forEach((it, j) => {
    if (!fits(it.kind, t.args[j])) {
      throw rpnError(
        `argument ${j + 1} of ${t.name} at position ${pos} is a ${it.kind}, expected a ${t.args[j]}`,
        ids,
      );
    }
  });
  return { expr: call(t.name, ...items.map((it) => it.expr)), kind: 'series' };
}

function fits(have: StackItem['kind'], want: ArgKind): boolean {
  if (want === 'series') return have === 'series' || have === 'constant';
  return have === want;
}

function rpnError(message: string, ids: readonly number[]): AgoraError {
  return new AgoraError('FORMULA_PARSE', `invalid RPN sequence: ${message}`, {
    tokens: [...ids],
    hint: 'a valid sequence pushes operands and then the operator that consumes them, ending with one series',
  });
}

/** Token texts of a sequence (for logs). */
export function rpnText(ids: readonly number[], vocab: Vocabulary): string {
  return ids
    .filter((id) => id !== PAD_ID)
    .map((id) => vocab.token(id).text)
    .join(' ');
}

/** Canonical text of a decoded sequence. */
export function rpnToFormula(ids: readonly number[], vocab: Vocabulary): string {
  return print(fromRpn(ids, vocab));
}
