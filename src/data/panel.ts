/**
 * Panel: T dates x N assets, one Float64Array of length T*N per field, date-major
 * (`i = t*N + a`), so a cross-section is contiguous and a date slice is a zero-copy subarray.
 * NaN means missing and is never silently turned into 0.
 */
import { AgoraError } from '../core/index.js';

export type Market = 'cn' | 'us' | 'crypto' | 'synthetic';
export type Frequency = '1d' | '1h';

export interface PanelMeta {
  market: Market;
  frequency: Frequency;
  /** Where the data came from (file path, preset name...). */
  source?: string;
  /** Content hash of the source, when known. */
  hash?: string;
  /** Labels of categorical fields stored as integer codes (e.g. industry). */
  categories?: Record<string, readonly string[]>;
  /** Declared fallbacks used while building the panel (e.g. 'vwap=(high+low+close)/3'). */
  fallbacks?: readonly string[];
  /** Free-form notes (units, adjustments). */
  notes?: Record<string, string>;
}

export interface PanelInit {
  dates: readonly string[];
  assets: readonly string[];
  fields: Record<string, Float64Array> | ReadonlyMap<string, Float64Array>;
  /** 1 where a row exists for (date, asset). Default: 1 where close (or the first field) is not NaN. */
  listed?: Uint8Array;
  /** 1 where the asset could trade that date (listed and not suspended). Default: listed. */
  tradable?: Uint8Array;
  /** Point-in-time universe membership. Default: none (every listed asset is eligible). */
  universe?: Uint8Array;
  meta?: Partial<PanelMeta>;
}

export class Panel {
  readonly dates: readonly string[];
  readonly assets: readonly string[];
  readonly T: number;
  readonly N: number;
  readonly listed: Uint8Array;
  readonly tradable: Uint8Array;
  readonly universe: Uint8Array | undefined;
  readonly meta: PanelMeta;
  private readonly fieldMap: Map<string, Float64Array>;
  private assetIndexCache: Map<string, number> | undefined;
  private dateIndexCache: Map<string, number> | undefined;

  constructor(init: PanelInit) {
    this.dates = init.dates;
    this.assets = init.assets;
    this.T = init.dates.length;
    this.N = init.assets.length;
    const size = this.T * this.N;
    this.fieldMap = new Map(init.fields instanceof Map ? init.fields : Object.entries(init.fields));
    for (const [name, arr] of this.fieldMap) {
      if (arr.length !== size) {
        throw new AgoraError(
          'INVALID_ARGUMENT',
          `panel field '${name}' has length ${arr.length}, expected T*N = ${this.T}*${this.N} = ${size}`,
        );
      }
    }
    for (const [name, mask] of [
      ['listed', init.listed],
      ['tradable', init.tradable],
      ['universe', init.universe],
    ] as const) {
      if (mask && mask.length !== size) {
        throw new AgoraError(
          'INVALID_ARGUMENT',
          `panel mask '${name}' has length ${mask.length}, expected ${size}`,
        );
      }
    }
    this.listed = init.listed ?? defaultListed(this.fieldMap, size);
    this.tradable = init.tradable ?? this.listed;
    this.universe = init.universe;
    this.meta = { market: 'synthetic', frequency: '1d', ...init.meta };
  }

  get size(): number {
    return this.T * this.N;
  }

  get fieldNames(): string[] {
    return [...this.fieldMap.keys()];
  }

  hasField(name: string): boolean {
    return this.fieldMap.has(name);
  }

  /** The field's array (no copy). Throws a helpful error naming the available fields. */
  field(name: string): Float64Array {
    const f = this.fieldMap.get(name);
    if (!f) {
      throw new AgoraError('NOT_FOUND', `panel has no field '${name}'`, {
        column: name,
        hint: `available fields: ${this.fieldNames.join(', ') || '(none)'}`,
      });
    }
    return f;
  }

  /** Index into a field array. */
  at(t: number, a: number): number {
    return t * this.N + a;
  }

  assetIndex(symbol: string): number {
    this.assetIndexCache ??= new Map(this.assets.map((s, i) => [s, i]));
    return this.assetIndexCache.get(symbol) ?? -1;
  }

  dateIndex(date: string): number {
    this.dateIndexCache ??= new Map(this.dates.map((d, i) => [d, i]));
    return this.dateIndexCache.get(date) ?? -1;
  }

