/**
 * A persistent pool of evaluation workers for one panel. The panel is shared once
 * (SharedArrayBuffers); every worker keeps it and its own node cache for the pool's lifetime, so
 * successive formulas reuse cached sub-expressions (unlike `evaluateMany`, whose workers live
 * for one call). Each formula's result is written into its own shared buffer; values depend only
 * on the formula, the panel and the options, so results are identical whatever worker ran them.
 * `map` keeps a bounded number of formulas in flight and hands results back in input order.
 */
import type { Worker } from 'node:worker_threads';
import { AgoraError, type ErrorCode, startWorker } from '../core/index.js';
import type { Panel } from '../data/index.js';
import type { Expr } from './ast.js';
import type { EvaluateOptions } from './evaluate.js';
import { print } from './printer.js';
import { parse } from './resolve.js';
import { type SharedPanel, sharePanel } from './shared-panel.js';

export type PoolEvalOptions = Pick<EvaluateOptions, 'mode' | 'eligibility' | 'allowFuture' | 'vwapFallback'>;

export interface PoolInit {
  panel: SharedPanel;
  cacheBytes: number | undefined;
}

export interface PoolTask {
  id: number;
  formula: string;
  options: PoolEvalOptions;
  out: SharedArrayBuffer;
}

export type PoolReply =
  | { id: number; ok: true; ms: number }
  | { id: number; ok: false; code: ErrorCode; message: string };

export interface PoolResult {
  values: Float64Array;
  /** Worker-side evaluation time of this formula (cached sub-expressions cost nothing). */
  ms: number;
}

interface Pending {
  task: PoolTask;
  resolve: (r: PoolResult) => void;
  reject: (e: Error) => void;
}

export class EvaluatorPool {
  readonly jobs: number;
  private readonly size: number;
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<Worker, Pending>();
  private nextId = 0;
  private closed = false;

  /** Start `jobs` workers (>= 1) sharing `panel`. */
  constructor(panel: Panel, jobs: number, cacheBytes?: number) {
    if (!(Number.isInteger(jobs) && jobs >= 1)) {
      throw new AgoraError('INVALID_ARGUMENT', `an evaluator pool needs jobs >= 1, got ${jobs}`);
    }
    this.jobs = jobs;
    this.size = panel.size;
    const init: PoolInit = { panel: sharePanel(panel), cacheBytes };
    for (let i = 0; i < jobs; i++) {
      const w = startWorker(workerFile(), { workerData: init });
      w.on('message', (m: PoolReply) => this.onReply(w, m));
      w.on('error', (e) => this.fail(w, e));
      w.on('exit', (code) => {
        if (!this.closed)
          this.fail(w, new AgoraError('INTERNAL', `evaluator worker exited with code ${code}`));
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  /** Evaluate one formula on the next free worker (into `out` when given, else a new buffer). */
  evaluate(
    formula: string | Expr,
    options: PoolEvalOptions = {},
    out?: SharedArrayBuffer,
  ): Promise<PoolResult> {
    if (this.closed) return Promise.reject(new AgoraError('RUN_STATE', 'the evaluator pool is closed'));
    const text = print(typeof formula === 'string' ? parse(formula) : formula);
    const task: PoolTask = {
      id: this.nextId++,
      formula: text,
      options,
      out: out ?? new SharedArrayBuffer(this.size * 8),
    };
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.pump();
    });
  }

  /**
   * Evaluate formulas with at most `inFlight` (default 2 x jobs) unfinished at a time and call
   * `consume` with each result in input order. Output buffers are recycled: `result.values` is
   * valid only until `consume` returns (copy what you keep), so memory stays at `inFlight`
   * results whatever the number of formulas. A formula that fails goes to `onError` when given
   * (and the map goes on), else the map rejects with its error.
   */
  async map(
    formulas: readonly (string | Expr)[],
    options: PoolEvalOptions | ((i: number) => PoolEvalOptions),
    consume: (i: number, result: PoolResult) => void | Promise<void>,
    inFlight = 2 * this.jobs,
    onError?: (i: number, error: unknown) => void | Promise<void>,
  ): Promise<void> {
    const started: Promise<PoolResult>[] = [];
    const opts = typeof options === 'function' ? options : () => options;
    let next = 0;
    let consumed = 0;
    const spare: SharedArrayBuffer[] = [];
    const launch = () => {
      while (next < formulas.length && next - consumed < inFlight) {
        const p = this.evaluate(formulas[next], opts(next), spare.pop());
        // Awaited in order below; the handler only keeps an early failure from being reported
        // as unhandled while an earlier formula is still awaited.
        p.catch(() => undefined);
        started[next] = p;
        next++;
      }
    };
    launch();
    while (consumed < formulas.length) {
      const pending = started[consumed];
      delete started[consumed];
      let r: PoolResult | undefined;
      try {
        r = await pending;
      } catch (e) {
        if (!onError) throw e;
        await onError(consumed, e);
      }
      if (r) {
        await consume(consumed, r);
        spare.push(r.values.buffer as SharedArrayBuffer);
      }
      consumed++;
      launch();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0))
      p.reject(new AgoraError('RUN_STATE', 'the evaluator pool was closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop() as Worker;
      const p = this.queue.shift() as Pending;
      this.running.set(w, p);
      w.postMessage(p.task);
    }
  }

  private onReply(w: Worker, m: PoolReply): void {
    const p = this.running.get(w);
    if (!p) return;
    this.running.delete(w);
    this.idle.push(w);
    if (m.ok) p.resolve({ values: new Float64Array(p.task.out), ms: m.ms });
    else p.reject(new AgoraError(m.code, m.message, { formula: p.task.formula }));
    this.pump();
  }

  private fail(w: Worker, e: Error): void {
    const p = this.running.get(w);
    this.running.delete(w);
    p?.reject(e);
    if (!this.closed) {
      this.closed = true;
      for (const q of this.queue.splice(0)) q.reject(e);
      for (const other of this.workers) void other.terminate();
    }
  }
}

function workerFile(): URL {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./pool-worker.${ext}`, import.meta.url);
}
