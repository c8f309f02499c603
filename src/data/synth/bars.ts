/**
 * One bar's prices from the previous close P, the close C and the bar volatility s:
 * open = P * exp(gapShare * log(C/P) + gapNoise * s * z1), high = max(open, close) * exp(rangeScale *
 * s * |z2|), low = min(open, close) * exp(-rangeScale * s * |z3|), each rounded to the tick (A-shares)
 * and clipped to the limit band [down, up]. Rounding is monotone and the band edges and the close
 * are on the tick, so low <= min(open, close) <= max(open, close) <= high always holds.
 */
export interface BarOut {
  open: number;
  high: number;
  low: number;
}

export interface BarShape {
  gapShare: number;
  gapNoise: number;
  rangeScale: number;
}

export type Rounder = (price: number) => number;

export function shapeBar(
  shape: BarShape,
  round: Rounder,
  prev: number,
  close: number,
  s: number,
  down: number,
  up: number,
  z: Float64Array,
  out: BarOut,
): void {
  const x = Math.log(close / prev);
  const open = clip(round(prev * Math.exp(shape.gapShare * x + shape.gapNoise * s * z[0])), down, up);
  const top = Math.max(open, close);
  const bottom = Math.min(open, close);
  out.open = open;
  out.high = clip(round(top * Math.exp(shape.rangeScale * s * Math.abs(z[1]))), top, up);
  out.low = clip(round(bottom * Math.exp(-shape.rangeScale * s * Math.abs(z[2]))), down, bottom);
}

export function clip(x: number, lo: number, hi: number): number {
  return x < lo ? lo : Math.min(x, hi);
}