  /** Eligibility for cross-sectional work at (t, a): listed and, when a universe is set, a member. */
  eligible(i: number): boolean {
    return this.listed[i] === 1 && (this.universe === undefined || this.universe[i] === 1);
  }

  /** A new panel sharing every array except the given field, which is added or replaced. */
  withField(name: string, values: Float64Array): Panel {
    const fields = new Map(this.fieldMap);
    fields.set(name, values);
    return this.derive({ fields });
  }

  withUniverse(universe: Uint8Array | undefined): Panel {
    return this.derive({ universe });
  }

  withMeta(meta: Partial<PanelMeta>): Panel {
    return this.derive({ meta: { ...this.meta, ...meta } });
  }

  /** Dates [start, end) as a zero-copy view (date-major layout makes this a subarray). */
  sliceDates(start: number, end: number): Panel {
    if (start < 0 || end > this.T || start > end) {
      throw new AgoraError('INVALID_ARGUMENT', `sliceDates(${start}, ${end}) outside [0, ${this.T}]`);
    }
    const lo = start * this.N;
    const hi = end * this.N;
    const fields = new Map<string, Float64Array>();
    for (const [k, v] of this.fieldMap) fields.set(k, v.subarray(lo, hi));
    return new Panel({
      dates: this.dates.slice(start, end),
      assets: this.assets,
      fields,
      listed: this.listed.subarray(lo, hi),
      tradable: this.tradable.subarray(lo, hi),
      universe: this.universe?.subarray(lo, hi),
      meta: this.meta,
    });
  }

  /** Dates within [from, to] inclusive (ISO strings compare lexicographically). */
  sliceDateRange(from: string | undefined, to: string | undefined): Panel {
    let start = 0;
    while (start < this.T && from !== undefined && this.dates[start] < from) start++;
    let end = start;
    while (end < this.T && (to === undefined || this.dates[end] <= to)) end++;
    return this.sliceDates(start, end);
  }

  /** A subset of assets (copies: assets are strided in the date-major layout). */
  selectAssets(indices: readonly number[]): Panel {
    const n = indices.length;
    const T = this.T;
    const N = this.N;
    const pick = <A extends Float64Array | Uint8Array>(src: A, make: (len: number) => A): A => {
      const out = make(T * n);
      for (let t = 0; t < T; t++) {
        const row = t * N;
        const orow = t * n;
        for (let j = 0; j < n; j++) out[orow + j] = src[row + indices[j]];
      }
      return out;
    };
    const fields = new Map<string, Float64Array>();
    for (const [k, v] of this.fieldMap)
      fields.set(
        k,
        pick(v, (l) => new Float64Array(l)),
      );
    const listed = pick(this.listed, (l) => new Uint8Array(l));
    return new Panel({
      dates: this.dates,
      assets: indices.map((i) => this.assets[i]),
      fields,
      listed,
      tradable: this.tradable === this.listed ? listed : pick(this.tradable, (l) => new Uint8Array(l)),
      universe: this.universe ? pick(this.universe, (l) => new Uint8Array(l)) : undefined,
      meta: this.meta,
    });
  }

  selectSymbols(symbols: readonly string[]): Panel {
    const idx = symbols.map((s) => {
      const i = this.assetIndex(s);
      if (i < 0) throw new AgoraError('NOT_FOUND', `panel has no asset '${s}'`);
      return i;
    });
    return this.selectAssets(idx);
  }

  /** Bytes held by the dense arrays (fields + masks). */
  denseBytes(): number {
    let b = this.listed.byteLength;
    if (this.tradable !== this.listed) b += this.tradable.byteLength;
    if (this.universe) b += this.universe.byteLength;
    for (const v of this.fieldMap.values()) b += v.byteLength;
    return b;
  }

  private derive(over: Partial<PanelInit>): Panel {
    return new Panel({
      dates: this.dates,
      assets: this.assets,
      fields: this.fieldMap,
      listed: this.listed,
      tradable: this.tradable,
      universe: this.universe,
      meta: this.meta,
      ...over,
    });
  }
}

function defaultListed(fields: Map<string, Float64Array>, size: number): Uint8Array {
  const listed = new Uint8Array(size);
  const ref = fields.get('close') ?? fields.values().next().value;
  if (!ref) return listed.fill(1);
  for (let i = 0; i < size; i++) listed[i] = Number.isNaN(ref[i]) ? 0 : 1;
  return listed;
}
