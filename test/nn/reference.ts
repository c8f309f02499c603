/**
 * Independent float64 reference implementations of the nn layers, written plainly (loops over
 * rows and columns) from the formulas in the source headers. Used for forward golden checks and
 * for finite-difference gradient checks (perturbing float64 weights gives clean differences).
 */
export type W = Map<string, Float64Array>;

export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly v: Float64Array;
}

export const mat = (rows: number, cols: number, v: Float64Array = new Float64Array(rows * cols)): Mat => ({
  rows,
  cols,
  v,
});

export function matmul(a: Mat, b: Float64Array, cols: number): Mat {
  const out = mat(a.rows, cols);
  for (let i = 0; i < a.rows; i++)
    for (let k = 0; k < a.cols; k++) {
      const x = a.v[i * a.cols + k];
      for (let j = 0; j < cols; j++) out.v[i * cols + j] += x * b[k * cols + j];
    }
  return out;
}

export function erf(x: number): number {
  if (Math.abs(x) >= 5) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

export function act(x: number, kind: string): number {
  switch (kind) {
    case 'relu':
      return Math.max(x, 0);
    case 'tanh':
      return Math.tanh(x);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'gelu':
      return 0.5 * x * (1 + erf(x / Math.SQRT2));
    case 'quickGelu':
      return x / (1 + Math.exp(-1.702 * x));
    default:
      return x;
  }
}

export function dense(w: W, prefix: string, x: Mat, activation: string, bias = true): Mat {
  const wt = w.get(`${prefix}w`)!;
  const units = wt.length / x.cols;
  const y = matmul(x, wt, units);
  const b = bias ? w.get(`${prefix}b`)! : new Float64Array(units);
  for (let i = 0; i < y.v.length; i++) y.v[i] = act(y.v[i] + b[i % units], activation);
  return y;
}

export function mlp(w: W, prefix: string, x: Mat, layers: number, hidden: string, last = 'linear'): Mat {
  let h = x;
  for (let l = 0; l < layers; l++) h = dense(w, `${prefix}dense${l}/`, h, l === layers - 1 ? last : hidden);
  return h;
}

export function layerNorm(w: W, prefix: string, x: Mat, eps = 1e-5): Mat {
  const g = w.get(`${prefix}gain`)!;
  const b = w.get(`${prefix}bias`)!;
  const out = mat(x.rows, x.cols);
  for (let i = 0; i < x.rows; i++) {
    let mean = 0;
    for (let j = 0; j < x.cols; j++) mean += x.v[i * x.cols + j] / x.cols;
    let variance = 0;
    for (let j = 0; j < x.cols; j++) variance += (x.v[i * x.cols + j] - mean) ** 2 / x.cols;
    const inv = 1 / Math.sqrt(variance + eps);
    for (let j = 0; j < x.cols; j++) out.v[i * x.cols + j] = (x.v[i * x.cols + j] - mean) * inv * g[j] + b[j];
  }
  return out;
}

/** x rows ordered (b, t); returns the top layer's hidden rows in the same order. */
export function lstm(
  w: W,
  prefix: string,
  x: Mat,
  batch: number,
  time: number,
  layers: number,
  hidden: number,
): Mat {
  let input = x;
  for (let l = 0; l < layers; l++) {
    const p = `${prefix}layer${l}/`;
    // stack [Wx_k; Wh_k] so that z_k = [x, h] W_k + b_k
    const gw = ['i', 'f', 'g', 'o'].map((k) => {
      const both = new Float64Array((input.cols + hidden) * hidden);
      both.set(w.get(`${p}wx_${k}`)!);
      both.set(w.get(`${p}wh_${k}`)!, input.cols * hidden);
      return both;
    });
    const gb = ['i', 'f', 'g', 'o'].map((k) => w.get(`${p}b_${k}`)!);
    const out = mat(batch * time, hidden);
    for (let s = 0; s < batch; s++) {
      let h = new Float64Array(hidden);
      const c = new Float64Array(hidden);
      for (let t = 0; t < time; t++) {
        const u = new Float64Array(input.cols + hidden);
        u.set(input.v.subarray((s * time + t) * input.cols, (s * time + t + 1) * input.cols));
        u.set(h, input.cols);
        const z = gw.map((wk, k) => matmul(mat(1, u.length, u), wk, hidden).v.map((v, j) => v + gb[k][j]));
        const hn = new Float64Array(hidden);
        for (let j = 0; j < hidden; j++) {
          c[j] = act(z[1][j], 'sigmoid') * c[j] + act(z[0][j], 'sigmoid') * Math.tanh(z[2][j]);
          hn[j] = act(z[3][j], 'sigmoid') * Math.tanh(c[j]);
        }
        h = hn;
        out.v.set(h, (s * time + t) * hidden);
      }
    }
    input = out;
  }
  return input;
}

/** Causal attention on one sequence x [T, d]. */
export function attention(w: W, prefix: string, x: Mat, heads: number): Mat {
  const d = x.cols;
  const T = x.rows;
  const dh = d / heads;
  const [qs, ks, vs] = ['q', 'k', 'v'].map((n) => dense(w, `${prefix}${n}/`, x, 'linear').v);
  const merged = mat(T, d);
  for (let hd = 0; hd < heads; hd++) {
    for (let i = 0; i < T; i++) {
      const scores: number[] = [];
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = 0; k < dh; k++) s += qs[i * d + hd * dh + k] * ks[j * d + hd * dh + k];
        scores.push(s / Math.sqrt(dh));
      }
      const mx = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - mx));
      const z = e.reduce((a, b) => a + b, 0);
      for (let k = 0; k < dh; k++) {
        let acc = 0;
        for (let j = 0; j <= i; j++) acc += (e[j] / z) * vs[j * d + hd * dh + k];
        merged.v[i * d + hd * dh + k] = acc;
      }
    }
  }
  return dense(w, `${prefix}out/`, merged, 'linear');
}

