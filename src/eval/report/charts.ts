/**
 * Vega-Lite specs for the evaluation charts. Every spec carries its data inline (values), so a
 * spec is self-contained and can be rendered without files or network. Series use ISO dates on a
 * temporal axis; non-finite points are dropped.
 */

export type VlSpec = Record<string, unknown>;

const WIDTH = 640;
const HEIGHT = 240;

function base(title: string, extra: VlSpec): VlSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    ...extra,
  };
}

/** Long-format rows {date, series, value} from named series over dates. */
export function seriesRows(dates: readonly string[], series: Record<string, ArrayLike<number>>): VlSpec[] {
  const rows: VlSpec[] = [];
  for (const [name, values] of Object.entries(series)) {
    for (let t = 0; t < dates.length; t++) {
      const v = values[t];
      if (Number.isFinite(v)) rows.push({ date: dates[t], series: name, value: v });
    }
  }
  return rows;
}

export function lineChart(
  title: string,
  dates: readonly string[],
  series: Record<string, ArrayLike<number>>,
  yTitle: string,
): VlSpec {
  return base(title, {
    data: { values: seriesRows(dates, series) },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'date', type: 'temporal', title: null, axis: { format: '%Y-%m' } },
      y: { field: 'value', type: 'quantitative', title: yTitle, scale: { zero: false } },
      color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'top', labelLimit: 400 } },
    },
  });
}

/** Running sum of a series, NaN contributing nothing. */
export function cumulative(x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i])) s += x[i];
    out[i] = s;
  }
  return out;
}

export function cumulativeIcChart(
  dates: readonly string[],
  ic: ArrayLike<number>,
  rankIc: ArrayLike<number>,
): VlSpec {
  return lineChart(
    'Cumulative IC',
    dates,
    { IC: cumulative(ic), RankIC: cumulative(rankIc) },
    'cumulative sum',
  );
}

export function histogramChart(title: string, values: ArrayLike<number>, xTitle: string): VlSpec {
  const rows: VlSpec[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) rows.push({ value: values[i] });
  return base(title, {
    data: { values: rows },
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      x: { field: 'value', type: 'quantitative', bin: { maxbins: 40 }, title: xTitle },
      y: { aggregate: 'count', type: 'quantitative', title: 'dates' },
    },
  });
}

export function quantileChart(meanByGroup: ArrayLike<number>, yTitle: string): VlSpec {
  const rows = Array.from({ length: meanByGroup.length }, (_, g) => ({
    group: `Q${g + 1}`,
    value: meanByGroup[g],
  }));
  return base('Mean forward return by signal quantile (Q1 = lowest)', {
    data: { values: rows.filter((r) => Number.isFinite(r.value)) },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'group', type: 'ordinal', title: null, sort: null, axis: { labelAngle: 0 } },
      y: { field: 'value', type: 'quantitative', title: yTitle },
      color: { condition: { test: 'datum.value < 0', value: '#e45756' }, value: '#4c78a8' },
    },
  });
}

export function equityChart(
  dates: readonly string[],
  equity: ArrayLike<number>,
  benchmark: ArrayLike<number>,
  gross?: ArrayLike<number>,
): VlSpec {
  const series: Record<string, ArrayLike<number>> = { strategy: equity, benchmark };
  if (gross) series['strategy (gross of costs)'] = gross;
  return lineChart('Equity vs benchmark (start = 1)', dates, series, 'growth of 1');
}

export function drawdownChart(dates: readonly string[], drawdown: ArrayLike<number>): VlSpec {
  const rows = seriesRows(dates, { drawdown: Float64Array.from(drawdown, (v) => -v) });
  return base('Drawdown', {
    data: { values: rows },
    mark: { type: 'area', color: '#e45756', opacity: 0.6, line: true },
    encoding: {
      x: { field: 'date', type: 'temporal', title: null, axis: { format: '%Y-%m' } },
      y: { field: 'value', type: 'quantitative', title: 'drawdown', axis: { format: '%' } },
    },
  });
}

export function turnoverChart(dates: readonly string[], turnover: ArrayLike<number>): VlSpec {
  return lineChart('Daily one-sided turnover', dates, { turnover }, 'fraction of equity');
}
