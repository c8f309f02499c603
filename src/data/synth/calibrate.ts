/**
 * Planted-signal strength calibration.
 *
 * In units of S (the bar's cross-sectional standard deviation of the non-alpha log returns u):
 * r(t+1) = u(t+1) + D1(t) + sum_j (c_j / sqrt(h_j)) * sum_{m<h_j} z_j(t-m), with every z standardised
 * per date and independent of u.
 *
 * Horizon-1 signals (group 1, any kind): per date, with R the empirical correlation matrix of their
 * drivers and ic the target vector, D1 = w . z with w = sqrt(Q) R^-1 ic and
 * Q = (1 + G) / (1 - ic' R^-1 ic), which makes cov(z_j, r) / sqrt(var r) = ic_j exactly in
 * expectation, whatever the correlation between the signals.
 *
 * Latent signals with horizon h > 1 and AR(1) persistence phi (group H): the h-bar forward sum F
 * has cov(z_t, F) = (c / sqrt h) * A and var(F) = h * Q_rest + (c^2 / h) * B, where
 * A = sum_u (h - |u|) phi^|u|, B = sum_u sum_v (h-|u|)(h-|v|) phi^|u-v| (u, v in -(h-1)..h-1), and
 * the daily variance share of the signal is c^2 * g with g = 1 + (2/h) sum_l (h - l) phi^l.
 * Solving IC = cov / sqrt(var) for c gives c^2 = ic^2 h^2 Q_rest / (A^2 - ic^2 B), iterated to a
 * fixed point with Q = (1 + sum c^2 g) / (1 - sum_{group 1} ic^2). Approximation (documented):
 * other components are taken as serially uncorrelated inside the h-bar window.
 */
import { AgoraError } from '../../core/index.js';

export interface HorizonTerms {
  A: number;
  B: number;
  g: number;
}

export function horizonTerms(h: number, phi: number): HorizonTerms {
  let A = 0;
  let B = 0;
  for (let u = -(h - 1); u <= h - 1; u++) {
    A += (h - Math.abs(u)) * phi ** Math.abs(u);
    for (let v = -(h - 1); v <= h - 1; v++)
      B += (h - Math.abs(u)) * (h - Math.abs(v)) * phi ** Math.abs(u - v);
  }
  let g = h;
  for (let l = 1; l < h; l++) g += 2 * (h - l) * phi ** l;
  return { A, B, g: g / h };
}

export interface GroupHSpec {
  ic: number;
  horizon: number;
  persistence: number;
}

/** Loadings c_j of the multi-bar latent signals, and G = sum c_j^2 g_j. */
export function calibrateHorizonSignals(
  specs: readonly GroupHSpec[],
  group1Ic2: number,
): { c: number[]; G: number } {
  const terms = specs.map((s) => horizonTerms(s.horizon, s.persistence));
  const c2 = specs.map(() => 0);
  for (let iter = 0; iter < 200; iter++) {
    const G = c2.reduce((s, v, j) => s + v * terms[j].g, 0);
    const Q = (1 + G) / (1 - group1Ic2);
    for (let j = 0; j < specs.length; j++) {
      const { A, B } = terms[j];
      const h = specs[j].horizon;
      const ic2 = specs[j].ic ** 2;
      const denom = A * A - ic2 * B;
      if (denom <= 0) {
        throw new AgoraError('CONFIG_INVALID', `planted signal ${j}: IC ${specs[j].ic} is unreachable`, {
          hint: `lower its ic or raise its persistence (at most about ${(A / Math.sqrt(B)).toFixed(3)} here)`,
        });
      }
      c2[j] = (ic2 * h * h * (Q - c2[j] * terms[j].g)) / denom;
    }
  }
  const c = c2.map((v, j) => Math.sign(specs[j].ic) * Math.sqrt(v));
  return { c, G: c2.reduce((s, v, j) => s + v * terms[j].g, 0) };
}

/**
 * Solve R w = ic for a small symmetric positive-definite R (row-major k x k) by Gaussian
 * elimination with partial pivoting; returns false when R is numerically singular.
 */
export function solveSmall(R: Float64Array, b: Float64Array, k: number, out: Float64Array): boolean {
  const m = new Float64Array(k * (k + 1));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) m[i * (k + 1) + j] = R[i * k + j];
    m[i * (k + 1) + k] = b[i];
  }
  const w = k + 1;
  for (let col = 0; col < k; col++) {
    let piv = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(m[r * w + col]) > Math.abs(m[piv * w + col])) piv = r;
    if (Math.abs(m[piv * w + col]) < 1e-10) return false;
    if (piv !== col)
      for (let j = 0; j < w; j++) [m[col * w + j], m[piv * w + j]] = [m[piv * w + j], m[col * w + j]];
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = m[r * w + col] / m[col * w + col];
      if (f !== 0) for (let j = col; j < w; j++) m[r * w + j] -= f * m[col * w + j];
    }
  }
  for (let i = 0; i < k; i++) out[i] = m[i * w + k] / m[i * w + i];
  return true;
}
