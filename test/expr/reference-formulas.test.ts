/**
 * Every formula of the three reference sets parses (Alpha101, GTJA191, Alpha158), prints to
 * canonical text that parses back to the same AST, and dispatches the documented ambiguous
 * names as operators.md says. Where the GTJA source text has a typo marked ⚠ in its errata, the
 * corrected text below is parsed instead (CORRECTIONS lists each one, with the reason).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../src/core/index.js';
import { type Expr, walk } from '../../src/expr/ast.js';
import { print, printQlib } from '../../src/expr/printer.js';
import { parse } from '../../src/expr/resolve.js';

const dataDir = sharedDataDir();
const refDir = dataDir ? join(dirname(dataDir), 'reference') : undefined;
const haveRefs = refDir !== undefined && existsSync(join(refDir, 'gtja191.md'));
const skipReason = 'shared reference texts (../shared/reference) not found';

function codeBlock(file: string): string[] {
  const text = readFileSync(join(refDir as string, file), 'utf8');
  const m = /```\n([\s\S]*?)```/.exec(text);
  return (m ? m[1] : '').split('\n').filter((l) => l.trim().length > 0);
}

function ops(e: Expr): string[] {
  const out: string[] = [];
  walk(e, (n) => {
    if (n.kind === 'call') out.push(n.op);
  });
  return out;
}

function roundTrips(e: Expr, dialect?: 'alpha101'): void {
  expect(parse(print(e))).toEqual(e);
  expect(parse(printQlib(e))).toEqual(e);
  if (dialect) expect(parse(print(e), { dialect })).toEqual(e);
}

const UP =
  'SUM(((HIGH+LOW)<=(DELAY(HIGH,1)+DELAY(LOW,1))?0:MAX(ABS(HIGH-DELAY(HIGH,1)),ABS(LOW-DELAY(LOW,1)))),12)';
const DN =
  'SUM(((HIGH+LOW)>=(DELAY(HIGH,1)+DELAY(LOW,1))?0:MAX(ABS(HIGH-DELAY(HIGH,1)),ABS(LOW-DELAY(LOW,1)))),12)';

/** GTJA texts parsed in corrected form: id -> [corrected text, reason]. */
const CORRECTIONS: Record<string, [string, string]> = {
  '005': ['(-1*TSMAX(CORR(TSRANK(VOLUME,5),TSRANK(HIGH,5),5),3))', 'YSRANK = TSRANK'],
  '010': ['(RANK(MAX(((RET<0)?STD(RET,20):CLOSE)^2,5)))', 'misplaced parenthesis; MAX(x,5) = TSMAX intended'],
  '022': [
    'SMA(((CLOSE-MEAN(CLOSE,6))/MEAN(CLOSE,6)-DELAY((CLOSE-MEAN(CLOSE,6))/MEAN(CLOSE,6),3)),12,1)',
    'SMEAN = SMA',
  ],
  '023': [
    'SMA((CLOSE>DELAY(CLOSE,1)?STD(CLOSE,20):0),20,1)/(SMA((CLOSE>DELAY(CLOSE,1)?STD(CLOSE,20):0),20,1)+SMA((CLOSE<=DELAY(CLOSE,1)?STD(CLOSE,20):0),20,1))*100',
    '"STD(CLOSE:20),0" = "STD(CLOSE,20):0"',
  ],
  '028': [
    '3*SMA((CLOSE-TSMIN(LOW,9))/(TSMAX(HIGH,9)-TSMIN(LOW,9))*100,3,1)-2*SMA(SMA((CLOSE-TSMIN(LOW,9))/(TSMAX(HIGH,9)-TSMIN(LOW,9))*100,3,1),3,1)',
    '2nd denominator = TSMAX(HIGH,9)-TSMIN(LOW,9)',
  ],
  '036': ['RANK(SUM(CORR(RANK(VOLUME),RANK(VWAP),6),2))', 'CORR window misplaced'],
  '050': [`(${UP}/(${UP}+${DN}))-(${DN}/(${DN}+${UP}))`, 'prose form expanded with UP and DN'],
  '051': [`${UP}/(${UP}+${DN})`, 'prose form expanded with UP and DN'],
  '052': [
    'SUM(MAX(0,HIGH-DELAY((HIGH+LOW+CLOSE)/3,1)),26)/SUM(MAX(0,DELAY((HIGH+LOW+CLOSE)/3,1)-LOW),26)*100',
    'L = LOW',
  ],
  '054': ['(-1*RANK((STD(ABS(CLOSE-OPEN),10)+(CLOSE-OPEN))+CORR(CLOSE,OPEN,10)))', 'STD window missing (10)'],
  '127': ['(MEAN((100*(CLOSE-MAX(CLOSE,12))/(MAX(CLOSE,12)))^2,12))^(1/2)', 'MEAN window missing (12)'],
  '131': ['(RANK(DELTA(VWAP,1))^TSRANK(CORR(CLOSE,MEAN(VOLUME,50),18),18))', 'DELAT = DELTA'],
  '159': [
    '((CLOSE-SUM(MIN(LOW,DELAY(CLOSE,1)),6))/SUM(MAX(HIGH,DELAY(CLOSE,1))-MIN(LOW,DELAY(CLOSE,1)),6)*12*24+(CLOSE-SUM(MIN(LOW,DELAY(CLOSE,1)),12))/SUM(MAX(HIGH,DELAY(CLOSE,1))-MIN(LOW,DELAY(CLOSE,1)),12)*6*24+(CLOSE-SUM(MIN(LOW,DELAY(CLOSE,1)),24))/SUM(MAX(HIGH,DELAY(CLOSE,1))-MIN(LOW,DELAY(CLOSE,1)),24)*6*24)*100/(6*12+6*24+12*24)',
    'HGIH = HIGH',
  ],
  '166': [
    '-20*(20-1)^1.5*SUM(CLOSE/DELAY(CLOSE,1)-1-MEAN(CLOSE/DELAY(CLOSE,1)-1,20),20)/((20-1)*(20-2)*(SUM((CLOSE/DELAY(CLOSE,1)-1-MEAN(CLOSE/DELAY(CLOSE,1)-1,20))^2,20))^1.5)',
    'malformed skewness estimator: missing "*" and the squared deviations restored',
  ],
  '181': [
    'SUM(((CLOSE/DELAY(CLOSE,1)-1)-MEAN((CLOSE/DELAY(CLOSE,1)-1),20))-(BANCHMARKINDEXCLOSE-MEAN(BANCHMARKINDEXCLOSE,20))^2,20)/SUM((BANCHMARKINDEXCLOSE-MEAN(BANCHMARKINDEXCLOSE,20))^3,20)',
    'last SUM lacks its window (20)',
  ],
};

