/**
 * The formula AST shared by every dialect. Three node kinds:
 * - `num`: a numeric literal (a constant series where a series is expected, or a window /
 *   constant parameter where the operator signature asks for one);
 * - `field`: a panel field (`close`, `industry`...), canonical lower-case name;
 * - `call`: a canonical operator (lower_snake name from the catalogue) with its arguments in
 *   signature order (series and group arguments are nodes, window and constant arguments are
 *   `num` nodes).
 * Nodes are plain immutable data: deep equality is structural equality.
 */
export interface NumNode {
  readonly kind: 'num';
  readonly value: number;
}

export interface FieldNode {
  readonly kind: 'field';
  readonly name: string;
}

export interface CallNode {
  readonly kind: 'call';
  readonly op: string;
  readonly args: readonly Expr[];
}

export type Expr = NumNode | FieldNode | CallNode;

export function num(value: number): NumNode {
  return { kind: 'num', value };
}

export function field(name: string): FieldNode {
  return { kind: 'field', name };
}

export function call(op: string, ...args: Expr[]): CallNode {
  return { kind: 'call', op, args };
}

/** Visit every node, parents before children. */
export function walk(e: Expr, visit: (node: Expr, depth: number) => void, depth = 0): void {
  visit(e, depth);
  if (e.kind === 'call') for (const a of e.args) walk(a, visit, depth + 1);
}

/** Number of nodes in the tree (shared subtrees counted once per occurrence). */
export function nodeCount(e: Expr): number {
  let n = 0;
  walk(e, () => {
    n++;
  });
  return n;
}

/** Structural equality. */
export function exprEquals(a: Expr, b: Expr): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'num') return Object.is(a.value, (b as NumNode).value);
  if (a.kind === 'field') return a.name === (b as FieldNode).name;
  const c = b as CallNode;
  if (a.op !== c.op || a.args.length !== c.args.length) return false;
  return a.args.every((x, i) => exprEquals(x, c.args[i]));
}
