/**
 * Qlib Alpha158 (9 K-bar + 4 price + 29 rolling families x 5 windows = 158 features) in the
 * Agora expression language, evaluated in qlib mode (partial windows, as Qlib computes them).
 * `original` is the definition line of reference/alpha158.md; `formula` is our canonical text.
 */
import type { FactorSource } from './types.js';

const WINDOWS = [5, 10, 20, 30, 60] as const;
const EPS = '1e-12';
const FAMILY_FLAGS = ['qlib_partial_windows'] as const;

type Spec = readonly [name: string, original: string, formula: string];

const KBAR: readonly Spec[] = [
  ['KMID', 'KMID = (C−O)/O', '(close - open) / open'],
  ['KLEN', 'KLEN = (H−L)/O', '(high - low) / open'],
  ['KMID2', 'KMID2 = (C−O)/(H−L+1e-12)', `(close - open) / (high - low + ${EPS})`],
  ['KUP', 'KUP = (H−max(O,C))/O', '(high - greater(open, close)) / open'],
  ['KUP2', 'KUP2 = (H−max(O,C))/(H−L+1e-12)', `(high - greater(open, close)) / (high - low + ${EPS})`],
  ['KLOW', 'KLOW = (min(O,C)−L)/O', '(less(open, close) - low) / open'],
  ['KLOW2', 'KLOW2 = (min(O,C)−L)/(H−L+1e-12)', `(less(open, close) - low) / (high - low + ${EPS})`],
  ['KSFT', 'KSFT = (2C−H−L)/O', '(2 * close - high - low) / open'],
  ['KSFT2', 'KSFT2 = (2C−H−L)/(H−L+1e-12)', `(2 * close - high - low) / (high - low + ${EPS})`],
];

const PRICE: readonly Spec[] = ['open', 'high', 'low', 'vwap'].map((f) => [
  `${f.toUpperCase()}0`,
  `${f.toUpperCase()}0 = $${f}/$close`,
  `${f} / close`,
]);

const DC = 'close - ts_ref(close, 1)';
const DV = 'volume - ts_ref(volume, 1)';

