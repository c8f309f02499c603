/**
 * The mining protocol: data, universe, label and split resolved once into a `MiningData`
 * that every generator and the final evaluation share. Model and pool selection only ever see
 * train (and valid); the test split is scored once, at the end, by `scorePool`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AgoraError, isAgoraError } from '../core/index.js';
import {
  type DateRange,
  loadMembership,
  loadPanel,
  makeSplit,
  membershipMask,
  type Panel,
  type Split,
  type SplitPart,
  splitPreset,
} from '../data/index.js';
import { eligibilityMask, evaluate, lookahead, type Mode, parse } from '../expr/index.js';

export interface ProtocolConfig {
  data: string;
  /** 'kdd': AlphaGen's protocol (train to 2018, valid 2019, test 2020-2021, 20-day close label, CSI300). */
  preset: 'kdd' | 'custom';
  label: string;
  /** 'csi300' (point-in-time membership), or 'all' listed assets. */
  universe: 'csi300' | 'all';
  membership?: string;
  train?: DateRange;
  valid?: DateRange;
  test?: DateRange;
  mode: Mode;
  /** Use (high+low+close)/3 as VWAP when the data has none (declared in the results). */
  vwapFallback: boolean;
}

export const KDD_LABEL = 'Ref($close, -20) / $close - 1';

export interface PartSlice {
  part: SplitPart;
  from: string;
  to: string;
  /** Date rows [start, end) of the full panel. */
  start: number;
  end: number;
}

export interface MiningData {
  panel: Panel;
  label: Float64Array;
  horizon: number;
  eligible: Uint8Array | undefined;
  split: Split;
  parts: PartSlice[];
  fallbacks: string[];
  config: ProtocolConfig;
}

/** Resolve the protocol; `given` replaces loading `config.data` (synthetic or in-memory panels). */
export async function prepareMiningData(config: ProtocolConfig, given?: Panel): Promise<MiningData> {
  let panel = given ?? (await loadPanel(config.data));
  const fallbacks: string[] = [];
  if (config.universe === 'csi300') {
    const path = config.membership ?? join(dirname(config.data), 'cn_index_membership_2010_2021.csv');
    if (!existsSync(path)) {
      throw new AgoraError(
        'NOT_FOUND',
        `universe csi300 needs a membership interval file; ${path} does not exist`,
        {
          hint: 'pass --membership <csv with index,symbol,start_date,end_date> or --universe all',
        },
      );
    }
    panel = panel.withUniverse(membershipMask(panel, await loadMembership(path, 'csi300')));
  }
  if (!panel.hasField('vwap') && !panel.hasField('amount')) {
    if (!config.vwapFallback) {
      throw new AgoraError(
        'UNAVAILABLE',
        'the data has no vwap or amount column, and the token space uses $vwap',
        {
          hint: 'pass --vwap-fallback to use (high+low+close)/3 (recorded in the results), or drop vwap from --features',
        },
      );
    }
    fallbacks.push('vwap=(high+low+close)/3');
  }
  const labelAst = parse(config.label);
  const horizon = lookahead(labelAst);
  if (!(horizon >= 1)) {
    throw new AgoraError('INVALID_ARGUMENT', `the label '${config.label}' does not look into the future`, {
      hint: "a label must reference future data, e.g. 'Ref($close, -20) / $close - 1'",
    });
  }
  const label = evaluate(labelAst, panel, { allowFuture: true, mode: config.mode, cache: false });
  const split =
    config.preset === 'kdd'
      ? splitPreset('alphagen-kdd', panel.dates, horizon)
      : makeSplit(
          panel.dates,
          { train: config.train ?? {}, valid: config.valid, test: config.test ?? {} },
          horizon,
        );
  const parts: PartSlice[] = [];
  for (const part of ['train', 'valid', 'test'] as const) {
    const r = split.parts[part];
    if (r) parts.push({ part, from: r.from, to: r.to, start: r.start, end: r.end });
  }
  const eligible = eligibilityMask(panel, 'universe');
  return { panel, label, horizon, eligible, split, parts, fallbacks, config };
}

export function partOf(data: MiningData, part: SplitPart): PartSlice {
  const p = data.parts.find((x) => x.part === part);
  if (!p) throw new AgoraError('NOT_FOUND', `the split has no ${part} part`);
  return p;
}

/** Rows [start, end) of a full-panel array as a zero-copy view (date-major layout). */
export function rows<A extends Float64Array | Uint8Array>(values: A, N: number, p: PartSlice): A {
  return values.subarray(p.start * N, p.end * N) as A;
}

/** Evaluate a mining formula over the whole panel (causal operators: no look-ahead). */
export function evaluateFormula(data: MiningData, formula: string): Float64Array | null {
  try {
    return evaluate(formula, data.panel, {
      mode: data.config.mode,
      eligibility: 'universe',
      vwapFallback: data.fallbacks.length > 0,
    });
  } catch (e) {
    // A generated formula the engine refuses (e.g. a window longer than the data) scores as a
    // failure; anything else is a bug and propagates.
    if (isAgoraError(e) && e.code !== 'INTERNAL') return null;
    throw e;
  }
}
