/**
 * Regime path: a Markov chain over the configured states. In each bar the chain leaves its state
 * with probability 1 / (meanDays * barsPerDay) and jumps to another state with the `next` row's
 * probabilities (uniform over the other states by default). One uniform pair is drawn per bar
 * whatever happens, so the path's stream position never depends on the outcome.
 */
import type { Rng } from '../../core/index.js';
import type { SynthConfig } from './config.js';

export function regimePath(rng: Rng, cfg: SynthConfig['regimes'], T: number, barsPerDay: number): Uint8Array {
  const K = cfg.states.length;
  const leave = cfg.states.map((s) => Math.min(1, 1 / (s.meanDays * barsPerDay)));
  const jump = jumpMatrix(cfg.next, K);
  const path = new Uint8Array(T);
  let s = cfg.initial;
  for (let t = 0; t < T; t++) {
    const u1 = rng.uniform();
    const u2 = rng.uniform();
    if (t > 0 && K > 1 && u1 < leave[s]) s = pick(jump[s], u2);
    path[t] = s;
  }
  return path;
}

function jumpMatrix(next: number[][] | undefined, K: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < K; i++) {
    const raw = Array.from({ length: K }, (_, j) => (j === i ? 0 : (next?.[i]?.[j] ?? 1)));
    let sum = raw.reduce((a, b) => a + b, 0);
    if (sum <= 0) {
      raw.fill(1);
      raw[i] = 0;
      sum = K - 1;
    }
    rows.push(raw.map((v) => v / sum));
  }
  return rows;
}

function pick(row: number[], u: number): number {
  let acc = 0;
  for (let j = 0; j < row.length; j++) {
    acc += row[j];
    if (u < acc) return j;
  }
  let last = row.length - 1;
  while (last > 0 && row[last] === 0) last--;
  return last;
}
