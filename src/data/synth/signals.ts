/**
 * Planted alpha signals. Each bar t, after the bar's prices and volumes are written, the engine
 * computes every signal's value on t (exposed as the field `alpha_<name>`), standardises it into a
 * driver z, and prepares the contribution its drivers make to the next bars' returns (see
 * calibrate.ts for the strength algebra).
 *
 * - latent: AR(1) Gaussian score per asset (stream `alpha/<name>`, N normals per bar, always drawn);
 *   the field is the score standardised over listed assets.
 * - reversal: field = rank(-1 * (close / delay(close, L))).
 * - volume-price: field = rank(-1 * ((close / delay(close, 1) - 1) * (volume / (sum(volume, L) / L)))).
 * Observable fields follow the expression language's canonical rules exactly: NaN until the window
 * is full, NaN inside a window gives NaN, +-Inf becomes NaN, rank over listed assets with a value.
 *
 * Adaptive gain: limit clipping, carried moves, fat tails and feedback (a
 * reversal signal built from returns that other planted signals also move) attenuate the realised
 * IC below the algebraic target. After each bar the engine measures the realised IC of the
 * signal of h bars ago (h = horizon) and moves the signal's gain by GAIN_RATE * (target - realised) / target
 * (integral control, clamped to [0.5, 3]); the gain multiplies the target in the per-date solve.
 * In steady state the mean realised IC equals the target. Only past data enters the gain, and it
 * is deterministic; the final gain is in the truth.
 */
import type { Rng } from '../../core/index.js';
import { calibrateHorizonSignals, solveSmall } from './calibrate.js';
import type { AlphaSpec } from './config.js';
import { meanIC, rowIC } from './ic.js';
import { csRank, standardizeInto } from './rank.js';

export interface PlantedSignalTruth {
  name: string;
  /** Panel field holding the signal value (known at the close of its date). */
  field: string;
  kind: AlphaSpec['kind'];
  /** The field as a formula in the expression language (Alpha101 dialect). */
  formula: string;
  /** Intended mean cross-sectional Pearson IC of the field against close[t+h]/close[t] - 1. */
  intendedIC: number;
  horizon: number;
  persistence: number;
  lookback: number;
  /** Per-bar loading c for multi-bar latent signals; NaN for horizon-1 signals (solved per date). */
  loading: number;
  /** Final adaptive gain (multiplies the target IC, or the loading of a multi-bar signal). */
  gain: number;
  /** Mean IC measured on the generated panel (same convention as intendedIC, tradable assets). */
  realisedIC: number;
}

export function signalFormula(s: AlphaSpec): string {
  if (s.kind === 'reversal') return `rank(-1 * (close / delay(close, ${s.lookback})))`;
  if (s.kind === 'volume-price') {
    return `rank(-1 * ((close / delay(close, 1) - 1) * (volume / (sum(volume, ${s.lookback}) / ${s.lookback}))))`;
  }
  return `alpha_${s.name}`;
}

interface Slot {
  spec: AlphaSpec;
  field: Float64Array;
  z: Float64Array;
  rng?: Rng;
  latent?: Float64Array;
  ring?: Float64Array;
  sum?: Float64Array;
  loading: number;
  gain: number;
  /** Gain used for the last observed bar (0 when the signal was inactive). */
  used: number;
}

const GAIN_RATE = 0.03;

export class SignalEngine {
  /** Dates whose horizon-1 combination was skipped (too few assets or singular correlation). */
  skipped = 0;
  private readonly slots: Slot[];
  private readonly group1: Slot[];
  private readonly groupH: Slot[];
  private readonly G: number;
  private readonly d1: Float64Array;
  private readonly raw: Float64Array;
  private readonly scratch: Float64Array;
  private readonly R: Float64Array;
  private readonly ic: Float64Array;
  private readonly w: Float64Array;

  constructor(
    root: Rng,
    specs: readonly AlphaSpec[],
    private readonly N: number,
    fields: (name: string) => Float64Array,
  ) {
    this.slots = specs.map((spec) => this.makeSlot(root, spec, fields(`alpha_${spec.name}`)));
    this.group1 = this.slots.filter((s) => s.spec.horizon === 1);
    this.groupH = this.slots.filter((s) => s.spec.horizon > 1);
    const ic2 = this.group1.reduce((a, s) => a + s.spec.ic ** 2, 0);
    const { c, G } = calibrateHorizonSignals(
      this.groupH.map((s) => s.spec),
      ic2,
    );
    this.groupH.forEach((s, j) => {
      s.loading = c[j];
    });
    this.G = G;
    const k = this.group1.length;
    this.d1 = new Float64Array(N);
    this.raw = new Float64Array(N);
    this.scratch = new Float64Array(N);
    this.R = new Float64Array(k * k);
    this.ic = Float64Array.from(this.group1, (s) => s.spec.ic);
    this.w = new Float64Array(k);
  }

  /** Ground truth of every signal, with its IC measured on the finished panel. */
  truth(close: Float64Array, tradable: Uint8Array): PlantedSignalTruth[] {
    return this.slots.map((s) => ({
      name: s.spec.name,
      field: `alpha_${s.spec.name}`,
      kind: s.spec.kind,
      formula: signalFormula(s.spec),
      intendedIC: s.spec.ic,
      horizon: s.spec.horizon,
      persistence: s.spec.persistence,
      lookback: s.spec.lookback,
      loading: s.spec.horizon > 1 ? s.loading : Number.NaN,
      gain: s.gain,
      realisedIC: meanIC(s.field, close, tradable, this.N, s.spec.horizon).mean,
    }));
  }

