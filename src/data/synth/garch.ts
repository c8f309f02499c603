/**
 * GARCH(1,1) volatility paths: sigma2[t] = omega + alpha * e[t-1]^2 + beta * sigma2[t-1], with
 * omega = longRunVar * (1 - alpha - beta) so that the unconditional variance is `longRunVar`.
 * Shocks fed to the recursion are winsorised at 6 sigma, so one scripted crash does not blow the
 * variance up for weeks.
 */
export interface Garch {
  alpha: number;
  beta: number;
}

/** Next variance from the current variance and the current shock. */
export function garchNext(g: Garch, longRunVar: number, var0: number, shock: number): number {
  const cap = 36 * var0;
  const e2 = Math.min(shock * shock, cap);
  return longRunVar * (1 - g.alpha - g.beta) + g.alpha * e2 + g.beta * var0;
}