/** GTJA texts corrected by a textual replacement of the raw line: id -> [from, to, reason]. */
const REPLACEMENTS: Record<string, [string, string, string]> = {
  '190': [
    'DELAY(CLOSE)',
    'DELAY(CLOSE,1)',
    'DELAY(CLOSE) = DELAY(CLOSE,1); parsed with its parenthesisation as printed',
  ],
};

function corrected(id: string, raw: string): string {
  const r = REPLACEMENTS[id];
  if (r) return raw.split(r[0]).join(r[1]);
  return CORRECTIONS[id]?.[0] ?? raw;
}

/** GTJA formulas that cannot be expressed (documented as unavailable, never faked). */
const UNAVAILABLE: Record<string, string> = {
  '030': 'needs Fama-French factors (MKT, SMB, HML) and a 3-regressor REGRESI, which no panel provides',
};

describe.skipIf(!haveRefs)(`Alpha101 formulas (${haveRefs ? 'reference found' : skipReason})`, () => {
  it('parses all 101 and round-trips them through both printers', () => {
    const lines = codeBlock('alpha101.md');
    expect(lines.length).toBe(101);
    for (const line of lines) {
      const m = /^Alpha#(\d+): (.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      const e = parse((m as RegExpExecArray)[2], { dialect: 'alpha101' });
      roundTrips(e, 'alpha101');
    }
  });

  it('dispatches the paper meanings (argmax from oldest, min(x, d) rolling, adv, IndClass)', () => {
    const f = Object.fromEntries(
      codeBlock('alpha101.md').map((l) => [l.split(':')[0], l.slice(l.indexOf(':') + 2)]),
    );
    expect(ops(parse(f['Alpha#1'], { dialect: 'alpha101' }))).toContain('ts_argmax_oldest');
    expect(ops(parse(f['Alpha#29'], { dialect: 'alpha101' }))[0]).toBe('add');
    expect(ops(parse(f['Alpha#29'], { dialect: 'alpha101' }))).toContain('ts_min');
    expect(ops(parse(f['Alpha#71'], { dialect: 'alpha101' }))[0]).toBe('greater');
    expect(print(parse('adv20'))).toBe('ts_mean(dollar_volume, 20)');
    expect(print(parse(f['Alpha#58'], { dialect: 'alpha101' }))).toContain('ind_neutralize(vwap, sector)');
    // Fractional windows are floored: correlation(..., 3.92795) -> 3, decay_linear(7.89291) -> 7.
    expect(print(parse(f['Alpha#58'], { dialect: 'alpha101' }))).toContain('volume, 3), 7), 5)');
  });
});

