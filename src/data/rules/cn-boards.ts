/**
 * China A-share boards, told from the 6-digit code and exchange suffix of a Tushare-style symbol:
 * main board SH 600/601/603/605 and SZ 000/001/002/003 (the SZ SME board 002/003 merged into the
 * main board in 2021 and always had main-board limits); ChiNext 300/301; STAR 688/689; Beijing
 * Stock Exchange 8xx, 43x and 920 (suffix .BJ, or no usable suffix).
 */
export type CnBoard = 'main' | 'chinext' | 'star' | 'bse';

export const CN_BOARDS: readonly CnBoard[] = ['main', 'chinext', 'star', 'bse'];

/** The board of an A-share symbol (`600519.SH`), or undefined for indices, funds and non-A-shares. */
export function cnBoard(symbol: string): CnBoard | undefined {
  const m = /^(\d{6})\.(SH|SZ|BJ)$/.exec(symbol);
  if (!m) return undefined;
  const code = m[1];
  const ex = m[2];
  const p3 = code.slice(0, 3);
  if (ex === 'SH') {
    if (p3 === '600' || p3 === '601' || p3 === '603' || p3 === '605') return 'main';
    if (p3 === '688' || p3 === '689') return 'star';
    return undefined;
  }
  if (ex === 'SZ') {
    if (p3 === '000' || p3 === '001' || p3 === '002' || p3 === '003') return 'main';
    if (p3 === '300' || p3 === '301') return 'chinext';
    return undefined;
  }
  if (code[0] === '8' || p3.startsWith('43') || p3 === '920') return 'bse';
  return undefined;
}
