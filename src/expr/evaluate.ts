/**
 * The evaluator: formula -> canonical DAG -> one kernel call per distinct node not already in
 * the cache. Rules (operators.md): warm-up rows NaN by construction (rows t < look-back are
 * masked, except in qlib mode, whose windows are partial); +-Inf turned into NaN before every
 * cross-sectional operator and at the end of the formula, counted in diagnostics; CS operators
 * see eligibility = listed (& universe when the panel has one) by default.
 */
import { AgoraError } from '../core/index.js';
import type { Panel } from '../data/index.js';
import type { Expr } from './ast.js';
import { type CacheEntry, type ExprCache, type NodeStats, panelId, sharedCache } from './cache.js';
import { Dag, type DagNode, type OpLookup } from './dag.js';
import { broadcast, declareField, fieldValues, type LeafContext } from './fields.js';
import { defaultOps } from './kernels.js';
import { infToNaN as infToNaNInPlace } from './ops/index.js';
import { type ParseOptions, parse } from './resolve.js';
import type { KernelContext, Mode } from './types.js';

/** Which cells cross-sectional operators see: universe & listed (default), listed, or all. */
export type Eligibility = 'universe' | 'listed' | 'all';

export interface EvaluateOptions extends ParseOptions {
  mode?: Mode;
  eligibility?: Eligibility;
  /** Allow future references (Ref(x, -k)); for label definitions only. */
  allowFuture?: boolean;
  /** Use (high+low+close)/3 when the panel has no vwap (declared in diagnostics). */
  vwapFallback?: boolean;
  /** Node-result cache; default the process-wide one; false disables caching. */
  cache?: ExprCache | false;
  /** Operator registry (default: the kernels in ops/). */
  ops?: OpLookup;
}

export interface NodeDiagnostics {
  key: string;
  nanFraction: number;
  infCount: number;
  fromCache: boolean;
}

export interface EvaluationDiagnostics {
  /** Canonical text of the evaluated (canonicalised) formula. */
  formula: string;
  lookback: number;
  nodes: NodeDiagnostics[];
  kernelCalls: number;
  cacheHits: number;
  /** +-Inf cells of the result turned into NaN. */
  infReplaced: number;
  nanFraction: number;
  fallbacks: string[];
}

export interface EvaluationResult {
  values: Float64Array;
  diagnostics: EvaluationDiagnostics;
}

const EMPTY_STATS: NodeStats = { nanCount: 0, infCount: 0 };
const leafStats = new WeakMap<Float64Array, NodeStats>();
const eligibleMasks = new WeakMap<Panel, Map<Eligibility, Uint8Array | undefined>>();

/** Evaluate one formula (text in any dialect, or an AST) over a panel; returns T*N values. */
export function evaluate(formula: string | Expr, panel: Panel, options: EvaluateOptions = {}): Float64Array {
  return evaluateDetailed(formula, panel, options).values;
}

export function evaluateDetailed(
  formula: string | Expr,
  panel: Panel,
  options: EvaluateOptions = {},
): EvaluationResult {
  const fields = [...(options.fields ?? []), ...panel.fieldNames];
  const ast = typeof formula === 'string' ? parse(formula, { ...options, fields }) : formula;
  const mode = options.mode ?? 'canonical';
  const dag = new Dag(options.ops ?? defaultOps, mode);
  const root = dag.add(ast);
  if (root.lookahead > 0 && !options.allowFuture) {
    throw new AgoraError(
      'FORMULA_SEMANTIC',
      `formula reads ${root.lookahead} row(s) into the future: ${root.key}`,
      {
        formula: typeof formula === 'string' ? formula : root.key,
        hint: 'future references (Ref(x, -k)) are allowed only in label definitions (allowFuture: true)',
      },
    );
  }
  return new Evaluation(panel, mode, options).run(root);
}

export function eligibilityMask(panel: Panel, rule: Eligibility): Uint8Array | undefined {
  let byRule = eligibleMasks.get(panel);
  if (!byRule) {
    byRule = new Map();
    eligibleMasks.set(panel, byRule);
  }
  if (byRule.has(rule)) return byRule.get(rule);
  let mask: Uint8Array | undefined;
  if (rule === 'listed' || (rule === 'universe' && !panel.universe)) mask = panel.listed;
  else if (rule === 'universe' && panel.universe) {
    mask = new Uint8Array(panel.size);
    const u = panel.universe;
    for (let i = 0; i < mask.length; i++) mask[i] = panel.listed[i] & u[i];
  }
  byRule.set(rule, mask);
  return mask;
}

class Evaluation {
  private readonly cache: ExprCache | undefined;
  private readonly prefix: string;
  private readonly ctx: KernelContext;
  private readonly leaf: LeafContext;
  private readonly local = new Map<DagNode, CacheEntry>();
  private readonly uses = new Map<DagNode, number>();
  private readonly nodeDiag: NodeDiagnostics[] = [];
  private kernelCalls = 0;
  private cacheHits = 0;

