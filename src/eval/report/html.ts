/** A self-contained HTML report: inline SVG charts and tables, no external assets. */

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '–';
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : v.toFixed(4);
  }
  if (typeof v === 'object') return escapeHtml(JSON.stringify(v));
  return escapeHtml(String(v));
}

/** Key/value table of the scalar entries of an object (nested objects flattened with dots). */
export function keyValueTable(obj: Record<string, unknown>, prefix = ''): string {
  const rows: string[] = [];
  const walk = (o: Record<string, unknown>, p: string) => {
    for (const [k, v] of Object.entries(o)) {
      const name = p ? `${p}.${k}` : k;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, name);
      else if (!Array.isArray(v))
        rows.push(`<tr><th>${escapeHtml(name)}</th><td>${formatValue(v)}</td></tr>`);
    }
  };
  walk(obj, prefix);
  return `<table class="kv">${rows.join('')}</table>`;
}

export function rowsTable(rows: Record<string, unknown>[], maxRows = 500): string {
  if (rows.length === 0) return '<p>(none)</p>';
  const cols = Object.keys(rows[0]);
  const head = cols.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows
    .slice(0, maxRows)
    .map((r) => `<tr>${cols.map((c) => `<td>${formatValue(r[c])}</td>`).join('')}</tr>`)
    .join('');
  const more = rows.length > maxRows ? `<p>${rows.length - maxRows} more rows in results.json</p>` : '';
  return `<table class="rows"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
}

export interface HtmlSection {
  title: string;
  html: string;
}

export function htmlPage(title: string, sections: HtmlSection[]): string {
  const style = `body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}
th{background:#f5f5f5}table.kv th{text-align:left}.chart{margin:12px 0}`;
  const body = sections.map((s) => `<section><h2>${escapeHtml(s.title)}</h2>${s.html}</section>`).join('\n');
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${style}</style></head>\n<body><h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>\n`;
}
