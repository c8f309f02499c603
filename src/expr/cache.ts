/**
 * Memory-bounded LRU cache of node results. Keys carry the panel identity, the mode, the
 * eligibility rule and the node's canonical key, so results are reused across formulas on the
 * same panel and never across panels or modes. Entries larger than the budget are not stored.
 */
import type { Panel } from '../data/index.js';

export interface NodeStats {
  /** Cells that are NaN (after warm-up masking), over T*N. */
  nanCount: number;
  /** Cells that are +-Inf in the raw node output. */
  infCount: number;
}

export interface CacheEntry {
  values: Float64Array;
  stats: NodeStats;
}

export interface CacheCounters {
  hits: number;
  misses: number;
  evictions: number;
}

export class ExprCache {
  private readonly map = new Map<string, CacheEntry>();
  private used = 0;
  readonly counters: CacheCounters = { hits: 0, misses: 0, evictions: 0 };

  constructor(readonly budgetBytes: number = defaultBudget()) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): CacheEntry | undefined {
    const e = this.map.get(key);
    if (!e) {
      this.counters.misses++;
      return undefined;
    }
    this.counters.hits++;
    this.map.delete(key);
    this.map.set(key, e);
    return e;
  }

  /** Store an entry; returns false when it is larger than the whole budget. */
  set(key: string, entry: CacheEntry): boolean {
    const size = entry.values.byteLength;
    if (size > this.budgetBytes) return false;
    const old = this.map.get(key);
    if (old) {
      this.used -= old.values.byteLength;
      this.map.delete(key);
    }
    while (this.used + size > this.budgetBytes) this.evictOldest();
    this.map.set(key, entry);
    this.used += size;
    return true;
  }

  clear(): void {
    this.map.clear();
    this.used = 0;
  }

  private evictOldest(): void {
    const first = this.map.entries().next();
    if (first.done) return;
    const [k, e] = first.value;
    this.map.delete(k);
    this.used -= e.values.byteLength;
    this.counters.evictions++;
  }
}

function defaultBudget(): number {
  const mb = Number(process.env.AGORA_EXPR_CACHE_MB);
  return (Number.isFinite(mb) && mb >= 0 ? mb : 512) * 1024 * 1024;
}

let shared: ExprCache | undefined;

/** The process-wide cache used when evaluate() is not given one (AGORA_EXPR_CACHE_MB, default 512). */
export function sharedCache(): ExprCache {
  shared ??= new ExprCache();
  return shared;
}

const panelIds = new WeakMap<Panel, number>();
let nextPanelId = 1;

/** A process-unique id for a panel object (cache keys are scoped by it). */
export function panelId(panel: Panel): number {
  let id = panelIds.get(panel);
  if (id === undefined) {
    id = nextPanelId++;
    panelIds.set(panel, id);
  }
  return id;
}
