/**
 * Hash-consed expression DAG in canonical form. Canonicalisation: arguments of commutative
 * operators sorted by key, element-wise operators on constants folded (with the kernel itself),
 * `x - x` -> 0 (documented: this also turns NaN cells of x into 0; `x / x` is not folded).
 * A node's key is its canonical text, so equal sub-expressions of different formulas share a
 * key (and a cache entry).
 */
import { AgoraError } from '../core/index.js';
import type { Expr } from './ast.js';
import { formatNumber } from './printer.js';
import { type Signature, signature } from './signatures.js';
import type { Mode, OpSpec } from './types.js';

export type OpLookup = (name: string) => OpSpec | undefined;

export interface DagNode {
  readonly key: string;
  readonly kind: 'const' | 'field' | 'op';
  /** Constant value (kind 'const'). */
  readonly value: number;
  /** Field name or operator name. */
  readonly name: string;
  /** Series and group arguments, in signature order. */
  readonly inputs: readonly DagNode[];
  /** Window and constant arguments, in signature order. */
  readonly params: readonly number[];
  readonly spec: OpSpec | undefined;
  readonly signature: Signature | undefined;
  /** Past rows needed (own + deepest input). */
  readonly lookback: number;
  /** Future rows read (labels only). */
  readonly lookahead: number;
  /** True when a cross-sectional operator is at or below this node. */
  readonly crossSectional: boolean;
}

export class Dag {
  private readonly nodes = new Map<string, DagNode>();

  constructor(
    private readonly ops: OpLookup,
    private readonly mode: Mode,
  ) {}

  get size(): number {
    return this.nodes.size;
  }

  add(e: Expr): DagNode {
    if (e.kind === 'num') return this.constant(e.value);
    if (e.kind === 'field') return this.intern(leaf('field', e.name, Number.NaN, e.name));
    return this.op(e.op, e.args);
  }

  constant(v: number): DagNode {
    const key = formatNumber(v);
    return this.intern(leaf('const', key, v, key));
  }

  private intern(n: DagNode): DagNode {
    const have = this.nodes.get(n.key);
    if (have) return have;
    this.nodes.set(n.key, n);
    return n;
  }

  private op(name: string, args: readonly Expr[]): DagNode {
    const sig = signature(name);
    const spec = this.ops(name);
    if (!sig || !spec) {
      throw new AgoraError('FORMULA_SEMANTIC', `operator '${name}' has no kernel`, {
        hint: 'use an operator from the catalogue (docs/expressions.md)',
      });
    }
    let inputs: DagNode[] = [];
    const params: number[] = [];
    args.forEach((a, i) => {
      const kind = sig.args[i];
      if (kind === 'window' || kind === 'constant') params.push(a.kind === 'num' ? a.value : Number.NaN);
      else inputs.push(this.add(a));
    });
    if (sig.commutative) inputs = [...inputs].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    if (name === 'sub' && inputs[0] === inputs[1]) return this.constant(0);
    if (sig.category === 'elementwise' && inputs.every((x) => x.kind === 'const')) {
      return this.constant(foldConstant(spec, inputs, params, this.mode));
    }
    return this.intern(opNode(name, sig, spec, inputs, params));
  }
}

function leaf(kind: 'const' | 'field', key: string, value: number, name: string): DagNode {
  return {
    key,
    kind,
    value,
    name,
    inputs: [],
    params: [],
    spec: undefined,
    signature: undefined,
    lookback: 0,
    lookahead: 0,
    crossSectional: false,
  };
}

function opNode(name: string, sig: Signature, spec: OpSpec, inputs: DagNode[], params: number[]): DagNode {
  let lb = 0;
  let la = 0;
  let cs = sig.category === 'cross_section';
  for (const x of inputs) {
    lb = Math.max(lb, x.lookback);
    la = Math.max(la, x.lookahead);
    cs ||= x.crossSectional;
  }
  const own = Math.max(0, spec.lookback(params));
  const ahead = Math.max(0, spec.lookahead?.(params) ?? 0);
  const parts: string[] = [];
  let ii = 0;
  let pi = 0;
  for (const kind of sig.args) {
    parts.push(kind === 'window' || kind === 'constant' ? formatNumber(params[pi++]) : inputs[ii++].key);
  }
  return {
    key: `${name}(${parts.join(', ')})`,
    kind: 'op',
    value: Number.NaN,
    name,
    inputs,
    params,
    spec,
    signature: sig,
    lookback: lb + own,
    lookahead: la + ahead,
    crossSectional: cs,
  };
}

function foldConstant(spec: OpSpec, inputs: DagNode[], params: number[], mode: Mode): number {
  const out = new Float64Array(1);
  const ins = inputs.map((x) => Float64Array.of(x.value));
  spec.kernel(out, ins, params, { T: 1, N: 1, mode, eligible: undefined });
  return out[0];
}