describe.skipIf(!haveRefs)('GTJA 191 formulas', () => {
  const entries = (): [string, string][] =>
    codeBlock('gtja191.md').map((l) => {
      const id = l.slice(0, 3);
      return [id, l.slice(4).split(/\s{2,}/)[0]];
    });

  it('parses all 191 (corrected where the errata marks a typo, 030 documented unavailable)', () => {
    const list = entries();
    expect(list.length).toBe(191);
    let parsed = 0;
    for (const [id, text] of list) {
      if (UNAVAILABLE[id]) continue;
      const src = corrected(id, text);
      let e: Expr;
      try {
        e = parse(src, { dialect: 'gtja' });
      } catch (err) {
        throw new Error(`GTJA ${id}: ${(err as Error).message}`);
      }
      roundTrips(e);
      parsed++;
    }
    expect(parsed).toBe(190);
  });

  it('documents why 030 is not parsed: its text names factors that do not exist', () => {
    const text = entries().find(([id]) => id === '030')?.[1] as string;
    expect(() => parse(text.replace('DELAY(CLOSE)', 'DELAY(CLOSE,1)'))).toThrow(/MKT|argument/);
  });

  it('applies the documented dispatch rules on the raw texts', () => {
    const byId = new Map(entries());
    const opsOf = (id: string) => ops(parse(corrected(id, byId.get(id) as string)));
    for (const id of ['007', '017', '041', '064', '091', '108', '119', '121', '154']) {
      expect(
        opsOf(id).some((o) => o === 'ts_max' || o === 'ts_min'),
        id,
      ).toBe(true);
    }
    expect(opsOf('063')).toContain('greater'); // MAX(x, 0): 0 is not a window -> element-wise
    expect(opsOf('021')).toContain('ts_slope'); // REGBETA(A, SEQUENCE(6))
    expect(opsOf('116')).toContain('ts_slope'); // REGBETA(A, SEQUENCE, 20)
    expect(opsOf('149')).toContain('ts_regbeta_where'); // FILTER pairs
    expect(opsOf('143')).toEqual(['gtja_self143']);
    expect(opsOf('165')).toContain('ts_sumac_max');
    expect(opsOf('144')).toContain('ts_sumif');
    expect(opsOf('009')).toContain('sma');
    expect(opsOf('146')).toContain('ts_mean'); // SMA(x, 60) without m
    expect(opsOf('069')).toContain('if'); // DTM / DBM macros
    expect(opsOf('182')).toContain('or'); // word operator OR
    expect(print(parse('SUMAC(X)'.replace('SUMAC(X)', 'MAX(SUMAC(CLOSE-MEAN(CLOSE,24)))')))).toBe(
      'ts_sumac_max(sub(close, ts_mean(close, 24)), 24)',
    );
  });
});

