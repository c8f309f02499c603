/**
 * Out-of-sample scoring of a pool: each member and the weighted combination on every split part
 * (IC and RankIC through src/eval). Members are normalised per date exactly as in the pool
 * (per-date ranks first for the rank_ic objective, then z-score, missing -> 0); per-date
 * normalisation never mixes dates, so normalising the whole panel once equals normalising each
 * part separately.
 */
import { evaluateSignal, type IcSummary } from '../eval/index.js';
import { rankRows, zscoreRows } from './cross-section.js';
import type { PoolObjective, PoolSnapshot } from './pool.js';
import { evaluateFormula, type MiningData, rows } from './protocol.js';

export interface PartScore {
  ic: number;
  rankIc: number;
  icir: number;
  rankIcir: number;
  icTstat: number;
  days: number;
}

export interface AlphaScore {
  formula: string;
  weight: number;
  scores: Record<string, PartScore>;
}

export interface PoolScore {
  alphas: AlphaScore[];
  combined: Record<string, PartScore>;
  /** The combined signal over the whole panel (normalised units). */
  combinedValues: Float64Array;
}

function partScore(ic: IcSummary, rankIc: IcSummary): PartScore {
  return {
    ic: ic.mean,
    rankIc: rankIc.mean,
    icir: ic.icir,
    rankIcir: rankIc.icir,
    icTstat: ic.tNW,
    days: ic.days,
  };
}

export function normaliseForPool(
  data: MiningData,
  raw: Float64Array,
  objective: PoolObjective,
): Float64Array {
  const { T, N } = data.panel;
  const src = objective === 'rank_ic' ? rankRows(raw, T, N, data.eligible) : Float64Array.from(raw);
  return zscoreRows(src, T, N, data.eligible, 0);
}

export function scoreSignal(data: MiningData, signal: Float64Array): Record<string, PartScore> {
  const N = data.panel.N;
  const out: Record<string, PartScore> = {};
  for (const p of data.parts) {
    const r = evaluateSignal({
      signal: rows(signal, N, p),
      label: rows(data.label, N, p),
      eligible: data.eligible ? rows(data.eligible, N, p) : undefined,
      T: p.end - p.start,
      N,
      horizon: data.horizon,
    });
    out[p.part] = partScore(r.ic, r.rankIc);
  }
  return out;
}

export function scorePool(data: MiningData, snapshot: PoolSnapshot, objective: PoolObjective): PoolScore {
  const size = data.panel.size;
  const combinedValues = new Float64Array(size);
  const alphas: AlphaScore[] = [];
  for (const m of snapshot.members) {
    const raw = evaluateFormula(data, m.formula);
    if (!raw) continue;
    const z = normaliseForPool(data, raw, objective);
    for (let i = 0; i < size; i++) combinedValues[i] += m.weight * z[i];
    alphas.push({ formula: m.formula, weight: m.weight, scores: scoreSignal(data, raw) });
  }
  return { alphas, combined: scoreSignal(data, combinedValues), combinedValues };
}
