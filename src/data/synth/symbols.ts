/**
 * Realistic symbols and industry names. A-shares: Tushare-style codes drawn per board (SH main
 * 600/601/603/605, SZ main 000/001/002/003, ChiNext 300/301, STAR 688), unique and sorted.
 * Crypto: the large Binance USDT pairs first, then `SYNnnn/USDT`.
 */
import type { Rng } from '../../core/index.js';

export interface BoardShare {
  prefixes: readonly string[];
  suffix: 'SH' | 'SZ';
  weight: number;
  /** First date the board could list (STAR opened 2019-07-22, ChiNext 2009-10-30). */
  opens?: string;
}

export const CN_BOARD_SHARES: readonly BoardShare[] = [
  { prefixes: ['600', '601', '603', '605'], suffix: 'SH', weight: 0.42 },
  { prefixes: ['000', '001', '002', '003'], suffix: 'SZ', weight: 0.33 },
  { prefixes: ['300', '301'], suffix: 'SZ', weight: 0.15, opens: '2009-10-30' },
  { prefixes: ['688'], suffix: 'SH', weight: 0.1, opens: '2019-07-22' },
];

/** Shenwan level-1 style industries (28). */
export const CN_INDUSTRIES: readonly string[] = [
  'agriculture',
  'mining',
  'chemicals',
  'steel',
  'nonferrous_metals',
  'electronics',
  'household_appliances',
  'food_beverage',
  'textiles_apparel',
  'light_manufacturing',
  'pharmaceuticals',
  'utilities',
  'transportation',
  'real_estate',
  'retail',
  'leisure_services',
  'conglomerates',
  'building_materials',
  'construction',
  'electrical_equipment',
  'defense',
  'computers',
  'media',
  'telecom',
  'banks',
  'nonbank_financials',
  'automobiles',
  'machinery',
];

export const CRYPTO_SECTORS: readonly string[] = [
  'layer1',
  'layer2',
  'defi',
  'exchange',
  'payments',
  'meme',
  'infrastructure',
  'gaming',
];

const CRYPTO_BASES: readonly string[] = [
  'BTC',
  'ETH',
  'BNB',
  'XRP',
  'ADA',
  'SOL',
  'DOGE',
  'DOT',
  'MATIC',
  'LTC',
  'TRX',
  'AVAX',
  'LINK',
  'ATOM',
  'XLM',
  'ETC',
  'BCH',
  'FIL',
  'NEAR',
  'ALGO',
  'VET',
  'ICP',
  'EOS',
  'XTZ',
  'AAVE',
  'UNI',
  'SAND',
  'MANA',
  'AXS',
  'THETA',
  'EGLD',
  'FTM',
  'HBAR',
  'GRT',
  'KSM',
  'CAKE',
  'RUNE',
  'ZEC',
  'DASH',
  'NEO',
];

/** Industry names with `count` entries (generic names beyond the built-in list). */
export function industryNames(market: 'cn' | 'crypto', count: number): string[] {
  const base = market === 'cn' ? CN_INDUSTRIES : CRYPTO_SECTORS;
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(i < base.length ? base[i] : `industry_${i + 1}`);
  return out;
}

export function cryptoSymbols(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      i < CRYPTO_BASES.length ? `${CRYPTO_BASES[i]}/USDT` : `SYN${String(i + 1).padStart(4, '0')}/USDT`,
    );
  }
  return out;
}

/**
 * `n` unique A-share symbols, sorted. Boards whose opening date is after `lastDate` are left out.
 * Capacity per board is 1000 codes per prefix; asking for more than the boards hold is an error
 * raised by the caller's config limits (100k assets), far above the ~8,000 codes available here.
 */
export function cnSymbols(rng: Rng, n: number, lastDate: string): string[] {
  const boards = CN_BOARD_SHARES.filter((b) => !b.opens || b.opens <= lastDate);
  const total = boards.reduce((s, b) => s + b.weight, 0);
  const capacity = boards.reduce((s, b) => s + b.prefixes.length * 1000, 0);
  if (n > capacity) throw new RangeError(`at most ${capacity} synthetic A-share codes, asked for ${n}`);
  const seen = new Set<string>();
  while (seen.size < n) {
    let u = rng.uniform() * total;
    let board = boards[boards.length - 1];
    for (const b of boards) {
      if (u < b.weight) {
        board = b;
        break;
      }
      u -= b.weight;
    }
    const prefix = board.prefixes[rng.int(board.prefixes.length)];
    seen.add(`${prefix}${String(rng.int(1000)).padStart(3, '0')}.${board.suffix}`);
  }
  return [...seen].sort();
}

/** The first date an A-share symbol's board could list, if it has one. */
export function boardOpens(symbol: string): string | undefined {
  const p3 = symbol.slice(0, 3);
  return CN_BOARD_SHARES.find((b) => b.prefixes.includes(p3) && symbol.endsWith(b.suffix))?.opens;
}
