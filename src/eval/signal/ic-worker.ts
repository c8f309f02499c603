/**
 * Piscina worker: one IC-table row per task. The label, eligible mask and label-rank cache arrive
 * as SharedArrayBuffers (shared, not copied); they are wrapped once per context id.
 */
import { IcScratch, type LabelCache } from './ic.js';
import { type IcContext, type IcTableRow, icRow } from './table.js';

export interface IcWorkerContext {
  id: number;
  T: number;
  N: number;
  horizon: number;
  minAssets: number;
  label: SharedArrayBuffer;
  eligible: SharedArrayBuffer | null;
  ranks: SharedArrayBuffer;
  counts: SharedArrayBuffer;
}

export interface IcWorkerTask {
  ctx: IcWorkerContext;
  name: string;
  signal: SharedArrayBuffer;
  /** Element offset and length of the signal inside its buffer. */
  offset: number;
}

let current: { id: number; ctx: IcContext; cache: LabelCache; scratch: IcScratch } | undefined;

function contextFor(c: IcWorkerContext) {
  if (current?.id === c.id) return current;
  const ctx: IcContext = {
    T: c.T,
    N: c.N,
    horizon: c.horizon,
    minAssets: c.minAssets,
    label: new Float64Array(c.label),
    eligible: c.eligible ? new Uint8Array(c.eligible) : undefined,
  };
  const cache = { ranks: new Float64Array(c.ranks), count: new Int32Array(c.counts) };
  current = { id: c.id, ctx, cache, scratch: new IcScratch(c.N) };
  return current;
}

export default function icTask(task: IcWorkerTask): IcTableRow {
  const { ctx, cache, scratch } = contextFor(task.ctx);
  const signal = new Float64Array(task.signal, task.offset * 8, ctx.T * ctx.N);
  return icRow(task.name, signal, ctx, cache, scratch);
}
