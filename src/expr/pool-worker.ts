/** Worker side of EvaluatorPool: keep the shared panel and a node cache; evaluate on request. */
import { parentPort, workerData } from 'node:worker_threads';
import { isAgoraError } from '../core/index.js';
import { ExprCache } from './cache.js';
import { evaluate } from './evaluate.js';
import type { PoolInit, PoolReply, PoolTask } from './pool.js';
import { panelFromShared } from './shared-panel.js';

const init = workerData as PoolInit;
const panel = panelFromShared(init.panel);
const cache = new ExprCache(init.cacheBytes);
const fields = panel.fieldNames;

parentPort?.on('message', (task: PoolTask) => {
  const t0 = performance.now();
  let reply: PoolReply;
  try {
    const values = evaluate(task.formula, panel, { ...task.options, cache, fields });
    new Float64Array(task.out).set(values);
    reply = { id: task.id, ok: true, ms: performance.now() - t0 };
  } catch (e) {
    reply = {
      id: task.id,
      ok: false,
      code: isAgoraError(e) ? e.code : 'INTERNAL',
      message: e instanceof Error ? e.message : String(e),
    };
  }
  parentPort?.postMessage(reply);
});
