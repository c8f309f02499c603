/**
 * A summary of a panel for people and for JSON: sizes, dates, per-field missing values,
 * suspended rows, limit-hit days (markets with limits), adjustment-factor steps and, given
 * membership intervals, universe coverage.
 */
import type { Panel } from './panel.js';
import { fillability } from './rules/fillability.js';
import { type MembershipInterval, membershipMask } from './universe/membership.js';

export interface FieldSummary {
  name: string;
  missing: number;
  min: number | null;
  max: number | null;
  categories?: number;
}

export interface InspectReport {
  source: string | undefined;
  market: string;
  frequency: string;
  assets: number;
  dates: number;
  firstDate: string | null;
  lastDate: string | null;
  rows: number;
  suspendedRows: number;
  symbols: { first: string[]; last: string[] };
  fields: FieldSummary[];
  limits?: { limitUpRows: number; limitDownRows: number; blockedBuyRows: number; blockedSellRows: number };
  factor?: { stepUpRows: number; stepDownRows: number; assetsWithSteps: number };
  universe?: {
    intervals: number;
    membersPerDate: { min: number; mean: number; max: number };
    membersWithData: { min: number; mean: number; max: number };
  };
  notes: Record<string, string>;
  fallbacks: readonly string[];
}

function fieldSummary(panel: Panel, name: string): FieldSummary {
  const v = panel.field(name);
  let missing = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < v.length; i++) {
    if (panel.listed[i] !== 1) continue;
    const x = v[i];
    if (Number.isNaN(x)) missing++;
    else {
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  const cats = panel.meta.categories?.[name];
  return {
    name,
    missing,
    min: Number.isFinite(min) ? min : null,
    max: Number.isFinite(max) ? max : null,
    ...(cats ? { categories: cats.length } : {}),
  };
}

function factorSteps(panel: Panel): InspectReport['factor'] {
  const f = panel.field('factor');
  const { T, N } = panel;
  let up = 0;
  let down = 0;
  const touched = new Uint8Array(N);
  const last = new Float64Array(N).fill(Number.NaN);
  for (let t = 0; t < T; t++) {
    for (let a = 0; a < N; a++) {
      const x = f[t * N + a];
      if (Number.isNaN(x)) continue;
      if (x > last[a]) up++;
      if (x < last[a]) down++;
      if (x !== last[a] && !Number.isNaN(last[a])) touched[a] = 1;
      last[a] = x;
    }
  }
  return { stepUpRows: up, stepDownRows: down, assetsWithSteps: touched.reduce((s, x) => s + x, 0) };
}

function stats(xs: number[]): { min: number; mean: number; max: number } {
  if (xs.length === 0) return { min: 0, mean: 0, max: 0 };
  let s = 0;
  for (const x of xs) s += x;
  return { min: Math.min(...xs), mean: Math.round((s / xs.length) * 10) / 10, max: Math.max(...xs) };
}

function coverage(panel: Panel, intervals: readonly MembershipInterval[]): InspectReport['universe'] {
  const mask = membershipMask(panel, intervals);
  const per: number[] = [];
  const withData: number[] = [];
  for (let t = 0; t < panel.T; t++) {
    let m = 0;
    for (const iv of intervals) {
      const d = panel.dates[t].slice(0, 10);
      if (iv.start <= d && d <= iv.end) m++;
    }
    let w = 0;
    for (let a = 0; a < panel.N; a++) w += mask[t * panel.N + a] & panel.listed[t * panel.N + a];
    per.push(m);
    withData.push(w);
  }
  return { intervals: intervals.length, membersPerDate: stats(per), membersWithData: stats(withData) };
}

function countOnes(m: Uint8Array, within: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < m.length; i++) n += m[i] & within[i];
  return n;
}

export function inspectPanel(panel: Panel, intervals?: readonly MembershipInterval[]): InspectReport {
  const rows = countOnes(panel.listed, panel.listed);
  const report: InspectReport = {
    source: panel.meta.source,
    market: panel.meta.market,
    frequency: panel.meta.frequency,
    assets: panel.N,
    dates: panel.T,
    firstDate: panel.dates[0] ?? null,
    lastDate: panel.dates[panel.T - 1] ?? null,
    rows,
    suspendedRows: rows - countOnes(panel.tradable, panel.listed),
    symbols: { first: panel.assets.slice(0, 5), last: panel.assets.slice(-3) },
    fields: panel.fieldNames.map((f) => fieldSummary(panel, f)),
    notes: panel.meta.notes ?? {},
    fallbacks: panel.meta.fallbacks ?? [],
  };
  if (['open', 'high', 'low', 'close'].every((f) => panel.hasField(f))) {
    const fl = fillability(panel);
    const blocked = (m: Uint8Array) =>
      countOnes(panel.tradable, panel.tradable) - countOnes(m, panel.tradable);
    report.limits = {
      limitUpRows: countOnes(fl.limitUp, panel.tradable),
      limitDownRows: countOnes(fl.limitDown, panel.tradable),
      blockedBuyRows: blocked(fl.canBuy),
      blockedSellRows: blocked(fl.canSell),
    };
  }
  if (panel.hasField('factor')) report.factor = factorSteps(panel);
  if (intervals) report.universe = coverage(panel, intervals);
  return report;
}
