/**
 * WorldQuant "101 Formulaic Alphas" (Kakushadze 2016, Appendix A) in the Agora expression language.
 * `original` is the paper text as given in reference/alpha101.md; `formula` is our canonical text:
 * paper names mapped onto canonical operators (rank -> cs_rank, Ts_ArgMax -> ts_argmax_oldest,
 * min/max with a number -> ts_min/ts_max, scale(x) -> cs_scale(x, 1)...) and fractional windows
 * floored. Evaluated in canonical mode. Formula texts written for Agora from the reference.
 */
import type { FactorSource } from './types.js';

type Row = readonly [n: number, original: string, formula: string, flags?: readonly string[]];

const ROWS: readonly Row[] = [
  [
    1,
    '(rank(Ts_ArgMax(SignedPower(((returns < 0) ? stddev(returns, 20) : close), 2.), 5)) - 0.5)',
    'cs_rank(ts_argmax_oldest(signed_power((returns < 0) ? ts_std(returns, 20) : close, 2), 5)) - 0.5',
    ['alpha101_argmax_from_oldest'],
  ],
  [
    2,
    '(-1 * correlation(rank(delta(log(volume), 2)), rank(((close - open) / open)), 6))',
    '-1 * ts_corr(cs_rank(ts_delta(log(volume), 2)), cs_rank((close - open) / open), 6)',
  ],
  [3, '(-1 * correlation(rank(open), rank(volume), 10))', '-1 * ts_corr(cs_rank(open), cs_rank(volume), 10)'],
  [4, '(-1 * Ts_Rank(rank(low), 9))', '-1 * ts_rank(cs_rank(low), 9)'],
  [
    5,
    '(rank((open - (sum(vwap, 10) / 10))) * (-1 * abs(rank((close - vwap)))))',
    'cs_rank(open - ts_sum(vwap, 10) / 10) * (-1 * abs(cs_rank(close - vwap)))',
  ],
  [6, '(-1 * correlation(open, volume, 10))', '-1 * ts_corr(open, volume, 10)'],
  [
    7,
    '((adv20 < volume) ? ((-1 * ts_rank(abs(delta(close, 7)), 60)) * sign(delta(close, 7))) : (-1 * 1))',
    '(adv20 < volume) ? -1 * ts_rank(abs(ts_delta(close, 7)), 60) * sign(ts_delta(close, 7)) : -1',
  ],
  [
    8,
    '(-1 * rank(((sum(open, 5) * sum(returns, 5)) - delay((sum(open, 5) * sum(returns, 5)), 10))))',
    '-1 * cs_rank(ts_sum(open, 5) * ts_sum(returns, 5) - ts_ref(ts_sum(open, 5) * ts_sum(returns, 5), 10))',
  ],
  [
    9,
    '((0 < ts_min(delta(close, 1), 5)) ? delta(close, 1) : ((ts_max(delta(close, 1), 5) < 0) ? delta(close, 1) : (-1 * delta(close, 1))))',
    '(0 < ts_min(ts_delta(close, 1), 5)) ? ts_delta(close, 1) : ((ts_max(ts_delta(close, 1), 5) < 0) ? ts_delta(close, 1) : -1 * ts_delta(close, 1))',
  ],
  [
    10,
    'rank(((0 < ts_min(delta(close, 1), 4)) ? delta(close, 1) : ((ts_max(delta(close, 1), 4) < 0) ? delta(close, 1) : (-1 * delta(close, 1)))))',
    'cs_rank((0 < ts_min(ts_delta(close, 1), 4)) ? ts_delta(close, 1) : ((ts_max(ts_delta(close, 1), 4) < 0) ? ts_delta(close, 1) : -1 * ts_delta(close, 1)))',
  ],
  [
    11,
    '((rank(ts_max((vwap - close), 3)) + rank(ts_min((vwap - close), 3))) * rank(delta(volume, 3)))',
    '(cs_rank(ts_max(vwap - close, 3)) + cs_rank(ts_min(vwap - close, 3))) * cs_rank(ts_delta(volume, 3))',
  ],
  [
    12,
    '(sign(delta(volume, 1)) * (-1 * delta(close, 1)))',
    'sign(ts_delta(volume, 1)) * (-1 * ts_delta(close, 1))',
  ],
  [
    13,
    '(-1 * rank(covariance(rank(close), rank(volume), 5)))',
    '-1 * cs_rank(ts_cov(cs_rank(close), cs_rank(volume), 5))',
  ],
  [
    14,
    '((-1 * rank(delta(returns, 3))) * correlation(open, volume, 10))',
    '-1 * cs_rank(ts_delta(returns, 3)) * ts_corr(open, volume, 10)',
  ],
  [
    15,
    '(-1 * sum(rank(correlation(rank(high), rank(volume), 3)), 3))',
    '-1 * ts_sum(cs_rank(ts_corr(cs_rank(high), cs_rank(volume), 3)), 3)',
  ],
  [
    16,
    '(-1 * rank(covariance(rank(high), rank(volume), 5)))',
    '-1 * cs_rank(ts_cov(cs_rank(high), cs_rank(volume), 5))',
  ],
  [
    17,
    '(((-1 * rank(ts_rank(close, 10))) * rank(delta(delta(close, 1), 1))) * rank(ts_rank((volume / adv20), 5)))',
    '-1 * cs_rank(ts_rank(close, 10)) * cs_rank(ts_delta(ts_delta(close, 1), 1)) * cs_rank(ts_rank(volume / adv20, 5))',
  ],
  [
    18,
    '(-1 * rank(((stddev(abs((close - open)), 5) + (close - open)) + correlation(close, open, 10))))',
    '-1 * cs_rank(ts_std(abs(close - open), 5) + (close - open) + ts_corr(close, open, 10))',
  ],
  [
    19,
    '((-1 * sign(((close - delay(close, 7)) + delta(close, 7)))) * (1 + rank((1 + sum(returns, 250)))))',
    '-1 * sign(close - ts_ref(close, 7) + ts_delta(close, 7)) * (1 + cs_rank(1 + ts_sum(returns, 250)))',
  ],
  [
    20,
    '(((-1 * rank((open - delay(high, 1)))) * rank((open - delay(close, 1)))) * rank((open - delay(low, 1))))',
    '-1 * cs_rank(open - ts_ref(high, 1)) * cs_rank(open - ts_ref(close, 1)) * cs_rank(open - ts_ref(low, 1))',
  ],
  [
    21,
    '((((sum(close, 8) / 8) + stddev(close, 8)) < (sum(close, 2) / 2)) ? (-1 * 1) : (((sum(close, 2) / 2) < ((sum(close, 8) / 8) - stddev(close, 8))) ? 1 : (((1 < (volume / adv20)) || ((volume / adv20) == 1)) ? 1 : (-1 * 1))))',
    '((ts_sum(close, 8) / 8 + ts_std(close, 8)) < (ts_sum(close, 2) / 2)) ? -1 : (((ts_sum(close, 2) / 2) < (ts_sum(close, 8) / 8 - ts_std(close, 8))) ? 1 : (((1 < (volume / adv20)) || ((volume / adv20) == 1)) ? 1 : -1))',
  ],
  [
    22,
    '(-1 * (delta(correlation(high, volume, 5), 5) * rank(stddev(close, 20))))',
    '-1 * (ts_delta(ts_corr(high, volume, 5), 5) * cs_rank(ts_std(close, 20)))',
  ],
  [
    23,
    '(((sum(high, 20) / 20) < high) ? (-1 * delta(high, 2)) : 0)',
    '((ts_sum(high, 20) / 20) < high) ? -1 * ts_delta(high, 2) : 0',
  ],
  [
    24,
    '((((delta((sum(close, 100) / 100), 100) / delay(close, 100)) < 0.05) || ((delta((sum(close, 100) / 100), 100) / delay(close, 100)) == 0.05)) ? (-1 * (close - ts_min(close, 100))) : (-1 * delta(close, 3)))',
    '(((ts_delta(ts_sum(close, 100) / 100, 100) / ts_ref(close, 100)) < 0.05) || ((ts_delta(ts_sum(close, 100) / 100, 100) / ts_ref(close, 100)) == 0.05)) ? -1 * (close - ts_min(close, 100)) : -1 * ts_delta(close, 3)',
  ],
  [
    25,
    'rank(((((-1 * returns) * adv20) * vwap) * (high - close)))',
    'cs_rank(-1 * returns * adv20 * vwap * (high - close))',
  ],
  [
    26,
    '(-1 * ts_max(correlation(ts_rank(volume, 5), ts_rank(high, 5), 5), 3))',
    '-1 * ts_max(ts_corr(ts_rank(volume, 5), ts_rank(high, 5), 5), 3)',
  ],
  [
    27,
    '((0.5 < rank((sum(correlation(rank(volume), rank(vwap), 6), 2) / 2.0))) ? (-1 * 1) : 1)',
    '(0.5 < cs_rank(ts_sum(ts_corr(cs_rank(volume), cs_rank(vwap), 6), 2) / 2)) ? -1 : 1',
  ],
  [
    28,
    'scale(((correlation(adv20, low, 5) + ((high + low) / 2)) - close))',
    'cs_scale(ts_corr(adv20, low, 5) + (high + low) / 2 - close, 1)',
  ],
  [
    29,
    '(min(product(rank(rank(scale(log(sum(ts_min(rank(rank((-1 * rank(delta((close - 1), 5))))), 2), 1))))), 1), 5) + ts_rank(delay((-1 * returns), 6), 5))',
    'ts_min(ts_product(cs_rank(cs_rank(cs_scale(log(ts_sum(ts_min(cs_rank(cs_rank(-1 * cs_rank(ts_delta(close - 1, 5)))), 2), 1)), 1))), 1), 5) + ts_rank(ts_ref(-1 * returns, 6), 5)',
    ['alpha101_min_max_int_is_ts'],
  ],
  [
    30,
    '(((1.0 - rank(((sign((close - delay(close, 1))) + sign((delay(close, 1) - delay(close, 2)))) + sign((delay(close, 2) - delay(close, 3)))))) * sum(volume, 5)) / sum(volume, 20))',
    '(1 - cs_rank(sign(close - ts_ref(close, 1)) + sign(ts_ref(close, 1) - ts_ref(close, 2)) + sign(ts_ref(close, 2) - ts_ref(close, 3)))) * ts_sum(volume, 5) / ts_sum(volume, 20)',
  ],
  [
    31,
    '((rank(rank(rank(decay_linear((-1 * rank(rank(delta(close, 10)))), 10)))) + rank((-1 * delta(close, 3)))) + sign(scale(correlation(adv20, low, 12))))',
    'cs_rank(cs_rank(cs_rank(decay_linear(-1 * cs_rank(cs_rank(ts_delta(close, 10))), 10)))) + cs_rank(-1 * ts_delta(close, 3)) + sign(cs_scale(ts_corr(adv20, low, 12), 1))',
  ],
  [
    32,
    '(scale(((sum(close, 7) / 7) - close)) + (20 * scale(correlation(vwap, delay(close, 5), 230))))',
    'cs_scale(ts_sum(close, 7) / 7 - close, 1) + 20 * cs_scale(ts_corr(vwap, ts_ref(close, 5), 230), 1)',
  ],
  [33, 'rank((-1 * ((1 - (open / close))^1)))', 'cs_rank(-1 * ((1 - open / close) ^ 1))'],
  [
    34,
    'rank(((1 - rank((stddev(returns, 2) / stddev(returns, 5)))) + (1 - rank(delta(close, 1)))))',
    'cs_rank(1 - cs_rank(ts_std(returns, 2) / ts_std(returns, 5)) + (1 - cs_rank(ts_delta(close, 1))))',
  ],
  [
    35,
    '((Ts_Rank(volume, 32) * (1 - Ts_Rank(((close + high) - low), 16))) * (1 - Ts_Rank(returns, 32)))',
    'ts_rank(volume, 32) * (1 - ts_rank(close + high - low, 16)) * (1 - ts_rank(returns, 32))',
  ],
  [
    36,
    '(((((2.21 * rank(correlation((close - open), delay(volume, 1), 15))) + (0.7 * rank((open - close)))) + (0.73 * rank(Ts_Rank(delay((-1 * returns), 6), 5)))) + rank(abs(correlation(vwap, adv20, 6)))) + (0.6 * rank((((sum(close, 200) / 200) - open) * (close - open)))))',
    '2.21 * cs_rank(ts_corr(close - open, ts_ref(volume, 1), 15)) + 0.7 * cs_rank(open - close) + 0.73 * cs_rank(ts_rank(ts_ref(-1 * returns, 6), 5)) + cs_rank(abs(ts_corr(vwap, adv20, 6))) + 0.6 * cs_rank((ts_sum(close, 200) / 200 - open) * (close - open))',
  ],
  [
    37,
    '(rank(correlation(delay((open - close), 1), close, 200)) + rank((open - close)))',
    'cs_rank(ts_corr(ts_ref(open - close, 1), close, 200)) + cs_rank(open - close)',
  ],
  [
    38,
    '((-1 * rank(Ts_Rank(close, 10))) * rank((close / open)))',
    '-1 * cs_rank(ts_rank(close, 10)) * cs_rank(close / open)',
  ],
  [
    39,
    '((-1 * rank((delta(close, 7) * (1 - rank(decay_linear((volume / adv20), 9)))))) * (1 + rank(sum(returns, 250))))',
    '-1 * cs_rank(ts_delta(close, 7) * (1 - cs_rank(decay_linear(volume / adv20, 9)))) * (1 + cs_rank(ts_sum(returns, 250)))',
  ],
  [
    40,
    '((-1 * rank(stddev(high, 10))) * correlation(high, volume, 10))',
    '-1 * cs_rank(ts_std(high, 10)) * ts_corr(high, volume, 10)',
  ],
  [41, '(((high * low)^0.5) - vwap)', '((high * low) ^ 0.5) - vwap'],
  [42, '(rank((vwap - close)) / rank((vwap + close)))', 'cs_rank(vwap - close) / cs_rank(vwap + close)'],
  [
    43,
    '(ts_rank((volume / adv20), 20) * ts_rank((-1 * delta(close, 7)), 8))',
    'ts_rank(volume / adv20, 20) * ts_rank(-1 * ts_delta(close, 7), 8)',
  ],
  [44, '(-1 * correlation(high, rank(volume), 5))', '-1 * ts_corr(high, cs_rank(volume), 5)'],
  [
    45,
    '(-1 * ((rank((sum(delay(close, 5), 20) / 20)) * correlation(close, volume, 2)) * rank(correlation(sum(close, 5), sum(close, 20), 2))))',
    '-1 * (cs_rank(ts_sum(ts_ref(close, 5), 20) / 20) * ts_corr(close, volume, 2) * cs_rank(ts_corr(ts_sum(close, 5), ts_sum(close, 20), 2)))',
  ],
  [
    46,
    '((0.25 < (((delay(close, 20) - delay(close, 10)) / 10) - ((delay(close, 10) - close) / 10))) ? (-1 * 1) : (((((delay(close, 20) - delay(close, 10)) / 10) - ((delay(close, 10) - close) / 10)) < 0) ? 1 : ((-1 * 1) * (close - delay(close, 1)))))',
    '(0.25 < ((ts_ref(close, 20) - ts_ref(close, 10)) / 10 - (ts_ref(close, 10) - close) / 10)) ? -1 : ((((ts_ref(close, 20) - ts_ref(close, 10)) / 10 - (ts_ref(close, 10) - close) / 10) < 0) ? 1 : -1 * (close - ts_ref(close, 1)))',
  ],
  [
    47,
    '((((rank((1 / close)) * volume) / adv20) * ((high * rank((high - close))) / (sum(high, 5) / 5))) - rank((vwap - delay(vwap, 5))))',
    'cs_rank(1 / close) * volume / adv20 * (high * cs_rank(high - close) / (ts_sum(high, 5) / 5)) - cs_rank(vwap - ts_ref(vwap, 5))',
  ],
  [
    48,
    '(indneutralize(((correlation(delta(close, 1), delta(delay(close, 1), 1), 250) * delta(close, 1)) / close), IndClass.subindustry) / sum(((delta(close, 1) / delay(close, 1))^2), 250))',
    'ind_neutralize(ts_corr(ts_delta(close, 1), ts_delta(ts_ref(close, 1), 1), 250) * ts_delta(close, 1) / close, subindustry) / ts_sum((ts_delta(close, 1) / ts_ref(close, 1)) ^ 2, 250)',
  ],
  [
    49,
    '(((((delay(close, 20) - delay(close, 10)) / 10) - ((delay(close, 10) - close) / 10)) < (-1 * 0.1)) ? 1 : ((-1 * 1) * (close - delay(close, 1))))',
    '(((ts_ref(close, 20) - ts_ref(close, 10)) / 10 - (ts_ref(close, 10) - close) / 10) < (-0.1)) ? 1 : -1 * (close - ts_ref(close, 1))',
  ],
  [
    50,
    '(-1 * ts_max(rank(correlation(rank(volume), rank(vwap), 5)), 5))',
    '-1 * ts_max(cs_rank(ts_corr(cs_rank(volume), cs_rank(vwap), 5)), 5)',
  ],
  [
    51,
    '(((((delay(close, 20) - delay(close, 10)) / 10) - ((delay(close, 10) - close) / 10)) < (-1 * 0.05)) ? 1 : ((-1 * 1) * (close - delay(close, 1))))',
    '(((ts_ref(close, 20) - ts_ref(close, 10)) / 10 - (ts_ref(close, 10) - close) / 10) < (-0.05)) ? 1 : -1 * (close - ts_ref(close, 1))',
  ],
  [
    52,
    '((((-1 * ts_min(low, 5)) + delay(ts_min(low, 5), 5)) * rank(((sum(returns, 240) - sum(returns, 20)) / 220))) * ts_rank(volume, 5))',
    '(-1 * ts_min(low, 5) + ts_ref(ts_min(low, 5), 5)) * cs_rank((ts_sum(returns, 240) - ts_sum(returns, 20)) / 220) * ts_rank(volume, 5)',
  ],
  [
    53,
    '(-1 * delta((((close - low) - (high - close)) / (close - low)), 9))',
    '-1 * ts_delta((close - low - (high - close)) / (close - low), 9)',
  ],
  [
    54,
    '((-1 * ((low - close) * (open^5))) / ((low - high) * (close^5)))',
    '-1 * ((low - close) * (open ^ 5)) / ((low - high) * (close ^ 5))',
  ],
  [
    55,
    '(-1 * correlation(rank(((close - ts_min(low, 12)) / (ts_max(high, 12) - ts_min(low, 12)))), rank(volume), 6))',
    '-1 * ts_corr(cs_rank((close - ts_min(low, 12)) / (ts_max(high, 12) - ts_min(low, 12))), cs_rank(volume), 6)',
  ],
  [
    56,
    '(0 - (1 * (rank((sum(returns, 10) / sum(sum(returns, 2), 3))) * rank((returns * cap)))))',
    '0 - 1 * (cs_rank(ts_sum(returns, 10) / ts_sum(ts_sum(returns, 2), 3)) * cs_rank(returns * cap))',
  ],
  [
    57,
    '(0 - (1 * ((close - vwap) / decay_linear(rank(ts_argmax(close, 30)), 2))))',
    '0 - 1 * ((close - vwap) / decay_linear(cs_rank(ts_argmax_oldest(close, 30)), 2))',
    ['alpha101_argmax_from_oldest'],
  ],
  [
    58,
    '(-1 * Ts_Rank(decay_linear(correlation(IndNeutralize(vwap, IndClass.sector), volume, 3.92795), 7.89291), 5.50322))',
    '-1 * ts_rank(decay_linear(ts_corr(ind_neutralize(vwap, sector), volume, 3), 7), 5)',
  ],
  [
    59,
    '(-1 * Ts_Rank(decay_linear(correlation(IndNeutralize(((vwap * 0.728317) + (vwap * (1 - 0.728317))), IndClass.industry), volume, 4.25197), 16.2289), 8.19648))',
    '-1 * ts_rank(decay_linear(ts_corr(ind_neutralize(vwap * 0.728317 + vwap * 0.271683, industry), volume, 4), 16), 8)',
  ],
  [
    60,
    '(0 - (1 * ((2 * scale(rank(((((close - low) - (high - close)) / (high - low)) * volume)))) - scale(rank(ts_argmax(close, 10))))))',
    '0 - 1 * (2 * cs_scale(cs_rank((close - low - (high - close)) / (high - low) * volume), 1) - cs_scale(cs_rank(ts_argmax_oldest(close, 10)), 1))',
    ['alpha101_argmax_from_oldest'],
  ],
  [
    61,
    '(rank((vwap - ts_min(vwap, 16.1219))) < rank(correlation(vwap, adv180, 17.9282)))',
    'cs_rank(vwap - ts_min(vwap, 16)) < cs_rank(ts_corr(vwap, adv180, 17))',
  ],
  [
    62,
    '((rank(correlation(vwap, sum(adv20, 22.4101), 9.91009)) < rank(((rank(open) + rank(open)) < (rank(((high + low) / 2)) + rank(high))))) * -1)',
    '(cs_rank(ts_corr(vwap, ts_sum(adv20, 22), 9)) < cs_rank((cs_rank(open) + cs_rank(open)) < (cs_rank((high + low) / 2) + cs_rank(high)))) * -1',
  ],
  [
    63,
    '((rank(decay_linear(delta(IndNeutralize(close, IndClass.industry), 2.25164), 8.22237)) - rank(decay_linear(correlation(((vwap * 0.318108) + (open * (1 - 0.318108))), sum(adv180, 37.2467), 13.557), 12.2883))) * -1)',
    '(cs_rank(decay_linear(ts_delta(ind_neutralize(close, industry), 2), 8)) - cs_rank(decay_linear(ts_corr(vwap * 0.318108 + open * 0.681892, ts_sum(adv180, 37), 13), 12))) * -1',
  ],
  [
    64,
    '((rank(correlation(sum(((open * 0.178404) + (low * (1 - 0.178404))), 12.7054), sum(adv120, 12.7054), 16.6208)) < rank(delta(((((high + low) / 2) * 0.178404) + (vwap * (1 - 0.178404))), 3.69741))) * -1)',
    '(cs_rank(ts_corr(ts_sum(open * 0.178404 + low * 0.821596, 12), ts_sum(adv120, 12), 16)) < cs_rank(ts_delta((high + low) / 2 * 0.178404 + vwap * 0.821596, 3))) * -1',
  ],
  [
    65,
    '((rank(correlation(((open * 0.00817205) + (vwap * (1 - 0.00817205))), sum(adv60, 8.6911), 6.40374)) < rank((open - ts_min(open, 13.635)))) * -1)',
    '(cs_rank(ts_corr(open * 0.00817205 + vwap * 0.99182795, ts_sum(adv60, 8), 6)) < cs_rank(open - ts_min(open, 13))) * -1',
  ],
  [
    66,
    '((rank(decay_linear(delta(vwap, 3.51013), 7.23052)) + Ts_Rank(decay_linear(((((low * 0.96633) + (low * (1 - 0.96633))) - vwap) / (open - ((high + low) / 2))), 11.4157), 6.72611)) * -1)',
    '(cs_rank(decay_linear(ts_delta(vwap, 3), 7)) + ts_rank(decay_linear((low * 0.96633 + low * 0.03367 - vwap) / (open - (high + low) / 2), 11), 6)) * -1',
  ],
  [
    67,
    '((rank((high - ts_min(high, 2.14593)))^rank(correlation(IndNeutralize(vwap, IndClass.sector), IndNeutralize(adv20, IndClass.subindustry), 6.02936))) * -1)',
    '(cs_rank(high - ts_min(high, 2)) ^ cs_rank(ts_corr(ind_neutralize(vwap, sector), ind_neutralize(adv20, subindustry), 6))) * -1',
  ],
  [
    68,
    '((Ts_Rank(correlation(rank(high), rank(adv15), 8.91644), 13.9333) < rank(delta(((close * 0.518371) + (low * (1 - 0.518371))), 1.06157))) * -1)',
    '(ts_rank(ts_corr(cs_rank(high), cs_rank(adv15), 8), 13) < cs_rank(ts_delta(close * 0.518371 + low * 0.481629, 1))) * -1',
  ],
  [
    69,
    '((rank(ts_max(delta(IndNeutralize(vwap, IndClass.industry), 2.72412), 4.79344))^Ts_Rank(correlation(((close * 0.490655) + (vwap * (1 - 0.490655))), adv20, 4.92416), 9.0615)) * -1)',
    '(cs_rank(ts_max(ts_delta(ind_neutralize(vwap, industry), 2), 4)) ^ ts_rank(ts_corr(close * 0.490655 + vwap * 0.509345, adv20, 4), 9)) * -1',
  ],
  [
    70,
    '((rank(delta(vwap, 1.29456))^Ts_Rank(correlation(IndNeutralize(close, IndClass.industry), adv50, 17.8256), 17.9171)) * -1)',
    '(cs_rank(ts_delta(vwap, 1)) ^ ts_rank(ts_corr(ind_neutralize(close, industry), adv50, 17), 17)) * -1',
  ],
  [
    71,
    'max(Ts_Rank(decay_linear(correlation(Ts_Rank(close, 3.43976), Ts_Rank(adv180, 12.0647), 18.0175), 4.20501), 15.6948), Ts_Rank(decay_linear((rank(((low + open) - (vwap + vwap)))^2), 16.4662), 4.4388))',
    'greater(ts_rank(decay_linear(ts_corr(ts_rank(close, 3), ts_rank(adv180, 12), 18), 4), 15), ts_rank(decay_linear(cs_rank(low + open - (vwap + vwap)) ^ 2, 16), 4))',
  ],
  [
    72,
    '(rank(decay_linear(correlation(((high + low) / 2), adv40, 8.93345), 10.1519)) / rank(decay_linear(correlation(Ts_Rank(vwap, 3.72469), Ts_Rank(volume, 18.5188), 6.86671), 2.95011)))',
    'cs_rank(decay_linear(ts_corr((high + low) / 2, adv40, 8), 10)) / cs_rank(decay_linear(ts_corr(ts_rank(vwap, 3), ts_rank(volume, 18), 6), 2))',
  ],
  [
    73,
    '(max(rank(decay_linear(delta(vwap, 4.72775), 2.91864)), Ts_Rank(decay_linear(((delta(((open * 0.147155) + (low * (1 - 0.147155))), 2.03608) / ((open * 0.147155) + (low * (1 - 0.147155)))) * -1), 3.33829), 16.7411)) * -1)',
    'greater(cs_rank(decay_linear(ts_delta(vwap, 4), 2)), ts_rank(decay_linear(ts_delta(open * 0.147155 + low * 0.852845, 2) / (open * 0.147155 + low * 0.852845) * -1, 3), 16)) * -1',
  ],
  [
    74,
    '((rank(correlation(close, sum(adv30, 37.4843), 15.1365)) < rank(correlation(rank(((high * 0.0261661) + (vwap * (1 - 0.0261661)))), rank(volume), 11.4791))) * -1)',
    '(cs_rank(ts_corr(close, ts_sum(adv30, 37), 15)) < cs_rank(ts_corr(cs_rank(high * 0.0261661 + vwap * 0.9738339), cs_rank(volume), 11))) * -1',
  ],
  [
    75,
    '(rank(correlation(vwap, volume, 4.24304)) < rank(correlation(rank(low), rank(adv50), 12.4413)))',
    'cs_rank(ts_corr(vwap, volume, 4)) < cs_rank(ts_corr(cs_rank(low), cs_rank(adv50), 12))',
  ],
  [
    76,
    '(max(rank(decay_linear(delta(vwap, 1.24383), 11.8259)), Ts_Rank(decay_linear(Ts_Rank(correlation(IndNeutralize(low, IndClass.sector), adv81, 8.14941), 19.569), 17.1543), 19.383)) * -1)',
    'greater(cs_rank(decay_linear(ts_delta(vwap, 1), 11)), ts_rank(decay_linear(ts_rank(ts_corr(ind_neutralize(low, sector), adv81, 8), 19), 17), 19)) * -1',
  ],
  [
    77,
    'min(rank(decay_linear(((((high + low) / 2) + high) - (vwap + high)), 20.0451)), rank(decay_linear(correlation(((high + low) / 2), adv40, 3.1614), 5.64125)))',
    'less(cs_rank(decay_linear((high + low) / 2 + high - (vwap + high), 20)), cs_rank(decay_linear(ts_corr((high + low) / 2, adv40, 3), 5)))',
  ],
  [
    78,
    '(rank(correlation(sum(((low * 0.352233) + (vwap * (1 - 0.352233))), 19.7428), sum(adv40, 19.7428), 6.83313))^rank(correlation(rank(vwap), rank(volume), 5.77492)))',
    'cs_rank(ts_corr(ts_sum(low * 0.352233 + vwap * 0.647767, 19), ts_sum(adv40, 19), 6)) ^ cs_rank(ts_corr(cs_rank(vwap), cs_rank(volume), 5))',
  ],
  [
    79,
    '(rank(delta(IndNeutralize(((close * 0.60733) + (open * (1 - 0.60733))), IndClass.sector), 1.23438)) < rank(correlation(Ts_Rank(vwap, 3.60973), Ts_Rank(adv150, 9.18637), 14.6644)))',
    'cs_rank(ts_delta(ind_neutralize(close * 0.60733 + open * 0.39267, sector), 1)) < cs_rank(ts_corr(ts_rank(vwap, 3), ts_rank(adv150, 9), 14))',
  ],
  [
    80,
    '((rank(Sign(delta(IndNeutralize(((open * 0.868128) + (high * (1 - 0.868128))), IndClass.industry), 4.04545)))^Ts_Rank(correlation(high, adv10, 5.11456), 5.53756)) * -1)',
    '(cs_rank(sign(ts_delta(ind_neutralize(open * 0.868128 + high * 0.131872, industry), 4))) ^ ts_rank(ts_corr(high, adv10, 5), 5)) * -1',
  ],
  [
    81,
    '((rank(Log(product(rank((rank(correlation(vwap, sum(adv10, 49.6054), 8.47743))^4)), 14.9655))) < rank(correlation(rank(vwap), rank(volume), 5.07914))) * -1)',
    '(cs_rank(log(ts_product(cs_rank(cs_rank(ts_corr(vwap, ts_sum(adv10, 49), 8)) ^ 4), 14))) < cs_rank(ts_corr(cs_rank(vwap), cs_rank(volume), 5))) * -1',
  ],
  [
    82,
    '(min(rank(decay_linear(delta(open, 1.46063), 14.8717)), Ts_Rank(decay_linear(correlation(IndNeutralize(volume, IndClass.sector), ((open * 0.634196) + (open * (1 - 0.634196))), 17.4842), 6.92131), 13.4283)) * -1)',
    'less(cs_rank(decay_linear(ts_delta(open, 1), 14)), ts_rank(decay_linear(ts_corr(ind_neutralize(volume, sector), open * 0.634196 + open * 0.365804, 17), 6), 13)) * -1',
  ],
  [
    83,
    '((rank(delay(((high - low) / (sum(close, 5) / 5)), 2)) * rank(rank(volume))) / (((high - low) / (sum(close, 5) / 5)) / (vwap - close)))',
    'cs_rank(ts_ref((high - low) / (ts_sum(close, 5) / 5), 2)) * cs_rank(cs_rank(volume)) / ((high - low) / (ts_sum(close, 5) / 5) / (vwap - close))',
  ],
  [
    84,
    'SignedPower(Ts_Rank((vwap - ts_max(vwap, 15.3217)), 20.7127), delta(close, 4.96796))',
    'signed_power(ts_rank(vwap - ts_max(vwap, 15), 20), ts_delta(close, 4))',
  ],
  [
    85,
    '(rank(correlation(((high * 0.876703) + (close * (1 - 0.876703))), adv30, 9.61331))^rank(correlation(Ts_Rank(((high + low) / 2), 3.70596), Ts_Rank(volume, 10.1595), 7.11408)))',
    'cs_rank(ts_corr(high * 0.876703 + close * 0.123297, adv30, 9)) ^ cs_rank(ts_corr(ts_rank((high + low) / 2, 3), ts_rank(volume, 10), 7))',
  ],
  [
    86,
    '((Ts_Rank(correlation(close, sum(adv20, 14.7444), 6.00049), 20.4195) < rank(((open + close) - (vwap + open)))) * -1)',
    '(ts_rank(ts_corr(close, ts_sum(adv20, 14), 6), 20) < cs_rank(open + close - (vwap + open))) * -1',
  ],
  [
    87,
    '(max(rank(decay_linear(delta(((close * 0.369701) + (vwap * (1 - 0.369701))), 1.91233), 2.65461)), Ts_Rank(decay_linear(abs(correlation(IndNeutralize(adv81, IndClass.industry), close, 13.4132)), 4.89768), 14.4535)) * -1)',
    'greater(cs_rank(decay_linear(ts_delta(close * 0.369701 + vwap * 0.630299, 1), 2)), ts_rank(decay_linear(abs(ts_corr(ind_neutralize(adv81, industry), close, 13)), 4), 14)) * -1',
  ],
  [
    88,
    'min(rank(decay_linear(((rank(open) + rank(low)) - (rank(high) + rank(close))), 8.06882)), Ts_Rank(decay_linear(correlation(Ts_Rank(close, 8.44728), Ts_Rank(adv60, 20.6966), 8.01266), 6.65053), 2.61957))',
    'less(cs_rank(decay_linear(cs_rank(open) + cs_rank(low) - (cs_rank(high) + cs_rank(close)), 8)), ts_rank(decay_linear(ts_corr(ts_rank(close, 8), ts_rank(adv60, 20), 8), 6), 2))',
  ],
  [
    89,
    '(Ts_Rank(decay_linear(correlation(((low * 0.967285) + (low * (1 - 0.967285))), adv10, 6.94279), 5.51607), 3.79744) - Ts_Rank(decay_linear(delta(IndNeutralize(vwap, IndClass.industry), 3.48158), 10.1466), 15.3012))',
    'ts_rank(decay_linear(ts_corr(low * 0.967285 + low * 0.032715, adv10, 6), 5), 3) - ts_rank(decay_linear(ts_delta(ind_neutralize(vwap, industry), 3), 10), 15)',
  ],
  [
    90,
    '((rank((close - ts_max(close, 4.66719)))^Ts_Rank(correlation(IndNeutralize(adv40, IndClass.subindustry), low, 5.38375), 3.21856)) * -1)',
    '(cs_rank(close - ts_max(close, 4)) ^ ts_rank(ts_corr(ind_neutralize(adv40, subindustry), low, 5), 3)) * -1',
  ],
  [
    91,
    '((Ts_Rank(decay_linear(decay_linear(correlation(IndNeutralize(close, IndClass.industry), volume, 9.74928), 16.398), 3.83219), 4.8667) - rank(decay_linear(correlation(vwap, adv30, 4.01303), 2.6809))) * -1)',
    '(ts_rank(decay_linear(decay_linear(ts_corr(ind_neutralize(close, industry), volume, 9), 16), 3), 4) - cs_rank(decay_linear(ts_corr(vwap, adv30, 4), 2))) * -1',
  ],
  [
    92,
    'min(Ts_Rank(decay_linear(((((high + low) / 2) + close) < (low + open)), 14.7221), 18.8683), Ts_Rank(decay_linear(correlation(rank(low), rank(adv30), 7.58555), 6.94024), 6.80584))',
    'less(ts_rank(decay_linear(((high + low) / 2 + close) < (low + open), 14), 18), ts_rank(decay_linear(ts_corr(cs_rank(low), cs_rank(adv30), 7), 6), 6))',
  ],
  [
    93,
    '(Ts_Rank(decay_linear(correlation(IndNeutralize(vwap, IndClass.industry), adv81, 17.4193), 19.848), 7.54455) / rank(decay_linear(delta(((close * 0.524434) + (vwap * (1 - 0.524434))), 2.77377), 16.2664)))',
    'ts_rank(decay_linear(ts_corr(ind_neutralize(vwap, industry), adv81, 17), 19), 7) / cs_rank(decay_linear(ts_delta(close * 0.524434 + vwap * 0.475566, 2), 16))',
  ],
  [
    94,
    '((rank((vwap - ts_min(vwap, 11.5783)))^Ts_Rank(correlation(Ts_Rank(vwap, 19.6462), Ts_Rank(adv60, 4.02992), 18.0926), 2.70756)) * -1)',
    '(cs_rank(vwap - ts_min(vwap, 11)) ^ ts_rank(ts_corr(ts_rank(vwap, 19), ts_rank(adv60, 4), 18), 2)) * -1',
  ],
  [
    95,
    '(rank((open - ts_min(open, 12.4105))) < Ts_Rank((rank(correlation(sum(((high + low) / 2), 19.1351), sum(adv40, 19.1351), 12.8742))^5), 11.7584))',
    'cs_rank(open - ts_min(open, 12)) < ts_rank(cs_rank(ts_corr(ts_sum((high + low) / 2, 19), ts_sum(adv40, 19), 12)) ^ 5, 11)',
  ],
  [
    96,
    '(max(Ts_Rank(decay_linear(correlation(rank(vwap), rank(volume), 3.83878), 4.16783), 8.38151), Ts_Rank(decay_linear(Ts_ArgMax(correlation(Ts_Rank(close, 7.45404), Ts_Rank(adv60, 4.13242), 3.65459), 12.6556), 14.0365), 13.4143)) * -1)',
    'greater(ts_rank(decay_linear(ts_corr(cs_rank(vwap), cs_rank(volume), 3), 4), 8), ts_rank(decay_linear(ts_argmax_oldest(ts_corr(ts_rank(close, 7), ts_rank(adv60, 4), 3), 12), 14), 13)) * -1',
    ['alpha101_argmax_from_oldest'],
  ],
  [
    97,
    '((rank(decay_linear(delta(IndNeutralize(((low * 0.721001) + (vwap * (1 - 0.721001))), IndClass.industry), 3.3705), 20.4523)) - Ts_Rank(decay_linear(Ts_Rank(correlation(Ts_Rank(low, 7.87871), Ts_Rank(adv60, 17.255), 4.97547), 18.5925), 15.7152), 6.71659)) * -1)',
    '(cs_rank(decay_linear(ts_delta(ind_neutralize(low * 0.721001 + vwap * 0.278999, industry), 3), 20)) - ts_rank(decay_linear(ts_rank(ts_corr(ts_rank(low, 7), ts_rank(adv60, 17), 4), 18), 15), 6)) * -1',
  ],
  [
    98,
    '(rank(decay_linear(correlation(vwap, sum(adv5, 26.4719), 4.58418), 7.18088)) - rank(decay_linear(Ts_Rank(Ts_ArgMin(correlation(rank(open), rank(adv15), 20.8187), 8.62571), 6.95668), 8.07206)))',
    'cs_rank(decay_linear(ts_corr(vwap, ts_sum(adv5, 26), 4), 7)) - cs_rank(decay_linear(ts_rank(ts_argmin_oldest(ts_corr(cs_rank(open), cs_rank(adv15), 20), 8), 6), 8))',
    ['alpha101_argmax_from_oldest'],
  ],
  [
    99,
    '((rank(correlation(sum(((high + low) / 2), 19.8975), sum(adv60, 19.8975), 8.8136)) < rank(correlation(low, volume, 6.28259))) * -1)',
    '(cs_rank(ts_corr(ts_sum((high + low) / 2, 19), ts_sum(adv60, 19), 8)) < cs_rank(ts_corr(low, volume, 6))) * -1',
  ],
  [
    100,
    '(0 - (1 * (((1.5 * scale(indneutralize(indneutralize(rank(((((close - low) - (high - close)) / (high - low)) * volume)), IndClass.subindustry), IndClass.subindustry))) - scale(indneutralize((correlation(close, rank(adv20), 5) - rank(ts_argmin(close, 30))), IndClass.subindustry))) * (volume / adv20))))',
    '0 - 1 * ((1.5 * cs_scale(ind_neutralize(ind_neutralize(cs_rank((close - low - (high - close)) / (high - low) * volume), subindustry), subindustry), 1) - cs_scale(ind_neutralize(ts_corr(close, cs_rank(adv20), 5) - cs_rank(ts_argmin_oldest(close, 30)), subindustry), 1)) * (volume / adv20))',
    ['alpha101_argmax_from_oldest'],
  ],
  [101, '((close - open) / ((high - low) + .001))', '(close - open) / (high - low + 0.001)'],
];

export const ALPHA101_NOTES: Readonly<Record<number, string>> = {
  92: 'windows 14.7221 / 18.8683 / 7.58555 / 6.94024 / 6.80584; other transcriptions differ only in late digits (same after flooring)',
  94: "inner window is Ts_Rank(vwap, 19.6462); the '192' in one transcription is a typo",
};

export const ALPHA101: readonly FactorSource[] = ROWS.map(([n, original, formula, flags]) => ({
  id: `alpha101_${String(n).padStart(3, '0')}`,
  family: 'alpha101',
  original,
  formula,
  flags: flags ?? [],
  note: ALPHA101_NOTES[n],
}));
