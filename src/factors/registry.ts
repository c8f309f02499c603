/**
 * The factor registry: every library factor parsed once, with the fields it reads (from the
 * AST), its look-back (from the engine) and its evaluation mode. Panel-dependent status lives
 * in availability.ts.
 */
import { AgoraError } from '../core/index.js';
import { type Expr, lookback, type Mode, parse, walk } from '../expr/index.js';
import { ALPHA101 } from './alpha101.js';
import { ALPHA158 } from './alpha158.js';
import { ALPHA360 } from './alpha360.js';
import { GTJA191 } from './gtja191.js';
import { FAMILY_MODE, type FactorSource, type FamilyName } from './types.js';

export interface FactorEntry extends FactorSource {
  /** Parsed formula; undefined when the factor has no formula (see `unavailable`). */
  readonly expr: Expr | undefined;
  /** Panel fields the formula reads, sorted (after macro expansion: `returns` reads close). */
  readonly fields: readonly string[];
  /** Past rows needed beyond today (engine look-back of the AST). */
  readonly lookback: number;
  readonly mode: Mode;
}

export const LIBRARY_NAMES = ['alpha101', 'gtja191', 'alpha158', 'alpha360'] as const;
export type LibraryName = (typeof LIBRARY_NAMES)[number];

const SOURCES: Readonly<Record<LibraryName, readonly FactorSource[]>> = {
  alpha101: ALPHA101,
  gtja191: GTJA191,
  alpha158: ALPHA158,
  alpha360: ALPHA360,
};

const cache = new Map<LibraryName, readonly FactorEntry[]>();

/** Fields read by an expression (sorted, unique). */
export function exprFields(e: Expr): string[] {
  const out = new Set<string>();
  walk(e, (n) => {
    if (n.kind === 'field') out.add(n.name);
  });
  return [...out].sort();
}

/** Parse one factor source into a registry entry; errors name the factor. */
export function toEntry(src: FactorSource, mode: Mode = FAMILY_MODE[src.family]): FactorEntry {
  if (src.formula === undefined) return { ...src, expr: undefined, fields: [], lookback: 0, mode };
  let expr: Expr;
  try {
    expr = parse(src.formula);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new AgoraError('FORMULA_PARSE', `factor ${src.id}: ${msg}`, {
      formula: src.formula,
      hint: 'fix the formula text of this factor',
    });
  }
  return { ...src, expr, fields: exprFields(expr), lookback: lookback(expr), mode };
}

/** All factors of one library, parsed (cached per process). */
export function library(name: LibraryName): readonly FactorEntry[] {
  let lib = cache.get(name);
  if (!lib) {
    lib = SOURCES[name].map((s) => toEntry(s));
    cache.set(name, lib);
  }
  return lib;
}

/** Parse a comma list of library names (`alpha101,gtja191`), with a helpful error. */
export function parseLibraryList(text: string): LibraryName[] {
  const names = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const n of names) {
    if (!(LIBRARY_NAMES as readonly string[]).includes(n)) {
      throw new AgoraError('INVALID_ARGUMENT', `unknown factor library '${n}'`, {
        hint: `use one or more of ${LIBRARY_NAMES.join(', ')} (comma separated), or --user <file>`,
      });
    }
  }
  return names as LibraryName[];
}

/** The factors of several libraries, in library order. */
export function libraries(names: readonly LibraryName[] = LIBRARY_NAMES): FactorEntry[] {
  return names.flatMap((n) => library(n));
}

/** Look a factor up by id across all built-in libraries. */
export function findFactor(id: string): FactorEntry | undefined {
  const family = id.split('_')[0] as FamilyName;
  if (!(LIBRARY_NAMES as readonly string[]).includes(family)) return undefined;
  return library(family as LibraryName).find((f) => f.id === id);
}
