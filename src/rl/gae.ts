/**
 * Advantage and return estimates over a step-major rollout (index t*B + b). `dones[t*B+b] = 1`
 * means the episode of copy b ended with step t, so nothing after it is bootstrapped into step
 * t. The last step of the rollout bootstraps from `lastValues[b]` (the value of the state the
 * rollout stopped in) unless it was terminal.
 */
export interface GaeInput {
  rewards: Float64Array;
  values: Float64Array;
  dones: Uint8Array;
  lastValues: Float64Array;
  steps: number;
  envs: number;
}

/**
 * GAE(lambda): delta_t = r_t + gamma V_{t+1} (1 - d_t) - V_t and A_t = delta_t + gamma lambda
 * (1 - d_t) A_{t+1}; returns R_t = A_t + V_t. Writes into `adv` and `ret` (length T*B).
 */
export function computeGae(
  x: GaeInput,
  gamma: number,
  lambda: number,
  adv: Float64Array,
  ret: Float64Array,
): void {
  const { rewards, values, dones, lastValues, steps: T, envs: B } = x;
  for (let b = 0; b < B; b++) {
    let next = 0;
    let nextValue = lastValues[b];
    for (let t = T - 1; t >= 0; t--) {
      const i = t * B + b;
      const live = 1 - dones[i];
      const delta = rewards[i] + gamma * nextValue * live - values[i];
      next = delta + gamma * lambda * live * next;
      adv[i] = next;
      ret[i] = next + values[i];
      nextValue = values[i];
    }
  }
}

/**
 * Discounted returns-to-go R_t = r_t + gamma (1 - d_t) R_{t+1}, bootstrapping the rollout end
 * from `lastValues`. `complete[i]` is 1 when step i's episode ended inside the rollout (its
 * return is an exact Monte Carlo return, no bootstrap involved).
 */
export function discountedReturns(x: GaeInput, gamma: number, ret: Float64Array, complete: Uint8Array): void {
  const { rewards, dones, lastValues, steps: T, envs: B } = x;
  for (let b = 0; b < B; b++) {
    let next = lastValues[b];
    let ended = 0;
    for (let t = T - 1; t >= 0; t--) {
      const i = t * B + b;
      if (dones[i] === 1) {
        next = 0;
        ended = 1;
      }
      next = rewards[i] + gamma * next;
      ret[i] = next;
      complete[i] = ended;
    }
  }
}

/** In-place (x - mean) / (std + eps) over the whole array (population std). */
export function normalise(x: Float64Array, eps = 1e-8): void {
  const n = x.length;
  if (n === 0) return;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (x[i] - mean) * (x[i] - mean);
  const sd = Math.sqrt(v / n);
  for (let i = 0; i < n; i++) x[i] = (x[i] - mean) / (sd + eps);
}

/** 1 - Var(returns - values) / Var(returns): 1 is a perfect critic, 0 no better than a constant. */
export function explainedVariance(values: Float64Array, returns: Float64Array): number {
  const n = returns.length;
  if (n === 0) return Number.NaN;
  let mr = 0;
  let md = 0;
  for (let i = 0; i < n; i++) {
    mr += returns[i];
    md += returns[i] - values[i];
  }
  mr /= n;
  md /= n;
  let vr = 0;
  let vd = 0;
  for (let i = 0; i < n; i++) {
    vr += (returns[i] - mr) ** 2;
    vd += (returns[i] - values[i] - md) ** 2;
  }
  return vr === 0 ? Number.NaN : 1 - vd / vr;
}
