/**
 * Run directories: every command that trains, searches or simulates writes a self-describing
 * directory `runs/<id>/` with `config.json` (resolved config, seeds, data hashes, code version),
 * `metrics.jsonl` (typed rows, appended), `checkpoints/` and artifacts. Files are written
 * atomically (temp file + rename) so an interrupted run never leaves a half-written artifact.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AgoraError, repoRoot } from '../core/index.js';

export interface RunConfigRecord {
  command: string;
  config: unknown;
  seeds: Record<string, number>;
  data: { path: string; hash: string }[];
  code: { version: string; commit: string | null; dirty: boolean | null };
  createdAt: string;
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export function codeVersion(): RunConfigRecord['code'] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
    return { version: pkg.version, commit, dirty: status.trim().length > 0 };
  } catch {
    return { version: pkg.version, commit: null, dirty: null };
  }
}

/** A new run id: `<prefix>-<UTC timestamp>-<seed>`; deterministic given the clock reading. */
export function newRunId(prefix: string, seed: number, now: Date = new Date()): string {
  const ts = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${prefix}-${ts}-s${seed}`;
}

export class RunDirectory {
  readonly path: string;

  private constructor(path: string) {
    this.path = path;
  }

  /** Create a fresh run directory; refuses to reuse an existing one that has a config. */
  static create(path: string, record: RunConfigRecord): RunDirectory {
    const dir = resolve(path);
    if (existsSync(join(dir, 'config.json'))) {
      throw new AgoraError('RUN_STATE', `run directory ${dir} already holds a run`, {
        hint: 'choose another --out, or pass --resume to continue that run',
      });
    }
    mkdirSync(join(dir, 'checkpoints'), { recursive: true });
    const run = new RunDirectory(dir);
    run.writeJson('config.json', record);
    return run;
  }

  /** Open an existing run directory (for resume or reports). */
  static open(path: string): RunDirectory {
    const dir = resolve(path);
    if (!existsSync(join(dir, 'config.json'))) {
      throw new AgoraError('NOT_FOUND', `no run found at ${dir} (config.json missing)`, {
        hint: 'pass the directory a previous run printed',
      });
    }
    return new RunDirectory(dir);
  }

  file(name: string): string {
    return join(this.path, name);
  }

  config<T = RunConfigRecord>(): T {
    return this.readJson<T>('config.json');
  }

  writeJson(name: string, value: unknown): void {
    writeFileAtomic(this.file(name), `${JSON.stringify(value, null, 2)}\n`);
  }

  readJson<T>(name: string): T {
    return JSON.parse(readFileSync(this.file(name), 'utf8')) as T;
  }

  has(name: string): boolean {
    return existsSync(this.file(name));
  }

  /** Append one typed row to `metrics.jsonl`. */
  appendMetric(row: Record<string, unknown>): void {
    appendFileSync(this.file('metrics.jsonl'), `${JSON.stringify(row)}\n`);
  }

  metrics<T = Record<string, unknown>>(): T[] {
    if (!this.has('metrics.jsonl')) return [];
    return readFileSync(this.file('metrics.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as T);
  }

  /**
   * Drop metric rows written after a checkpoint at `step` (so a resumed run does not duplicate
   * rows it will write again), and rows of the given kinds (e.g. a final summary row).
   */
  truncateMetricsAfter(step: number, dropKinds: readonly string[] = [], stepKey = 'step'): void {
    const rows = this.metrics<Record<string, unknown>>().filter(
      (r) => Number(r[stepKey]) <= step && !dropKinds.includes(String(r.kind)),
    );
    writeFileAtomic(this.file('metrics.jsonl'), rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
}
