/**
 * User libraries: a YAML or JSON file of named formulas, loaded with the same checks as the
 * built-in libraries (parse, no future references, known fields). Accepted shapes:
 *
 *   factors:                     # or the map at the top level
 *     mom20: close / ts_ref(close, 20) - 1
 *     rev5: { formula: "-1 * ts_delta(close, 5)", description: "5-day reversal" }
 *   mode: canonical              # optional: canonical | qlib | alphagen
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { AgoraError, parseConfig, z } from '../core/index.js';
import { lintFormula } from './checks.js';
import { type FactorEntry, toEntry } from './registry.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const factorSchema = z.union([
  z.string().min(1),
  z.object({ formula: z.string().min(1), description: z.string().optional() }).strict(),
]);

const fileSchema = z
  .object({
    name: z.string().optional(),
    mode: z.enum(['canonical', 'qlib', 'alphagen']).optional(),
    factors: z.record(z.string().regex(NAME, 'factor names are letters, digits and _'), factorSchema),
  })
  .strict();

/** Parse the text of a user library (YAML is a superset of JSON, so one reader serves both). */
export function parseUserLibrary(text: string, source = 'user library'): FactorEntry[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    throw new AgoraError('CONFIG_INVALID', `cannot read ${source}: ${(e as Error).message}`, {
      file: source,
      hint: 'write a YAML or JSON map of name: formula',
    });
  }
  const isWrapped = typeof data === 'object' && data !== null && 'factors' in data;
  const cfg = parseConfig(fileSchema, isWrapped ? data : { factors: data }, source);
  return Object.entries(cfg.factors).map(([name, spec]) => {
    const formula = typeof spec === 'string' ? spec : spec.formula;
    const src = {
      id: `user_${name}`,
      family: 'user' as const,
      original: formula,
      formula,
      flags: [],
      note: typeof spec === 'string' ? undefined : spec.description,
    };
    const entry = toEntry(src, cfg.mode ?? 'canonical');
    const problems = lintFormula(entry);
    if (problems.length > 0) {
      throw new AgoraError('FORMULA_SEMANTIC', `factor '${name}' in ${source}: ${problems.join('; ')}`, {
        file: source,
        formula,
        hint: 'factors may read only past and present data; use labels for forward returns',
      });
    }
    return entry;
  });
}

export function loadUserLibrary(path: string): FactorEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AgoraError('NOT_FOUND', `cannot read user library: ${(e as Error).message}`, {
      file: path,
      hint: 'check the path passed to --user',
    });
  }
  return parseUserLibrary(text, path);
}
