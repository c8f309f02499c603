/**
 * The mining report: the pool table (formulas, weights, IC / RankIC per split), cumulative IC of
 * the combined alpha on every split, and a daily top-50 equal-weight backtest of the combined
 * alpha over the test split with all market rules and default costs, against the equal-weight
 * universe. Written as report.html (inline SVG charts) plus report.json with every number.
 */
import {
  cumulativeIcChart,
  dailyIc,
  drawdownChart,
  equalWeightReturns,
  equityChart,
  htmlPage,
  jsonSafe,
  keyValueTable,
  levelsFromReturns,
  makeStrategy,
  marketDataFromPanel,
  maxDrawdown,
  performanceMetrics,
  periodsPerYear,
  renderSvg,
  rowsTable,
  runBacktest,
} from '../eval/index.js';
import { type RunDirectory, writeFileAtomic } from '../runs/index.js';
import { type MiningData, partOf, rows } from './protocol.js';
import type { PoolScore } from './score.js';

export async function writeMiningReport(
  run: RunDirectory,
  data: MiningData,
  score: PoolScore,
): Promise<void> {
  const N = data.panel.N;
  const sections: { title: string; html: string }[] = [];
  const table = score.alphas.map((a) => {
    const row: Record<string, unknown> = { formula: a.formula, weight: a.weight };
    for (const [part, s] of Object.entries(a.scores)) {
      row[`${part} IC`] = s.ic;
      row[`${part} RankIC`] = s.rankIc;
    }
    return row;
  });
  const combinedRows = Object.entries(score.combined).map(([part, s]) => ({ split: part, ...s }));
  sections.push({ title: 'Combined alpha (pool)', html: rowsTable(combinedRows) });
  sections.push({ title: 'Pool members', html: rowsTable(table) });
  for (const p of data.parts) {
    const d = dailyIc({
      signal: rows(score.combinedValues, N, p),
      label: rows(data.label, N, p),
      eligible: data.eligible ? rows(data.eligible, N, p) : undefined,
      T: p.end - p.start,
      N,
    });
    const dates = data.panel.dates.slice(p.start, p.end);
    sections.push({
      title: `Cumulative IC, ${p.part} (${p.from}..${p.to})`,
      html: await renderSvg(cumulativeIcChart(dates, d.ic, d.rankIc)),
    });
  }
  const backtest = testBacktest(data, score.combinedValues);
  sections.push({
    title: 'Top-50 backtest of the combined alpha, test split',
    html: keyValueTable(backtest.metrics as unknown as Record<string, unknown>),
  });
  sections.push({
    title: 'Equity vs equal-weight universe (test)',
    html: await renderSvg(equityChart(backtest.dates, backtest.equity, backtest.benchmark)),
  });
  sections.push({
    title: 'Drawdown (test)',
    html: await renderSvg(drawdownChart(backtest.dates, backtest.drawdown)),
  });
  run.writeJson(
    'report.json',
    JSON.parse(
      JSON.stringify(
        { combined: score.combined, alphas: score.alphas, backtest: backtest.metrics },
        jsonSafe,
      ),
    ),
  );
  writeFileAtomic(run.file('report.html'), htmlPage('Agora mining run', sections));
}

function testBacktest(data: MiningData, combined: Float64Array) {
  const test = partOf(data, 'test');
  const panel = data.panel.sliceDates(test.start, test.end);
  const md = marketDataFromPanel(panel, { fill: 'open' });
  const scores = Float64Array.from(rows(combined, data.panel.N, test));
  const bt = runBacktest(md, scores, makeStrategy('topk', { k: 50 }));
  const benchReturns = equalWeightReturns(md);
  const metrics = performanceMetrics(bt, benchReturns, { periodsPerYear: periodsPerYear(panel) });
  const equity = Float64Array.from(bt.equity, (v) => v / bt.capital);
  const benchmark = levelsFromReturns(benchReturns);
  return { metrics, dates: panel.dates, equity, benchmark, drawdown: maxDrawdown(bt.returns).series };
}
