/** The default operator registry: the kernels of ops/ (looked up by canonical name). */
import type { OpLookup } from './dag.js';
import { OPS } from './ops/index.js';
import type { OpSpec } from './types.js';

const table = OPS as unknown as ReadonlyMap<string, OpSpec> | Readonly<Record<string, OpSpec>>;

export const defaultOps: OpLookup =
  table instanceof Map
    ? (name) => table.get(name)
    : (name) => (Object.hasOwn(table, name) ? (table as Readonly<Record<string, OpSpec>>)[name] : undefined);
