/**
 * Element-wise kernels (operators.md "Element-wise"). IEEE arithmetic; any NaN operand gives NaN
 * (booleans and `if` included); booleans are 1/0; log(x <= 0) = NaN; pow of a negative base to a
 * non-integer power = NaN. Division may produce +-Inf (the evaluator applies the Inf rule).
 * Each kernel is a plain loop (no per-element callbacks) so V8 keeps them monomorphic.
 */
import type { Kernel } from '../types.js';

export const abs: Kernel = (out, [x]) => {
  for (let i = 0; i < out.length; i++) out[i] = Math.abs(x[i]);
};

export const sign: Kernel = (out, [x]) => {
  for (let i = 0; i < out.length; i++) {
    const v = x[i];
    out[i] = v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : Number.NaN;
  }
};

export const log: Kernel = (out, [x]) => {
  for (let i = 0; i < out.length; i++) {
    const v = x[i];
    out[i] = v > 0 ? Math.log(v) : Number.NaN;
  }
};

export const sqrt: Kernel = (out, [x]) => {
  for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(x[i]);
};

export const neg: Kernel = (out, [x]) => {
  for (let i = 0; i < out.length; i++) out[i] = -x[i];
};

export const inv: Kernel = (out, [x]) => {
  for (let i = 0; i < out.length; i++) out[i] = 1 / x[i];
};

export const add: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) out[i] = x[i] + y[i];
};

export const sub: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) out[i] = x[i] - y[i];
};

export const mul: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) out[i] = x[i] * y[i];
};

export const div: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) out[i] = x[i] / y[i];
};

/** Real power; NaN when either operand is NaN (unlike Math.pow(NaN, 0) = 1). */
export const pow: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) {
    const b = x[i];
    const e = y[i];
    out[i] = Number.isNaN(b) || Number.isNaN(e) ? Number.NaN : b ** e;
  }
};

/** sign(x) * |x|^a literally (so 0^negative = 0 * Inf = NaN); `a` is a series (constants broadcast). */
export const signedPower: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) {
    const b = x[i];
    out[i] = Math.sign(b) * Math.abs(b) ** y[i];
  }
};

/** Element-wise max; NaN if either is NaN. */
export const greater: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) out[i] = Math.max(x[i], y[i]);
};

/** Element-wise min; NaN if either is NaN. */
export const less: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) out[i] = Math.min(x[i], y[i]);
};

export const gt: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) {
    const a = x[i];
    const b = y[i];
    out[i] = Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a > b ? 1 : 0;
  }
};

export const ge: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) {
    const a = x[i];
    const b = y[i];
    out[i] = Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a >= b ? 1 : 0;
  }
};

export const lt: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) {
    const a = x[i];
    const b = y[i];
    out[i] = Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a < b ? 1 : 0;
  }
};

export const le: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) {
    const a = x[i];
    const b = y[i];
    out[i] = Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a <= b ? 1 : 0;
  }
};

export const eq: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) {
    const a = x[i];
    const b = y[i];
    out[i] = Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a === b ? 1 : 0;
  }
};

export const ne: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) {
    const a = x[i];
    const b = y[i];
    out[i] = Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a !== b ? 1 : 0;
  }
};

/** Logical and of truthy (non-zero) values; NaN if either is NaN. */
export const and: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) {
    const a = x[i];
    const b = y[i];
    out[i] = Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a !== 0 && b !== 0 ? 1 : 0;
  }
};

/** Logical or of truthy (non-zero) values; NaN if either is NaN. */
export const or: Kernel = (out, [x, y]) => {
  for (let i = 0; i < out.length; i++) {
    const a = x[i];
    const b = y[i];
    out[i] = Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : a !== 0 || b !== 0 ? 1 : 0;
  }
};

export const not: Kernel = (out, [x]) => {
  for (let i = 0; i < out.length; i++) {
    const a = x[i];
    out[i] = Number.isNaN(a) ? Number.NaN : a === 0 ? 1 : 0;
  }
};

/** c ? x : y with c truthy when non-zero; a NaN condition gives NaN. */
export const ifThenElse: Kernel = (out, [c, x, y]) => {
  for (let i = 0; i < out.length; i++) {
    const k = c[i];
    out[i] = Number.isNaN(k) ? Number.NaN : k !== 0 ? x[i] : y[i];
  }
};
