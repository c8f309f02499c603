/** Files every mining or baseline run writes: the input hash and the signal as Parquet. */
import { sha256Bytes, sha256File, sha256Text } from '../core/index.js';
import { Panel, writePanel } from '../data/index.js';
import type { MiningData } from './protocol.js';

/** Content hash of an in-memory panel (dates, assets and every field's bytes). */
export function panelHash(panel: Panel): string {
  const parts = [sha256Text(JSON.stringify([panel.dates, panel.assets, panel.fieldNames]))];
  for (const f of panel.fieldNames) parts.push(sha256Bytes(panel.field(f)));
  return sha256Text(parts.join(''));
}

/** The data record of a run: the file's sha256, or the in-memory panel's content hash. */
export async function dataRecord(path: string, panel?: Panel): Promise<{ path: string; hash: string }> {
  return { path, hash: panel ? panelHash(panel) : await sha256File(path) };
}

/** Write a signal over the whole panel as Parquet (field `alpha`), NaN outside the universe. */
export async function writeSignalParquet(
  path: string,
  data: MiningData,
  values: Float64Array,
): Promise<void> {
  const out = Float64Array.from(values);
  const el = data.eligible ?? data.panel.listed;
  for (let i = 0; i < out.length; i++) if (el[i] !== 1) out[i] = Number.NaN;
  const p = new Panel({
    dates: data.panel.dates,
    assets: data.panel.assets,
    fields: { alpha: out },
    listed: data.panel.listed,
    meta: data.panel.meta,
  });
  await writePanel(p, path);
}
