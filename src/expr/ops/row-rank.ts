/**
 * Average-tie ranks of one cross-section without per-element allocation and without a comparator
 * sort: finite values are mapped to order-preserving 64-bit keys (sign-flipped IEEE bits); a
 * stable LSD radix sort on the high 32 bits (three passes, passes with one bucket skipped) orders
 * them, runs with equal high words are finished by an exact insertion sort (or a comparator sort
 * for long runs of distinct values), and equal values share the average of their 1-based ranks.
 */
const LONG_RUN = 48;

export class RowRanker {
  private readonly vals: Float64Array;
  private readonly words: Uint32Array;
  private readonly keys: Uint32Array;
  private readonly keysTmp: Uint32Array;
  private readonly order: Int32Array;
  private readonly orderTmp: Int32Array;
  private readonly asset: Int32Array;
  private readonly counts: Uint32Array;

  constructor(readonly N: number) {
    this.vals = new Float64Array(N);
    this.words = new Uint32Array(this.vals.buffer);
    this.keys = new Uint32Array(N);
    this.keysTmp = new Uint32Array(N);
    this.order = new Int32Array(N);
    this.orderTmp = new Int32Array(N);
    this.asset = new Int32Array(N);
    this.counts = new Uint32Array(4 * 256);
  }

  /**
   * Write (average 1-based rank) / (number ranked) for the finite, eligible values of
   * `x[off .. off+N)` into `out[off ..]`; other cells get NaN. Returns the number ranked.
   */
  rankRow(x: Float64Array, off: number, eligible: Uint8Array | undefined, out: Float64Array): number {
    const n = this.collect(x, off, eligible, out);
    if (n === 0) return 0;
    this.radixByHighWord(n);
    this.finishRuns(n);
    const { vals, order, asset } = this;
    let i = 0;
    while (i < n) {
      const v = vals[order[i]];
      let j = i + 1;
      while (j < n && vals[order[j]] === v) j++;
      const r = (i + j + 1) / 2 / n;
      for (let k = i; k < j; k++) out[off + asset[order[k]]] = r;
      i = j;
    }
    return n;
  }

  private collect(x: Float64Array, off: number, eligible: Uint8Array | undefined, out: Float64Array): number {
    const { vals, words, keys, asset, order } = this;
    let n = 0;
    for (let a = 0; a < this.N; a++) {
      const v = x[off + a];
      out[off + a] = Number.NaN;
      if (v - v !== 0 || (eligible !== undefined && eligible[off + a] === 0)) continue;
      vals[n] = v === 0 ? 0 : v;
      const hi = words[2 * n + 1];
      keys[n] = (hi & 0x80000000) !== 0 ? ~hi >>> 0 : (hi | 0x80000000) >>> 0;
      asset[n] = a;
      order[n] = n;
      n++;
    }
    return n;
  }

  private radixByHighWord(n: number): void {
    const { counts } = this;
    counts.fill(0);
    let src = this.order;
    let dst = this.orderTmp;
    let kSrc = this.keys;
    let kDst = this.keysTmp;
    for (let i = 0; i < n; i++) {
      const k = kSrc[i];
      counts[k & 255]++;
      counts[256 + ((k >>> 8) & 255)]++;
      counts[512 + ((k >>> 16) & 255)]++;
      counts[768 + (k >>> 24)]++;
    }
    for (let p = 0; p < 4; p++) {
      const base = p * 256;
      if (this.singleBucket(base, n)) continue;
      let sum = 0;
      for (let b = base; b < base + 256; b++) {
        const c = counts[b];
        counts[b] = sum;
        sum += c;
      }
      const shift = 8 * p;
      for (let i = 0; i < n; i++) {
        const k = kSrc[i];
        const pos = counts[base + ((k >>> shift) & 255)]++;
        kDst[pos] = k;
        dst[pos] = src[i];
      }
      const o = src;
      src = dst;
      dst = o;
      const kk = kSrc;
      kSrc = kDst;
      kDst = kk;
    }
    if (src !== this.order) {
      this.order.set(src.subarray(0, n));
      this.keys.set(kSrc.subarray(0, n));
    }
  }

  private singleBucket(base: number, n: number): boolean {
    const { counts } = this;
    for (let b = base; b < base + 256; b++) {
      const c = counts[b];
      if (c !== 0) return c === n;
    }
    return false;
  }

  /** Order each run of equal high words by exact value. */
  private finishRuns(n: number): void {
    const { keys, order, vals } = this;
    let i = 0;
    while (i < n) {
      let j = i + 1;
      while (j < n && keys[j] === keys[i]) j++;
      if (j - i > 1) {
        if (j - i > LONG_RUN && !isSortedRun(order, vals, i, j)) {
          order.subarray(i, j).sort((p, q) => vals[p] - vals[q]);
        } else insertionSort(order, vals, i, j);
      }
      i = j;
    }
  }
}

function isSortedRun(order: Int32Array, vals: Float64Array, i: number, j: number): boolean {
  for (let k = i + 1; k < j; k++) if (vals[order[k]] < vals[order[k - 1]]) return false;
  return true;
}

function insertionSort(order: Int32Array, vals: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const o = order[i];
    const v = vals[o];
    let j = i - 1;
    while (j >= lo && vals[order[j]] > v) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = o;
  }
}
