/**
 * Plackett-Luce distribution over the valid items of one score row: an ordered selection of
 * `k` distinct items, item j picked next with probability exp(s_j) / sum over the items still
 * available. Sampling is Gumbel-top-k (add an independent Gumbel(0,1) to every valid score and
 * keep the k largest, in order), which draws exactly from this distribution. Float64 on typed
 * arrays; scratch buffers are module-level and grow on demand (no allocation per call).
 */
import { AgoraError, type Rng } from '../core/index.js';
import { categoricalEntropy, maskedLogZ, type Row } from './categorical.js';

let keys = new Float64Array(0);
let heap = new Int32Array(0);
let taken = new Uint8Array(0);

function scratch(n: number, k: number): void {
  if (keys.length < n) keys = new Float64Array(n);
  if (taken.length < n) taken = new Uint8Array(n);
  if (heap.length < k) heap = new Int32Array(k);
}

function countValid(r: Row): number {
  if (r.mask === null) return r.n;
  let c = 0;
  for (let i = 0; i < r.n; i++) c += r.mask[r.maskOff + i] === 0 ? 0 : 1;
  return c;
}

function tooFew(valid: number, k: number): never {
  throw new AgoraError('INVALID_ARGUMENT', `cannot select ${k} items: the mask allows only ${valid}`, {
    hint: 'lower k or make sure at least k items are valid (tradable) in every state',
  });
}

/** Sift-down in a min-heap of item indices ordered by keys[]. */
function siftDown(h: Int32Array, size: number, i: number): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < size && keys[h[l]] < keys[h[m]]) m = l;
    if (r < size && keys[h[r]] < keys[h[m]]) m = r;
    if (m === i) return;
    const t = h[i];
    h[i] = h[m];
    h[m] = t;
    i = m;
  }
}

/** Indices of the k largest keys (valid items only), written in decreasing key order. */
function topK(r: Row, k: number, out: Int32Array, outOff: number): void {
  let size = 0;
  for (let i = 0; i < r.n; i++) {
    if (r.mask !== null && r.mask[r.maskOff + i] === 0) continue;
    if (size < k) {
      heap[size] = i;
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (keys[heap[p]] <= keys[heap[c]]) break;
        const t = heap[p];
        heap[p] = heap[c];
        heap[c] = t;
        c = p;
      }
    } else if (keys[i] > keys[heap[0]]) {
      heap[0] = i;
      siftDown(heap, size, 0);
    }
  }
  for (let j = k - 1; j >= 0; j--) {
    out[outOff + j] = heap[0];
    heap[0] = heap[--size];
    siftDown(heap, size, 0);
  }
}

/** Draw an ordered selection of k items into out[outOff .. outOff+k) by Gumbel-top-k. */
export function samplePlackettLuce(r: Row, k: number, rng: Rng, out: Int32Array, outOff: number): void {
  const valid = countValid(r);
  if (valid < k) tooFew(valid, k);
  maskedLogZ(r);
  scratch(r.n, k);
  for (let i = 0; i < r.n; i++) {
    if (r.mask !== null && r.mask[r.maskOff + i] === 0) continue;
    let u = rng.uniform();
    while (u === 0) u = rng.uniform();
    keys[i] = r.logits[r.off + i] - Math.log(-Math.log(u));
  }
  topK(r, k, out, outOff);
}

/** The k highest-scoring valid items in order (the mode of the distribution). */
export function plackettLuceMode(r: Row, k: number, out: Int32Array, outOff: number): void {
  const valid = countValid(r);
  if (valid < k) tooFew(valid, k);
  scratch(r.n, k);
  for (let i = 0; i < r.n; i++) keys[i] = r.logits[r.off + i];
  topK(r, k, out, outOff);
}

/**
 * Exact log-probability of the ordered selection sel[selOff .. selOff+k): the sum over steps
 * of s_j minus the log-sum-exp over the items still available. -Infinity if an item is masked
 * or repeated. The remaining mass is updated by subtraction and recomputed from scratch when
 * cancellation could cost precision.
 */
export function plackettLuceLogProb(r: Row, sel: ArrayLike<number>, selOff: number, k: number): number {
  const { max, logZ } = maskedLogZ(r);
  scratch(r.n, k);
  taken.fill(0, 0, r.n);
  const total = Math.exp(logZ - max);
  let remaining = total;
  let lp = 0;
  for (let j = 0; j < k; j++) {
    const a = sel[selOff + j];
    if (taken[a] === 1 || (r.mask !== null && r.mask[r.maskOff + a] === 0)) return Number.NEGATIVE_INFINITY;
    const z = r.logits[r.off + a] - max;
    lp += z - Math.log(remaining);
    taken[a] = 1;
    remaining -= Math.exp(z);
    if (remaining < 1e-6 * total) remaining = remainingMass(r, max);
  }
  return lp;
}

function remainingMass(r: Row, max: number): number {
  let s = 0;
  for (let i = 0; i < r.n; i++) {
    if (taken[i] === 1 || (r.mask !== null && r.mask[r.maskOff + i] === 0)) continue;
    s += Math.exp(r.logits[r.off + i] - max);
  }
  return s;
}

/**
 * Entropy of the selection. Exact for k = 1 (the categorical entropy); otherwise the Monte
 * Carlo estimate -mean log p over `samples` Gumbel-top-k draws (unbiased; standard error
 * shrinks as 1/sqrt(samples)).
 */
export function plackettLuceEntropy(r: Row, k: number, rng: Rng, samples = 64): number {
  if (k === 1) return categoricalEntropy(r);
  const sel = new Int32Array(k);
  let acc = 0;
  for (let s = 0; s < samples; s++) {
    samplePlackettLuce(r, k, rng, sel, 0);
    acc -= plackettLuceLogProb(r, sel, 0, k);
  }
  return acc / samples;
}
