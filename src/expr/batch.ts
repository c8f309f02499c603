/**
 * Batch evaluation over worker threads. The panel is copied once into SharedArrayBuffers; each
 * worker pulls formula indices from a shared atomic counter and writes each result into that
 * formula's own shared output buffer. Every formula's values depend only on the formula and the
 * panel, so results are identical whatever the number of workers (each worker has its own node
 * cache; cached and recomputed nodes are bit-identical).
 */

import type { Worker } from 'node:worker_threads';
import { AgoraError, defaultWorkerCount, type ErrorCode, startWorker } from '../core/index.js';
import type { Panel } from '../data/index.js';
import type { Expr } from './ast.js';
import { type EvaluateOptions, evaluate } from './evaluate.js';
import { print } from './printer.js';
import { parse } from './resolve.js';
import { sharePanel } from './shared-panel.js';

export interface EvaluateManyOptions extends Omit<EvaluateOptions, 'cache' | 'ops'> {
  /** Worker threads; 0 evaluates on the calling thread. Default: cores, at most one per formula. */
  jobs?: number;
  /** Node-cache budget of each worker, bytes (default: AGORA_EXPR_CACHE_MB or 512 MiB). */
  workerCacheBytes?: number;
}

/** Data sent to each worker (structured-cloned; SharedArrayBuffers are shared, not copied). */
export interface BatchJob {
  formulas: string[];
  panel: ReturnType<typeof sharePanel>;
  outputs: SharedArrayBuffer[];
  counter: SharedArrayBuffer;
  options: Omit<EvaluateManyOptions, 'jobs' | 'workerCacheBytes' | 'fields' | 'dialect'>;
  cacheBytes: number | undefined;
}

export type WorkerMessage =
  | { type: 'done'; computed: number }
  | { type: 'error'; index: number; code: ErrorCode; message: string };

/** Evaluate many formulas over one panel; results in input order. */
export async function evaluateMany(
  formulas: readonly (string | Expr)[],
  panel: Panel,
  options: EvaluateManyOptions = {},
): Promise<Float64Array[]> {
  const canonical = formulas.map((f, i) => canonicalText(f, i, options));
  const jobs = Math.min(options.jobs ?? (await defaultWorkerCount()), canonical.length);
  const { jobs: _j, workerCacheBytes, fields: _f, dialect: _d, ...rest } = options;
  if (jobs <= 0) return canonical.map((f) => evaluate(f, panel, { ...rest, fields: panel.fieldNames }));
  const outputs = canonical.map(() => new SharedArrayBuffer(panel.size * 8));
  const job: BatchJob = {
    formulas: canonical,
    panel: sharePanel(panel),
    outputs,
    counter: new SharedArrayBuffer(4),
    options: rest,
    cacheBytes: workerCacheBytes,
  };
  await Promise.all(Array.from({ length: jobs }, () => runWorker(job)));
  return outputs.map((sab) => new Float64Array(sab));
}

function canonicalText(f: string | Expr, i: number, options: EvaluateManyOptions): string {
  try {
    return print(typeof f === 'string' ? parse(f, options) : f);
  } catch (e) {
    if (e instanceof AgoraError) throw new AgoraError(e.code, `formula #${i}: ${e.message}`, e.context);
    throw e;
  }
}

function workerFile(): URL {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./batch-worker.${ext}`, import.meta.url);
}

function spawn(file: URL, job: BatchJob): Worker {
  return startWorker(file, { workerData: job });
}

function runWorker(job: BatchJob): Promise<number> {
  return new Promise((resolve, reject) => {
    const w = spawn(workerFile(), job);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      void w.terminate();
      fn();
    };
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'done') finish(() => resolve(m.computed));
      else
        finish(() =>
          reject(
            new AgoraError(m.code, `formula #${m.index}: ${m.message}`, { formula: job.formulas[m.index] }),
          ),
        );
    });
    w.on('error', (e) => finish(() => reject(e)));
    w.on('exit', (code) =>
      finish(() => reject(new AgoraError('INTERNAL', `expression worker exited with code ${code}`))),
    );
  });
}
