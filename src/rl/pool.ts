/**
 * A small worker-thread pool for independent tasks (rollout shards, evaluations). Each worker
 * imports a task module (by file URL) and builds a handler from JSON-able options once; tasks
 * are then handed to whichever worker is free. Results come back in task order, so a caller
 * that seeds each task from a named stream (not from the worker) gets the same results with
 * any number of workers. Typed arrays in results are transferred, not copied.
 *
 * A task module exports `createHandler(options) => (payload) => result | Promise<result>`.
 */
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { AgoraError, type ErrorCode, startWorker } from '../core/index.js';

export interface PoolOptions {
  /** Number of worker threads (>= 1). */
  workers: number;
  /** File URL (or path) of the task module. */
  module: string;
  /** Options passed to the module's createHandler in every worker. */
  options?: unknown;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

type Reply =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string; code?: ErrorCode };

const WORKER_FILE = new URL(
  `./pool-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; payload: unknown; transfer: ArrayBuffer[] }[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 0;
  private closed = false;

  private constructor(private readonly workers: Worker[]) {}

  /** Start the workers and wait until each has built its handler. */
  static async create(opts: PoolOptions): Promise<WorkerPool> {
    if (!(Number.isInteger(opts.workers) && opts.workers >= 1)) {
      throw new AgoraError(
        'INVALID_ARGUMENT',
        `worker count must be a positive integer, got ${opts.workers}`,
        {
          hint: 'pass workers >= 1 (use the in-process path for zero workers)',
        },
      );
    }
    const module = opts.module.startsWith('file:') ? fileURLToPath(opts.module) : opts.module;
    const workers: Worker[] = [];
    try {
      for (let i = 0; i < opts.workers; i++) workers.push(spawn(WORKER_FILE));
      await Promise.all(workers.map((w) => initWorker(w, module, opts.options)));
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
    const pool = new WorkerPool(workers);
    for (const w of workers) pool.attach(w);
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  /** Run all payloads; resolves to their results in the same order. */
  map<R>(payloads: readonly unknown[], transfers?: (i: number) => ArrayBuffer[]): Promise<R[]> {
    return Promise.all(payloads.map((p, i) => this.run<R>(p, transfers ? transfers(i) : [])));
  }

  /** Queue one task. */
  run<R>(payload: unknown, transfer: ArrayBuffer[] = []): Promise<R> {
    if (this.closed) return Promise.reject(new AgoraError('RUN_STATE', 'worker pool is closed'));
    const id = this.nextId++;
    const p = new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    });
    this.queue.push({ id, payload, transfer });
    this.pump();
    return p;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
    for (const p of this.pending.values()) p.reject(new AgoraError('RUN_STATE', 'worker pool closed'));
    this.pending.clear();
  }

  private attach(w: Worker): void {
    this.idle.push(w);
    w.on('message', (m: Reply) => this.onReply(w, m));
    w.on('error', (e) => this.failAll(e));
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.shift()!;
      const task = this.queue.shift()!;
      this.busy.set(w, task.id);
      w.postMessage({ type: 'task', id: task.id, payload: task.payload }, task.transfer);
    }
  }

  private onReply(w: Worker, m: Reply): void {
    if (m.type === 'ready') return;
    const p = this.pending.get(m.id);
    this.pending.delete(m.id);
    this.busy.delete(w);
    this.idle.push(w);
    if (p) {
      if (m.type === 'result') p.resolve(m.result);
      else p.reject(new AgoraError(m.code ?? 'INTERNAL', `worker task ${m.id} failed: ${m.message}`));
    }
    this.pump();
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) {
      p.reject(new AgoraError('INTERNAL', `worker thread crashed: ${e.message}`));
    }
    this.pending.clear();
  }
}

function spawn(file: URL): Worker {
  return startWorker(file);
}

function initWorker(w: Worker, module: string, options: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMsg = (m: Reply) => {
      w.off('error', onErr);
      if (m.type === 'ready') resolve();
      else
        reject(
          new AgoraError('INTERNAL', `worker could not load ${module}: ${'message' in m ? m.message : ''}`),
        );
    };
    const onErr = (e: Error) => {
      w.off('message', onMsg);
      reject(new AgoraError('INTERNAL', `worker could not start: ${e.message}`, { file: module }));
    };
    w.once('message', onMsg);
    w.once('error', onErr);
    w.postMessage({ type: 'init', module, options });
  });
}
