/**
 * RPN expression builder with a validity mask at every step.
 *
 * Stack rules (AlphaGen's, made exact): every operand of an operator must be a *featured*
 * expression (one that depends on at least one feature), except that a binary operator may take
 * one constant operand, so a constant is pushed only on an empty stack or on a featured top; a window token may only follow a featured expression and must be followed
 * by a rolling operator (a pair-rolling one needs two featured expressions under the window);
 * SEP is allowed only when the stack holds exactly one featured expression. On top of that a
 * remaining-length feasibility check masks every token after which the sequence could no longer
 * be completed within `maxLength` tokens (SEP included), so no sampled sequence is ever invalid
 * or unfinished.
 */
import { AgoraError } from '../core/index.js';
import type { Token, TokenSpace } from './tokens.js';

export type StackItem =
  | { kind: 'featured'; text: string }
  | { kind: 'constant'; text: string }
  | { kind: 'window'; value: number };

export class RpnBuilder {
  readonly space: TokenSpace;
  private stack: StackItem[] = [];
  private ids: number[] = [];
  private finished = false;

  constructor(space: TokenSpace) {
    this.space = space;
  }

  get length(): number {
    return this.ids.length;
  }

  get done(): boolean {
    return this.finished;
  }

  get sequence(): readonly number[] {
    return this.ids;
  }

  reset(): void {
    this.stack = [];
    this.ids = [];
    this.finished = false;
  }

  /** Writes 1 for every valid next token id into `out` (length >= space.size; out[0], PAD, is 0). */
  validMask(out: Uint8Array = new Uint8Array(this.space.size)): Uint8Array {
    out.fill(0);
    if (this.finished) return out;
    const remainingAfter = this.space.config.maxLength - this.ids.length - 1;
    for (let id = 1; id < this.space.size; id++)
      if (this.fits(this.space.token(id), remainingAfter)) out[id] = 1;
    return out;
  }

  isValid(id: number): boolean {
    if (this.finished || id < 1 || id >= this.space.size) return false;
    return this.fits(this.space.token(id), this.space.config.maxLength - this.ids.length - 1);
  }

  private fits(t: Token, remainingAfter: number): boolean {
    if (!this.structurallyValid(t)) return false;
    if (t.kind === 'sep') return true;
    return minTokensToFinish(applyToken(this.stack, t)) <= remainingAfter;
  }

  push(id: number): void {
    if (!this.isValid(id)) {
      const where = this.ids.map((i) => this.space.describe(i)).join(' ');
      throw new AgoraError('INVALID_ARGUMENT', `token ${id} is not valid after [${where}]`);
    }
    const t = this.space.token(id);
    this.ids.push(id);
    if (t.kind === 'sep') {
      this.finished = true;
      return;
    }
    this.stack = applyToken(this.stack, t);
  }

  /** The finished expression as AlphaGen/Qlib formula text. */
  formula(): string {
    if (!this.finished)
      throw new AgoraError('INVALID_ARGUMENT', 'the expression is not finished (no SEP yet)');
    return (this.stack[0] as { text: string }).text;
  }

  private structurallyValid(t: Token): boolean {
    const s = this.stack;
    const top = s[s.length - 1];
    const second = s[s.length - 2];
    const third = s[s.length - 3];
    const topIsWindow = top?.kind === 'window';
    switch (t.kind) {
      case 'feature':
        return !topIsWindow;
      case 'constant':
        // Never two constants side by side: a binary operator on them would be constant-only.
        return top === undefined || top.kind === 'featured';
      case 'window':
        return top?.kind === 'featured' && this.hasRollingOperator();
      case 'sep':
        return s.length === 1 && top.kind === 'featured';
      case 'operator':
        switch (t.op.shape) {
          case 'unary':
            return top?.kind === 'featured';
          case 'binary':
            return (
              !topIsWindow &&
              second !== undefined &&
              second.kind !== 'window' &&
              (top.kind === 'featured' || second.kind === 'featured')
            );
          case 'rolling':
            return topIsWindow && second?.kind === 'featured';
          case 'pair_rolling':
            return topIsWindow && second?.kind === 'featured' && third?.kind === 'featured';
        }
    }
  }