const add = (a: Mat, b: Mat): Mat =>
  mat(
    a.rows,
    a.cols,
    a.v.map((x, i) => x + b.v[i]),
  );

export function transformerBlock(w: W, p: string, x: Mat, heads: number, activation: string): Mat {
  const a = add(x, attention(w, `${p}attn/`, layerNorm(w, `${p}ln1/`, x), heads));
  const ff = dense(w, `${p}ff2/`, dense(w, `${p}ff1/`, layerNorm(w, `${p}ln2/`, a), activation), 'linear');
  return add(a, ff);
}

/** Feature-input transformer with learned positions on one sequence x [T, inputs]. */
export function transformer(w: W, x: Mat, d: number, heads: number, layers: number, activation: string): Mat {
  let h = dense(w, 'inProj/', x, 'linear');
  const pos = w.get('pos')!;
  h = mat(
    h.rows,
    d,
    h.v.map((v, i) => v + pos[i]),
  );
  for (let l = 0; l < layers; l++) h = transformerBlock(w, `block${l}/`, h, heads, activation);
  return layerNorm(w, 'lnF/', h);
}

/** Set encoder on one set x [N, F]; mask entries 0 drop rows from pooling. */
export function setEncoder(
  w: W,
  x: Mat,
  phiLayers: number,
  headLayers: number,
  mask?: number[],
): Float64Array {
  const h = layerNorm(w, 'ln/', mlp(w, 'phi/', x, phiLayers, 'relu'));
  const E = h.cols;
  const on = mask ?? new Array(h.rows).fill(1);
  const count = on.reduce((a, b) => a + b, 0);
  const joint = mat(h.rows, 3 * E);
  for (let j = 0; j < E; j++) {
    let sum = 0;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < h.rows; i++)
      if (on[i]) {
        sum += h.v[i * E + j];
        max = Math.max(max, h.v[i * E + j]);
      }
    for (let i = 0; i < h.rows; i++) {
      joint.v[i * 3 * E + j] = h.v[i * E + j];
      joint.v[i * 3 * E + E + j] = count > 0 ? sum / count : 0;
      joint.v[i * 3 * E + 2 * E + j] = count > 0 ? max : 0;
    }
  }
  return mlp(w, 'head/', joint, headLayers, 'relu').v;
}
