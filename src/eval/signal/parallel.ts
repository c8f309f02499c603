/**
 * IC table on worker threads (piscina). Shared inputs (label, eligible mask, label ranks) are
 * copied once into SharedArrayBuffers; each signal is handed over as a SharedArrayBuffer (a
 * signal already backed by one is not copied). At most `2 * threads` signals are in flight, so
 * memory stays bounded when the source is a generator over a large library.
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { defaultWorkerCount, workerExecArgv } from '../../core/index.js';
import { labelCache } from './ic.js';
import type { IcWorkerContext, IcWorkerTask } from './ic-worker.js';
import type { IcContext, IcTableRow, NamedSignal } from './table.js';

let contextIds = 0;

function shared(src: ArrayBufferView & { length: number }, bytesPer: number): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(src.length * bytesPer);
  new Uint8Array(sab).set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength));
  return sab;
}

function workerFile(): string {
  const self = fileURLToPath(import.meta.url);
  return self.replace(/parallel\.(ts|js)$/, (_m, ext: string) => `ic-worker.${ext}`);
}

export interface ParallelOptions {
  threads?: number;
  onRow?: (row: IcTableRow, done: number) => void;
}

export async function icTableParallel(
  signals: Iterable<NamedSignal> | AsyncIterable<NamedSignal>,
  ctx: IcContext,
  opts: ParallelOptions = {},
): Promise<IcTableRow[]> {
  const threads = opts.threads ?? (await defaultWorkerCount());
  const cache = labelCache(ctx.label, ctx.eligible, ctx);
  const wctx: IcWorkerContext = {
    id: ++contextIds,
    T: ctx.T,
    N: ctx.N,
    horizon: ctx.horizon ?? 1,
    minAssets: ctx.minAssets ?? 10,
    label: shared(ctx.label, 8),
    eligible: ctx.eligible ? shared(ctx.eligible, 1) : null,
    ranks: shared(cache.ranks, 8),
    counts: shared(cache.count, 4),
  };
  const file = workerFile();
  const pool = new Piscina({
    filename: file,
    minThreads: threads,
    maxThreads: threads,
    execArgv: workerExecArgv(file),
  });
  const rows: IcTableRow[] = [];
  const inFlight = new Set<Promise<void>>();
  let index = 0;
  try {
    for await (const s of signals) {
      const slot = index++;
      const task: IcWorkerTask = { ctx: wctx, name: s.name, ...asShared(s.values) };
      const p = (pool.run(task) as Promise<IcTableRow>).then((row) => {
        rows[slot] = row;
        opts.onRow?.(row, rows.filter(Boolean).length);
      });
      const tracked = p.finally(() => inFlight.delete(tracked));
      tracked.catch(() => undefined); // errors surface through race/all below
      inFlight.add(tracked);
      if (inFlight.size >= 2 * threads) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.destroy();
  }
  return rows;
}

function asShared(values: Float64Array): { signal: SharedArrayBuffer; offset: number } {
  if (values.buffer instanceof SharedArrayBuffer)
    return { signal: values.buffer, offset: values.byteOffset / 8 };
  return { signal: shared(values, 8), offset: 0 };
}
