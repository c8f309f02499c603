/** Subtree structure of RPN token sequences (for genetic operators): each token's subtree span. */
import type { Token, TokenSpace } from './tokens.js';

export function arity(t: Token): number {
  if (t.kind !== 'operator') return 0;
  switch (t.op.shape) {
    case 'unary':
      return 1;
    case 'binary':
    case 'rolling':
      return 2;
    case 'pair_rolling':
      return 3;
  }
}

/** starts[i] = index of the first token of the subtree that ends at token i (SEP excluded). */
export function subtreeStarts(space: TokenSpace, ids: readonly number[]): Int32Array {
  const starts = new Int32Array(ids.length);
  const stack: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const t = space.token(ids[i]);
    if (t.kind === 'sep') {
      starts[i] = i;
      continue;
    }
    const k = arity(t);
    const start = k > 0 ? stack[stack.length - k] : i;
    stack.length -= k;
    stack.push(start);
    starts[i] = start;
  }
  return starts;
}

/** Indices of tokens that root a featured subtree (features and operators). */
export function featuredNodes(space: TokenSpace, ids: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const k = space.token(ids[i]).kind;
    if (k === 'feature' || k === 'operator') out.push(i);
  }
  return out;
}

/** Strip a trailing SEP. */
export function body(space: TokenSpace, ids: readonly number[]): number[] {
  return ids.length > 0 && ids[ids.length - 1] === space.sepId ? ids.slice(0, -1) : ids.slice();
}
