/**
 * Render a run directory: charts (SVG + PNG under charts/) and report.html, from results.json.
 * `agora eval` / `agora backtest` call this after writing results; `agora report` calls it again.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cumulativeIcChart,
  drawdownChart,
  equityChart,
  histogramChart,
  lineChart,
  quantileChart,
  turnoverChart,
  type VlSpec,
} from './charts.js';
import { type HtmlSection, htmlPage, keyValueTable, rowsTable } from './html.js';
import { renderChart } from './render.js';
import {
  type BacktestResults,
  type EvalResults,
  fromSeries,
  type RunResults,
  readResults,
} from './results.js';

export interface RenderedReport {
  html: string;
  charts: { name: string; svg: string; png: string; width: number; height: number }[];
}

function evalCharts(r: EvalResults): [string, VlSpec][] {
  const s = r.series;
  const h = (r.config.horizon as number | undefined) ?? 1;
  return [
    ['cumulative-ic', cumulativeIcChart(s.dates, fromSeries(s.ic), fromSeries(s.rankIc))],
    ['rank-ic-histogram', histogramChart('RankIC distribution', fromSeries(s.rankIc), 'daily RankIC')],
    ['quantile-returns', quantileChart(fromSeries(r.quantileMeans), `mean ${h}-day forward return`)],
    [
      'long-short',
      lineChart(
        `Cumulative long-short spread, top - bottom quantile (${h}-day spread / ${h} per day)`,
        s.dates,
        { 'long-short': cumulativeOf(fromSeries(s.longShort).map((v) => v / h)) },
        'cumulative return (simple sum)',
      ),
    ],
  ];
}

function cumulativeOf(x: Float64Array): Float64Array {
  let acc = 0;
  return x.map((v) => (acc += Number.isFinite(v) ? v : 0));
}

function backtestCharts(r: BacktestResults): [string, VlSpec][] {
  const s = r.series;
  return [
    [
      'equity',
      equityChart(s.dates, fromSeries(s.equity), fromSeries(s.benchmark), fromSeries(s.grossEquity)),
    ],
    ['drawdown', drawdownChart(s.dates, fromSeries(s.drawdown))],
    ['turnover', turnoverChart(s.dates, fromSeries(s.turnover))],
  ];
}

function sections(r: RunResults, charts: { name: string; svg: string }[]): HtmlSection[] {
  const out: HtmlSection[] = [{ title: 'Configuration', html: keyValueTable(r.config) }];
  if (r.kind === 'eval') {
    out.push({ title: 'Summary', html: keyValueTable(r.summary) });
    const decay = r.summary.decay as Record<string, unknown>[] | undefined;
    if (decay) out.push({ title: 'IC decay by label horizon', html: rowsTable(decay) });
    if (r.table) out.push({ title: 'Signals (sorted by |RankICIR|)', html: rowsTable(r.table) });
    const corr = r.summary.correlation as { names: string[]; matrix: (number | null)[][] } | undefined;
    if (corr)
      out.push({ title: 'Signal rank correlation (time average)', html: rowsTable(correlationRows(corr)) });
  } else {
    out.push({ title: 'Metrics', html: keyValueTable(r.metrics) });
    out.push({ title: 'Blocked fills by reason', html: keyValueTable(r.blockedByReason) });
    out.push({ title: 'Files', html: keyValueTable(r.files) });
  }
  out.push({ title: 'Charts', html: charts.map((c) => `<div class="chart">${c.svg}</div>`).join('\n') });
  return out;
}

function correlationRows(c: { names: string[]; matrix: (number | null)[][] }): Record<string, unknown>[] {
  return c.names.map((name, i) => {
    const row: Record<string, unknown> = { signal: `#${i + 1} ${name}` };
    for (let j = 0; j < c.names.length; j++) row[`#${j + 1}`] = c.matrix[i][j];
    return row;
  });
}

export async function renderReport(dir: string, results?: RunResults): Promise<RenderedReport> {
  const r = results ?? readResults(dir);
  const specs = r.kind === 'eval' ? evalCharts(r) : backtestCharts(r);
  const chartDir = join(dir, 'charts');
  mkdirSync(chartDir, { recursive: true });
  const charts: RenderedReport['charts'] = [];
  const inline: { name: string; svg: string }[] = [];
  for (const [name, spec] of specs) {
    const c = await renderChart(spec, 2);
    const svgPath = join(chartDir, `${name}.svg`);
    const pngPath = join(chartDir, `${name}.png`);
    writeFileSync(svgPath, c.svg);
    writeFileSync(pngPath, c.png);
    charts.push({ name, svg: svgPath, png: pngPath, width: c.width, height: c.height });
    inline.push({ name, svg: c.svg });
  }
  const title =
    r.kind === 'eval'
      ? `Signal evaluation: ${String(r.config.signal ?? '')}`
      : `Backtest: ${String(r.config.strategy ?? '')}`;
  const html = join(dir, 'report.html');
  writeFileSync(html, htmlPage(title, sections(r, inline)));
  return { html, charts };
}
