/** Printer round trip on random ASTs: parse(print(ast)) and parse(printQlib(ast)) deep-equal ast. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, type Expr, field, nodeCount, num } from '../../src/expr/ast.js';
import { print, printQlib } from '../../src/expr/printer.js';
import { parse } from '../../src/expr/resolve.js';
import { FIELDS, SIGNATURES, SIGNED_WINDOW_OPS } from '../../src/expr/signatures.js';

const seriesFields = [...FIELDS].filter(([, k]) => k === 'series').map(([n]) => n);
const groupFields = [...FIELDS].filter(([, k]) => k === 'group').map(([n]) => n);
const signatures = [...SIGNATURES.values()];

const constant = fc.oneof(
  fc.double({ noDefaultInfinity: false }),
  fc.integer({ min: -1000, max: 1000 }).map((v) => v / 8),
  fc.constantFrom(0, -0, 1, -1, 0.5, 1e-12, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

function windowFor(op: string): fc.Arbitrary<number> {
  return SIGNED_WINDOW_OPS.has(op) ? fc.integer({ min: -30, max: 300 }) : fc.integer({ min: 1, max: 300 });
}

const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 6, depthIdentifier: 'expr' },
    { arbitrary: fc.constantFrom(...seriesFields).map((n) => field(n) as Expr), weight: 2 },
    { arbitrary: constant.map((v) => num(v) as Expr), weight: 1 },
    {
      arbitrary: fc.constantFrom(...signatures).chain((sig) =>
        fc
          .tuple(
            ...sig.args.map((kind): fc.Arbitrary<Expr> => {
              if (kind === 'series') return tie('expr');
              if (kind === 'group') return fc.constantFrom(...groupFields).map((n) => field(n) as Expr);
              if (kind === 'window') return windowFor(sig.name).map((v) => num(v) as Expr);
              return constant.map((v) => num(v) as Expr);
            }),
          )
          .map((args) => call(sig.name, ...args) as Expr),
      ),
      weight: 4,
    },
  ),
})).expr;

describe('printer round trip (property)', () => {
  it('parse(print(ast)) deep-equals ast', () => {
    let largest = 0;
    fc.assert(
      fc.property(exprArb, (e) => {
        largest = Math.max(largest, nodeCount(e));
        expect(parse(print(e))).toEqual(e);
      }),
      { numRuns: 400 },
    );
    expect(largest).toBeGreaterThan(8); // the generator does build nested formulas
  });

  it('parse(printQlib(ast)) deep-equals ast', () => {
    fc.assert(
      fc.property(exprArb, (e) => {
        expect(parse(printQlib(e))).toEqual(e);
      }),
      { numRuns: 400 },
    );
  });

  it('prints numbers in shortest round-trip form', () => {
    expect(print(call('add', field('close'), num(0.1 + 0.2)))).toBe('add(close, 0.30000000000000004)');
    expect(print(num(-0))).toBe('-0');
    expect(printQlib(call('ts_mean', field('close'), num(20)))).toBe('Mean($close, 20)');
  });
});
