/** Shared types of the factor libraries. */
import type { Mode } from '../expr/index.js';

export type FamilyName = 'alpha101' | 'gtja191' | 'alpha158' | 'alpha360' | 'user';

/** One factor as written in a library file (before the engine looks at it). */
export interface FactorSource {
  /** `alpha101_001`, `gtja191_001`, `alpha158_KMID`, `alpha360_CLOSE59`, `user_<name>`. */
  id: string;
  family: FamilyName;
  /** The text of the reference, verbatim (typos kept). */
  original: string;
  /** Our formula in the Agora expression language; undefined when it cannot be written. */
  formula: string | undefined;
  /** Named ambiguity / errata choices this factor depends on (see flags.ts). */
  flags: readonly string[];
  /** Annotation of the reference (errata mark, ports' readings). */
  note?: string;
  /** Set when no formula over panel fields exists (e.g. Fama-French factors). */
  unavailable?: { needs: string; reason: string };
}

/** Evaluation mode of each family (operators.md). */
export const FAMILY_MODE: Readonly<Record<FamilyName, Mode>> = {
  alpha101: 'canonical',
  gtja191: 'canonical',
  alpha158: 'qlib',
  alpha360: 'qlib',
  user: 'canonical',
};