  /** After bar t is written: update each gain from the realised IC of bar t-h's signal. */
  learn(t: number, close: Float64Array, tradable: Uint8Array): void {
    const N = this.N;
    for (const s of this.slots) {
      const h = s.spec.horizon;
      if (t < h || s.spec.ic === 0 || (h === 1 && s.used === 0)) continue;
      const lo = (t - h) * N;
      const hi = t * N;
      const ic = rowIC(
        s.field.subarray(lo, lo + N),
        close.subarray(lo, lo + N),
        close.subarray(hi, hi + N),
        tradable.subarray(lo, lo + N),
      );
      if (Number.isNaN(ic)) continue;
      s.gain = Math.min(3, Math.max(0.5, s.gain + (GAIN_RATE * (s.spec.ic - ic)) / s.spec.ic));
    }
  }

  private makeSlot(root: Rng, spec: AlphaSpec, field: Float64Array): Slot {
    const N = this.N;
    const slot: Slot = {
      spec,
      field,
      z: new Float64Array(N),
      loading: Number.NaN,
      gain: 1,
      used: 0,
    };
    if (spec.kind === 'latent') {
      slot.rng = root.stream(`alpha/${spec.name}`);
      slot.latent = new Float64Array(N);
      for (let a = 0; a < N; a++) slot.latent[a] = slot.rng.normal();
    }
    if (spec.horizon > 1) {
      slot.ring = new Float64Array(spec.horizon * N);
      slot.sum = new Float64Array(N);
    }
    return slot;
  }

  /** Compute every signal on bar t from the arrays written so far. */
  observe(t: number, close: Float64Array, volume: Float64Array, listed: Uint8Array): void {
    for (const s of this.slots) {
      this.values(s, t, close, volume, listed);
      if (s.spec.kind === 'latent') {
        standardizeInto(this.raw, s.z);
        const row = s.field.subarray(t * this.N, (t + 1) * this.N);
        for (let a = 0; a < this.N; a++) row[a] = Number.isNaN(this.raw[a]) ? Number.NaN : s.z[a];
      } else {
        const row = s.field.subarray(t * this.N, (t + 1) * this.N);
        csRank(this.raw, row, this.scratch);
        standardizeInto(row, s.z);
      }
      if (s.ring && s.sum) this.pushRing(s, t);
    }
    this.combineGroup1();
  }

  /** Driver contribution (in units of S) of everything known up to the last observed bar. */
  contribution(out: Float64Array): void {
    out.set(this.d1);
    for (const s of this.groupH) {
      const k = (s.gain * s.loading) / Math.sqrt(s.spec.horizon);
      const sum = s.sum as Float64Array;
      for (let a = 0; a < this.N; a++) out[a] += k * sum[a];
    }
  }

  private values(s: Slot, t: number, close: Float64Array, volume: Float64Array, listed: Uint8Array): void {
    const N = this.N;
    const raw = this.raw;
    const base = t * N;
    const L = s.spec.lookback;
    if (s.spec.kind === 'latent') {
      const x = s.latent as Float64Array;
      const rng = s.rng as Rng;
      const phi = s.spec.persistence;
      const e = Math.sqrt(1 - phi * phi);
      for (let a = 0; a < N; a++) {
        if (t > 0) x[a] = phi * x[a] + e * rng.normal();
        raw[a] = listed[base + a] === 1 ? x[a] : Number.NaN;
      }
      return;
    }
    for (let a = 0; a < N; a++) {
      const i = base + a;
      let v = Number.NaN;
      if (listed[i] === 1 && s.spec.kind === 'reversal' && t >= L) v = -(close[i] / close[i - L * N]);
      if (listed[i] === 1 && s.spec.kind === 'volume-price' && t >= L - 1 && t >= 1) {
        let sum = 0;
        for (let m = 0; m < L; m++) sum += volume[i - m * N];
        v = -((close[i] / close[i - N] - 1) * (volume[i] / (sum / L)));
      }
      raw[a] = Number.isFinite(v) ? v : Number.NaN;
    }
  }

  private pushRing(s: Slot, t: number): void {
    const N = this.N;
    const ring = s.ring as Float64Array;
    const sum = s.sum as Float64Array;
    const off = (t % s.spec.horizon) * N;
    for (let a = 0; a < N; a++) {
      sum[a] += s.z[a] - ring[off + a];
      ring[off + a] = s.z[a];
    }
  }

  private combineGroup1(): void {
    this.d1.fill(0);
    for (const s of this.group1) s.used = 0;
    const active = this.group1.filter((s) => s.z.some((v) => v !== 0));
    const k = active.length;
    if (k === 0) return;
    const R = this.R;
    const ic = this.ic.subarray(0, k);
    for (let i = 0; i < k; i++) {
      ic[i] = active[i].spec.ic * active[i].gain;
      for (let j = i; j < k; j++) R[i * k + j] = R[j * k + i] = correlation(active[i].z, active[j].z);
    }
    if (!solveSmall(R, ic, k, this.w)) {
      this.skipped++;
      return;
    }
    let q = 0;
    for (let i = 0; i < k; i++) q += ic[i] * this.w[i];
    if (!(q < 0.95)) {
      this.skipped++;
      return;
    }
    const scale = Math.sqrt((1 + this.G) / (1 - q));
    for (const s of active) s.used = s.gain;
    for (let i = 0; i < k; i++) {
      const wi = scale * this.w[i];
      const z = active[i].z;
      for (let a = 0; a < this.N; a++) this.d1[a] += wi * z[a];
    }
  }
}

/** Uncentred correlation of two zero-filled standardised drivers. */
function correlation(x: Float64Array, y: Float64Array): number {
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let a = 0; a < x.length; a++) {
    sxy += x[a] * y[a];
    sxx += x[a] * x[a];
    syy += y[a] * y[a];
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}
