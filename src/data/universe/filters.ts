/**
 * Composable universe filters. A filter maps a panel to a (T*N) 0/1 mask; `universeMask` ANDs
 * filters together with `listed`, and `withUniverseFilters` returns the panel with that universe.
 * Every filter is point in time: the mask at t uses data up to t only.
 */
import { AgoraError } from '../../core/index.js';
import { daysSinceListing } from '../calendar.js';
import type { Panel } from '../panel.js';
import { type CnBoard, cnBoard } from '../rules/cn-boards.js';
import { type MembershipInterval, membershipMask } from './membership.js';

export type UniverseFilter = (panel: Panel) => Uint8Array;

function perAsset(panel: Panel, keep: (symbol: string) => boolean): Uint8Array {
  const flags = panel.assets.map((s) => (keep(s) ? 1 : 0));
  const mask = new Uint8Array(panel.size);
  for (let t = 0; t < panel.T; t++) mask.set(flags, t * panel.N);
  return mask;
}

/** Members of an index per its point-in-time intervals. */
export function inIndex(intervals: readonly MembershipInterval[]): UniverseFilter {
  return (panel) => membershipMask(panel, intervals);
}

/** A-share boards (default: the main board only). Non-A-share symbols are excluded. */
export function onBoards(boards: readonly CnBoard[] = ['main']): UniverseFilter {
  return (panel) =>
    perAsset(panel, (s) => {
      const b = cnBoard(s);
      return b !== undefined && boards.includes(b);
    });
}

export const mainBoard = (): UniverseFilter => onBoards(['main']);

/**
 * Not ST on that date (field `is_st`). A panel without `is_st` cannot tell: that is an error
 * unless `assumeNotST` says to treat every row as not ST.
 */
export function nonST(options: { assumeNotST?: boolean } = {}): UniverseFilter {
  return (panel) => {
    if (!panel.hasField('is_st')) {
      if (options.assumeNotST) return new Uint8Array(panel.size).fill(1);
      throw new AgoraError('NOT_FOUND', 'the non-ST filter needs an is_st field, which this panel lacks', {
        column: 'is_st',
        hint: 'load data with an is_st column, or pass { assumeNotST: true } to accept the risk',
      });
    }
    const st = panel.field('is_st');
    const mask = new Uint8Array(panel.size);
    for (let i = 0; i < st.length; i++) mask[i] = st[i] === 1 ? 0 : 1;
    return mask;
  };
}

/** Listed for at least `days` trading days before the date (the listing day counts as day 0). */
export function listedAtLeast(days: number, listingDates?: Readonly<Record<string, string>>): UniverseFilter {
  return (panel) => {
    const since = daysSinceListing(panel, listingDates);
    const mask = new Uint8Array(panel.size);
    for (let i = 0; i < since.length; i++) mask[i] = panel.listed[i] === 1 && since[i] >= days ? 1 : 0;
    return mask;
  };
}

/** Tradable (listed and not suspended) on the date. */
export function notSuspended(): UniverseFilter {
  return (panel) => panel.tradable.slice();
}

/** A custom point-in-time predicate on (panel, t, a). It must only read data at or before t. */
export function where(pred: (panel: Panel, t: number, a: number) => boolean): UniverseFilter {
  return (panel) => {
    const mask = new Uint8Array(panel.size);
    for (let t = 0; t < panel.T; t++)
      for (let a = 0; a < panel.N; a++) mask[t * panel.N + a] = pred(panel, t, a) ? 1 : 0;
    return mask;
  };
}

/** AND of filters (and `listed`). With no filters: the listed mask. */
export function universeMask(panel: Panel, ...filters: UniverseFilter[]): Uint8Array {
  const out = panel.listed.slice();
  for (const f of filters) {
    const m = f(panel);
    for (let i = 0; i < out.length; i++) out[i] &= m[i];
  }
  return out;
}

/** Compose filters into one. */
export function allOf(...filters: UniverseFilter[]): UniverseFilter {
  return (panel) => universeMask(panel, ...filters);
}

export function withUniverseFilters(panel: Panel, ...filters: UniverseFilter[]): Panel {
  return panel.withUniverse(universeMask(panel, ...filters));
}
