/**
 * Ranking helpers for strategies: the best k eligible assets of a score row by a bounded binary
 * heap (O(N log k), no comparator closures). Order: higher score first (or lower with
 * `ascending`), ties by lower asset index.
 */

/** True when asset a ranks before asset b. */
function before(scores: Float64Array, a: number, b: number, sign: number): boolean {
  const x = sign * scores[a];
  const y = sign * scores[b];
  return x > y || (x === y && a < b);
}

/**
 * Indices of the best k eligible assets with finite scores, best first, into `out`; returns the
 * count (at most k). `heap` is scratch of length >= k.
 */
export function topK(
  scores: Float64Array,
  eligible: Uint8Array,
  k: number,
  out: Int32Array,
  heap: Int32Array,
  ascending = false,
): number {
  const sign = ascending ? -1 : 1;
  let size = 0;
  for (let a = 0; a < scores.length; a++) {
    if (eligible[a] !== 1 || !Number.isFinite(scores[a])) continue;
    if (size < k) {
      heap[size] = a;
      siftUp(heap, size++, scores, sign);
    } else if (k > 0 && before(scores, a, heap[0], sign)) {
      heap[0] = a;
      siftDown(heap, size, scores, sign);
    }
  }
  // pop the worst first: fill `out` from the back
  for (let m = size; m > 0; m--) {
    out[m - 1] = heap[0];
    heap[0] = heap[m - 1];
    siftDown(heap, m - 1, scores, sign);
  }
  return size;
}

/** Min-heap by rank: the root is the worst of the kept assets. */
function siftUp(heap: Int32Array, i: number, scores: Float64Array, sign: number): void {
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(scores, heap[p], heap[i], sign)) break;
    const t = heap[p];
    heap[p] = heap[i];
    heap[i] = t;
    i = p;
  }
}

function siftDown(heap: Int32Array, size: number, scores: Float64Array, sign: number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let w = i;
    if (l < size && before(scores, heap[w], heap[l], sign)) w = l;
    if (r < size && before(scores, heap[w], heap[r], sign)) w = r;
    if (w === i) return;
    const t = heap[w];
    heap[w] = heap[i];
    heap[i] = t;
    i = w;
  }
}
