/** Static checks of a factor formula: parses (done by the registry) and lints clean. */
import { lint } from '../expr/index.js';
import type { FactorEntry } from './registry.js';

/** Lint problems of a factor (errors and warnings, as text); empty when clean. */
export function lintFormula(entry: FactorEntry): string[] {
  if (!entry.expr) return [];
  return lint(entry.expr).map((i) => `${i.severity} ${i.rule}: ${i.message}`);
}
