/** Worker side of evaluateMany: pull formula indices from the shared counter until none is left. */
import { parentPort, workerData } from 'node:worker_threads';
import { isAgoraError } from '../core/index.js';
import type { BatchJob, WorkerMessage } from './batch.js';
import { ExprCache } from './cache.js';
import { evaluate } from './evaluate.js';
import { panelFromShared } from './shared-panel.js';

function main(job: BatchJob): void {
  const panel = panelFromShared(job.panel);
  const cache = new ExprCache(job.cacheBytes);
  const counter = new Int32Array(job.counter);
  const fields = panel.fieldNames;
  let computed = 0;
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= job.formulas.length) break;
    try {
      const values = evaluate(job.formulas[i], panel, { ...job.options, cache, fields });
      new Float64Array(job.outputs[i]).set(values);
      computed++;
    } catch (e) {
      const msg: WorkerMessage = {
        type: 'error',
        index: i,
        code: isAgoraError(e) ? e.code : 'INTERNAL',
        message: e instanceof Error ? e.message : String(e),
      };
      parentPort?.postMessage(msg);
      return;
    }
  }
  parentPort?.postMessage({ type: 'done', computed } satisfies WorkerMessage);
}

main(workerData as BatchJob);
