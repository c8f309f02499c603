/**
 * The mining token space: features, operators (with their stack shape), constants, windows and
 * SEP. Token ids start at 1 so that 0 stays free for padding in policy inputs.
 * The default is AlphaGen-compatible (features, operators, constants and windows of the paper).
 */
import { AgoraError } from '../core/index.js';

/** Stack shape of an operator: unary f(x), binary f(x, y), rolling f(x, d), pair rolling f(x, y, d). */
export type OperatorShape = 'unary' | 'binary' | 'rolling' | 'pair_rolling';

export interface OperatorDef {
  /** Name in AlphaGen/Qlib syntax, as the formula text is written (e.g. `Mean`). */
  name: string;
  shape: OperatorShape;
}

export type Token =
  | { kind: 'feature'; name: string }
  | { kind: 'operator'; op: OperatorDef }
  | { kind: 'constant'; value: number }
  | { kind: 'window'; value: number }
  | { kind: 'sep' };

export const PAD_ID = 0;

export const ALPHAGEN_OPERATORS: readonly OperatorDef[] = [
  { name: 'Abs', shape: 'unary' },
  { name: 'Log', shape: 'unary' },
  { name: 'Add', shape: 'binary' },
  { name: 'Sub', shape: 'binary' },
  { name: 'Mul', shape: 'binary' },
  { name: 'Div', shape: 'binary' },
  { name: 'Greater', shape: 'binary' },
  { name: 'Less', shape: 'binary' },
  { name: 'Ref', shape: 'rolling' },
  { name: 'Mean', shape: 'rolling' },
  { name: 'Sum', shape: 'rolling' },
  { name: 'Std', shape: 'rolling' },
  { name: 'Var', shape: 'rolling' },
  { name: 'Max', shape: 'rolling' },
  { name: 'Min', shape: 'rolling' },
  { name: 'Med', shape: 'rolling' },
  { name: 'Mad', shape: 'rolling' },
  { name: 'Delta', shape: 'rolling' },
  { name: 'WMA', shape: 'rolling' },
  { name: 'EMA', shape: 'rolling' },
  { name: 'Cov', shape: 'pair_rolling' },
  { name: 'Corr', shape: 'pair_rolling' },
];

/** Operators that can be selected on top of the default set. */
export const EXTRA_OPERATORS: readonly OperatorDef[] = [
  { name: 'CSRank', shape: 'unary' },
  { name: 'Sign', shape: 'unary' },
  { name: 'Skew', shape: 'rolling' },
  { name: 'Kurt', shape: 'rolling' },
  { name: 'Rank', shape: 'rolling' },
  { name: 'Slope', shape: 'rolling' },
];

export interface TokenSpaceConfig {
  features: readonly string[];
  operators: readonly string[];
  constants: readonly number[];
  windows: readonly number[];
  /** Maximum tokens in a sequence, SEP included. */
  maxLength: number;
}

export const ALPHAGEN_TOKEN_CONFIG: TokenSpaceConfig = {
  features: ['open', 'close', 'high', 'low', 'volume', 'vwap'],
  operators: ALPHAGEN_OPERATORS.map((o) => o.name),
  constants: [-30, -10, -5, -2, -1, -0.5, -0.01, 0.01, 0.5, 1, 2, 5, 10, 30],
  windows: [10, 20, 30, 40, 50],
  maxLength: 20,
};

export class TokenSpace {
  readonly config: TokenSpaceConfig;
  /** tokens[id - 1] is the token with that id. */
  readonly tokens: readonly Token[];
  readonly sepId: number;
  /** Number of ids including PAD (0): policy output size is `size - 1` actions mapped to ids 1..size-1. */
  readonly size: number;

  constructor(config: TokenSpaceConfig = ALPHAGEN_TOKEN_CONFIG) {
    if (config.maxLength < 2) {
      throw new AgoraError('INVALID_ARGUMENT', `token space maxLength must be >= 2, got ${config.maxLength}`);
    }
    const known = new Map([...ALPHAGEN_OPERATORS, ...EXTRA_OPERATORS].map((o) => [o.name.toLowerCase(), o]));
    const tokens: Token[] = [];
    for (const f of config.features) tokens.push({ kind: 'feature', name: f });
    for (const name of config.operators) {
      const op = known.get(name.toLowerCase());
      if (!op) {
        throw new AgoraError('INVALID_ARGUMENT', `unknown mining operator '${name}'`, {
          hint: `choose from ${[...known.values()].map((o) => o.name).join(', ')}`,
        });
      }
      tokens.push({ kind: 'operator', op });
    }
    for (const c of config.constants) tokens.push({ kind: 'constant', value: c });
    for (const w of config.windows) {
      if (!Number.isInteger(w) || w < 1)
        throw new AgoraError('INVALID_ARGUMENT', `window ${w} must be an integer >= 1`);
      tokens.push({ kind: 'window', value: w });
    }
    tokens.push({ kind: 'sep' });
    this.config = config;
    this.tokens = tokens;
    this.sepId = tokens.length;
    this.size = tokens.length + 1;
  }

  /** Number of real actions (ids 1..actions). */
  get actions(): number {
    return this.tokens.length;
  }

  token(id: number): Token {
    const t = this.tokens[id - 1];
    if (!t) throw new AgoraError('INVALID_ARGUMENT', `token id ${id} outside 1..${this.tokens.length}`);
    return t;
  }

  describe(id: number): string {
    const t = this.token(id);
    switch (t.kind) {
      case 'feature':
        return `$${t.name}`;
      case 'operator':
        return t.op.name;
      case 'constant':
        return String(t.value);
      case 'window':
        return `${t.value}d`;
      case 'sep':
        return 'SEP';
    }
  }
}
