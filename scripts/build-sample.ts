/**
 * Rebuilds the bundled real sample in data/ from the shared data (see data/README.md):
 *   npx tsx scripts/build-sample.ts [--shared <dir>]
 * Selection: among CSI300 stocks of cn_stocks_2010_2021.parquet that have a row on every trading
 * date of 2016-01-04..2021-12-31 ("full data"), the 60 with the most CSI300 member-days in that
 * span (ties: symbol order). Writes the stocks, the CSI300 index (000300.SH) over the same dates
 * and the matching membership intervals (clipped to the span), and prints their sha256.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundledDataDir, sha256File, sharedDataDir } from '../src/core/index.js';
import { loadMembership, loadPanel, membershipMask, writePanel } from '../src/data/index.js';

const FROM = '2016-01-01';
const TO = '2021-12-31';
const COUNT = 60;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { shared: { type: 'string' } } });
  const shared = values.shared ?? sharedDataDir();
  if (!shared) throw new Error('shared data folder not found: pass --shared <dir> or set AGORA_SHARED_DATA');
  const stocksFile = join(shared, 'cn_stocks_2010_2021.parquet');
  const indexFile = join(shared, 'cn_index_2010_2021.parquet');
  const memberFile = join(shared, 'cn_index_membership_2010_2021.csv');
  const panel = await loadPanel(stocksFile, { from: FROM, to: TO });
  const intervals = await loadMembership(memberFile, 'csi300');
  const member = membershipMask(panel, intervals);
  const scored: { symbol: string; days: number }[] = [];
  for (let a = 0; a < panel.N; a++) {
    let full = true;
    let days = 0;
    for (let t = 0; t < panel.T; t++) {
      const i = t * panel.N + a;
      if (panel.listed[i] !== 1) full = false;
      days += member[i];
    }
    if (full) scored.push({ symbol: panel.assets[a], days });
  }
  scored.sort((x, y) => y.days - x.days || (x.symbol < y.symbol ? -1 : 1));
  const chosen = scored
    .slice(0, COUNT)
    .map((s) => s.symbol)
    .sort();
  const sample = panel.selectSymbols(chosen);
  const out = {
    stocks: join(bundledDataDir, 'cn_sample_stocks_2016_2021.parquet'),
    index: join(bundledDataDir, 'cn_sample_index_2016_2021.parquet'),
    members: join(bundledDataDir, 'cn_sample_membership_2016_2021.csv'),
  };
  await writePanel(sample, out.stocks);
  await writePanel(await loadPanel(indexFile, { from: FROM, to: TO, symbols: ['000300.SH'] }), out.index);
  const lines = ['index,symbol,start_date,end_date'];
  for (const iv of intervals) {
    if (!chosen.includes(iv.symbol) || iv.end < FROM || iv.start > TO) continue;
    lines.push(`${iv.index},${iv.symbol},${iv.start < FROM ? FROM : iv.start},${iv.end > TO ? TO : iv.end}`);
  }
  writeFileSync(out.members, `${lines.join('\n')}\n`);
  const report = {
    eligible: scored.length,
    chosen: chosen.length,
    minMemberDays: scored[COUNT - 1]?.days,
    dates: sample.T,
    sources: {
      [stocksFile]: await sha256File(stocksFile),
      [indexFile]: await sha256File(indexFile),
      [memberFile]: await sha256File(memberFile),
    },
    outputs: Object.fromEntries(
      await Promise.all(Object.values(out).map(async (p) => [p, await sha256File(p)])),
    ),
    symbols: chosen,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

await main();