/** Rolling families: name, reference line (with d), formula template for window d. */
const ROLLING: readonly (readonly [string, string, (d: number) => string])[] = [
  ['ROC', 'ROCd = Ref(C,d)/C', (d) => `ts_ref(close, ${d}) / close`],
  ['MA', 'MAd = Mean(C,d)/C', (d) => `ts_mean(close, ${d}) / close`],
  ['STD', 'STDd = Std(C,d)/C', (d) => `ts_std(close, ${d}) / close`],
  ['BETA', 'BETAd = Slope(C,d)/C', (d) => `ts_slope(close, ${d}) / close`],
  ['RSQR', 'RSQRd = Rsquare(C,d)', (d) => `ts_rsquare(close, ${d})`],
  ['RESI', 'RESId = Resi(C,d)/C', (d) => `ts_resi(close, ${d}) / close`],
  ['MAX', 'MAXd = Max(H,d)/C', (d) => `ts_max(high, ${d}) / close`],
  ['MIN', 'MINd = Min(L,d)/C', (d) => `ts_min(low, ${d}) / close`],
  ['QTLU', 'QTLUd = Quantile(C,d,0.8)/C', (d) => `ts_quantile(close, ${d}, 0.8) / close`],
  ['QTLD', 'QTLDd = Quantile(C,d,0.2)/C', (d) => `ts_quantile(close, ${d}, 0.2) / close`],
  ['RANK', 'RANKd = Rank(C,d)', (d) => `ts_rank(close, ${d})`],
  [
    'RSV',
    'RSVd = (C−Min(L,d))/(Max(H,d)−Min(L,d)+1e-12)',
    (d) => `(close - ts_min(low, ${d})) / (ts_max(high, ${d}) - ts_min(low, ${d}) + ${EPS})`,
  ],
  ['IMAX', 'IMAXd = IdxMax(H,d)/d', (d) => `ts_argmax_oldest(high, ${d}) / ${d}`],
  ['IMIN', 'IMINd = IdxMin(L,d)/d', (d) => `ts_argmin_oldest(low, ${d}) / ${d}`],
  [
    'IMXD',
    'IMXDd = (IdxMax(H,d)−IdxMin(L,d))/d',
    (d) => `(ts_argmax_oldest(high, ${d}) - ts_argmin_oldest(low, ${d})) / ${d}`,
  ],
  ['CORR', 'CORRd = Corr(C, Log(V+1), d)', (d) => `ts_corr(close, log(volume + 1), ${d})`],
  [
    'CORD',
    'CORDd = Corr(C/Ref(C,1), Log(V/Ref(V,1)+1), d)',
    (d) => `ts_corr(close / ts_ref(close, 1), log(volume / ts_ref(volume, 1) + 1), ${d})`,
  ],
  ['CNTP', 'CNTPd = Mean(C>Ref(C,1), d)', (d) => `ts_mean(close > ts_ref(close, 1), ${d})`],
  ['CNTN', 'CNTNd = Mean(C<Ref(C,1), d)', (d) => `ts_mean(close < ts_ref(close, 1), ${d})`],
  [
    'CNTD',
    'CNTDd = CNTPd − CNTNd',
    (d) => `ts_mean(close > ts_ref(close, 1), ${d}) - ts_mean(close < ts_ref(close, 1), ${d})`,
  ],
  [
    'SUMP',
    'SUMPd = Sum(Greater(C−Ref(C,1),0),d)/(Sum(Abs(C−Ref(C,1)),d)+1e-12)',
    (d) => sumRatio(DC, d, 'p'),
  ],
  ['SUMN', 'SUMNd = the same with Greater(Ref(C,1)−C,0)', (d) => sumRatio(DC, d, 'n')],
  ['SUMD', 'SUMDd = (gain − loss)/(Sum(Abs(ΔC),d)+1e-12)', (d) => sumRatio(DC, d, 'd')],
  ['VMA', 'VMAd = Mean(V,d)/(V+1e-12)', (d) => `ts_mean(volume, ${d}) / (volume + ${EPS})`],
  ['VSTD', 'VSTDd = Std(V,d)/(V+1e-12)', (d) => `ts_std(volume, ${d}) / (volume + ${EPS})`],
  [
    'WVMA',
    'WVMAd = Std(Abs(C/Ref(C,1)−1)·V,d)/(Mean(Abs(C/Ref(C,1)−1)·V,d)+1e-12)',
    (d) =>
      `ts_std(abs(close / ts_ref(close, 1) - 1) * volume, ${d}) / (ts_mean(abs(close / ts_ref(close, 1) - 1) * volume, ${d}) + ${EPS})`,
  ],
  ['VSUMP', 'VSUMPd = the SUMP analogue on volume', (d) => sumRatio(DV, d, 'p')],
  ['VSUMN', 'VSUMNd = the SUMN analogue on volume', (d) => sumRatio(DV, d, 'n')],
  ['VSUMD', 'VSUMDd = the SUMD analogue on volume', (d) => sumRatio(DV, d, 'd')],
];

/** Gain share (p), loss share (n) or their difference (d) of the absolute moves over d days. */
function sumRatio(delta: string, d: number, kind: 'p' | 'n' | 'd'): string {
  const gain = `ts_sum(greater(${delta}, 0), ${d})`;
  const loss = `ts_sum(greater(-(${delta}), 0), ${d})`;
  const total = `(ts_sum(abs(${delta}), ${d}) + ${EPS})`;
  const num = kind === 'p' ? gain : kind === 'n' ? loss : `(${gain} - ${loss})`;
  return `${num} / ${total}`;
}

function source(
  name: string,
  original: string,
  formula: string,
  extra: readonly string[] = [],
): FactorSource {
  return {
    id: `alpha158_${name}`,
    family: 'alpha158',
    original,
    formula,
    flags: [...FAMILY_FLAGS, ...extra],
  };
}

export const ALPHA158: readonly FactorSource[] = [
  ...KBAR.map(([n, o, f]) => source(n, o, f)),
  ...PRICE.map(([n, o, f]) => source(n, o, f)),
  ...ROLLING.flatMap(([name, original, formula]) =>
    WINDOWS.map((d) =>
      source(`${name}${d}`, original, formula(d), name.startsWith('IM') ? ['qlib_idx_from_oldest'] : []),
    ),
  ),
];
