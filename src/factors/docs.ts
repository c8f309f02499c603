/** Generated documentation: one Markdown page per factor and an index page per library. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { print } from '../expr/index.js';
import type { ComputedFactor, UnavailableFactor } from './compute.js';
import { describeFlag } from './flags.js';
import type { FactorEntry } from './registry.js';

export interface DocsCoverage {
  computed: Map<string, ComputedFactor>;
  unavailable: Map<string, UnavailableFactor>;
  /** One-line IC summary per factor id (when computed with data). */
  ic?: Map<string, string>;
  data?: string;
}

export function factorPage(f: FactorEntry, cov?: DocsCoverage): string {
  const lines = [
    `# ${f.id}`,
    '',
    `Family: ${f.family} (evaluated in ${f.mode} mode)`,
    '',
    '## Original text',
    '',
    '```',
    f.original,
    '```',
    '',
  ];
  if (f.note) lines.push(`Note: ${f.note}`, '');
  lines.push('## Agora formula', '');
  if (f.expr) lines.push('```', f.formula ?? print(f.expr), '```', '');
  else lines.push(`Not computable: ${f.unavailable?.reason ?? ''}`, '');
  lines.push(`- Inputs: ${f.fields.join(', ') || '(none)'}`, `- Look-back: ${f.lookback} rows`);
  lines.push(`- Flags: ${f.flags.length ? '' : '(none)'}`);
  for (const flag of f.flags) lines.push(`  - \`${flag}\`: ${describeFlag(flag)}`);
  if (cov) lines.push('', ...coverageLines(f, cov));
  return `${lines.join('\n')}\n`;
}

function coverageLines(f: FactorEntry, cov: DocsCoverage): string[] {
  const c = cov.computed.get(f.id);
  const u = cov.unavailable.get(f.id);
  const head = `## Coverage on ${cov.data ?? 'the data'}`;
  if (u) return [head, '', `Unavailable: ${u.status} (${u.reason})`];
  if (!c) return [head, '', 'Not computed.'];
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const out = [
    head,
    '',
    `- NaN ratio: ${pct(c.nanRatio)} overall, ${pct(c.nanRatioAfterWarmup)} after warm-up`,
  ];
  if (c.fallbacks.length) out.push(`- Fallbacks: ${c.fallbacks.join(', ')}`);
  const ic = cov.ic?.get(f.id);
  if (ic) out.push(`- IC: ${ic}`);
  return out;
}

export function libraryIndex(name: string, factors: readonly FactorEntry[], cov?: DocsCoverage): string {
  const rows = factors.map((f) => {
    const status =
      cov?.unavailable.get(f.id)?.status ?? (f.unavailable ? `needs ${f.unavailable.needs}` : 'ok');
    return `| [${f.id}](${f.id}.md) | ${f.lookback} | ${f.fields.join(' ')} | ${status} |`;
  });
  return [
    `# ${name}`,
    '',
    `${factors.length} factors.`,
    '',
    '| id | look-back | inputs | status |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** Write one page per factor plus an index per family under `dir`; returns the page count. */
export function writeDocs(dir: string, factors: readonly FactorEntry[], cov?: DocsCoverage): number {
  mkdirSync(dir, { recursive: true });
  const families = new Map<string, FactorEntry[]>();
  for (const f of factors) {
    writeFileSync(join(dir, `${f.id}.md`), factorPage(f, cov));
    families.set(f.family, [...(families.get(f.family) ?? []), f]);
  }
  for (const [name, list] of families) writeFileSync(join(dir, `${name}.md`), libraryIndex(name, list, cov));
  return factors.length;
}
