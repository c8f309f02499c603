/**
 * Import of a Qlib data directory: `calendars/day.txt` (one date per line) and
 * `features/<symbol>/<field>.day.bin`, each a little-endian float32 array whose element 0 is the
 * start index into the calendar and the rest one value per calendar day. Symbol folders
 * (`sh600519`) are normalised (`600519.SH`). Qlib prices are adjusted (raw x `factor`): when a
 * `factor` field exists the panel is marked back-adjusted. Qlib's `change` unit varies between
 * dumps (fraction in Qlib's own data, percent in some community dumps), so it must be declared.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AgoraError } from '../../core/index.js';
import { ambiguousColumns, UNIT_CHOICES, type Unit, unitScale } from '../contract/declarations.js';
import { Panel } from '../panel.js';
import { normalizeSymbol, symbolFormat } from '../symbols.js';

export interface QlibOptions {
  units?: Record<string, Unit>;
  /** Only these fields (default: every `.day.bin` found). */
  fields?: readonly string[];
}

export function isQlibDir(path: string): boolean {
  return existsSync(join(path, 'calendars', 'day.txt')) && existsSync(join(path, 'features'));
}

function readCalendar(dir: string): string[] {
  const text = readFileSync(join(dir, 'calendars', 'day.txt'), 'utf8');
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().slice(0, 10))
    .filter((l) => l.length > 0);
}

function fieldsIn(featureDirs: readonly string[]): string[] {
  const set = new Set<string>();
  for (const d of featureDirs)
    for (const f of readdirSync(d)) if (f.endsWith('.day.bin')) set.add(f.slice(0, -8));
  return [...set].sort();
}

function readBin(file: string): Float32Array {
  const buf = readFileSync(file);
  if (buf.byteLength % 4 !== 0 || buf.byteLength < 4) {
    throw new AgoraError(
      'DATA_READ',
      `not a Qlib .day.bin (length ${buf.byteLength} is not a positive multiple of 4)`,
      {
        file,
        hint: 'the file should hold float32 values: a start index, then one value per calendar day',
      },
    );
  }
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Float32Array(copy.buffer);
}

function checkUnits(fields: readonly string[], units: Record<string, Unit>, dir: string): void {
  for (const f of ambiguousColumns(fields)) {
    if (units[f] === undefined) {
      throw new AgoraError('DATA_CONTRACT', `the unit of Qlib field '${f}' is ambiguous and not declared`, {
        file: dir,
        column: f,
        rule: 'undeclared-units',
        hint: `declare it, e.g. --units ${f}=${UNIT_CHOICES[f]?.[0] ?? 'fraction'}`,
      });
    }
  }
}

/** Load a Qlib directory into a panel (dates from the calendar that hold data). */
export function loadQlibDir(dir: string, options: QlibOptions = {}): Panel {
  if (!isQlibDir(dir)) {
    throw new AgoraError('NOT_FOUND', `not a Qlib data directory: ${dir}`, {
      file: dir,
      hint: 'expected calendars/day.txt and features/<symbol>/<field>.day.bin',
    });
  }
  const calendar = readCalendar(dir);
  const featRoot = join(dir, 'features');
  const symDirs = readdirSync(featRoot)
    .filter((d) => statSync(join(featRoot, d)).isDirectory())
    .sort();
  const assets = symDirs.map((d) => normalizeSymbol(d.toUpperCase()));
  const unknown = symDirs.filter((d) => symbolFormat(d.toUpperCase()) === undefined);
  if (unknown.length > 0) {
    throw new AgoraError(
      'DATA_CONTRACT',
      `Qlib symbol folders in no known format: ${unknown.slice(0, 5).join(', ')}`,
      {
        file: featRoot,
        rule: 'unknown-symbol-format',
        hint: 'name folders like sh600519 / sz000001',
      },
    );
  }
  const order = assets.map((_s, i) => i).sort((x, y) => (assets[x] < assets[y] ? -1 : 1));
  const fields = (options.fields ?? fieldsIn(symDirs.map((d) => join(featRoot, d)))).filter((f) => f !== '');
  checkUnits(fields, options.units ?? {}, dir);
  const T = calendar.length;
  const N = assets.length;
  const arrays = new Map(fields.map((f) => [f, new Float64Array(T * N).fill(Number.NaN)]));
  order.forEach((src, a) => {
    for (const f of fields) {
      const file = join(featRoot, symDirs[src], `${f}.day.bin`);
      if (!existsSync(file)) continue;
      const bin = readBin(file);
      const start = bin[0];
      const scale = unitScale(options.units?.[f]);
      const out = arrays.get(f)!;
      for (let k = 1; k < bin.length && start + k - 1 < T; k++) out[(start + k - 1) * N + a] = bin[k] * scale;
    }
  });
  return trimEmptyDates(
    new Panel({
      dates: calendar,
      assets: order.map((i) => assets[i]),
      fields: arrays,
      meta: {
        market: 'cn',
        frequency: '1d',
        source: dir,
        notes: { adjustment: arrays.has('factor') ? 'backward' : 'none' },
      },
    }),
  );
}

/** Qlib calendars run past the data; keep dates from the first to the last listed row. */
function trimEmptyDates(p: Panel): Panel {
  let first = p.T;
  let last = -1;
  for (let t = 0; t < p.T; t++) {
    for (let a = 0; a < p.N; a++) {
      if (p.listed[t * p.N + a] === 1) {
        if (t < first) first = t;
        last = t;
        break;
      }
    }
  }
  const close = p.hasField('close') ? p.field('close') : undefined;
  const volume = p.hasField('volume') ? p.field('volume') : undefined;
  const tradable = p.listed.map((l, i) => (l === 1 && volume !== undefined && volume[i] > 0 ? 1 : 0));
  const withMasks = new Panel({
    dates: p.dates,
    assets: p.assets,
    fields: new Map(p.fieldNames.map((f) => [f, p.field(f)])),
    listed: p.listed,
    tradable: close ? tradable : undefined,
    meta: p.meta,
  });
  return last < 0 ? withMasks.sliceDates(0, 0) : withMasks.sliceDates(first, last + 1);
}
