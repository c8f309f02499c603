/**
 * Errors that point into formula text: line/column (1-based), the offending line with a caret
 * under the position, and what was expected.
 */
import { AgoraError, type ErrorCode } from '../core/index.js';

export interface TextPosition {
  line: number;
  col: number;
}

export function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let start = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: end - start + 1 };
}

/** The line holding `offset` and a caret line under it (both indented by 4 spaces). */
export function caretSnippet(text: string, offset: number, width = 1): string {
  const { line, col } = positionOf(text, offset);
  const lineText = text.split('\n')[line - 1] ?? '';
  const caret = `${' '.repeat(col - 1)}${'^'.repeat(Math.max(1, width))}`;
  return `    ${lineText}\n    ${caret}`;
}

export interface FormulaErrorInit {
  code: Extract<ErrorCode, 'FORMULA_PARSE' | 'FORMULA_SEMANTIC'>;
  text: string;
  offset: number;
  width?: number;
  message: string;
  expected?: string;
  hint?: string;
}

export function formulaError(init: FormulaErrorInit): AgoraError {
  const { line, col } = positionOf(init.text, init.offset);
  const expected = init.expected ? `; expected ${init.expected}` : '';
  const message = `${init.message}${expected}\n${caretSnippet(init.text, init.offset, init.width)}`;
  return new AgoraError(init.code, message, {
    formula: init.text,
    offset: init.offset,
    expected: init.expected,
    hint: init.hint,
    line,
    col,
  });
}

/** Closest candidates by edit distance (for "did you mean"). */
export function didYouMean(name: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: [string, number][] = [];
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d <= Math.max(2, Math.floor(lower.length / 3))) scored.push([c, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  return scored.slice(0, max).map((s) => s[0]);
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + cost);
      diag = tmp;
    }
  }
  return prev[b.length];
}
