import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { trainSmall } from './fixtures/train.js';

function inWorker(seed: number): Promise<Float32Array[]> {
  // register the tsx loader inside the worker (execArgv --import is not applied under vitest)
  const file = new URL('./fixtures/train_worker.ts', import.meta.url).href;
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`;
  const w = new Worker(code, { eval: true, workerData: { seed } });
  return new Promise((resolve, reject) => {
    w.once('message', (m: Float32Array[]) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

describe('training in worker threads', () => {
  it('a worker initialises its own wasm backend and trains bit-identically to the main thread', async () => {
    const [main, worker] = await Promise.all([trainSmall(11), inWorker(11)]);
    expect(worker.length).toBe(main.length);
    for (let i = 0; i < main.length; i++) expect(Array.from(worker[i])).toEqual(Array.from(main[i]));
    const other = await trainSmall(12);
    expect(Array.from(other[0])).not.toEqual(Array.from(main[0]));
  });
});
