/**
 * Worker threads that run TypeScript sources directly (development, tests, `npx agora`)
 * or compiled JavaScript (dist/). A `.ts` worker file gets the tsx loader added to its
 * execArgv; everything else is passed through.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function workerExecArgv(file: string | URL): string[] {
  const path = typeof file === 'string' ? file : file.pathname;
  const base = process.execArgv.filter((a) => !a.startsWith('--input-type'));
  if (!path.endsWith('.ts')) return base;
  const hasTsx = base.some(
    (a, i) => a.includes('tsx') && (a.startsWith('--import') || base[i - 1] === '--import'),
  );
  return hasTsx ? base : [...base, '--import', 'tsx'];
}

export function startWorker(file: string | URL, options: WorkerOptions = {}): Worker {
  return new Worker(file, { ...options, execArgv: options.execArgv ?? workerExecArgv(file) });
}

/** Number of worker threads to use by default: the machine's cores, at least 1. */
export async function defaultWorkerCount(): Promise<number> {
  const os = await import('node:os');
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}
