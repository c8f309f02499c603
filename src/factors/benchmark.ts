/** Load a benchmark index series (e.g. 000300.SH) from a long-format index file. */
import { AgoraError } from '../core/index.js';
import { loadPanel } from '../data/index.js';
import type { BenchmarkSeries } from './prepare.js';

export async function loadBenchmark(path: string, symbol: string): Promise<BenchmarkSeries> {
  const p = await loadPanel(path, { symbols: [symbol], fields: ['open', 'close'] });
  if (p.N !== 1) {
    throw new AgoraError('NOT_FOUND', `benchmark ${symbol} not found in ${path}`, {
      file: path,
      hint: 'pass --benchmark with a symbol of the index file, e.g. 000300.SH',
    });
  }
  return { symbol, dates: p.dates, open: p.field('open'), close: p.field('close') };
}
