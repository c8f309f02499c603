/** Worker side of WorkerPool: load the task module, build its handler, answer tasks in order. */
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { isAgoraError } from '../core/index.js';

type Handler = (payload: unknown) => unknown;

interface TaskModule {
  createHandler(options: unknown): Handler | Promise<Handler>;
}

const port = parentPort;
if (port === null) throw new Error('pool-worker must run in a worker thread');

let handler: Handler | undefined;

port.on(
  'message',
  async (m: { type: string; id?: number; module?: string; options?: unknown; payload?: unknown }) => {
    if (m.type === 'init') {
      try {
        const mod = (await import(pathToFileURL(m.module!).href)) as TaskModule;
        handler = await mod.createHandler(m.options);
        port.postMessage({ type: 'ready' });
      } catch (e) {
        port.postMessage({ type: 'error', id: -1, message: (e as Error).message });
      }
      return;
    }
    try {
      const result = await handler!(m.payload);
      port.postMessage({ type: 'result', id: m.id, result }, transferables(result));
    } catch (e) {
      const code = isAgoraError(e) ? e.code : undefined;
      port.postMessage({ type: 'error', id: m.id, message: (e as Error).message, code });
    }
  },
);

/** ArrayBuffers of typed arrays found one level deep in a result object (or the result itself). */
function transferables(result: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown) => {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && v.byteLength === v.buffer.byteLength) {
      out.add(v.buffer);
    }
  };
  visit(result);
  if (result !== null && typeof result === 'object') for (const v of Object.values(result)) visit(v);
  return [...out];
}