  constructor(
    private readonly panel: Panel,
    private readonly mode: Mode,
    options: EvaluateOptions,
  ) {
    this.cache = options.cache === false ? undefined : (options.cache ?? sharedCache());
    const elig = options.eligibility ?? 'universe';
    const vf = options.vwapFallback === true;
    this.prefix = `${panelId(panel)}|${mode}|${elig}|${vf ? 'vf' : ''}|`;
    this.ctx = { T: panel.T, N: panel.N, mode, eligible: eligibilityMask(panel, elig) };
    this.leaf = {
      panel,
      vwapFallback: vf,
      fallbacks: new Set(),
      memo: (key, make) => this.memo(key, make),
    };
  }

  run(root: DagNode): EvaluationResult {
    this.countUses(root, new Set());
    const entry = this.compute(root);
    const { values, infReplaced, nanCount } = finalValues(entry);
    return {
      values,
      diagnostics: {
        formula: root.key,
        lookback: root.lookback,
        nodes: this.nodeDiag,
        kernelCalls: this.kernelCalls,
        cacheHits: this.cacheHits,
        infReplaced,
        nanFraction: values.length ? nanCount / values.length : 0,
        fallbacks: [...this.leaf.fallbacks],
      },
    };
  }

  private countUses(n: DagNode, seen: Set<DagNode>): void {
    if (seen.has(n)) return;
    seen.add(n);
    if (n.kind === 'field') declareField(n.name, this.leaf);
    for (const x of n.inputs) {
      this.uses.set(x, (this.uses.get(x) ?? 0) + 1);
      this.countUses(x, seen);
    }
  }

  private memo(key: string, make: () => Float64Array): Float64Array {
    const full = this.prefix + key;
    const hit = this.cache?.get(full);
    if (hit) return hit.values;
    const values = make();
    this.cache?.set(full, { values, stats: EMPTY_STATS });
    return values;
  }

  private compute(n: DagNode): CacheEntry {
    const have = this.local.get(n);
    if (have) return have;
    let entry: CacheEntry;
    if (n.kind === 'const')
      entry = this.leafEntry(this.memo(`const:${n.key}`, () => broadcast(n.value, this.panel.size)));
    else if (n.kind === 'field') entry = this.leafEntry(fieldValues(n.name, this.leaf));
    else entry = this.opEntry(n);
    this.local.set(n, entry);
    return entry;
  }

  private leafEntry(values: Float64Array): CacheEntry {
    let stats = leafStats.get(values);
    if (!stats) {
      stats = scanStats(values);
      leafStats.set(values, stats);
    }
    return { values, stats };
  }

  private opEntry(n: DagNode): CacheEntry {
    const key = this.prefix + n.key;
    const hit = this.cache?.get(key);
    if (hit) {
      this.cacheHits++;
      this.record(n, hit, true);
      return hit;
    }
    const inputs = n.inputs.map((x) => this.compute(x));
    const cs = n.signature?.category === 'cross_section';
    const arrays = inputs.map((e) => (cs && e.stats.infCount > 0 ? infToNaN(e.values) : e.values));
    const out = new Float64Array(this.panel.size);
    (n.spec as NonNullable<DagNode['spec']>).kernel(out, arrays, n.params, this.ctx);
    this.kernelCalls++;
    this.release(n);
    if (this.mode !== 'qlib' && n.lookback > 0)
      out.fill(Number.NaN, 0, Math.min(this.panel.T, n.lookback) * this.panel.N);
    const entry: CacheEntry = { values: out, stats: scanStats(out) };
    this.cache?.set(key, entry);
    this.record(n, entry, false);
    return entry;
  }

  /** Drop local references to inputs whose last consumer has run (the cache may keep them). */
  private release(n: DagNode): void {
    for (const x of n.inputs) {
      const left = (this.uses.get(x) ?? 1) - 1;
      this.uses.set(x, left);
      if (left <= 0) this.local.delete(x);
    }
  }

  private record(n: DagNode, e: CacheEntry, fromCache: boolean): void {
    const size = e.values.length;
    this.nodeDiag.push({
      key: n.key,
      nanFraction: size ? e.stats.nanCount / size : 0,
      infCount: e.stats.infCount,
      fromCache,
    });
  }
}

/** A fresh copy of the result (the cache keeps its own) with +-Inf turned into NaN. */
function finalValues(e: CacheEntry): { values: Float64Array; infReplaced: number; nanCount: number } {
  const values = e.values.slice();
  if (e.stats.infCount === 0) return { values, infReplaced: 0, nanCount: e.stats.nanCount };
  const infReplaced = infToNaNInPlace(values);
  return { values, infReplaced, nanCount: e.stats.nanCount + infReplaced };
}

function scanStats(a: Float64Array): NodeStats {
  let nan = 0;
  let inf = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (Number.isNaN(v)) nan++;
    else if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) inf++;
  }
  return { nanCount: nan, infCount: inf };
}

function infToNaN(a: Float64Array): Float64Array {
  const out = a.slice();
  infToNaNInPlace(out);
  return out;
}