/** Alpha158 in Qlib operator text, written from the feature definitions in alpha158.md. */
function alpha158(): Record<string, string> {
  const f: Record<string, string> = {
    KMID: '($close-$open)/$open',
    KLEN: '($high-$low)/$open',
    KMID2: '($close-$open)/($high-$low+1e-12)',
    KUP: '($high-Greater($open, $close))/$open',
    KUP2: '($high-Greater($open, $close))/($high-$low+1e-12)',
    KLOW: '(Less($open, $close)-$low)/$open',
    KLOW2: '(Less($open, $close)-$low)/($high-$low+1e-12)',
    KSFT: '(2*$close-$high-$low)/$open',
    KSFT2: '(2*$close-$high-$low)/($high-$low+1e-12)',
    OPEN0: '$open/$close',
    HIGH0: '$high/$close',
    LOW0: '$low/$close',
    VWAP0: '$vwap/$close',
  };
  const gain = 'Greater($close-Ref($close, 1), 0)';
  const loss = 'Greater(Ref($close, 1)-$close, 0)';
  const vgain = 'Greater($volume-Ref($volume, 1), 0)';
  const vloss = 'Greater(Ref($volume, 1)-$volume, 0)';
  const absC = 'Abs($close-Ref($close, 1))';
  const absV = 'Abs($volume-Ref($volume, 1))';
  for (const d of [5, 10, 20, 30, 60]) {
    Object.assign(f, {
      [`ROC${d}`]: `Ref($close, ${d})/$close`,
      [`MA${d}`]: `Mean($close, ${d})/$close`,
      [`STD${d}`]: `Std($close, ${d})/$close`,
      [`BETA${d}`]: `Slope($close, ${d})/$close`,
      [`RSQR${d}`]: `Rsquare($close, ${d})`,
      [`RESI${d}`]: `Resi($close, ${d})/$close`,
      [`MAX${d}`]: `Max($high, ${d})/$close`,
      [`MIN${d}`]: `Min($low, ${d})/$close`,
      [`QTLU${d}`]: `Quantile($close, ${d}, 0.8)/$close`,
      [`QTLD${d}`]: `Quantile($close, ${d}, 0.2)/$close`,
      [`RANK${d}`]: `Rank($close, ${d})`,
      [`RSV${d}`]: `($close-Min($low, ${d}))/(Max($high, ${d})-Min($low, ${d})+1e-12)`,
      [`IMAX${d}`]: `IdxMax($high, ${d})/${d}`,
      [`IMIN${d}`]: `IdxMin($low, ${d})/${d}`,
      [`IMXD${d}`]: `(IdxMax($high, ${d})-IdxMin($low, ${d}))/${d}`,
      [`CORR${d}`]: `Corr($close, Log($volume+1), ${d})`,
      [`CORD${d}`]: `Corr($close/Ref($close, 1), Log($volume/Ref($volume, 1)+1), ${d})`,
      [`CNTP${d}`]: `Mean($close>Ref($close, 1), ${d})`,
      [`CNTN${d}`]: `Mean($close<Ref($close, 1), ${d})`,
      [`CNTD${d}`]: `Mean($close>Ref($close, 1), ${d})-Mean($close<Ref($close, 1), ${d})`,
      [`SUMP${d}`]: `Sum(${gain}, ${d})/(Sum(${absC}, ${d})+1e-12)`,
      [`SUMN${d}`]: `Sum(${loss}, ${d})/(Sum(${absC}, ${d})+1e-12)`,
      [`SUMD${d}`]: `(Sum(${gain}, ${d})-Sum(${loss}, ${d}))/(Sum(${absC}, ${d})+1e-12)`,
      [`VMA${d}`]: `Mean($volume, ${d})/($volume+1e-12)`,
      [`VSTD${d}`]: `Std($volume, ${d})/($volume+1e-12)`,
      [`WVMA${d}`]: `Std(Abs($close/Ref($close, 1)-1)*$volume, ${d})/(Mean(Abs($close/Ref($close, 1)-1)*$volume, ${d})+1e-12)`,
      [`VSUMP${d}`]: `Sum(${vgain}, ${d})/(Sum(${absV}, ${d})+1e-12)`,
      [`VSUMN${d}`]: `Sum(${vloss}, ${d})/(Sum(${absV}, ${d})+1e-12)`,
      [`VSUMD${d}`]: `(Sum(${vgain}, ${d})-Sum(${vloss}, ${d}))/(Sum(${absV}, ${d})+1e-12)`,
    });
  }
  return f;
}

describe('Alpha158 features (Qlib text)', () => {
  it('has 158 features that all parse and round-trip', () => {
    const f = alpha158();
    expect(Object.keys(f).length).toBe(158);
    for (const [name, text] of Object.entries(f)) {
      let e: Expr;
      try {
        e = parse(text, { dialect: 'qlib' });
      } catch (err) {
        throw new Error(`${name}: ${(err as Error).message}`);
      }
      roundTrips(e);
    }
  });

  it('reads Qlib names with Qlib meanings', () => {
    const f = alpha158();
    expect(print(parse(f.MAX20))).toBe('div(ts_max(high, 20), close)');
    expect(print(parse(f.RANK5))).toBe('ts_rank(close, 5)');
    expect(print(parse(f.IMAX10))).toBe('div(ts_argmax_oldest(high, 10), 10)');
    expect(print(parse(f.KUP))).toBe('div(sub(high, greater(open, close)), open)');
    expect(print(parse(f.QTLU30))).toBe('div(ts_quantile(close, 30, 0.8), close)');
  });

  it('parses the label with its future references', () => {
    expect(print(parse('Ref($close,-2)/Ref($close,-1) - 1'))).toBe(
      'sub(div(ts_ref(close, -2), ts_ref(close, -1)), 1)',
    );
  });
});
