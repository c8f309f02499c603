/**
 * Seeded, splittable random number generator.
 *
 * Algorithm: xoshiro128** (Blackman & Vigna, 2018) over four 32-bit words of state,
 * seeded through SplitMix32 so that any 32-bit seed gives a well-mixed state.
 * Streams: `rng.stream(name)` derives an independent child generator whose seed is a
 * hash (MurmurHash3 finaliser over FNV-1a of the name) of the parent's *seed key* and the
 * name, not of the parent's current state: so `root.stream('market')` is the same generator
 * no matter how many numbers were drawn from `root` or from `root.stream('evolution')`.
 * Uniform doubles use 53 random bits; normals use the polar Box-Muller method with a cached
 * spare, which is part of the saved state. No `Math.random` anywhere.
 */
export interface RngState {
  readonly key: number;
  readonly s: readonly [number, number, number, number];
  readonly spare: number | null;
}

function fnv1a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function splitmix32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Turn a user seed (any safe integer or string) into a 32-bit key. */
export function seedKey(seed: number | string): number {
  if (typeof seed === 'string') return fmix32(fnv1a(seed));
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return fmix32(lo ^ fmix32(hi + 0x6a09e667));
}

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | null = null;
  /** The 32-bit key this generator was seeded from; streams derive from it. */
  readonly key: number;

  constructor(seed: number | string = 0) {
    this.key = seedKey(seed);
    const sm = splitmix32(this.key);
    this.s0 = sm();
    this.s1 = sm();
    this.s2 = sm();
    this.s3 = sm();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Independent named child stream; depends only on this generator's key and the name. */
  stream(name: string): Rng {
    const child = new Rng(0);
    const key = fmix32(fnv1a(name, this.key ^ 0x811c9dc5) ^ Math.imul(this.key, 0x9e3779b1));
    return child.reseed(key);
  }

  private reseed(key: number): Rng {
    (this as { key: number }).key = key;
    const sm = splitmix32(key);
    this.s0 = sm();
    this.s1 = sm();
    this.s2 = sm();
    this.s3 = sm();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.spare = null;
    return this;
  }

  /** Next raw 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform double in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Uniform integer in [0, n), unbiased (rejection sampling). */
  int(n: number): number {
    if (!(n >= 1) || !Number.isInteger(n)) throw new RangeError(`int(n) needs an integer n >= 1, got ${n}`);
    if (n <= 0x100000000) {
      const limit = 0x100000000 - (0x100000000 % n);
      for (;;) {
        const x = this.nextU32();
        if (x < limit) return x % n;
      }
    }
    return Math.floor(this.uniform() * n);
  }

  /** Uniform integer in [lo, hi] inclusive. */
  intBetween(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** Standard normal draw (polar Box-Muller). */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + sd * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    return mean + sd * u * m;
  }

  /** Student-t draw with `df` degrees of freedom, scaled to unit variance when df > 2. */
  studentT(df: number): number {
    const z = this.normal();
    let chi = 0;
    for (let i = 0; i < Math.floor(df); i++) {
      const g = this.normal();
      chi += g * g;
    }
    const t = z / Math.sqrt(chi / Math.floor(df));
    return df > 2 ? t * Math.sqrt((df - 2) / df) : t;
  }

  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('choice() of an empty list');
    return items[this.int(items.length)];
  }

  /** Fisher-Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** Fill a typed array with standard normals. */
  fillNormal(out: Float64Array | Float32Array, mean = 0, sd = 1): void {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, sd);
  }

  getState(): RngState {
    return { key: this.key, s: [this.s0, this.s1, this.s2, this.s3], spare: this.spare };
  }

  setState(state: RngState): void {
    (this as { key: number }).key = state.key;
    [this.s0, this.s1, this.s2, this.s3] = state.s;
    this.spare = state.spare;
  }

  static fromState(state: RngState): Rng {
    const r = new Rng(0);
    r.setState(state);
    return r;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