  private hasRollingOperator(): boolean {
    return this.space.tokens.some(
      (t) => t.kind === 'operator' && (t.op.shape === 'rolling' || t.op.shape === 'pair_rolling'),
    );
  }
}

function applyToken(stack: StackItem[], t: Token): StackItem[] {
  const s = stack.slice();
  switch (t.kind) {
    case 'feature':
      s.push({ kind: 'featured', text: `$${t.name}` });
      return s;
    case 'constant':
      s.push({ kind: 'constant', text: formatConstant(t.value) });
      return s;
    case 'window':
      s.push({ kind: 'window', value: t.value });
      return s;
    case 'sep':
      return s;
    case 'operator': {
      const name = t.op.name;
      if (t.op.shape === 'unary') {
        const x = s.pop() as { text: string };
        s.push({ kind: 'featured', text: `${name}(${x.text})` });
      } else if (t.op.shape === 'binary') {
        const y = s.pop() as { text: string };
        const x = s.pop() as { text: string };
        s.push({ kind: 'featured', text: `${name}(${x.text}, ${y.text})` });
      } else if (t.op.shape === 'rolling') {
        const d = s.pop() as { value: number };
        const x = s.pop() as { text: string };
        s.push({ kind: 'featured', text: `${name}(${x.text}, ${d.value})` });
      } else {
        const d = s.pop() as { value: number };
        const y = s.pop() as { text: string };
        const x = s.pop() as { text: string };
        s.push({ kind: 'featured', text: `${name}(${x.text}, ${y.text}, ${d.value})` });
      }
      return s;
    }
  }
}

function formatConstant(v: number): string {
  return Number.isInteger(v) ? `${v}.0` : String(v);
}

/**
 * Fewest tokens (SEP included) that turn this stack into one featured expression followed by SEP,
 * given the invariant that no two constants are adjacent (so every binary reduction is legal).
 * A pending window needs its rolling operator; every extra item needs one binary operator; a
 * stack with no featured item (at most one constant) first needs a feature pushed.
 */
export function minTokensToFinish(stack: readonly StackItem[]): number {
  let ops = 0;
  let items = stack.length;
  let featured = 0;
  for (const it of stack) if (it.kind === 'featured') featured++;
  if (items > 0 && stack[items - 1].kind === 'window') {
    ops += 1; // the rolling operator turns (featured, window) into one featured item
    items -= 1;
  }
  if (items === 0) return ops + 1 + 1; // push a feature, then SEP
  if (featured === 0) return ops + 1 + items + 1; // a feature, `items` binary ops, SEP
  return ops + (items - 1) + 1;
}

/** Replay a token sequence (with or without the final SEP); null when any token is invalid. */
export function replay(space: TokenSpace, ids: readonly number[]): RpnBuilder | null {
  const b = new RpnBuilder(space);
  for (const id of ids) {
    if (!b.isValid(id)) return null;
    b.push(id);
  }
  if (!b.done) {
    if (!b.isValid(space.sepId)) return null;
    b.push(space.sepId);
  }
  return b;
}

/** Sample one finished sequence from the validity masks with uniform choice among valid tokens. */
export function sampleUniform(
  space: TokenSpace,
  rng: { int(n: number): number },
  mask?: Uint8Array,
): RpnBuilder {
  const b = new RpnBuilder(space);
  const m = mask ?? new Uint8Array(space.size);
  const valid = new Int32Array(space.size);
  while (!b.done) {
    b.validMask(m);
    let n = 0;
    for (let i = 1; i < m.length; i++) if (m[i]) valid[n++] = i;
    b.push(valid[rng.int(n)]);
  }
  return b;
}
