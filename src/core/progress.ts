/**
 * Progress reporting for long work: a redrawn bar with rate and ETA on a TTY, and plain
 * periodic lines otherwise (CI logs, pipes). Time comes from an injectable clock so tests
 * can drive it without sleeping.
 */
export interface ProgressOptions {
  label: string;
  total?: number;
  unit?: string;
  stream?: { isTTY?: boolean; write(s: string): unknown };
  /** Minimum milliseconds between two outputs. */
  intervalMs?: number;
  now?: () => number;
  /** Turn all output off (e.g. --quiet or --json). */
  silent?: boolean;
}

export interface Progress {
  tick(n?: number, note?: string): void;
  set(done: number, note?: string): void;
  done(note?: string): void;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(r).padStart(2, '0')}s`;
  return `${r}s`;
}

export function createProgress(opts: ProgressOptions): Progress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? (() => performance.now());
  const tty = Boolean(stream.isTTY);
  const interval = opts.intervalMs ?? (tty ? 100 : 5000);
  const unit = opts.unit ?? 'it';
  const start = now();
  let count = 0;
  let last = Number.NEGATIVE_INFINITY;
  let lastNote = '';

  const render = (final: boolean) => {
    if (opts.silent) return;
    const elapsed = (now() - start) / 1000;
    const rate = elapsed > 0 ? count / elapsed : 0;
    const total = opts.total;
    let line = `${opts.label}: ${count}${total ? `/${total}` : ''} ${unit}`;
    if (total && total > 0) {
      const frac = Math.min(1, count / total);
      const eta = rate > 0 ? (total - count) / rate : Number.POSITIVE_INFINITY;
      const width = 24;
      const filled = Math.round(frac * width);
      const bar = tty ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : '';
      line = `${opts.label}: ${bar}${(frac * 100).toFixed(1)}% ${count}/${total} ${unit}`;
      line += ` ${rate.toFixed(1)} ${unit}/s ETA ${final ? '0s' : formatDuration(eta)}`;
    } else {
      line += ` ${rate.toFixed(1)} ${unit}/s elapsed ${formatDuration(elapsed)}`;
    }
    if (lastNote) line += ` ${lastNote}`;
    if (tty) stream.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else stream.write(`${line}\n`);
  };

  const maybeRender = () => {
    const t = now();
    if (t - last >= interval) {
      last = t;
      render(false);
    }
  };

  return {
    tick(n = 1, note) {
      count += n;
      if (note !== undefined) lastNote = note;
      maybeRender();
    },
    set(done, note) {
      count = done;
      if (note !== undefined) lastNote = note;
      maybeRender();
    },
    done(note) {
      if (note !== undefined) lastNote = note;
      render(true);
    },
  };
}
