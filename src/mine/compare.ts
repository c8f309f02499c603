/** `agora mine compare`: combined-pool IC / RankIC per split, mean +- std over seeds per method. */
import { AgoraError } from '../core/index.js';

export interface ComparisonRow {
  method: string;
  runs: number;
  metrics: Record<string, { mean: number; std: number }>;
}

interface PoolFile {
  combined: Record<string, { ic: number; rankIc: number }>;
}

export function compareRuns(
  dirs: readonly string[],
  read: (dir: string, file: string) => string,
): ComparisonRow[] {
  const byMethod = new Map<string, Record<string, number[]>>();
  for (const dir of dirs) {
    let config: { config: { method: string } };
    let pool: PoolFile;
    try {
      config = JSON.parse(read(dir, 'config.json'));
      pool = JSON.parse(readResult(dir, read));
    } catch (e) {
      throw new AgoraError('NOT_FOUND', `${dir} is not a finished mining run (${(e as Error).message})`, {
        hint: 'pass directories written by `agora mine` (config.json + pool.json) or `agora mine baseline` (config.json + baseline.json)',
      });
    }
    const acc = byMethod.get(config.config.method) ?? {};
    for (const [part, s] of Object.entries(pool.combined)) {
      (acc[`${part} IC`] ??= []).push(s.ic);
      (acc[`${part} RankIC`] ??= []).push(s.rankIc);
    }
    byMethod.set(config.config.method, acc);
  }
  return [...byMethod].map(([method, acc]) => ({
    method,
    runs: Math.max(...Object.values(acc).map((v) => v.length)),
    metrics: Object.fromEntries(Object.entries(acc).map(([k, v]) => [k, meanStd(v)])),
  }));
}

/** pool.json of a mining run, or baseline.json of a baseline run when there is no pool.json. */
function readResult(dir: string, read: (dir: string, file: string) => string): string {
  try {
    return read(dir, 'pool.json');
  } catch (e) {
    try {
      return read(dir, 'baseline.json');
    } catch {
      throw e;
    }
  }
}

function meanStd(v: number[]): { mean: number; std: number } {
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const std = v.length > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1)) : 0;
  return { mean, std };
}

export function formatComparison(rows: readonly ComparisonRow[]): string {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))];
  const head = ['method', 'runs', ...cols];
  const body = rows.map((r) => [
    r.method,
    String(r.runs),
    ...cols.map((c) =>
      r.metrics[c] ? `${r.metrics[c].mean.toFixed(4)} ± ${r.metrics[c].std.toFixed(4)}` : '-',
    ),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}
