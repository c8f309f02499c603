/**
 * A panel copied once into SharedArrayBuffers so worker threads read the same memory, and its
 * reconstruction on the worker side (zero-copy views).
 */
import { Panel, type PanelMeta } from '../data/index.js';

export interface SharedPanel {
  dates: readonly string[];
  assets: readonly string[];
  fields: [string, SharedArrayBuffer][];
  listed: SharedArrayBuffer;
  tradable: SharedArrayBuffer;
  universe: SharedArrayBuffer | undefined;
  meta: PanelMeta;
}

const memo = new WeakMap<Panel, SharedPanel>();

function shareF64(a: Float64Array): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(a.byteLength);
  new Float64Array(sab).set(a);
  return sab;
}

function shareU8(a: Uint8Array): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(a.byteLength);
  new Uint8Array(sab).set(a);
  return sab;
}

/** Copy the panel into shared memory (once per panel object). */
export function sharePanel(panel: Panel): SharedPanel {
  const have = memo.get(panel);
  if (have) return have;
  const listed = shareU8(panel.listed);
  const shared: SharedPanel = {
    dates: panel.dates,
    assets: panel.assets,
    fields: panel.fieldNames.map((n) => [n, shareF64(panel.field(n))]),
    listed,
    tradable: panel.tradable === panel.listed ? listed : shareU8(panel.tradable),
    universe: panel.universe ? shareU8(panel.universe) : undefined,
    meta: panel.meta,
  };
  memo.set(panel, shared);
  return shared;
}

export function panelFromShared(s: SharedPanel): Panel {
  return new Panel({
    dates: s.dates,
    assets: s.assets,
    fields: new Map(s.fields.map(([n, sab]) => [n, new Float64Array(sab)])),
    listed: new Uint8Array(s.listed),
    tradable: new Uint8Array(s.tradable),
    universe: s.universe ? new Uint8Array(s.universe) : undefined,
    meta: s.meta,
  });
}
