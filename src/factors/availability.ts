/**
 * Whether a factor can be computed from a panel: `ok`, or `needs <field>` naming what is
 * missing. A factor is never computed from a substitute unless the caller opted into a declared
 * fallback, and every fallback used is reported.
 */
import type { Panel } from '../data/index.js';
import type { FactorEntry } from './registry.js';

export interface AvailabilityOptions {
  /** Opt in: vwap = (high + low + close) / 3 when the panel has no vwap. */
  vwapFallback?: boolean;
  /** Opt in: use the `industry` column for sector / subindustry neutralisation. */
  groupFromIndustry?: boolean;
}

export interface Availability {
  /** `ok` or `needs a, b`. */
  status: string;
  missing: string[];
  /** Declared fallbacks this factor would use (names from FALLBACK_DOCS). */
  fallbacks: string[];
}

/** What a missing field means for a person (shown next to `needs <field>`). */
export const MISSING_REASON: Readonly<Record<string, string>> = {
  vwap: 'no vwap column (add vwap, or opt into the (high+low+close)/3 fallback)',
  amount: 'no amount (traded value) column',
  cap: 'no market-cap column',
  industry: 'no industry classification column',
  sector: 'no sector classification column (or opt into using industry)',
  subindustry: 'no subindustry classification column (or opt into using industry)',
  bench_open: 'no benchmark index series (attach one, e.g. 000300.SH)',
  bench_close: 'no benchmark index series (attach one, e.g. 000300.SH)',
  fama_french: 'Fama-French factors (MKT, SMB, HML) are not available',
};

type Resolution = { ok: true; fallback?: string } | { ok: false; missing: string };

function resolveField(name: string, has: (f: string) => boolean, opts: AvailabilityOptions): Resolution[] {
  if (has(name)) return [{ ok: true }];
  if (name === 'vwap') {
    const hlc = has('high') && has('low') && has('close');
    return [opts.vwapFallback && hlc ? { ok: true, fallback: 'vwap_hlc3' } : { ok: false, missing: 'vwap' }];
  }
  if (name === 'dollar_volume') {
    if (has('amount')) return [{ ok: true }];
    return [...resolveField('vwap', has, opts), ...resolveField('volume', has, opts)];
  }
  if ((name === 'sector' || name === 'subindustry') && opts.groupFromIndustry && has('industry')) {
    return [{ ok: true, fallback: 'group_from_industry' }];
  }
  return [{ ok: false, missing: name }];
}

/** Availability of one factor given the panel's field names. */
export function availability(
  entry: FactorEntry,
  has: (field: string) => boolean,
  opts: AvailabilityOptions = {},
): Availability {
  if (entry.unavailable) {
    return { status: `needs ${entry.unavailable.needs}`, missing: [entry.unavailable.needs], fallbacks: [] };
  }
  const missing = new Set<string>();
  const fallbacks = new Set<string>();
  for (const f of entry.fields) {
    for (const r of resolveField(f, has, opts)) {
      if (!r.ok) missing.add(r.missing);
      else if (r.fallback) fallbacks.add(r.fallback);
    }
  }
  const m = [...missing].sort();
  return { status: m.length ? `needs ${m.join(', ')}` : 'ok', missing: m, fallbacks: [...fallbacks].sort() };
}

export function panelAvailability(
  entry: FactorEntry,
  panel: Panel,
  opts: AvailabilityOptions = {},
): Availability {
  return availability(entry, (f) => panel.hasField(f), opts);
}

/** The reason text of an unavailable factor (its own reason, or the missing fields explained). */
export function unavailableReason(entry: FactorEntry, a: Availability): string {
  if (entry.unavailable) return entry.unavailable.reason;
  return a.missing.map((m) => `${m}: ${MISSING_REASON[m] ?? 'field missing from the panel'}`).join('; ');
}
