/**
 * Worker threads that run TypeScript sources directly (development, tests, `npx agora`) or
 * compiled JavaScript (dist/). For a `.ts` entry file the worker first registers the tsx loader
 * and then imports the file: on Node 20, loader hooks given by `--import` in a worker's execArgv
 * do not apply to the worker's own entry file.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(file: URL, options: WorkerOptions = {}): Worker {
  if (!file.pathname.endsWith('.ts')) return new Worker(file, options);
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file.href)}); })`;
  return new Worker(code, { ...options, eval: true });
}

/** Number of worker threads to use by default: the machine's cores, at least 1. */
export async function defaultWorkerCount(): Promise<number> {
  const os = await import('node:os');
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/**
 * execArgv for a worker whose entry is JavaScript but that imports `file` later (e.g. a piscina
 * pool): adds the tsx loader when `file` is TypeScript, which then applies to that import.
 */
export function workerExecArgv(file: string | URL): string[] {
  const path = typeof file === 'string' ? file : file.pathname;
  const base = process.execArgv.filter((a) => !a.startsWith('--input-type'));
  if (!path.endsWith('.ts')) return base;
  const hasTsx = base.some(
    (a, i) => a.includes('tsx') && (a.startsWith('--import') || base[i - 1] === '--import'),
  );
  return hasTsx ? base : [...base, '--import', 'tsx'];
}
