/**
 * Vega-Lite -> Vega -> SVG (headless View, renderer 'none') -> PNG (resvg). Text needs a font:
 * resvg loads system fonts and uses a sans-serif family that exists here (DejaVu Sans when
 * installed), and the specs ask Vega for the same family, so labels render in the PNG.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { AgoraError } from '../../core/index.js';
import type { VlSpec } from './charts.js';

const FONT_DIRS = [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  '/System/Library/Fonts',
  'C:\\Windows\\Fonts',
];
const FONT_FAMILY = 'DejaVu Sans';

export interface RenderedChart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
}

export async function renderSvg(spec: VlSpec): Promise<string> {
  const withFont = {
    ...spec,
    config: { font: `${FONT_FAMILY}, sans-serif`, ...(spec.config as object | undefined) },
  };
  let vgSpec: ReturnType<typeof compile>['spec'];
  try {
    vgSpec = compile(withFont as Parameters<typeof compile>[0]).spec;
  } catch (e) {
    throw new AgoraError('INTERNAL', `could not compile a chart spec: ${(e as Error).message}`);
  }
  const view = new View(parse(vgSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG bytes, size, and the raw RGBA pixels (for checks). */
export function svgToPng(
  svg: string,
  scale = 1,
): { png: Buffer; width: number; height: number; pixels: Buffer } {
  const fontDirs = FONT_DIRS.filter((d) => existsSync(d));
  const r = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, fontDirs, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  const img = r.render();
  return { png: img.asPng(), width: img.width, height: img.height, pixels: img.pixels };
}

export async function renderChart(spec: VlSpec, scale = 1): Promise<RenderedChart> {
  const svg = await renderSvg(spec);
  const { png, width, height } = svgToPng(svg, scale);
  return { svg, png, width, height };
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || sig.some((b, i) => bytes[i] !== b)) {
    throw new AgoraError('INVALID_ARGUMENT', 'not a PNG file (bad signature)');
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR')
    throw new AgoraError('INVALID_ARGUMENT', 'PNG without IHDR');
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}
